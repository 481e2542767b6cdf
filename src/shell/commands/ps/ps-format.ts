/**
 * ps output formatting, ported from procps-ng 4.0.2 ps/output.c: the format-specifier table
 * (header, default width, justification, PIDMAX sizing), the value printers, the sort keys,
 * format-list parsing ("pid,ppid,wchan:20,cmd", "pid=" headers), and show_one_proc's column
 * layout algorithm — right-justified numbers that overflow push later columns right, and the
 * last (unlimited) column is cut at the terminal width on a tty.
 */
import { cgroupPathOf, ctime, type Host } from "../../../engine/index.js";
import {
  argsOf, commOf, cpuTimeHms, elapsedS, etimeText, HZ, pcpuTenths, pidDigits, pmemTenths, startEpochMs, statOf, stimeText, type Task,
} from "./proc-view.js";

type Just = "left" | "right" | "user" | "wchan" | "unlimited";

export interface PrintCtx {
  host: Host;
  /** unix -f: comm prints the full command line */
  fullComm: boolean;
  /** forest prefix for args/comm (already rendered) */
  forest: string;
}

export interface FieldSpec {
  key: string;
  header: string;
  width: number;
  just: Just;
  pidmax?: boolean;
  pr(c: PrintCtx, t: Task, room: number): string;
  sort?(c: PrintCtx, t: Task): number | string;
}

/** kernel "priority" as /proc/PID/stat reports it: 20+nice, -100 for SCHED_FIFO 99 */
export function priorityOf(t: Task): number {
  return t.realtime ? -100 : 20 + t.nice;
}

function cut(s: string, room: number): string {
  return s.length > room ? s.slice(0, Math.max(0, room)) : s;
}

function userName(name: string, room: number): string {
  if (name.length <= room) return name;
  if (room >= 1) return name.slice(0, room - 1) + "+";
  return name;
}

const num = (f: (c: PrintCtx, t: Task) => number) => ({ pr: (c: PrintCtx, t: Task) => String(f(c, t)), sort: f });

function pcpuText(c: PrintCtx, t: Task): string {
  const p = pcpuTenths(c.host, t);
  return p > 999 ? String(Math.floor(p / 10)) : `${Math.floor(p / 10)}.${p % 10}`;
}

function pmemText(c: PrintCtx, t: Task): string {
  const p = pmemTenths(c.host, t);
  return `${String(Math.floor(p / 10)).padStart(2, " ")}.${p % 10}`;
}

function bsdtime(t: Task): string {
  const u = Math.floor(t.ticks / HZ);
  return `${String(Math.floor(u / 60)).padStart(3, " ")}:${String(u % 60).padStart(2, "0")}`;
}

function bsdstart(c: PrintCtx, t: Task): string {
  const st = startEpochMs(c.host, t);
  const ago = (c.host.epochMs() - st) / 1000;
  const s = ctime(st);
  return ago > 86400 ? s.slice(4, 10) : s.slice(10, 16);
}

function startText(c: PrintCtx, t: Task): string {
  const st = startEpochMs(c.host, t);
  const s = ctime(st).split("");
  if (s[8] === " ") s[8] = "0";
  if (s[11] === " ") s[11] = "0";
  const str = s.join("");
  if (st + 86400000 > c.host.epochMs()) return str.slice(11, 19);
  return `  ${str.slice(4, 10)}`;
}

function command(c: PrintCtx, t: Task, room: number): string {
  return cut(c.forest + argsOf(t), room);
}

function commText(c: PrintCtx, t: Task, room: number): string {
  return cut(c.forest + (c.fullComm ? argsOf(t) : commOf(t)), room);
}

/** systemd's view of a task's cgroup (sd_pid_get_unit / _slice / _user_unit); "-" when none */
function cgroupOf(c: PrintCtx, t: Task): string {
  return t.proc ? cgroupPathOf(c.host, t.proc) : "/";
}
function sdUnit(c: PrintCtx, t: Task, kind: "unit" | "slice" | "uunit"): string {
  const parts = cgroupOf(c, t).split("/").filter(Boolean);
  if (kind === "slice") return [...parts].reverse().find((x) => x.endsWith(".slice")) ?? "-.slice";
  const userAt = parts.findIndex((x) => x.startsWith("user@"));
  if (kind === "uunit") return userAt >= 0 ? (parts.slice(userAt + 1).find((x) => /\.(service|scope)$/.test(x)) ?? "-") : "-";
  if (userAt >= 0) return parts[userAt]!;
  return parts.find((x) => /\.(service|scope|socket|mount)$/.test(x)) ?? "-";
}

const CLASS = (t: Task): string => (t.realtime ? "FF" : "TS");

const SPECS: FieldSpec[] = [
  { key: "%cpu", header: "%CPU", width: 4, just: "right", pr: pcpuText, sort: (c, t) => pcpuTenths(c.host, t) },
  { key: "%mem", header: "%MEM", width: 4, just: "right", pr: pmemText, sort: (c, t) => t.rssKiB },
  { key: "addr", header: "ADDR", width: 4, just: "right", pr: () => "-" },
  { key: "args", header: "COMMAND", width: 27, just: "unlimited", pr: command, sort: (_c, t) => argsOf(t) },
  { key: "bsdstart", header: "START", width: 6, just: "right", pr: bsdstart, sort: (_c, t) => t.startMs },
  { key: "bsdtime", header: "TIME", width: 6, just: "right", pr: (_c, t) => bsdtime(t), sort: (_c, t) => t.ticks },
  { key: "c", header: "C", width: 2, just: "right", pr: (c, t) => String(Math.min(99, Math.floor(pcpuTenths(c.host, t) / 10))), sort: (c, t) => pcpuTenths(c.host, t) },
  { key: "cgname", header: "CGNAME", width: 27, just: "unlimited", pr: (c, t, r) => cut(cgroupOf(c, t), r), sort: (c, t) => cgroupOf(c, t) },
  { key: "cgroup", header: "CGROUP", width: 27, just: "unlimited", pr: (c, t, r) => cut(`0::${cgroupOf(c, t)}`, r), sort: (c, t) => cgroupOf(c, t) },
  { key: "class", header: "CLS", width: 3, just: "left", pr: (_c, t) => CLASS(t) },
  { key: "cls", header: "CLS", width: 3, just: "right", pr: (_c, t) => CLASS(t) },
  { key: "cmd", header: "CMD", width: 27, just: "unlimited", pr: command, sort: (_c, t) => argsOf(t) },
  { key: "comm", header: "COMMAND", width: 15, just: "unlimited", pr: commText, sort: (_c, t) => t.comm },
  { key: "command", header: "COMMAND", width: 27, just: "unlimited", pr: command, sort: (_c, t) => argsOf(t) },
  { key: "cp", header: "CP", width: 3, just: "right", pr: (c, t) => String(Math.min(999, pcpuTenths(c.host, t))), sort: (c, t) => pcpuTenths(c.host, t) },
  { key: "cputime", header: "TIME", width: 8, just: "right", pr: (_c, t) => cpuTimeHms(t.ticks), sort: (_c, t) => t.ticks },
  { key: "cputimes", header: "TIME", width: 8, just: "right", ...num((_c, t) => Math.floor(t.ticks / HZ)) },
  { key: "egid", header: "EGID", width: 5, just: "right", ...num((_c, t) => t.gid) },
  { key: "egroup", header: "EGROUP", width: 8, just: "user", pr: (c, t, r) => userName(c.host.groupName(t.gid), r), sort: (c, t) => c.host.groupName(t.gid) },
  { key: "etime", header: "ELAPSED", width: 11, just: "right", pr: (c, t) => etimeText(elapsedS(c.host, t)), sort: (c, t) => elapsedS(c.host, t) },
  { key: "etimes", header: "ELAPSED", width: 7, just: "right", ...num((c, t) => Math.floor(elapsedS(c.host, t))) },
  { key: "euid", header: "EUID", width: 5, just: "right", ...num((_c, t) => t.uid) },
  { key: "euser", header: "EUSER", width: 8, just: "user", pr: (_c, t, r) => userName(t.user, r), sort: (_c, t) => t.user },
  { key: "f", header: "F", width: 1, just: "right", pr: (_c, t) => (t.kthread ? "1" : t.state === "Z" ? "4" : "0") },
  { key: "flags", header: "F", width: 1, just: "right", pr: (_c, t) => (t.kthread ? "1" : t.state === "Z" ? "4" : "0") },
  { key: "gid", header: "GID", width: 5, just: "right", ...num((_c, t) => t.gid) },
  { key: "group", header: "GROUP", width: 8, just: "user", pr: (c, t, r) => userName(c.host.groupName(t.gid), r), sort: (c, t) => c.host.groupName(t.gid) },
  { key: "lstart", header: "STARTED", width: 24, just: "right", pr: (c, t) => ctime(startEpochMs(c.host, t)), sort: (_c, t) => t.startMs },
  { key: "lwp", header: "LWP", width: 5, just: "right", pidmax: true, ...num((_c, t) => t.tid) },
  { key: "majflt", header: "MAJFLT", width: 6, just: "right", ...num((_c, t) => t.proc?.majflt ?? 0) },
  { key: "minflt", header: "MINFLT", width: 6, just: "right", ...num((_c, t) => t.proc?.minflt ?? 0) },
  { key: "ni", header: "NI", width: 3, just: "right", pr: (_c, t) => (t.realtime ? "-" : String(t.nice)), sort: (_c, t) => t.nice },
  { key: "nice", header: "NI", width: 3, just: "right", pr: (_c, t) => (t.realtime ? "-" : String(t.nice)), sort: (_c, t) => t.nice },
  { key: "nlwp", header: "NLWP", width: 4, just: "right", ...num((_c, t) => t.nlwp) },
  { key: "nwchan", header: "WCHAN", width: 6, just: "right", pr: (_c, t) => (t.wchan === "-" ? "-" : "0") },
  { key: "oom", header: "OOM", width: 4, just: "right", ...num((c, t) => (t.proc ? c.host.oomScore(t.proc) : 0)) },
  { key: "oomadj", header: "OOMADJ", width: 5, just: "right", ...num((_c, t) => t.proc?.oomScoreAdj ?? 0) },
  { key: "pcpu", header: "%CPU", width: 4, just: "right", pr: pcpuText, sort: (c, t) => pcpuTenths(c.host, t) },
  { key: "pgid", header: "PGID", width: 5, just: "right", pidmax: true, ...num((_c, t) => t.pgid) },
  { key: "pgrp", header: "PGRP", width: 5, just: "right", pidmax: true, ...num((_c, t) => t.pgid) },
  { key: "pid", header: "PID", width: 5, just: "right", pidmax: true, ...num((_c, t) => t.pid) },
  { key: "pmem", header: "%MEM", width: 4, just: "right", pr: pmemText, sort: (_c, t) => t.rssKiB },
  { key: "policy", header: "POL", width: 3, just: "left", pr: (_c, t) => CLASS(t) },
  { key: "ppid", header: "PPID", width: 5, just: "right", pidmax: true, ...num((_c, t) => t.ppid) },
  { key: "pri", header: "PRI", width: 3, just: "right", ...num((_c, t) => 39 - priorityOf(t)) },
  { key: "priority", header: "PRI", width: 3, just: "right", ...num((_c, t) => priorityOf(t)) },
  { key: "psr", header: "PSR", width: 3, just: "right", ...num((_c, t) => t.psr) },
  { key: "rgid", header: "RGID", width: 5, just: "right", ...num((_c, t) => t.gid) },
  { key: "rss", header: "RSS", width: 5, just: "right", ...num((_c, t) => t.rssKiB) },
  { key: "rssize", header: "RSS", width: 5, just: "right", ...num((_c, t) => t.rssKiB) },
  { key: "rsz", header: "RSZ", width: 5, just: "right", ...num((_c, t) => t.rssKiB) },
  { key: "rtprio", header: "RTPRIO", width: 6, just: "right", pr: (_c, t) => (t.realtime ? "99" : "-") },
  { key: "ruid", header: "RUID", width: 5, just: "right", ...num((_c, t) => t.uid) },
  { key: "ruser", header: "RUSER", width: 8, just: "user", pr: (_c, t, r) => userName(t.user, r), sort: (_c, t) => t.user },
  { key: "s", header: "S", width: 1, just: "left", pr: (_c, t) => t.state, sort: (_c, t) => t.state },
  { key: "sess", header: "SESS", width: 5, just: "right", pidmax: true, ...num((_c, t) => t.sid) },
  { key: "session", header: "SESS", width: 5, just: "right", pidmax: true, ...num((_c, t) => t.sid) },
  { key: "slice", header: "SLICE", width: 31, just: "left", pr: (c, t) => sdUnit(c, t, "slice"), sort: (c, t) => sdUnit(c, t, "slice") },
  { key: "sid", header: "SID", width: 5, just: "right", pidmax: true, ...num((_c, t) => t.sid) },
  { key: "size", header: "SIZE", width: 5, just: "right", ...num((_c, t) => t.vszKiB) },
  { key: "spid", header: "SPID", width: 5, just: "right", pidmax: true, ...num((_c, t) => t.tid) },
  { key: "start", header: "STARTED", width: 8, just: "right", pr: startText, sort: (_c, t) => t.startMs },
  { key: "start_time", header: "START", width: 5, just: "right", pr: (c, t) => stimeText(c.host, t), sort: (_c, t) => t.startMs },
  { key: "stat", header: "STAT", width: 4, just: "left", pr: (_c, t) => statOf(t), sort: (_c, t) => t.state },
  { key: "state", header: "S", width: 1, just: "left", pr: (_c, t) => t.state, sort: (_c, t) => t.state },
  { key: "stime", header: "STIME", width: 5, just: "right", pr: (c, t) => stimeText(c.host, t), sort: (_c, t) => t.startMs },
  { key: "suid", header: "SUID", width: 5, just: "right", ...num((_c, t) => t.uid) },
  { key: "suser", header: "SUSER", width: 8, just: "user", pr: (_c, t, r) => userName(t.user, r), sort: (_c, t) => t.user },
  { key: "sz", header: "SZ", width: 5, just: "right", ...num((_c, t) => Math.floor(t.vszKiB / 4)) },
  { key: "thcount", header: "THCNT", width: 5, just: "right", ...num((_c, t) => t.nlwp) },
  { key: "tid", header: "TID", width: 5, just: "right", pidmax: true, ...num((_c, t) => t.tid) },
  { key: "time", header: "TIME", width: 8, just: "right", pr: (_c, t) => cpuTimeHms(t.ticks), sort: (_c, t) => t.ticks },
  { key: "times", header: "TIME", width: 8, just: "right", ...num((_c, t) => Math.floor(t.ticks / HZ)) },
  { key: "tname", header: "TTY", width: 8, just: "left", pr: (_c, t) => t.tty, sort: (_c, t) => t.tty },
  { key: "tpgid", header: "TPGID", width: 5, just: "right", pidmax: true, ...num((_c, t) => t.tpgid) },
  { key: "tt", header: "TT", width: 8, just: "left", pr: (_c, t) => t.tty, sort: (_c, t) => t.tty },
  { key: "tty", header: "TT", width: 8, just: "left", pr: (_c, t) => t.tty, sort: (_c, t) => t.tty },
  { key: "ucmd", header: "CMD", width: 15, just: "unlimited", pr: commText, sort: (_c, t) => t.comm },
  { key: "ucomm", header: "COMMAND", width: 15, just: "unlimited", pr: commText, sort: (_c, t) => t.comm },
  { key: "unit", header: "UNIT", width: 31, just: "left", pr: (c, t) => sdUnit(c, t, "unit"), sort: (c, t) => sdUnit(c, t, "unit") },
  { key: "uid", header: "UID", width: 5, just: "right", ...num((_c, t) => t.uid) },
  { key: "uid_hack", header: "UID", width: 8, just: "user", pr: (_c, t, r) => userName(t.user, r), sort: (_c, t) => t.user },
  { key: "uunit", header: "UUNIT", width: 31, just: "left", pr: (c, t) => sdUnit(c, t, "uunit"), sort: (c, t) => sdUnit(c, t, "uunit") },
  { key: "uname", header: "USER", width: 8, just: "user", pr: (_c, t, r) => userName(t.user, r), sort: (_c, t) => t.user },
  { key: "user", header: "USER", width: 8, just: "user", pr: (_c, t, r) => userName(t.user, r), sort: (_c, t) => t.user },
  { key: "vsize", header: "VSZ", width: 6, just: "right", ...num((_c, t) => t.vszKiB) },
  { key: "vsz", header: "VSZ", width: 6, just: "right", ...num((_c, t) => t.vszKiB) },
  { key: "wchan", header: "WCHAN", width: 6, just: "wchan", pr: (_c, t, r) => cut(t.wchan, r), sort: (_c, t) => t.wchan },
];

const BY_KEY = new Map(SPECS.map((s) => [s.key, s]));

export function findSpec(key: string): FieldSpec | undefined {
  return BY_KEY.get(key);
}

export interface FmtNode {
  spec: FieldSpec;
  name: string;
  width: number;
}

/** Builds a node the way procps does (PIDMAX columns size to pid_max's digits). */
export function makeNode(host: Host, spec: FieldSpec, override?: string, width?: number): FmtNode {
  let w = spec.pidmax ? Math.max(pidDigits(host), spec.header.length) : spec.width;
  if (width !== undefined) w = width;
  if (override !== undefined) return { spec, name: override, width: Math.max(w, override.length) };
  return { spec, name: spec.header, width: w };
}

/** Formats of the standard output styles. */
export const FORMATS = {
  default: "pid,tname,time,ucmd",
  bsdDefault: "pid,tname,stat,bsdtime,args",
  u: "user,pid,pcpu,pmem,vsz,rss,tname,stat,start_time,bsdtime,args",
  j: "ppid,pid,pgid,sid,tname,tpgid,stat,uid,bsdtime,args",
  l: "flags,uid,pid,ppid,priority,nice,vsz,rss,wchan,stat,tname,bsdtime,args",
  v: "pid,tname,stat,bsdtime,majflt,size,rss,pmem,args",
  f: "uid_hack,pid,ppid,c,stime,tname,time,cmd",
  fL: "uid_hack,pid,ppid,lwp,c,nlwp,stime,tname,time,cmd",
  L: "pid,lwp,tname,time,ucmd",
  sysvJ: "pid,pgid,sid,tname,time,ucmd",
  sysvL: "f,s,uid,pid,ppid,c,pri,ni,addr,sz,wchan,tname,time,ucmd",
  sysvFl: "f,s,uid_hack,pid,ppid,c,pri,ni,addr,sz,wchan,stime,tname,time,cmd",
} as const;

/**
 * Parses a -o / o list as procps' format_parse: items split at " ,\t\n"; "key=header"
 * renames a column, and only the last item's header may contain separators; "key:N" sets a
 * width. Returns an error string for bad lists.
 */
export function parseFormat(host: Host, list: string): FmtNode[] | string {
  let buf = list;
  const seps = /[ ,\t\n]/;
  let items = 0;
  let need = true;
  for (let i = 0; i < Math.max(1, buf.length); i++) {
    const ch = buf[i] ?? "";
    if (ch === "" || seps.test(ch)) {
      if (need) return "improper format list";
      need = true;
    } else {
      if (need) items++;
      need = false;
    }
  }
  if (!items) return "improper format list";
  if (need) buf = buf.slice(0, -1);
  const out: FmtNode[] = [];
  let walk = buf;
  while (items--) {
    let item: string;
    const m = seps.exec(walk);
    if (items && m) {
      item = walk.slice(0, m.index);
      walk = walk.slice(m.index + 1);
    } else {
      item = walk;
      walk = "";
    }
    const eq = item.indexOf("=");
    const header = eq >= 0 ? item.slice(eq + 1) : undefined;
    let key = eq >= 0 ? item.slice(0, eq) : item;
    let width: number | undefined;
    const colon = key.indexOf(":");
    if (colon >= 0) {
      const w = key.slice(colon + 1);
      key = key.slice(0, colon);
      if (!/^[1-9]\d*$/.test(w)) return "width must be a positive integer";
      width = Number(w);
    }
    const spec = findSpec(key);
    if (!spec) return `unknown user-defined format specifier "${key}"`;
    out.push(makeNode(host, spec, header, width));
  }
  return out;
}

export const OUTBUF = 2 * 64 * 1024;

/** The active width: the smallest multiple of the screen width that holds the header (check_header_width). */
export function activeCols(nodes: FmtNode[], screenCols: number): number {
  let total = 0;
  let wasNormal = 0;
  nodes.forEach((n, i) => {
    if (n.spec.just === "unlimited") total += i < nodes.length - 1 ? n.width : 3;
    else total += n.width;
    total += wasNormal;
    wasNormal = 1;
  });
  let i = 0;
  let cols = screenCols;
  for (;;) {
    i++;
    cols = screenCols * i;
    if (cols >= total) break;
    if (screenCols * i >= OUTBUF / 2) break;
  }
  return cols;
}

/** show_one_proc: one line (without newline); `t` undefined renders the header. */
export function renderLine(nodes: FmtNode[], c: PrintCtx, t: Task | undefined, active: number, forestOf?: (t: Task) => string): string {
  let correct = 0;
  let actual = 0;
  let dospace = 0;
  let line = "";
  for (let i = 0; i < nodes.length; i++) {
    const fmt = nodes[i]!;
    const last = i === nodes.length - 1;
    let maxRight: number;
    let tmpspace: number;
    if (!last) {
      maxRight = fmt.width;
      tmpspace = 0;
    } else {
      tmpspace = correct - actual;
      if (tmpspace < 1) {
        tmpspace = dospace;
        maxRight = active - actual - tmpspace;
      } else maxRight = active - Math.max(correct, actual);
    }
    if (maxRight <= 0) maxRight = 0;
    else if (maxRight >= OUTBUF) maxRight = OUTBUF - 1;
    let text: string;
    if (t) {
      const pc = forestOf && (fmt.spec.pr === command || fmt.spec.pr === commText) ? { ...c, forest: forestOf(t) } : c;
      text = fmt.spec.pr(pc, t, maxRight);
    } else text = fmt.name;
    let leftpad = 0;
    switch (fmt.spec.just) {
      case "right":
        leftpad = Math.max(0, fmt.width - text.length);
        break;
      case "wchan":
      case "unlimited":
        if (active - actual - tmpspace < 1) text = text.slice(0, 1);
        break;
      default:
        leftpad = 0;
    }
    let space = correct - actual + leftpad;
    if (space < 1) space = dospace;
    if (space > 144) space = 144;
    if (last) {
      line += " ".repeat(space) + text;
      break;
    }
    line += " ".repeat(space) + text;
    actual += space + text.length;
    correct += fmt.width + 1;
    dospace = 1;
  }
  return line;
}
