/**
 * top's frame (procps-ng 4.0.2): the five summary lines (uptime/load, Tasks or Threads, %Cpu
 * with trailing space, MiB Mem with trailing spaces, MiB Swap) and the task table with
 * PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND, memory scaled like scale_mem
 * ("1.6g"), times like scale_tics ("1:06.45"), COMMAND cut to the width with a '+'.
 * %CPU is the CPU used during the last interval: from per-task tick deltas between frames,
 * or, for the first frame, from the CPU share the scheduler gave the task in its last step.
 */
import { memBreakdown, type CpuTimes, type Host } from "../../../engine/index.js";
import { uptimeLine } from "../common/procps.js";
import { argsOf, expandThreads, HZ, pidDigits, snapshot, type SelfInfo, type Task } from "../ps/proc-view.js";
import { priorityOf } from "../ps/ps-format.js";
import type { CommandContext } from "../../spec/define-command.js";

export type TopSort = "%CPU" | "%MEM" | "PID" | "TIME+" | "RES" | "VIRT" | "SHR" | "USER" | "COMMAND" | "PR" | "NI" | "S";

export const TOP_FIELDS: Record<string, TopSort> = {
  "%CPU": "%CPU", "%MEM": "%MEM", PID: "PID", "TIME+": "TIME+", TIME: "TIME+", RES: "RES", VIRT: "VIRT", SHR: "SHR", USER: "USER", COMMAND: "COMMAND", PR: "PR", NI: "NI", S: "S",
};

export interface TopState {
  sort: TopSort;
  /** sort high-to-low */
  desc: boolean;
  threads: boolean;
  fullCmd: boolean;
  perCpu: boolean;
  pids?: number[];
  uid?: number;
  /** summary memory scale: k m g t p e */
  summScale: string;
  /** task memory scale: k m g t p */
  taskScale: string;
  /** a message shown under the summary (interactive errors) */
  message?: string;
}

/** What the previous frame saw, for interval deltas. */
export interface TopSample {
  atMs: number;
  ticks: Map<number, number>;
  cpus: CpuTimes[];
}

export const TOP_SELF: SelfInfo = { comm: "top", argv: ["top"], rssKiB: 5276, vszKiB: 12036, shrKiB: 3216 };

const SCALES = ["k", "m", "g", "t", "p", "e"];
const SUFFIX = "mgtpe";

/** scale_mem: the first unit whose text fits the width. */
export function scaleMem(kib: number, width: number, start = 0): string {
  let num = kib;
  for (let i = 0; i < 5; i++) {
    if (i >= start) {
      const s = i === 0 ? String(Math.round(num)) : `${num.toFixed(1)}${SUFFIX[i - 1]}`;
      if (s.length <= width) return s.padStart(width, " ");
    }
    num /= 1024;
  }
  return "?".padStart(width, " ");
}

/** scale_tics for TIME+: m:ss.cc, then m:ss, h,mm, NdNh, Nd, NwNd. */
export function scaleTics(ticks: number, width: number): string {
  const nt = Math.floor((ticks * 100) / HZ);
  const cent = nt % 100;
  const secs = Math.floor(nt / 100);
  const mins = Math.floor(secs / 60);
  const hour = Math.floor(mins / 60);
  const days = Math.floor(hour / 24);
  const week = Math.floor(days / 7);
  const tries: string[] = [];
  if (mins < 361) tries.push(`${mins}:${String(secs % 60).padStart(2, "0")}.${String(cent).padStart(2, "0")}`, `${mins}:${String(secs % 60).padStart(2, "0")}`);
  if (hour < 97) tries.push(`${hour},${String(mins % 60).padStart(2, "0")}`);
  if (days < 15) tries.push(`${days}d+${hour % 24}h`, `${days}d`);
  tries.push(`${week}w+${days % 7}d`, `${week}w`);
  for (const s of tries) if (s.length <= width) return s.padStart(width, " ");
  return "?".padStart(width, " ");
}

function f51(x: number): string {
  return x.toFixed(1).padStart(5, " ");
}

function sampleNow(host: Host, tasks: Task[]): TopSample {
  return { atMs: host.nowMs, ticks: new Map(tasks.map((t) => [t.tid, t.ticks])), cpus: host.cpu.perCpu.map((c) => ({ ...c })) };
}

/** CPU state percentages [us, sy, ni, id, wa, hi, si, st] for one CPU or all. */
function cpuStates(host: Host, tasks: Task[], prev: TopSample | undefined, cpu: number | undefined): number[] {
  if (prev && host.nowMs > prev.atMs) {
    const idx = cpu === undefined ? host.cpu.perCpu.map((_, i) => i) : [cpu];
    const d = { user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0 };
    for (const i of idx) {
      const a = prev.cpus[i]!;
      const b = host.cpu.perCpu[i]!;
      for (const k of Object.keys(d) as (keyof typeof d)[]) d[k] += Math.max(0, b[k] - a[k]);
    }
    const tot = Object.values(d).reduce((x, y) => x + y, 0) || 1;
    const sc = 100 / tot;
    return [d.user * sc, d.system * sc, d.nice * sc, d.idle * sc, d.iowait * sc, d.irq * sc, d.softirq * sc, d.steal * sc];
  }
  // first frame: what the scheduler is handing out right now
  const n = host.cpu.count;
  const idx = cpu === undefined ? [...Array(n).keys()] : [cpu];
  let us = 0;
  let sy = 0;
  let ni = 0;
  const busy = new Array<number>(n).fill(0);
  for (const t of tasks) {
    const p = t.proc;
    if (!p || t.cpuGot <= 0) continue;
    let left = t.cpuGot;
    const order = [p.cpu % n, ...[...Array(n).keys()].filter((c) => c !== p.cpu % n)];
    for (const c of order) {
      if (left <= 0) break;
      const take = Math.min(left, Math.max(0, 1 - busy[c]!));
      busy[c]! += take;
      left -= take;
      if (!idx.includes(c)) continue;
      sy += take * p.sysFrac;
      if (p.nice > 0) ni += take * (1 - p.sysFrac);
      else us += take * (1 - p.sysFrac);
    }
  }
  const k = idx.length;
  const st = host.cpu.stealFrac;
  const used = us + sy + ni;
  let wa = 0;
  // as the kernel accounts it: idle time of a CPU whose last task waits on block I/O is iowait
  const waitCpus = new Set<number>();
  for (const p of host.procs.values()) if (p.state === "D" && host.waitsOnBlockIo(p)) waitCpus.add(p.cpu % n);
  const idleAll = Math.max(0, k * (1 - st) - used);
  for (const c of idx) if (waitCpus.has(c)) wa += Math.max(0, 1 - st - busy[c]!);
  wa = Math.min(wa, idleAll);
  const scale = 100 / k;
  return [us * scale, sy * scale, ni * scale, (idleAll - wa) * scale, wa * scale, 0, 0, st * 100];
}

export interface Frame {
  text: string;
  evidence: string[];
  sample: TopSample;
}

/** Renders one frame. `maxRows` limits the task rows (interactive screen). */
export function renderFrame(ctx: CommandContext, st: TopState, prev: TopSample | undefined, width: number, maxRows?: number): Frame {
  const host = ctx.host;
  let tasks = snapshot(ctx, TOP_SELF);
  const all = st.threads ? expandThreads(host, tasks) : tasks;
  const sample = sampleNow(host, all);
  tasks = all;
  if (st.pids) tasks = tasks.filter((t) => st.pids!.includes(t.pid));
  if (st.uid !== undefined) tasks = tasks.filter((t) => t.uid === st.uid);
  const dtS = prev ? (host.nowMs - prev.atMs) / 1000 : 0;
  const pcpu = new Map<Task, number>();
  for (const t of tasks) {
    let v: number;
    if (prev && dtS > 0) {
      const before = prev.ticks.get(t.tid);
      v = before === undefined ? 0 : ((t.ticks - before) / (dtS * HZ)) * 100;
    } else v = t.self ? 0 : t.cpuGot * 100;
    pcpu.set(t, Math.max(0, v));
  }
  const totalKiB = host.mem.totalKiB;
  const pmem = (t: Task): number => (t.rssKiB * 100) / totalKiB;
  const keyOf = (t: Task): number | string => {
    switch (st.sort) {
      case "%CPU": return pcpu.get(t) ?? 0;
      case "%MEM": case "RES": return t.rssKiB;
      case "PID": return t.tid;
      case "TIME+": return t.ticks;
      case "VIRT": return t.vszKiB;
      case "SHR": return t.shrKiB;
      case "USER": return t.user;
      case "COMMAND": return t.comm;
      case "PR": return priorityOf(t);
      case "NI": return t.nice;
      case "S": return t.state;
    }
  };
  tasks = [...tasks].sort((a, b) => {
    const va = keyOf(a);
    const vb = keyOf(b);
    if (va !== vb) return (va < vb ? -1 : 1) * (st.desc ? -1 : 1);
    return a.tid - b.tid;
  });
  const lines: string[] = [];
  lines.push(`top -${uptimeLine(host)}`);
  const count = { total: 0, R: 0, S: 0, T: 0, Z: 0 };
  const shown = st.pids || st.uid !== undefined ? tasks : all;
  for (const t of shown) {
    count.total++;
    if (t.state === "R") count.R++;
    else if (t.state === "T") count.T++;
    else if (t.state === "Z") count.Z++;
    else count.S++;
  }
  const n3 = (x: number): string => String(x).padStart(3, " ");
  lines.push(`${st.threads ? "Threads" : "Tasks"}: ${n3(count.total)} total, ${n3(count.R)} running, ${n3(count.S)} sleeping, ${n3(count.T)} stopped, ${n3(count.Z)} zombie`);
  const cpuLine = (label: string, v: number[]): string =>
    `${label}${f51(v[0]!)} us,${f51(v[1]!)} sy,${f51(v[2]!)} ni,${f51(v[3]!)} id,${f51(v[4]!)} wa,${f51(v[5]!)} hi,${f51(v[6]!)} si,${f51(v[7]!)} st `;
  if (st.perCpu) for (let c = 0; c < host.cpu.count; c++) lines.push(cpuLine(`%Cpu${String(c).padEnd(3, " ")}:`, cpuStates(host, all, prev, c)));
  else lines.push(cpuLine("%Cpu(s):", cpuStates(host, all, prev, undefined)));
  const mb = memBreakdown(host);
  const si = Math.max(0, SCALES.indexOf(st.summScale));
  const div = Math.pow(1024, si);
  const label = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"][si]!;
  const fmtS = (kib: number): string => {
    const v = kib / div;
    let s = (si === 0 ? v.toFixed(0) : si === 1 ? v.toFixed(1) : v.toFixed(3)) + " ";
    if (s.length > 9) s = s.slice(0, 8) + "+";
    return s.padStart(9, " ");
  };
  const buffCache = mb.buffersKiB + mb.fileCacheKiB + mb.shmemKiB + mb.sReclaimableKiB;
  const used = mb.totalKiB - mb.availableKiB;
  lines.push(`${label} Mem : ${fmtS(mb.totalKiB)}total, ${fmtS(mb.freeKiB)}free, ${fmtS(used)}used, ${fmtS(buffCache)}buff/cache     `);
  lines.push(`${label} Swap: ${fmtS(mb.swapTotalKiB)}total, ${fmtS(mb.swapFreeKiB)}free, ${fmtS(mb.swapTotalKiB - mb.swapFreeKiB)}used. ${fmtS(mb.availableKiB)}avail Mem `);
  if (st.message) lines.push(st.message);
  else lines.push("");
  const pw = Math.max(5, pidDigits(host));
  const ts = Math.max(0, SCALES.indexOf(st.taskScale));
  const head = `${"PID".padStart(pw)} USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND`;
  const cutTo = (s: string): string => (s.length > width ? s.slice(0, width) : s);
  lines.push(cutTo(head));
  const rows = maxRows === undefined ? tasks : tasks.slice(0, Math.max(0, maxRows));
  for (const t of rows) {
    const user = t.user.length > 8 ? t.user.slice(0, 7) + "+" : t.user.padEnd(8, " ");
    const pr = t.realtime ? "rt" : String(priorityOf(t));
    const prefix = `${String(t.tid).padStart(pw)} ${user} ${pr.padStart(3)} ${String(t.nice).padStart(3)} ${scaleMem(t.vszKiB, 7, ts)} ${scaleMem(t.rssKiB, 6, ts)} ${scaleMem(t.shrKiB, 6, ts)} ${t.state} ${f51(pcpu.get(t) ?? 0)} ${f51(pmem(t))} ${scaleTics(t.ticks, 9)} `;
    let cmd = st.fullCmd ? (t.kthread ? `[${t.comm}]` : argsOf(t).replace(/^\[(.*)\] <defunct>$/, "$1")) : t.comm;
    const room = width - 1 - prefix.length;
    if (room <= 0) {
      lines.push(prefix.slice(0, width));
      continue;
    }
    if (cmd.length > room) cmd = cmd.slice(0, room - 1) + "+";
    lines.push(prefix + cmd);
  }
  const out = lines.map((l, i) => (i < 5 && l.length > width ? l.slice(0, width) : l));
  // evidence
  const ev = new Set<string>(["proc-list", "load", "cpu", "mem"]);
  for (const t of rows) {
    if (t.self) continue;
    if (t.state === "D") ev.add("proc-state:D");
    if (t.state === "Z") ev.add("proc-state:Z");
    if (t.state === "T") ev.add("proc-state:T");
    if ((pcpu.get(t) ?? 0) >= 5) ev.add(`proc:${t.pid}:cpu`);
    if (t.rssKiB * 100 >= totalKiB * 2) ev.add(`proc:${t.pid}:rss`);
  }
  if (st.threads) ev.add("proc-threads");
  return { text: out.join("\n") + "\n", evidence: [...ev], sample };
}
