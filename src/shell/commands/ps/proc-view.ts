/**
 * A read-only snapshot of the host's tasks as the procps/psmisc tools see them: one Task per
 * process (plus the observing tool itself, which is not in host.procs), with the derived
 * identities procps computes (pgid, sid, tpgid), the BSD STAT letters, user names, CPU
 * time, per-thread rows for -L / -H, and the shared formatting of times and sizes. Thread ids
 * are synthesized: the main thread's TID is the PID, further threads take the next PIDs not
 * used by any process (stable for a given host state).
 */
import { civilFromEpochMs, MONTHS, pad, pgidOf, sidOf, tpgidOf, foregroundByTty, type Host, type Proc, type ProcState } from "../../../engine/index.js";
import type { CommandContext } from "../../spec/define-command.js";

export const HZ = 100;

export interface Task {
  /** thread-group id (the PID) */
  pid: number;
  /** thread id (equals pid for process rows) */
  tid: number;
  ppid: number;
  uid: number;
  gid: number;
  user: string;
  comm: string;
  argv: string[];
  state: ProcState;
  nice: number;
  nlwp: number;
  tty: string;
  startMs: number;
  /** utime + stime in USER_HZ ticks (integer, as /proc reports) */
  ticks: number;
  rssKiB: number;
  vszKiB: number;
  shrKiB: number;
  swapKiB: number;
  wchan: string;
  psr: number;
  kthread: boolean;
  pgid: number;
  sid: number;
  tpgid: number;
  /** CPUs the scheduler gave it in the last step (top's %CPU) */
  cpuGot: number;
  locked: boolean;
  realtime: boolean;
  /** the observing tool itself (ps, top, pstree) */
  self: boolean;
  proc?: Proc;
}

export interface SelfInfo {
  comm: string;
  argv: string[];
  rssKiB: number;
  vszKiB: number;
  shrKiB: number;
}

/** The login shell the session runs in (the tool's parent). */
export function loginShell(host: Host): Proc | undefined {
  const l = host.logins[0];
  return l ? host.procs.get(l.pid) : undefined;
}

/** Digits of kernel.pid_max, the way procps sizes PID columns. */
export function pidDigits(host: Host): number {
  const max = host.sysctl.get("kernel.pid_max") ?? "4194304";
  return Math.max(1, max.trim().length);
}

/**
 * CPUs each task got in the scheduler's last step; on a host that has not stepped yet, the
 * share the scheduler would give (demand, scaled down when the CPUs are oversubscribed).
 */
export function cpuShares(host: Host): Map<number, number> {
  const m = new Map<number, number>();
  let any = false;
  for (const p of host.procs.values()) {
    m.set(p.pid, p.cpuGot);
    if (p.cpuGot > 0) any = true;
  }
  if (any) return m;
  const runners = [...host.procs.values()].filter((p) => p.state === "R" && p.cpuDemand > 0);
  const demand = runners.reduce((a, p) => a + Math.min(p.cpuDemand, p.threads), 0);
  const cap = host.cpu.count * (1 - host.cpu.stealFrac);
  const scale = demand > cap ? cap / demand : 1;
  for (const p of runners) m.set(p.pid, Math.min(p.cpuDemand, p.threads) * scale);
  return m;
}

function taskOf(host: Host, p: Proc, selfTty: string, fg: number | undefined, shares?: Map<number, number>, foreground?: Map<string, Proc>): Task {
  const onSelfTty = selfTty !== "?" && p.tty === selfTty && fg !== undefined;
  const zombie = p.state === "Z";
  // a forked worker that died keeps its parent's process group and session
  const parent = zombie && !p.statFlags?.includes("s") ? host.procs.get(p.ppid) : undefined;
  const family = parent && parent.pid > 1 && !parent.kthread ? parent : p;
  return {
    pid: p.pid,
    tid: p.pid,
    ppid: p.ppid,
    uid: p.uid,
    gid: p.gid,
    user: host.userName(p.uid),
    comm: p.comm,
    argv: p.argv,
    state: p.state,
    nice: p.nice,
    nlwp: Math.max(1, p.threads),
    tty: p.tty || "?",
    startMs: p.startMs,
    ticks: Math.floor(p.utimeTicks) + Math.floor(p.stimeTicks),
    rssKiB: zombie || p.kthread ? 0 : Math.max(0, Math.round(p.rssKiB)),
    vszKiB: zombie || p.kthread ? 0 : Math.max(0, Math.round(p.vszKiB)),
    shrKiB: zombie || p.kthread ? 0 : Math.max(0, Math.round(Math.min(p.shrKiB, p.rssKiB))),
    swapKiB: Math.max(0, Math.round(p.swapKiB)),
    wchan: zombie || p.state === "R" ? "-" : p.comm === "kthreadd" && p.kthread ? "kthreadd" : p.wchan || "-",
    psr: p.cpu,
    kthread: !!p.kthread,
    pgid: p.transient && fg !== undefined ? fg : pgidOf(host, family),
    sid: sidOf(host, family),
    tpgid: onSelfTty ? fg! : tpgidOf(host, p, foreground),
    cpuGot: shares?.get(p.pid) ?? p.cpuGot,
    locked: !!p.statFlags?.includes("L"),
    realtime: !!p.kthread && /^(migration|watchdog|watchdogd$|irq\/)/.test(p.comm),
    self: false,
    proc: p,
  };
}

/** The tool's own row: a child of the login shell, running, in the foreground. */
export function selfTask(ctx: CommandContext, info: SelfInfo): Task {
  const host = ctx.host;
  const shell = loginShell(host);
  const tty = host.logins[0]?.tty ?? "?";
  const sid = shell ? sidOf(host, shell) : ctx.pid;
  return {
    pid: ctx.pid,
    tid: ctx.pid,
    ppid: shell?.pid ?? 1,
    uid: ctx.cred.uid,
    gid: ctx.cred.gids[0] ?? 0,
    user: host.userName(ctx.cred.uid),
    comm: info.comm,
    argv: info.argv,
    state: "R",
    nice: 0,
    nlwp: 1,
    tty,
    startMs: host.nowMs,
    ticks: 0,
    rssKiB: info.rssKiB,
    vszKiB: info.vszKiB,
    shrKiB: info.shrKiB,
    swapKiB: 0,
    wchan: "-",
    psr: ctx.pid % Math.max(1, host.cpu.count),
    kthread: false,
    pgid: ctx.pid,
    sid,
    tpgid: tty === "?" ? -1 : ctx.pid,
    cpuGot: 0,
    locked: false,
    realtime: false,
    self: true,
  };
}

/**
 * All tasks in PID order (the order /proc lists them). The command line being run (the
 * session's transient processes, this tool among them) is the foreground process group of
 * its terminal; `self` gives the tool's own memory figures (and adds its row if the session
 * did not create one).
 */
export function snapshot(ctx: CommandContext, self?: SelfInfo): Task[] {
  const host = ctx.host;
  const me = host.procs.get(ctx.pid);
  const selfTty = me?.tty ?? host.logins[0]?.tty ?? "?";
  const line = [...host.procs.values()].filter((p) => p.transient && p.tty === selfTty);
  const fg = line.length ? Math.min(...line.map((p) => p.pid)) : self ? ctx.pid : undefined;
  const out: Task[] = [];
  const shares = cpuShares(host);
  const foreground = foregroundByTty(host);
  for (const p of host.procs.values()) {
    const t = taskOf(host, p, selfTty, fg, shares, foreground);
    if (p.pid === ctx.pid) {
      t.self = true;
      if (self) Object.assign(t, { rssKiB: self.rssKiB, vszKiB: self.vszKiB, shrKiB: self.shrKiB });
    }
    out.push(t);
  }
  if (self && !me) out.push(selfTask(ctx, self));
  out.sort((a, b) => a.pid - b.pid);
  return out;
}

/**
 * Synthesized thread ids of a process: the PID, then the next numbers used by no process and
 * by no other process's threads (assigned in PID order, so stable for a host state).
 */
export function threadIds(host: Host, t: Task): number[] {
  const used = new Set<number>(host.procs.keys());
  const procs = [...host.procs.values()].filter((p) => p.threads > 1).sort((a, b) => a.pid - b.pid);
  for (const p of procs) {
    const ids = [p.pid];
    let next = p.pid + 1;
    while (ids.length < p.threads) {
      if (!used.has(next)) {
        ids.push(next);
        used.add(next);
      }
      next++;
    }
    if (p.pid === t.pid) return ids;
  }
  return [t.pid];
}

/** One Task per thread; busy threads share the CPU time and carry the process state. */
export function expandThreads(host: Host, tasks: Task[]): Task[] {
  const out: Task[] = [];
  for (const t of tasks) {
    if (t.nlwp <= 1) {
      out.push(t);
      continue;
    }
    const ids = threadIds(host, t);
    const demand = t.proc?.cpuDemand ?? 0;
    const busy = Math.max(1, Math.min(t.nlwp, Math.ceil(demand - 0.05)));
    const share = Math.floor(t.ticks / busy);
    ids.forEach((tid, i) => {
      const isBusy = i < busy;
      const state: ProcState = isBusy ? t.state : t.state === "R" ? "S" : t.state;
      out.push({
        ...t,
        tid,
        state,
        ticks: isBusy ? (i === 0 ? t.ticks - share * (busy - 1) : share) : 0,
        cpuGot: isBusy ? t.cpuGot / busy : 0,
        wchan: state === "R" ? "-" : t.wchan === "-" ? "futex_wait_queue" : i === 0 ? t.wchan : "futex_wait_queue",
      });
    });
  }
  return out;
}

/** BSD STAT: state, then < N L s l + as procps' pr_stat computes them. */
export function statOf(t: Task): string {
  let s: string = t.state;
  if (t.nice < 0) s += "<";
  else if (t.nice > 0) s += "N";
  if (t.locked) s += "L";
  if (t.sid === t.pid) s += "s";
  if (t.nlwp > 1) s += "l";
  if (t.pgid === t.tpgid) s += "+";
  return s;
}

/** Seconds since the task started (procps TIME_ELAPSED). */
export function elapsedS(host: Host, t: Task): number {
  return Math.max(0, (host.nowMs - t.startMs) / 1000);
}

/** Lifetime %CPU in tenths, as procps computes it (cputime * 1000 / elapsed jiffies). */
export function pcpuTenths(host: Host, t: Task): number {
  const jiffies = Math.floor(elapsedS(host, t) * HZ);
  return jiffies ? Math.floor((t.ticks * 1000) / jiffies) : 0;
}

/** %MEM in tenths: rss * 1000 / MemTotal, capped at 999. */
export function pmemTenths(host: Host, t: Task): number {
  return Math.min(999, Math.floor((t.rssKiB * 1000) / Math.max(1, host.mem.totalKiB)));
}

/** The args string: argv, or [comm] for kernel threads / empty cmdlines, <defunct> for zombies. */
export function argsOf(t: Task): string {
  if (t.state === "Z") return `[${t.comm}] <defunct>`;
  const a = t.argv.join(" ");
  return a ? a : `[${t.comm}]`;
}

/** The comm string (with <defunct> for zombies). */
export function commOf(t: Task): string {
  return t.state === "Z" ? `${t.comm} <defunct>` : t.comm;
}

/** "[dd-]hh:mm:ss" cumulative CPU time. */
export function cpuTimeHms(ticks: number): string {
  let s = Math.floor(ticks / HZ);
  const ss = s % 60;
  s = Math.floor(s / 60);
  const mm = s % 60;
  s = Math.floor(s / 60);
  const hh = s % 24;
  const dd = Math.floor(s / 24);
  return `${dd ? `${dd}-` : ""}${pad(hh)}:${pad(mm)}:${pad(ss)}`;
}

/** "[[dd-]hh:]mm:ss" elapsed time. */
export function etimeText(secs: number): string {
  let t = Math.floor(secs);
  const ss = t % 60;
  t = Math.floor(t / 60);
  const mm = t % 60;
  t = Math.floor(t / 60);
  const hh = t % 24;
  const dd = Math.floor(t / 24);
  return `${dd ? `${dd}-` : ""}${dd || hh ? `${pad(hh)}:` : ""}${pad(mm)}:${pad(ss)}`;
}

/** The epoch ms a task started. */
export function startEpochMs(host: Host, t: Task): number {
  return host.bootEpochMs + Math.floor(t.startMs / 10) * 10;
}

/** STIME / START (start_time): HH:MM today, MonDD this year, else YYYY. */
export function stimeText(host: Host, t: Task): string {
  const now = civilFromEpochMs(host.epochMs());
  const st = civilFromEpochMs(startEpochMs(host, t));
  if (st.year !== now.year) return String(st.year);
  if (st.yearDay !== now.yearDay) return `${MONTHS[st.month - 1]}${pad(st.day)}`;
  return `${pad(st.hour)}:${pad(st.minute)}`;
}

/** Names and users of processes matching a user list entry (name or numeric uid). */
export function uidOfUser(host: Host, u: string): number | undefined {
  const byName = host.userByName(u);
  if (byName) return byName.uid;
  if (/^\d+$/.test(u)) return Number(u);
  return undefined;
}
