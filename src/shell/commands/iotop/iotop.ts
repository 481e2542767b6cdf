/**
 * iotop 0.6 (the Python tool Debian 12 ships) in batch mode: per-thread disk bandwidth and
 * the SWAPIN/IO delay percentages from taskstats (the host's per-task I/O counters), the
 * "Total DISK READ" (sum of task deltas) and "Current DISK READ" (/proc/vmstat pgpgin/pgpgout)
 * summaries, sorted by I/O time like the real default. -o/--only, -b, -n, -d, -p, -u, -P,
 * -a, -k, -t, -q. The interactive curses screen is not simulated: without -b it prints the
 * batch output once per delay. Needs root (taskstats over netlink): otherwise the EPERM text.
 */
import { civilFromEpochMs, pad, type Proc } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { Out, cfixed, readKeyed, readProc } from "../iostat/sysstat.js";

const USAGE_HEAD = `Usage: /usr/sbin/iotop [OPTIONS]

DISK READ and DISK WRITE are the block I/O bandwidth used during the sampling
period. SWAPIN and IO are the percentages of time the thread spent respectively
while swapping in and waiting on I/O more generally. PRIO is the I/O priority
at which the thread is running (set using the ionice command).

Controls: left and right arrows to change the sorting column, r to invert the
sorting order, o to toggle the --only option, p to toggle the --processes
option, a to toggle the --accumulated option, i to change I/O priority, q to
quit, any other key to force a refresh.
`;

export const IOTOP_HELP = `${USAGE_HEAD}
Options:
  --version             show program's version number and exit
  -h, --help            show this help message and exit
  -o, --only            only show processes or threads actually doing I/O
  -b, --batch           non-interactive mode
  -n NUM, --iter=NUM    number of iterations before ending [infinite]
  -d SEC, --delay=SEC   delay between iterations [1 second]
  -p PID, --pid=PID     processes/threads to monitor [all]
  -u USER, --user=USER  users to monitor [all]
  -P, --processes       only show processes, not all threads
  -a, --accumulated     show accumulated I/O instead of bandwidth
  -k, --kilobytes       use kilobytes instead of a human friendly unit
  -t, --time            add a timestamp on each line (implies --batch)
  -q, --quiet           suppress some lines of header (implies --batch)
  --no-help             suppress listing of shortcuts
`;

const EPERM = `[Errno 1] Operation not permitted

The Linux kernel interfaces that iotop relies on now require root privileges
or the NET_ADMIN capability. This change occurred because a security issue
(CVE-2011-2494) was found that allows leakage of sensitive data across user
boundaries. If you require the ability to run iotop as a non-root user, please
configure sudo to allow you to run iotop as root.

Please do not file bugs on iotop about this.
`;

const UNITS = ["B", "K", "M", "G", "T", "P", "E"];

function humanSize(size: number): string {
  let sign = "";
  if (size < 0) {
    sign = "-";
    size = -size;
  } else if (size === 0) return "0.00 B";
  const expo = Math.trunc(Math.log2(size / 2) / 10);
  return `${sign}${cfixed(size / Math.pow(2, 10 * expo), 2)} ${UNITS[expo] ?? "E"}`;
}

interface Opts {
  only: boolean;
  batch: boolean;
  iterations?: number;
  delay: number;
  pids: number[];
  users: string[];
  processes: boolean;
  accumulated: boolean;
  kilobytes: boolean;
  time: boolean;
  quiet: number;
}

function fmtSize(o: Opts, bytes: number): string {
  return o.kilobytes ? `${cfixed(bytes / 1024, 2)} K` : humanSize(bytes);
}
function fmtBw(o: Opts, size: number, duration: number): string {
  return fmtSize(o, size ? size / duration : 0) + "/s";
}

interface TaskIo {
  read: number;
  write: number;
  delay: number;
}

function taskIo(p: Proc): TaskIo {
  return { read: Math.floor(p.readBytes), write: Math.floor(p.writeBytes), delay: Math.floor(p.ioDelayTicks) };
}

function cmdline(p: Proc): string {
  if (!p.argv.length || p.state === "Z") return `[${p.comm}]`;
  const parts = p.argv.join("\0").split("\0");
  if (parts[0]!.startsWith("/")) parts[0] = parts[0]!.slice(parts[0]!.lastIndexOf("/") + 1);
  return parts.join(" ").trim();
}

type ParseResult = { ok: true; o: Opts } | { ok: false; stdout?: string; stderr?: string; exitCode: number };

function parse(argv: string[]): ParseResult {
  const o: Opts = { only: false, batch: false, delay: 1, pids: [], users: [], processes: false, accumulated: false, kilobytes: false, time: false, quiet: 0 };
  const err = (msg: string): ParseResult => ({ ok: false, stderr: `${USAGE_HEAD}\niotop: error: ${msg}\n`, exitCode: 2 });
  const args: string[] = [];
  const longs: Record<string, string> = { version: "V", help: "h", only: "o", batch: "b", iter: "n", delay: "d", pid: "p", user: "u", processes: "P", accumulated: "a", kilobytes: "k", time: "t", quiet: "q", profile: "-", "no-help": "-" };
  const takesArg = new Set(["n", "d", "p", "u"]);
  const apply = (k: string, v: string | undefined, shown: string): ParseResult | undefined => {
    switch (k) {
      case "o": o.only = true; break;
      case "b": o.batch = true; break;
      case "P": o.processes = true; break;
      case "a": o.accumulated = true; break;
      case "k": o.kilobytes = true; break;
      case "t": o.time = true; break;
      case "q": o.quiet++; break;
      case "h": return { ok: false, stdout: IOTOP_HELP, exitCode: 0 };
      case "V": return { ok: false, stdout: "iotop 0.6\n", exitCode: 0 };
      case "n": {
        if (!/^\s*[+-]?\d+\s*$/.test(v ?? "")) return err(`option ${shown}: invalid integer value: '${v}'`);
        o.iterations = Number(v);
        break;
      }
      case "p": {
        if (!/^\s*[+-]?\d+\s*$/.test(v ?? "")) return err(`option ${shown}: invalid integer value: '${v}'`);
        o.pids.push(Number(v));
        break;
      }
      case "d": {
        const n = Number(v);
        if (v === undefined || v.trim() === "" || !Number.isFinite(n)) return err(`option ${shown}: invalid floating-point value: '${v}'`);
        o.delay = n;
        break;
      }
      case "u": o.users.push(v ?? ""); break;
    }
    return undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const matches = Object.keys(longs).filter((k) => k.startsWith(name));
      const full = longs[name] !== undefined ? name : matches.length === 1 ? matches[0] : undefined;
      if (!full) return err(matches.length > 1 ? `ambiguous option: --${name} (${matches.map((m) => "--" + m).join(", ")}?)` : `no such option: --${name}`);
      const k = longs[full]!;
      let v: string | undefined;
      if (takesArg.has(k)) {
        if (eq >= 0) v = a.slice(eq + 1);
        else if (i + 1 < argv.length) v = argv[++i];
        else return err(`--${full} option requires 1 argument`);
      } else if (eq >= 0) return err(`--${full} option does not take a value`);
      const r = apply(k, v, `--${full}`);
      if (r) return r;
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j]!;
        if (!"obnpdPuaktqh".includes(ch)) return err(`no such option: -${ch}`);
        let v: string | undefined;
        if (takesArg.has(ch)) {
          v = a.slice(j + 1);
          if (!v) {
            if (i + 1 >= argv.length) return err(`-${ch} option requires 1 argument`);
            v = argv[++i];
          }
          const r = apply(ch, v, `-${ch}`);
          if (r) return r;
          break;
        }
        const r = apply(ch, undefined, `-${ch}`);
        if (r) return r;
      }
      continue;
    }
    args.push(a);
  }
  if (args.length) return err(`Unexpected arguments: ${args.join(" ")}`);
  o.batch = o.batch || o.time || o.quiet > 0;
  return { ok: true, o };
}

export const iotopCommand = defineCommand({
  name: "iotop",
  summary: "Simple top-like I/O monitor.",
  usage: "iotop [OPTIONS]",
  options: [],
  parse: "raw",
  async run(ctx, _o, _ops, argv) {
    const p = parse(argv);
    if (!p.ok) return { stdout: p.stdout ?? "", stderr: p.stderr, exitCode: p.exitCode };
    const o = p.o;
    let unknown = "";
    const uids = new Set<number>();
    for (const u of o.users) {
      if (/^\s*[+-]?\d+\s*$/.test(u)) uids.add(Number(u));
      else {
        const user = ctx.host.userByName(u);
        if (user) uids.add(user.uid);
        else unknown += `Unknown user: ${u}\n`;
      }
    }
    if (unknown) return { stdout: "", stderr: unknown, exitCode: 1 };
    if (ctx.cred.uid !== 0) return { stdout: "", stderr: EPERM, exitCode: 1 };
    if (o.iterations !== undefined && o.iterations <= 0) return { stdout: "" };
    const pidWidth = (readProc(ctx, "/proc/sys/kernel/pid_max") ?? "4194304").trim().length;
    const delayAcct = readProc(ctx, "/proc/sys/kernel/task_delayacct");
    const hasDelay = delayAcct === undefined || delayAcct.trim() !== "0";
    const out = new Out(ctx);
    const ev = new Set<string>();
    const monitored = (q: Proc): boolean => (!o.pids.length || o.pids.includes(q.pid)) && (!uids.size || uids.has(q.uid));
    const vm = (): [number, number] => {
      const v = readKeyed(ctx, "/proc/vmstat");
      return [(v.get("pgpgin") ?? 0) * 1024, (v.get("pgpgout") ?? 0) * 1024];
    };
    // the first sample (ProcessList's constructor), then each refresh shows deltas
    let prevIo = new Map<number, TaskIo>();
    const accum = new Map<number, TaskIo>();
    const sample = (): Map<number, TaskIo> => {
      const m = new Map<number, TaskIo>();
      for (const q of [...ctx.host.procs.values()].sort((a, b) => a.pid - b.pid)) if (monitored(q) && q.state !== "Z") m.set(q.pid, taskIo(q));
      return m;
    };
    prevIo = sample();
    let prevVm = vm();
    let prevMs = ctx.host.nowMs;
    let iterations = 0;
    for (;;) {
      const nowMs = ctx.host.nowMs;
      const duration = Math.max((nowMs - prevMs) / 1000, 1e-6);
      prevMs = nowMs;
      const cur = sample();
      let totR = 0;
      let totW = 0;
      const rows: { pid: number; d: TaskIo; acc: TaskIo; q: Proc }[] = [];
      for (const [pid, io] of cur) {
        const before = prevIo.get(pid) ?? io;
        const d = { read: io.read - before.read, write: io.write - before.write, delay: io.delay - before.delay };
        totR += d.read;
        totW += d.write;
        const acc = accum.get(pid) ?? { read: 0, write: 0, delay: 0 };
        acc.read += d.read;
        acc.write += d.write;
        acc.delay += d.delay;
        accum.set(pid, acc);
        rows.push({ pid, d, acc, q: ctx.host.procs.get(pid)! });
      }
      prevIo = cur;
      const v = vm();
      const curVm: [number, number] = [v[0] - prevVm[0], v[1] - prevVm[1]];
      prevVm = v;
      const stamp = o.time ? (() => {
        const c = civilFromEpochMs(ctx.host.epochMs());
        return `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} `;
      })() : "";
      let s = "";
      if (o.quiet <= 2) {
        s += `${stamp}Total DISK READ:   ${fmtBw(o, totR, duration).padStart(14)} | Total DISK WRITE:   ${fmtBw(o, totW, duration).padStart(14)}\n`;
        s += `${stamp}Current DISK READ: ${fmtBw(o, curVm[0], duration).padStart(14)} | Current DISK WRITE: ${fmtBw(o, curVm[1], duration).padStart(14)}\n`;
        if (o.quiet <= (iterations === 0 ? 1 : 0)) {
          const idCol = " ".repeat(Math.max(0, pidWidth - 3)) + (o.processes ? "PID" : "TID");
          s += (o.time ? "    TIME" : "") + [idCol, "  PRIO", "  USER", "     DISK READ", "  DISK WRITE", "  SWAPIN", "      IO", "    COMMAND"].join("") + "\n";
        }
      }
      const stats = (r: (typeof rows)[number]): TaskIo => (o.accumulated ? r.acc : r.d);
      const shown = rows.filter((r) => !o.only || (o.accumulated ? r.acc.read || r.acc.write || r.acc.delay : r.d.read || r.d.write || r.d.delay));
      const key = (r: (typeof rows)[number]): number => {
        const st = stats(r);
        return st.delay * 1e7 || (st.read || st.write ? 1 : 0);
      };
      shown.sort((a, b) => key(b) - key(a));
      for (const r of shown) {
        const st = stats(r);
        const dur = o.accumulated ? Math.max((nowMs - (r.q.startMs > 0 ? r.q.startMs : 0)) / 1000, 1e-6) : duration;
        const pct = (ns: number): string => `${cfixed(Math.min(99.99, ns / (dur * 10000000)), 2)} %`;
        const rd = o.accumulated ? fmtSize(o, st.read) : fmtBw(o, st.read, duration);
        const wr = o.accumulated ? fmtSize(o, Math.max(0, st.write)) : fmtBw(o, Math.max(0, st.write), duration);
        const prio = `be/${Math.floor((r.q.nice + 20) / 5)}`;
        let line = `${String(r.pid).padStart(pidWidth)} ${prio.padStart(4)} ${ctx.host.userName(r.q.uid).slice(0, 8).padEnd(8)} ${rd.padStart(11)} ${wr.padStart(11)}`;
        line += hasDelay ? ` ${pct(0).padStart(7)} ${pct(st.delay * 1e7).padStart(7)}` : " ?unavailable? ";
        line += " " + cmdline(r.q);
        s += stamp + line + "\n";
        if (st.read || st.write || st.delay) ev.add(`proc:${r.pid}:io`);
      }
      out.emit(s);
      iterations++;
      if (o.iterations !== undefined && iterations >= o.iterations) break;
      if (!(await ctx.sleep(o.delay * 1000, { bounded: o.iterations !== undefined }))) break;
    }
    return { stdout: out.rest, evidence: [...ev] };
  },
});
