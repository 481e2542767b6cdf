/**
 * The Host: a simulated Linux machine's live state and its dynamics. `tick(ms)` advances the
 * sim clock in steps of at most one second: the scheduler shares CPU demand across CPUs and
 * accounts per-CPU time, memory grows/reclaims/swaps and invokes the OOM killer, block
 * devices turn demand into utilisation, queues and D-state tasks, the load average follows
 * the kernel formula every 5 s, services restart per policy, faults run their dynamics.
 * Actions (signals, service control, unlink, umount, sysctl) are methods that emit events.
 * Tools read the state; only these methods change it.
 */
import type { EngineEvent } from "../events.js";
import { createRng, type Rng } from "../time/rng.js";
import { formatTimespan } from "../time/timespan.js";
import { Vfs, VfsError, allocKiB, type Cred, type MountLimits } from "../vfs/vfs.js";
import { LOAD_FREQ_MS, loadFromFloat, stepLoad } from "./loadavg.js";
import type {
  BlockDevice, CpuState, Group, JournalEntry, KmsgEntry, LoginSession, MemState, MetricSample, Mount, NetState, PressureState, Proc, ProcTemplate, Service, User,
} from "./types.js";

export const USER_HZ = 100;
export const PAGE_KIB = 4;
/** wchan of a task waiting for its swapped-out page to be read back (the kernel's swap-in path). */
const SWAPIN_WCHAN = "folio_wait_bit_common";
/** KiB/s of swap-in a fully busy task causes once its working set is partly in swap. */
const SWAPIN_KIBPS_PER_CPU = 36000;

export const SIGNALS: Record<string, number> = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15,
  STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19, TSTP: 20, TTIN: 21, TTOU: 22, URG: 23, XCPU: 24, XFSZ: 25, VTALRM: 26, PROF: 27, WINCH: 28, IO: 29, PWR: 30, SYS: 31,
};
export const SIGNAL_NAMES: Record<number, string> = Object.fromEntries(Object.entries(SIGNALS).map(([k, v]) => [v, k]));

/** Fault modules plug per-tick dynamics into the host. */
export interface FaultRuntime {
  type: string;
  /** called every step with the step length */
  tick?(host: Host, dtMs: number): void;
  /** whether the fault is still active (for grading / hints) */
  active?(host: Host): boolean;
  /** serializable state */
  state?: Record<string, unknown>;
}

/** A synthetic directory's accounting hook. */
export interface SyntheticAccount {
  path: string;
  mount: string;
  count(): number;
  sizeBytes: number;
}

export interface HostInit {
  hostname: string;
  kernelRelease: string;
  kernelVersion: string;
  os: { prettyName: string; id: string; versionId: string; versionCodename: string; name: string; version: string };
  bootEpochMs: number;
  seed: number;
}

export class Host {
  // identity
  hostname: string;
  kernelRelease: string;
  kernelVersion: string;
  os: HostInit["os"];
  bootEpochMs: number;
  /** sim ms since boot */
  nowMs = 0;
  rng: Rng;

  // model
  cpu!: CpuState;
  mem!: MemState;
  procs = new Map<number, Proc>();
  nextPid = 300;
  users: User[] = [];
  groups: Group[] = [];
  services = new Map<string, Service>();
  kmsg: KmsgEntry[] = [];
  /** dmesg -C / -c: records before this index were cleared from the ring buffer */
  kmsgClearedUpTo = 0;
  journal: JournalEntry[] = [];
  disks: BlockDevice[] = [];
  mounts: Mount[] = [];
  net!: NetState;
  sysctl = new Map<string, string>();
  logins: LoginSession[] = [];
  crontabs = new Map<string, string>();
  resolvConfPath = "/etc/resolv.conf";
  faults: FaultRuntime[] = [];
  synthetic: SyntheticAccount[] = [];
  pressure: PressureState = {
    cpuSomeUs: 0, ioSomeUs: 0, ioFullUs: 0, memSomeUs: 0, memFullUs: 0,
    cpuAvg: [0, 0, 0], ioSomeAvg: [0, 0, 0], ioFullAvg: [0, 0, 0], memSomeAvg: [0, 0, 0], memFullAvg: [0, 0, 0],
  };
  /** fixed-point load averages */
  avenrun: [number, number, number] = [0, 0, 0];
  private nextLoadMs = LOAD_FREQ_MS;
  private nextHungCheckMs = 0;
  /** metrics history for charts */
  metrics: MetricSample[] = [];
  private nextMetricMs = 0;
  /** events since creation */
  readonly events: EngineEvent[] = [];
  private listeners = new Set<(e: EngineEvent) => void>();
  /** reported hung tasks (khungtaskd prints each task once per episode, max 10) */
  hungReported = new Set<number>();
  hungWarningsLeft = 10;
  /** renderers for kernel reports, injected to keep this file about dynamics */
  static oomReport: (host: Host, trigger: Proc, victim: Proc, memcg?: Service) => string[] = () => [];
  static hungTaskReport: (host: Host, proc: Proc, secs: number) => string[] = () => [];

  readonly vfs: Vfs;
  /** pid of the command currently observing the host (/proc/self, ps's own row) */
  observerPid = 0;

  constructor(init: HostInit) {
    this.hostname = init.hostname;
    this.kernelRelease = init.kernelRelease;
    this.kernelVersion = init.kernelVersion;
    this.os = init.os;
    this.bootEpochMs = init.bootEpochMs;
    this.rng = createRng(init.seed);
    this.vfs = new Vfs({
      now: () => this.epochMs(),
      limits: (m) => this.mountLimits(m),
      mountTargets: () => this.mounts.filter((m) => !m.detached).map((m) => m.target),
    });
  }

  // ---- time ---------------------------------------------------------------------------

  /** Wall-clock epoch ms of the sim's "now". */
  epochMs(): number {
    return this.bootEpochMs + this.nowMs;
  }

  onEvent(fn: (e: EngineEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(e: EngineEvent): void {
    this.events.push(e);
    for (const l of this.listeners) l(e);
  }

  /** Advances the simulation by `ms` milliseconds. */
  tick(ms: number): void {
    let left = Math.max(0, Math.floor(ms));
    const wasTicking = this.ticking;
    this.ticking = true;
    try {
      while (left > 0) {
        const untilLoad = this.nextLoadMs - this.nowMs;
        const step = Math.max(1, Math.min(left, 1000, untilLoad > 0 ? untilLoad : 1000));
        this.step(step);
        left -= step;
      }
    } finally {
      this.ticking = wasTicking;
    }
  }

  /** true while the clock advances: events emitted then come from the host's own dynamics, not from a user action */
  ticking = false;

  private step(dtMs: number): void {
    this.nowMs += dtMs;
    for (const f of this.faults) f.tick?.(this, dtMs);
    this.stepProcesses(dtMs);
    this.stepMemory(dtMs);
    this.stepDisks(dtMs);
    this.stepCpu(dtMs);
    this.stepServices();
    this.stepNet(dtMs);
    if (this.nowMs >= this.nextLoadMs) {
      this.avenrun = stepLoad(this.avenrun, this.cpu.nrRunning + this.cpu.nrBlocked);
      this.nextLoadMs += LOAD_FREQ_MS;
    }
    this.stepHungTasks();
    if (this.nowMs >= this.nextMetricMs) {
      this.sampleMetrics();
      this.nextMetricMs = this.nowMs + 5000;
    }
  }

  /** Seeds the load averages as if the current run/blocked counts had held for a long time. */
  settleLoad(history?: [number, number, number]): void {
    this.recountRunQueue();
    if (history) this.avenrun = [loadFromFloat(history[0]), loadFromFloat(history[1]), loadFromFloat(history[2])];
    else {
      const n = this.cpu.nrRunning + this.cpu.nrBlocked;
      this.avenrun = [loadFromFloat(n), loadFromFloat(n), loadFromFloat(n)];
    }
  }

  // ---- processes ----------------------------------------------------------------------

  /** Threads a process has runnable right now. */
  runnableThreads(p: Proc): number {
    if (p.state !== "R") return 0;
    return Math.max(1, Math.min(p.threads, Math.ceil(p.cpuDemand - 0.05)));
  }

  recountRunQueue(): void {
    let running = 0;
    let blocked = 0;
    for (const p of this.procs.values()) {
      if (p.state === "R") running += this.runnableThreads(p);
      else if (p.state === "D") blocked += 1;
    }
    this.cpu.nrRunning = running;
    this.cpu.nrBlocked = blocked;
  }

  private stepProcesses(dtMs: number): void {
    const s = dtMs / 1000;
    for (const p of this.procs.values()) {
      if (p.state === "Z" || p.state === "T") continue;
      if (p.blockedOn) {
        p.state = "D";
        continue;
      }
      // growToMiB caps the process's memory, resident or swapped out (pages pushed to swap do not make room to grow)
      if (p.rssGrowKiBps > 0 && (p.rssMaxKiB === undefined || p.rssKiB + p.swapKiB < p.rssMaxKiB)) {
        const grow = p.rssMaxKiB === undefined ? p.rssGrowKiBps * s : Math.min(p.rssGrowKiBps * s, p.rssMaxKiB - p.rssKiB - p.swapKiB);
        p.rssKiB += grow;
        p.vszKiB += grow;
        p.minflt += Math.floor(grow / PAGE_KIB);
        this.mem.pgfault += Math.floor(grow / PAGE_KIB);
      }
      for (const fd of p.fds) {
        if (fd.growBps && fd.growBps > 0) this.appendThroughFd(p, fd, fd.growBps * s);
      }
      if (p.state !== "D" && p.state !== "I") p.state = p.cpuDemand >= 0.5 ? "R" : "S";
      p.nvcsw += Math.round(s * (p.cpuDemand > 0 ? 50 : 2));
    }
  }

  /** A process writes `bytes` through an open fd (a log): grows the file or its deleted inode. */
  appendThroughFd(p: Proc, fd: Proc["fds"][number], bytes: number): void {
    const n = Math.floor(bytes);
    if (n <= 0) return;
    if (fd.deleted) {
      const mount = fd.mount ? this.mounts.find((m) => m.target === fd.mount) : undefined;
      if (mount && this.freeKiB(mount, p.uid === 0) < allocKiB(n)) return;
      fd.sizeBytes = (fd.sizeBytes ?? 0) + n;
      fd.offset = fd.sizeBytes;
      p.wchar += n;
      return;
    }
    try {
      this.vfs.growFile(fd.path, n, { uid: 0, gids: [0] });
      fd.sizeBytes = this.vfs.sizeOf(fd.path);
      fd.offset = fd.sizeBytes;
      p.wchar += n;
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
    }
  }

  getProc(pid: number): Proc | undefined {
    return this.procs.get(pid);
  }

  userName(uid: number): string {
    return this.users.find((u) => u.uid === uid)?.name ?? String(uid);
  }

  userByName(name: string): User | undefined {
    return this.users.find((u) => u.name === name);
  }

  groupName(gid: number): string {
    return this.groups.find((g) => g.gid === gid)?.name ?? String(gid);
  }

  /** Groups a user belongs to (primary first). */
  gidsOf(user: User): number[] {
    return [user.gid, ...this.groups.filter((g) => g.members.includes(user.name) && g.gid !== user.gid).map((g) => g.gid)];
  }

  credOf(userName: string): Cred {
    const u = this.userByName(userName);
    return u ? { uid: u.uid, gids: this.gidsOf(u) } : { uid: 65534, gids: [65534] };
  }

  /** Allocates a PID the way the kernel does (next free, wrapping at pid_max); undefined = EAGAIN. */
  allocPid(): number | undefined {
    const pidMax = Number(this.sysctl.get("kernel.pid_max") ?? 4194304);
    const threadsMax = Number(this.sysctl.get("kernel.threads-max") ?? 95000);
    let tasks = 0;
    for (const p of this.procs.values()) tasks += p.threads;
    if (this.procs.size >= pidMax - 300 || tasks >= threadsMax) return undefined;
    for (let i = 0; i < pidMax; i++) {
      const pid = this.nextPid;
      this.nextPid = this.nextPid + 1 >= pidMax ? 300 : this.nextPid + 1;
      if (!this.procs.has(pid)) return pid;
    }
    return undefined;
  }

  /** Creates a process record from a template. */
  spawn(t: ProcTemplate, ppid: number, extra: Partial<Proc> = {}): Proc | undefined {
    const pid = extra.pid ?? this.allocPid();
    if (pid === undefined) return undefined;
    const user = this.userByName(t.user);
    const uid = user?.uid ?? 0;
    const p: Proc = {
      ppid,
      uid,
      gid: user?.gid ?? 0,
      comm: t.comm.slice(0, 15),
      argv: t.argv,
      state: (t.cpuDemand ?? 0) >= 0.5 ? "R" : "S",
      nice: 0,
      threads: t.threads ?? 1,
      cpuDemand: t.cpuDemand ?? 0,
      sysFrac: t.sysFrac ?? 0.1,
      utimeTicks: 0,
      stimeTicks: 0,
      startMs: this.nowMs,
      rssKiB: t.rssKiB,
      vszKiB: t.vszKiB,
      shrKiB: t.shrKiB ?? Math.min(t.rssKiB, 4096),
      swapKiB: 0,
      rssGrowKiBps: t.rssGrowKiBps ?? 0,
      rssMaxKiB: t.rssMaxKiB,
      wchan: t.wchan ?? ((t.cpuDemand ?? 0) >= 0.5 ? "-" : "do_epoll_wait"),
      fds: (t.fds ?? []).map((f) => ({ ...f })),
      nofileSoft: t.nofile ?? 1024,
      nofileHard: Math.max(t.nofile ?? 1024, 524288),
      cgroup: "/",
      oomScoreAdj: t.oomScoreAdj ?? 0,
      readBps: t.readBps ?? 0,
      writeBps: t.writeBps ?? 0,
      ioDevice: t.ioDevice,
      syncWrites: t.syncWrites,
      readBytes: 0,
      writeBytes: 0,
      rchar: 0,
      wchar: 0,
      ioDelayTicks: 0,
      tty: "?",
      onTerm: t.onTerm ?? "exit",
      onHup: t.onHup ?? "exit",
      syscalls: t.syscalls,
      minflt: Math.floor(t.rssKiB / PAGE_KIB),
      majflt: 0,
      nvcsw: 0,
      nivcsw: 0,
      cpu: pid % Math.max(1, this.cpu?.count ?? 1),
      cpuGot: 0,
      environ: t.env,
      ...extra,
      pid,
    };
    this.procs.set(pid, p);
    this.cpu.processesForked++;
    this.emit({ type: "process-spawned", simMs: this.nowMs, pid, comm: p.comm, ppid });
    for (const l of t.listen ?? []) this.listen(p, l.port, l.addr, l.backlog);
    for (const c of t.children ?? []) this.spawn(c, pid, { cgroup: p.cgroup, unit: p.unit });
    return p;
  }

  /**
   * A short-lived process for a command the candidate runs (ps sees itself, /proc/self is the
   * reader): created and removed without engine events, so it never shows up in recordings.
   */
  spawnTransient(comm: string, argv: string[], ppid: number, uid: number, gid: number, pid?: number): Proc | undefined {
    const id = pid ?? this.allocPid();
    if (id === undefined) return undefined;
    const parent = this.procs.get(ppid);
    const p: Proc = {
      pid: id, ppid, uid, gid, comm: comm.slice(0, 15), argv, state: "R", nice: 0, threads: 1, cpuDemand: 0, sysFrac: 0.3,
      utimeTicks: 0, stimeTicks: 0, startMs: this.nowMs, rssKiB: 3400, vszKiB: 8900, shrKiB: 2900, swapKiB: 0, rssGrowKiBps: 0,
      wchan: "-", fds: (parent?.fds ?? []).filter((f) => f.fd <= 2).map((f) => ({ ...f })), nofileSoft: parent?.nofileSoft ?? 1024, nofileHard: parent?.nofileHard ?? 1048576,
      cgroup: parent?.cgroup ?? "/", oomScoreAdj: 0, readBps: 0, writeBps: 0, readBytes: 0, writeBytes: 0, rchar: 0, wchar: 0, ioDelayTicks: 0,
      tty: parent?.tty ?? "?", onTerm: "exit", onHup: "exit", minflt: 120, majflt: 0, nvcsw: 1, nivcsw: 0, cpu: id % Math.max(1, this.cpu.count), cpuGot: 0,
      cwd: parent?.cwd, transient: true,
    };
    this.procs.set(id, p);
    return p;
  }

  removeTransient(pid: number): void {
    if (this.procs.get(pid)?.transient) this.procs.delete(pid);
  }

  /** Opens a TCP listening socket for a process. */
  listen(p: Proc, port: number, addr = "0.0.0.0", backlog = 511): void {
    const fd = p.fds.reduce((m, f) => Math.max(m, f.fd), 2) + 1;
    const ino = this.net.nextIno++;
    p.fds.push({ fd, path: `socket:[${ino}]`, mode: "u" });
    const v6 = addr.includes(":");
    this.net.sockets.push({ proto: v6 ? "tcp6" : "tcp", state: "LISTEN", localAddr: addr, localPort: port, peerAddr: v6 ? "[::]" : "0.0.0.0", peerPort: 0, recvQ: 0, sendQ: backlog, pid: p.pid, fd, ino, backlog });
  }

  /** Which process holds a listening port, if any. */
  portHolder(port: number): Proc | undefined {
    const s = this.net.sockets.find((x) => x.state === "LISTEN" && x.localPort === port && x.pid !== undefined && this.procs.has(x.pid));
    return s?.pid !== undefined ? this.procs.get(s.pid) : undefined;
  }

  /** Sends a signal. Returns an errno name on failure ("ESRCH", "EPERM") or undefined. */
  signal(pid: number, sig: number, cred: Cred): "ESRCH" | "EPERM" | undefined {
    const p = this.procs.get(pid);
    if (!p) return "ESRCH";
    if (cred.uid !== 0 && cred.uid !== p.uid) return "EPERM";
    if (pid === 1 && (sig === 9 || sig === 15)) return undefined; // init ignores
    if (sig === 0) return undefined;
    const by = cred.uid;
    if (p.state === "Z") {
      this.emit({ type: "signal-sent", simMs: this.nowMs, pid, comm: p.comm, signal: sig, by, effect: "ignored" });
      return undefined;
    }
    if (p.kthread) {
      this.emit({ type: "signal-sent", simMs: this.nowMs, pid, comm: p.comm, signal: sig, by, effect: "ignored" });
      return undefined;
    }
    if (p.state === "D" && p.wchan !== SWAPIN_WCHAN && sig !== 18 && sig !== 19) {
      // uninterruptible: even SIGKILL waits until the I/O completes
      p.pendingSignal = sig === 9 ? 9 : (p.pendingSignal ?? sig);
      this.emit({ type: "signal-sent", simMs: this.nowMs, pid, comm: p.comm, signal: sig, by, effect: "pending" });
      return undefined;
    }
    if (sig === 19 || sig === 20 || sig === 21 || sig === 22) {
      p.state = "T";
      this.emit({ type: "signal-sent", simMs: this.nowMs, pid, comm: p.comm, signal: sig, by, effect: "delivered" });
      return undefined;
    }
    if (sig === 18) {
      if (p.state === "T") p.state = p.cpuDemand >= 0.5 ? "R" : "S";
      this.emit({ type: "signal-sent", simMs: this.nowMs, pid, comm: p.comm, signal: sig, by, effect: "delivered" });
      return undefined;
    }
    if (sig === 17 || sig === 28 || sig === 23) return undefined; // default: ignore
    let action: "exit" | "ignore" | "reload" | "graceful" = "exit";
    if (sig === 15) action = p.onTerm;
    else if (sig === 1) action = p.onHup;
    else if (sig === 2) action = p.onInt ?? p.onTerm;
    else if (sig === 10) action = p.onHup === "reload" ? "reload" : "exit";
    if (sig === 9) action = "exit";
    if (action === "ignore") {
      this.emit({ type: "signal-sent", simMs: this.nowMs, pid, comm: p.comm, signal: sig, by, effect: "ignored" });
      return undefined;
    }
    if (action === "reload") {
      this.reopenFiles(p);
      this.emit({ type: "signal-sent", simMs: this.nowMs, pid, comm: p.comm, signal: sig, by, effect: "reload" });
      return undefined;
    }
    this.emit({ type: "signal-sent", simMs: this.nowMs, pid, comm: p.comm, signal: sig, by, effect: "delivered" });
    const clean = sig === 15 || sig === 1 || sig === 2 || sig === 13;
    this.exitProcess(p, { signal: sig, clean, by: `signal ${SIGNAL_NAMES[sig] ?? sig}` });
    return undefined;
  }

  /** A reload: close fds to deleted files (logs reopened), re-read config. */
  reopenFiles(p: Proc): void {
    for (const fd of p.fds) {
      if (fd.deleted) {
        fd.deleted = false;
        fd.sizeBytes = 0;
        fd.offset = 0;
        // reopen creates the log afresh
        try {
          if (!this.vfs.exists(fd.path)) this.vfs.writeFile(fd.path, "", { uid: 0, gids: [0] }, { uid: p.uid, gid: p.gid });
        } catch (e) {
          if (!(e instanceof VfsError)) throw e;
        }
      }
    }
    for (const q of this.procs.values()) if (q.ppid === p.pid && q.unit === p.unit && q.unit) this.reopenFiles(q);
  }

  /** Terminates a process: zombie (parent doesn't reap) or gone; children reparent; services react. */
  exitProcess(p: Proc, how: { signal?: number; status?: number; clean?: boolean; by?: string; oom?: boolean }): void {
    // already dead: a zombie, or reaped (a stale reference from a caller's snapshot)
    if (p.state === "Z" || this.procs.get(p.pid) !== p) return;
    const parent = this.procs.get(p.ppid);
    // the unit's cgroup keeps the CPU time its exited processes used (systemctl status "CPU:")
    const unitSvc = p.unit ? this.services.get(p.unit) : undefined;
    if (unitSvc) unitSvc.cpuMs = (unitSvc.cpuMs ?? 0) + (p.utimeTicks + p.stimeTicks) * 10;
    // close its sockets
    this.net.sockets = this.net.sockets.filter((s) => s.pid !== p.pid);
    p.fds = [];
    p.rssKiB = 0;
    p.vszKiB = 0;
    p.swapKiB = 0;
    p.cpuDemand = 0;
    p.readBps = p.writeBps = 0;
    p.exitStatus = how.signal ? 128 + how.signal : (how.status ?? 0);
    for (const c of [...this.procs.values()]) {
      if (c.ppid === p.pid) {
        c.ppid = 1;
        if (c.state === "Z") this.procs.delete(c.pid);
      }
    }
    const zombie = parent && parent.pid !== 1 && parent.state !== "Z" && (parent.neverReaps || parent.state === "T" || parent.state === "D");
    if (zombie) {
      p.state = "Z";
      p.wchan = "-";
      p.threads = 1;
    } else this.procs.delete(p.pid);
    this.emit({ type: "process-exited", simMs: this.nowMs, pid: p.pid, comm: p.comm, signal: how.signal, status: how.status, by: how.by });
    // service bookkeeping
    for (const svc of this.services.values()) {
      if (svc.mainPid === p.pid) this.onServiceMainExit(svc, p, how);
    }
  }

  // ---- services -----------------------------------------------------------------------

  journalLog(unit: string, ident: string, message: string, priority = 6, pid?: number): void {
    this.journal.push({ simMs: this.nowMs, unit, ident, pid, priority, message });
  }

  klog(text: string, level = 6): void {
    this.kmsg.push({ simMs: this.nowMs, level, facility: 0, text });
  }

  private onServiceMainExit(svc: Service, p: Proc, how: { signal?: number; status?: number; clean?: boolean; oom?: boolean; by?: string }): void {
    // KillMode=control-group: the rest of the unit goes too
    for (const q of [...this.procs.values()]) if (q.unit === svc.name && q.pid !== p.pid && q.state !== "Z") this.exitProcess(q, { signal: 15, clean: true, by: "systemd" });
    svc.mainPid = 0;
    const unit = svc.name;
    svc.lastMain = { pid: p.pid, how: how.signal && !(how.clean && svc.active === "deactivating") ? `code=killed, signal=${SIGNAL_NAMES[how.signal] ?? how.signal}` : `code=exited, status=${how.status ?? 0}/${how.status ? "FAILURE" : "SUCCESS"}` };
    if (svc.active === "deactivating") return;
    svc.ranFromMs = svc.sinceMs;
    let result: string;
    if (how.oom) result = "oom-kill";
    else if (how.signal) result = "signal";
    else result = how.status ? "exit-code" : "success";
    // systemd notices the OOM kill (cgroup memory.events) before it reaps the main process
    if (how.oom) this.journalLog(unit, "systemd", `${unit}: A process of this unit has been killed by the OOM killer.`, 4, 1);
    if (how.signal) {
      this.journalLog(unit, "systemd", `${unit}: Main process exited, code=killed, status=${how.signal}/${SIGNAL_NAMES[how.signal] ?? how.signal}`, how.clean ? 6 : 4, 1);
    } else {
      this.journalLog(unit, "systemd", `${unit}: Main process exited, code=exited, status=${how.status ?? 0}/${how.status ? "FAILURE" : "SUCCESS"}`, how.status ? 4 : 6, 1);
    }
    const failed = result !== "success" && !(how.signal && how.clean);
    svc.result = result;
    const restart =
      svc.restart === "always" || (svc.restart === "on-failure" && failed) || (svc.restart === "on-abnormal" && (how.signal !== undefined && !how.clean));
    if (failed) this.journalLog(unit, "systemd", `${unit}: Failed with result '${result}'.`, 4, 1);
    this.logConsumed(svc);
    if (restart) {
      svc.active = "activating";
      svc.sub = "auto-restart";
      svc.restartAtMs = this.nowMs + svc.restartSec * 1000;
    } else {
      svc.active = failed ? "failed" : "inactive";
      svc.sub = failed ? "failed" : "dead";
      if (failed) this.emit({ type: "service-failed", simMs: this.nowMs, unit, result });
    }
    svc.sinceMs = this.nowMs;
  }

  /** systemd 252 reports a unit's CPU time when it stops, fails or goes to auto-restart. */
  private logConsumed(svc: Service): void {
    const ms = svc.cpuMs ?? 0;
    if (ms >= 1) this.journalLog(svc.name, "systemd", `${svc.name}: Consumed ${formatTimespan(ms)} CPU time.`, 6, 1);
  }

  private stepServices(): void {
    for (const svc of this.services.values()) {
      if (svc.sub === "auto-restart" && svc.restartAtMs !== undefined && this.nowMs >= svc.restartAtMs) {
        svc.restartAtMs = undefined;
        svc.restarts++;
        this.journalLog(svc.name, "systemd", `${svc.name}: Scheduled restart job, restart counter is at ${svc.restarts}.`, 6, 1);
        this.journalLog(svc.name, "systemd", `Stopped ${svc.name} - ${svc.description}.`, 6, 1);
        this.startService(svc.name, true);
      }
    }
  }

  /** Starts a unit's main process. Returns an error text when it fails. */
  startService(name: string, fromRestart = false): string | undefined {
    const svc = this.services.get(name);
    if (!svc) return `Unit ${name} not found.`;
    if (svc.active === "active" && svc.mainPid) return undefined;
    this.journalLog(svc.name, "systemd", `Starting ${svc.name} - ${svc.description}...`, 6, 1);
    // port conflicts
    for (const l of svc.template.listen ?? []) {
      const holder = this.portHolder(l.port);
      if (holder && holder.unit !== svc.name) {
        const failure = svc.startFailure ?? `bind() to ${l.addr ?? "0.0.0.0"}:${l.port} failed (98: Address already in use)`;
        const pid = this.allocPid() ?? 0;
        this.journalLog(svc.name, svc.template.comm, failure, 3, pid);
        const exec = /^ExecStart=(.*)$/m.exec(svc.unitText)?.[1] ?? svc.template.argv.join(" ");
        svc.lastProcess = { pid, exec: `ExecStart=${exec}`, how: "code=exited, status=1/FAILURE" };
        this.journalLog(svc.name, "systemd", `${svc.name}: Control process exited, code=exited, status=1/FAILURE`, 4, 1);
        this.journalLog(svc.name, "systemd", `${svc.name}: Failed with result 'exit-code'.`, 4, 1);
        this.journalLog(svc.name, "systemd", `Failed to start ${svc.name} - ${svc.description}.`, 3, 1);
        svc.result = "exit-code";
        svc.active = "failed";
        svc.sub = "failed";
        svc.sinceMs = this.nowMs;
        svc.mainPid = 0;
        this.emit({ type: "service-failed", simMs: this.nowMs, unit: svc.name, result: "exit-code" });
        return `Job for ${svc.name} failed because the control process exited with error code.\nSee "systemctl status ${svc.name}" and "journalctl -xeu ${svc.name}" for details.`;
      }
    }
    const p = this.spawn(svc.template, 1, { unit: svc.name, cgroup: `/system.slice/${svc.name}` });
    if (!p) return `Failed to fork: Resource temporarily unavailable`;
    const setUnit = (pid: number): void => {
      for (const q of this.procs.values()) if (q.ppid === pid) {
        q.unit = svc.name;
        q.cgroup = p.cgroup;
        setUnit(q.pid);
      }
    };
    setUnit(p.pid);
    svc.mainPid = p.pid;
    svc.active = "active";
    svc.sub = "running";
    svc.sinceMs = this.nowMs;
    svc.result = "success";
    svc.lastProcess = undefined;
    svc.cpuMs = 0; // a new cgroup: CPU accounting starts over
    this.journalLog(svc.name, "systemd", `Started ${svc.name} - ${svc.description}.`, 6, 1);
    this.emit({ type: "service-started", simMs: this.nowMs, unit: svc.name, pid: p.pid });
    void fromRestart;
    return undefined;
  }

  stopService(name: string): string | undefined {
    const svc = this.services.get(name);
    if (!svc) return `Unit ${name} not loaded.`;
    svc.restartAtMs = undefined;
    if (svc.mainPid) {
      this.journalLog(svc.name, "systemd", `Stopping ${svc.name} - ${svc.description}...`, 6, 1);
      svc.active = "deactivating";
      const main = this.procs.get(svc.mainPid);
      for (const q of [...this.procs.values()]) if (q.unit === svc.name && q.state !== "Z") {
        // stuck: stays, like a real unkillable task (a swap-in wait is short and killable)
        if (q.state === "D" && q.wchan !== SWAPIN_WCHAN) continue;
        this.exitProcess(q, { signal: 15, clean: true, by: "systemd" });
      }
      void main;
      svc.ranFromMs = svc.sinceMs;
      this.journalLog(svc.name, "systemd", `${svc.name}: Deactivated successfully.`, 6, 1);
      this.journalLog(svc.name, "systemd", `Stopped ${svc.name} - ${svc.description}.`, 6, 1);
      this.logConsumed(svc);
    }
    svc.mainPid = 0;
    svc.active = "inactive";
    svc.sub = "dead";
    svc.sinceMs = this.nowMs;
    this.emit({ type: "service-stopped", simMs: this.nowMs, unit: svc.name });
    return undefined;
  }

  restartService(name: string): string | undefined {
    const err = this.stopService(name);
    if (err) return err;
    return this.startService(name);
  }

  reloadService(name: string): string | undefined {
    const svc = this.services.get(name);
    if (!svc) return `Unit ${name} not loaded.`;
    if (!svc.mainPid) return `${name} is not active, cannot reload.`;
    const p = this.procs.get(svc.mainPid);
    if (p) this.reopenFiles(p);
    this.journalLog(svc.name, "systemd", `Reloading ${svc.name} - ${svc.description}...`, 6, 1);
    this.journalLog(svc.name, "systemd", `Reloaded ${svc.name} - ${svc.description}.`, 6, 1);
    this.emit({ type: "service-reloaded", simMs: this.nowMs, unit: svc.name });
    return undefined;
  }

  // ---- CPU ----------------------------------------------------------------------------

  private stepCpu(dtMs: number): void {
    const n = this.cpu.count;
    const ticks = (dtMs / 1000) * USER_HZ;
    const cap = n * (1 - this.cpu.stealFrac);
    // every process that wants CPU gets it (light ones sleep most of the time and show S, but still accrue time);
    // only R tasks count in the run queue (recountRunQueue)
    const runners = [...this.procs.values()].filter((p) => p.cpuDemand > 0 && (p.state === "R" || p.state === "S"));
    const weight = (p: Proc): number => Math.pow(1.25, -p.nice);
    let demand = 0;
    for (const p of runners) demand += Math.min(p.cpuDemand, p.threads);
    const scale = demand > cap ? cap / demand : 1;
    // nice-weighted share when oversubscribed
    let wsum = 0;
    for (const p of runners) wsum += Math.min(p.cpuDemand, p.threads) * weight(p);
    const busy = new Array<number>(n).fill(0);
    const usr = new Array<number>(n).fill(0);
    const nic = new Array<number>(n).fill(0);
    const sys = new Array<number>(n).fill(0);
    const sorted = runners.sort((a, b) => b.cpuDemand - a.cpuDemand || a.pid - b.pid);
    for (const p of sorted) {
      const want = Math.min(p.cpuDemand, p.threads);
      const got = scale < 1 ? (cap * want * weight(p)) / wsum : want;
      p.cpuGot = got;
      // place: single thread on its last CPU unless that one is full; multi-thread spreads
      let remaining = got;
      const order = [...busy.keys()].sort((a, b) => busy[a]! - busy[b]! || a - b);
      if (p.threads === 1 || got <= 1) {
        const c = busy[p.cpu]! + got <= 1.0001 ? p.cpu : order[0]!;
        p.cpu = c;
        const take = Math.min(remaining, Math.max(0, 1 - busy[c]!));
        const put = take > 0 ? take : remaining;
        busy[c]! += put;
        sys[c]! += put * p.sysFrac;
        if (p.nice > 0) nic[c]! += put * (1 - p.sysFrac);
        else usr[c]! += put * (1 - p.sysFrac);
      } else {
        for (const c of order) {
          if (remaining <= 0) break;
          const take = Math.min(remaining, Math.max(0, 1 - busy[c]!), got / Math.min(p.threads, n) + 1e-9);
          if (take <= 0) continue;
          busy[c]! += take;
          sys[c]! += take * p.sysFrac;
          if (p.nice > 0) nic[c]! += take * (1 - p.sysFrac);
          else usr[c]! += take * (1 - p.sysFrac);
          remaining -= take;
        }
        p.cpu = order[0]!;
      }
      p.utimeTicks += got * (1 - p.sysFrac) * ticks;
      p.stimeTicks += got * p.sysFrac * ticks;
    }
    for (const p of this.procs.values()) if (!(p.cpuDemand > 0 && (p.state === "R" || p.state === "S"))) p.cpuGot = 0;
    // iowait: idle CPUs whose last task waits on block I/O
    const ioWaitCpu = new Set<number>();
    for (const p of this.procs.values()) if (p.state === "D" && this.waitsOnBlockIo(p)) ioWaitCpu.add(p.cpu % n);
    for (let c = 0; c < n; c++) {
      const t = this.cpu.perCpu[c]!;
      const b = Math.min(1, busy[c]!);
      const norm = busy[c]! > 1 ? 1 / busy[c]! : 1;
      const steal = this.cpu.stealFrac;
      const si = b * 0.01;
      t.user += usr[c]! * norm * ticks * (1 - steal);
      t.nice += nic[c]! * norm * ticks * (1 - steal);
      t.system += Math.max(0, sys[c]! * norm - si) * ticks * (1 - steal);
      t.softirq += si * ticks;
      t.steal += steal * ticks;
      const idle = Math.max(0, 1 - b - steal) * ticks;
      if (ioWaitCpu.has(c)) t.iowait += idle;
      else t.idle += idle;
    }
    this.cpu.ctxt += Math.round((dtMs / 1000) * (200 + demand * 900 + this.procs.size * 3));
    this.cpu.intr += Math.round((dtMs / 1000) * (150 + demand * 400));
    this.recountRunQueue();
    // PSI
    const us = dtMs * 1000;
    const cpuSome = demand > cap ? Math.min(1, (demand - cap) / Math.max(demand, 1)) : 0;
    const ioSome = this.cpu.nrBlocked > 0 ? Math.min(1, 0.3 + 0.1 * this.cpu.nrBlocked) : 0;
    const ioFull = this.cpu.nrBlocked > 0 && this.cpu.nrRunning === 0 ? ioSome * 0.9 : 0;
    const memSome = this.mem.pswpin > 0 && this.swapActivity > 0 ? Math.min(0.9, this.swapActivity / 12000) : 0;
    this.pressure.cpuSomeUs += Math.round(cpuSome * us);
    this.pressure.ioSomeUs += Math.round(ioSome * us);
    this.pressure.ioFullUs += Math.round(ioFull * us);
    this.pressure.memSomeUs += Math.round(memSome * us);
    this.pressure.memFullUs += Math.round(memSome * 0.6 * us);
    const decay = (avg: [number, number, number], v: number): [number, number, number] => {
      const s = dtMs / 1000;
      return [0, 1, 2].map((i) => {
        const period = [10, 60, 300][i]!;
        const a = Math.exp(-s / period);
        return avg[i]! * a + v * 100 * (1 - a);
      }) as [number, number, number];
    };
    this.pressure.cpuAvg = decay(this.pressure.cpuAvg, cpuSome);
    this.pressure.ioSomeAvg = decay(this.pressure.ioSomeAvg, ioSome);
    this.pressure.ioFullAvg = decay(this.pressure.ioFullAvg, ioFull);
    this.pressure.memSomeAvg = decay(this.pressure.memSomeAvg, memSome);
    this.pressure.memFullAvg = decay(this.pressure.memFullAvg, memSome * 0.6);
  }

  /** True when a D-state task waits on a block device (counts as iowait); hung NFS does not. */
  waitsOnBlockIo(p: Proc): boolean {
    if (p.blockedOn) return this.disks.some((d) => d.name === p.blockedOn);
    return p.ioDevice !== undefined || p.wchan === SWAPIN_WCHAN;
  }

  // ---- memory -------------------------------------------------------------------------

  /** KiB of anonymous memory in use by processes (resident). */
  anonKiB(): number {
    let a = 0;
    for (const p of this.procs.values()) a += Math.max(0, p.rssKiB - p.shrKiB);
    return a;
  }

  swapUsedKiB(): number {
    let s = this.mem.swapBaseKiB;
    for (const p of this.procs.values()) s += p.swapKiB;
    return Math.min(s, this.mem.swapTotalKiB);
  }

  freeMemKiB(): number {
    const m = this.mem;
    return m.totalKiB - this.anonKiB() - m.kernelKiB - m.slabReclaimableKiB - m.slabUnreclaimKiB - m.cachedKiB - m.buffersKiB - m.shmemKiB;
  }

  /** MemAvailable, estimated the way the kernel does (free + reclaimable cache/slab − low watermarks). */
  availableKiB(): number {
    const m = this.mem;
    const free = this.freeMemKiB();
    const pagecache = m.cachedKiB + m.buffersKiB;
    const wmarkLow = m.minFreeKiB * 1.25;
    const reclaimable = pagecache - Math.min(pagecache / 2, wmarkLow) + m.slabReclaimableKiB - Math.min(m.slabReclaimableKiB / 2, wmarkLow);
    return Math.max(0, Math.floor(free - wmarkLow + reclaimable));
  }

  /** swap pages moved per second in the last step (for thrash detection) */
  swapActivity = 0;

  /** KiB swapped in/out during the current step (fed to the swap disk) */
  private swapIo = { inKiB: 0, outKiB: 0 };

  private stepMemory(dtMs: number): void {
    const m = this.mem;
    const s = dtMs / 1000;
    this.swapActivity = 0;
    this.swapIo = { inKiB: 0, outKiB: 0 };
    // last step's swap-ins completed: those tasks leave D (a SIGKILL sent meanwhile takes effect now)
    for (const p of this.procs.values()) {
      if (p.state !== "D" || p.blockedOn || p.wchan !== SWAPIN_WCHAN) continue;
      p.state = p.cpuDemand >= 0.5 ? "R" : "S";
      p.wchan = "-";
      if (p.pendingSignal !== undefined) {
        const sig = p.pendingSignal;
        p.pendingSignal = undefined;
        this.signal(p.pid, sig, { uid: 0, gids: [0] });
      }
    }
    // memcg limits
    for (const svc of this.services.values()) {
      if (!svc.memoryMaxKiB) continue;
      const members = [...this.procs.values()].filter((p) => p.unit === svc.name && p.state !== "Z");
      const used = members.reduce((a, p) => a + p.rssKiB, 0);
      if (used > svc.memoryMaxKiB && members.length) {
        const victim = members.reduce((a, b) => (this.badness(b) > this.badness(a) ? b : a));
        this.oomKill(victim, victim, svc);
      }
    }
    let free = this.freeMemKiB();
    // page cache grows toward its target while memory is plentiful
    if (m.cachedKiB < m.cacheTargetKiB && free > m.minFreeKiB * 4) {
      const grow = Math.min(m.cacheTargetKiB - m.cachedKiB, 20000 * s, free - m.minFreeKiB * 4);
      if (grow > 0) {
        m.cachedKiB += grow;
        m.pgpgin += Math.floor(grow);
        free -= grow;
      }
    }
    // busy tasks fault their swapped-out pages back in (thrashing when memory stays short)
    const short = free < m.minFreeKiB * 2;
    for (const p of this.procs.values()) {
      if (p.swapKiB > 0 && p.state !== "Z" && p.state !== "T" && (p.cpuDemand > 0.02 || p.rssGrowKiBps > 0)) {
        // the rate follows how busy the task is and how much of its memory sits in swap
        const busy = Math.min(1, p.cpuDemand + p.rssGrowKiBps / 4096);
        const swappedFrac = p.swapKiB / Math.max(1, p.swapKiB + p.rssKiB);
        const rate = SWAPIN_KIBPS_PER_CPU * busy * Math.min(1, 4 * swappedFrac) * (0.75 + 0.5 * this.rng.next());
        const back = Math.min(p.swapKiB, rate * s);
        if (back <= 0) continue;
        p.swapKiB -= back;
        p.rssKiB += back;
        free -= back;
        m.pswpin += Math.floor(back / PAGE_KIB);
        p.majflt += Math.floor(back / PAGE_KIB);
        m.pgmajfault += Math.floor(back / PAGE_KIB);
        this.swapIo.inKiB += back;
        this.swapActivity += back / PAGE_KIB / s;
        // under memory pressure a task faulting its pages back in waits on the swap device most of
        // the time (with room to spare the reads are quick and do not pile up)
        if (short && this.rng.next() < Math.min(0.85, 0.35 + back / Math.max(1, 4000 * s))) {
          p.state = "D";
          p.wchan = SWAPIN_WCHAN;
          p.ioDelayTicks += s * USER_HZ * 0.6;
        }
      }
    }
    if (free >= m.minFreeKiB) return;
    // reclaim: page cache first (keep a floor of hot pages)
    const floor = Math.min(m.cacheTargetKiB, m.totalKiB * 0.01);
    const fromCache = Math.min(m.minFreeKiB - free, Math.max(0, m.cachedKiB - floor));
    m.cachedKiB -= fromCache;
    free += fromCache;

    if (free >= m.minFreeKiB) return;
    // then swap: reclaim pushes anonymous pages out, keeping free memory at the watermark
    let need = m.minFreeKiB - free;
    const swapFree = m.swapTotalKiB - this.swapUsedKiB();
    if (swapFree > 0) {
      // reclaim scans the inactive anonymous LRU, which holds every process's pages: each gives up
      // pages in proportion to its anonymous memory (the biggest gives up the most)
      const candidates = [...this.procs.values()].filter((p) => p.rssKiB - p.shrKiB > 1024 && p.state !== "Z").sort((a, b) => b.rssKiB - a.rssKiB || a.pid - b.pid);
      const anonTotal = candidates.reduce((a, p) => a + (p.rssKiB - p.shrKiB), 0);
      const budget = Math.min(swapFree, need);
      for (const p of candidates) {
        if (need < 1) break;
        const take = Math.min(need, (p.rssKiB - p.shrKiB) * 0.5, (budget * (p.rssKiB - p.shrKiB)) / Math.max(1, anonTotal));
        if (take <= 0) continue;
        p.rssKiB -= take;
        p.swapKiB += take;
        need -= take;
        m.pswpout += Math.floor(take / PAGE_KIB);
        this.swapIo.outKiB += take;
        this.swapActivity += take / PAGE_KIB / s;
      }
      if (need < 1) return;
    }
    // out of memory: the OOM killer picks the task with the highest badness
    const victim = this.oomVictim();
    if (!victim) return;
    const trigger = [...this.procs.values()].filter((p) => p.rssGrowKiBps > 0 && p.state !== "Z").sort((a, b) => b.rssGrowKiBps - a.rssGrowKiBps)[0] ?? victim;
    this.oomKill(trigger, victim);
  }

  /** The task the OOM killer picks: the highest badness (lowest pid on a tie), never init or kernel threads. */
  private oomVictim(): Proc | undefined {
    const victims = [...this.procs.values()].filter((p) => p.state !== "Z" && !p.kthread && p.pid !== 1 && p.oomScoreAdj > -1000);
    if (!victims.length) return undefined;
    return victims.reduce((a, b) => (this.badness(b) > this.badness(a) || (this.badness(b) === this.badness(a) && b.pid < a.pid) ? b : a));
  }

  /** oom_badness(): rss + swap + page tables, plus oom_score_adj * totalpages / 1000 (in pages). */
  badness(p: Proc): number {
    if (p.oomScoreAdj <= -1000) return -Infinity;
    const totalPages = (this.mem.totalKiB + this.mem.swapTotalKiB) / PAGE_KIB;
    const pages = (p.rssKiB + p.swapKiB) / PAGE_KIB + this.pgtablesBytes(p) / 4096;
    return pages + (p.oomScoreAdj * totalPages) / 1000;
  }

  /** /proc/PID/oom_score (0..1000 scale). */
  oomScore(p: Proc): number {
    const totalPages = (this.mem.totalKiB + this.mem.swapTotalKiB) / PAGE_KIB;
    const b = this.badness(p);
    if (!isFinite(b)) return 0;
    return Math.max(0, Math.min(1000, Math.floor((b * 1000) / totalPages)));
  }

  pgtablesBytes(p: Proc): number {
    return Math.max(4096, Math.ceil(p.vszKiB / 2048) * 4096 + 40960);
  }

  oomKill(trigger: Proc, victim: Proc, memcg?: Service): void {
    for (const line of Host.oomReport(this, trigger, victim, memcg)) this.klog(line, 3);
    this.mem.oomKills++;
    const rss = victim.rssKiB;
    this.emit({ type: "oom-killed", simMs: this.nowMs, pid: victim.pid, comm: victim.comm, rssKiB: Math.round(rss), memcg: memcg?.name });
    this.exitProcess(victim, { signal: 9, clean: false, oom: true, by: "oom-killer" });
  }

  /**
   * swapoff: every swapped-out page is read back into RAM (try_to_unuse). When they do not fit,
   * the OOM killer runs on behalf of the caller, once per victim, until they do; then the swap
   * area is gone. Returns the pids killed. `by` is the swapoff process (named in the OOM report).
   */
  swapOff(by: Proc | undefined): number[] {
    const killed: number[] = [];
    if (this.mem.swapTotalKiB <= 0) return killed;
    for (const p of this.procs.values()) {
      if (p.swapKiB <= 0) continue;
      const pages = Math.floor(p.swapKiB / PAGE_KIB);
      this.mem.pswpin += pages;
      this.mem.pgmajfault += pages;
      p.majflt += pages;
      this.swapIo.inKiB += p.swapKiB;
      p.rssKiB += p.swapKiB;
      p.swapKiB = 0;
    }
    this.mem.swapBaseKiB = 0;
    // page cache goes first, down to a floor of hot pages
    const m = this.mem;
    const floor = Math.min(m.cacheTargetKiB, m.totalKiB * 0.01);
    m.cachedKiB -= Math.max(0, Math.min(m.minFreeKiB - this.freeMemKiB(), m.cachedKiB - floor));
    while (this.freeMemKiB() < m.minFreeKiB) {
      const victim = this.oomVictim();
      if (!victim) break;
      killed.push(victim.pid);
      this.oomKill(by ?? victim, victim);
    }
    m.swapTotalKiB = 0;
    this.emit({ type: "swap-changed", simMs: this.nowMs, action: "off", killed: killed.length });
    return killed;
  }

  // ---- block devices ------------------------------------------------------------------

  private stepDisks(dtMs: number): void {
    const s = dtMs / 1000;
    for (const d of this.disks) {
      const users = [...this.procs.values()].filter((p) => p.ioDevice === d.name && p.state !== "Z" && p.state !== "T");
      if (d.stuck) {
        // nothing completes; everything touching it blocks
        d.inFlight = Math.max(d.inFlight, users.length ? 1 : 0, users.length);
        d.ioTicksMs += dtMs;
        d.weightedMs += d.inFlight * dtMs;
        d.util = 1;
        for (const p of users) {
          p.state = "D";
          p.blockedOn = d.name;
          p.wchan = p.wchan && p.wchan !== "-" && p.wchan !== "do_epoll_wait" ? p.wchan : "io_schedule";
          p.ioDelayTicks += s * USER_HZ;
        }
        continue;
      }
      let rBps = 0;
      let wBps = 0;
      let rIops = 0;
      let wIops = 0;
      let flushes = 0;
      for (const p of users) {
        rBps += p.readBps;
        wBps += p.writeBps;
        rIops += p.readBps / (64 * 1024);
        const wReq = p.syncWrites ? 8 * 1024 : 128 * 1024;
        wIops += p.writeBps / wReq;
        if (p.syncWrites) flushes += p.writeBps / wReq;
      }
      // background trickle (journal commits, logs) on disks that hold a mounted filesystem
      if (this.mounts.some((m) => !m.detached && m.device === d.name)) {
        wIops += 1.2;
        wBps += 12 * 1024;
      }
      // swap traffic goes to the first disk
      if (d === this.disks[0] && (this.swapIo.inKiB > 0 || this.swapIo.outKiB > 0)) {
        rBps += (this.swapIo.inKiB * 1024) / s;
        wBps += (this.swapIo.outKiB * 1024) / s;
        rIops += this.swapIo.inKiB / 4 / s / 8;
        wIops += this.swapIo.outKiB / 4 / s / 8;
      }
      const demandUtil = (rIops + wIops + flushes) / d.maxIops + (rBps + wBps) / d.maxBps;
      const util = Math.min(1, demandUtil);
      const served = demandUtil > 1 ? 1 / demandUtil : 1;
      const rDone = rIops * served * s;
      const wDone = wIops * served * s;
      const rho = Math.min(0.995, demandUtil);
      const queue = demandUtil > 1 ? Math.min(256, 1 + (demandUtil - 1) * 64) : rho / (1 - rho);
      const awaitMs = d.svcMs * (1 + queue);
      d.readsCompleted += rDone;
      d.writesCompleted += wDone;
      d.readsMerged += rDone * 0.05;
      d.writesMerged += wDone * 0.3;
      d.sectorsRead += (rBps * served * s) / 512;
      d.sectorsWritten += (wBps * served * s) / 512;
      d.msReading += rDone * awaitMs;
      d.msWriting += wDone * awaitMs;
      d.flushes += flushes * served * s;
      d.msFlushing += flushes * served * s * awaitMs;
      this.mem.pgpgin += (rBps * served * s) / 1024;
      this.mem.pgpgout += (wBps * served * s) / 1024;
      d.ioTicksMs += util * dtMs;
      d.weightedMs += queue * dtMs * util;
      d.inFlight = demandUtil > 0.9 ? Math.round(queue) : 0;
      d.util = util;
      for (const p of users) {
        p.readBytes += p.readBps * served * s;
        p.writeBytes += p.writeBps * served * s;
        p.rchar += p.readBps * served * s;
        p.wchar += p.writeBps * served * s;
        if (p.syncWrites && util > 0.85) {
          // fsync-bound writers spend most of their time waiting on the device
          const inD = this.rng.next() < Math.min(0.9, util * 0.8);
          p.state = inD ? "D" : p.cpuDemand >= 0.5 ? "R" : "S";
          p.wchan = inD ? "jbd2_log_wait_commit" : p.wchan === "jbd2_log_wait_commit" ? "-" : p.wchan;
          p.ioDelayTicks += util * s * USER_HZ * 0.8;
        } else if (util > 0.95 && (p.readBps > 0 || p.writeBps > 0)) {
          const inD = this.rng.next() < 0.5;
          if (inD) {
            p.state = "D";
            p.wchan = "io_schedule";
          }
          p.ioDelayTicks += s * USER_HZ * 0.5;
        }
      }
    }
  }

  // ---- network ------------------------------------------------------------------------

  private stepNet(dtMs: number): void {
    const s = dtMs / 1000;
    for (const i of this.net.interfaces) {
      if (!i.up) continue;
      i.rxBytes += Math.round(i.rxBps * s);
      i.txBytes += Math.round(i.txBps * s);
      i.rxPackets += Math.round((i.rxBps * s) / 800);
      i.txPackets += Math.round((i.txBps * s) / 600);
    }
  }

  // ---- filesystems --------------------------------------------------------------------

  /** KiB held by deleted-but-open files on a mount. */
  heldDeletedKiB(target: string): number {
    // one deleted inode may be open in several processes (nginx workers): count it once
    const seen = new Map<string, number>();
    for (const p of this.procs.values()) {
      for (const fd of p.fds) {
        if (!fd.deleted || fd.mount !== target) continue;
        const key = fd.ino !== undefined ? `i${fd.ino}` : `p${fd.path}`;
        seen.set(key, Math.max(seen.get(key) ?? 0, allocKiB(fd.sizeBytes ?? 0)));
      }
    }
    let k = 0;
    for (const v of seen.values()) k += v;
    return k;
  }

  usedKiB(m: Mount): number {
    const u = this.vfs.usageOf(m.target);
    let k = m.baseUsedKiB + u.blocksKiB + this.heldDeletedKiB(m.target);
    for (const sd of this.synthetic) if (sd.mount === m.target) k += sd.count() * allocKiB(sd.sizeBytes);
    return Math.min(k, m.sizeKiB);
  }

  inodesUsed(m: Mount): number {
    const u = this.vfs.usageOf(m.target);
    let n = m.baseInodes + u.inodes;
    const held = new Set<string>();
    for (const p of this.procs.values()) for (const fd of p.fds) if (fd.deleted && fd.mount === m.target) held.add(fd.ino !== undefined ? `i${fd.ino}` : `p${fd.path}`);
    n += held.size;
    for (const sd of this.synthetic) if (sd.mount === m.target) n += sd.count();
    return Math.min(n, m.inodesTotal || n);
  }

  freeKiB(m: Mount, root: boolean): number {
    return m.sizeKiB - this.usedKiB(m) - (root ? 0 : m.reservedKiB);
  }

  private mountLimits(target: string): MountLimits | undefined {
    const m = this.mounts.find((x) => x.target === target && !x.detached);
    if (!m) return undefined;
    return {
      freeKiB: (root) => this.freeKiB(m, root),
      freeInodes: () => (m.inodesTotal ? m.inodesTotal - this.inodesUsed(m) : Infinity),
      readOnly: !!m.readOnly,
      hung: !!m.hung,
    };
  }

  /** Unlinks a path, keeping space held when a process still has it open. */
  unlinkPath(path: string, cred: Cred, opts: { dir?: boolean } = {}): void {
    const target = this.vfs.realpath(path.slice(0, path.lastIndexOf("/")) || "/", cred) + "/" + path.slice(path.lastIndexOf("/") + 1);
    const res = this.vfs.unlink(path, cred, opts);
    let held = false;
    for (const p of this.procs.values()) {
      for (const fd of p.fds) {
        if (!fd.deleted && (fd.path === target || fd.path === path)) {
          fd.deleted = true;
          fd.sizeBytes = res.size;
          fd.mount = res.mount;
          fd.ino = res.ino;
          held = true;
        }
      }
    }
    this.emit({ type: "file-deleted", simMs: this.nowMs, path: target, bytes: res.size, heldOpen: held });
  }

  /**
   * Renames a path (mv, logrotate). A process that has the file open keeps writing to the same
   * inode, now under its new name; a file renamed over that a process still holds is unlinked
   * (it keeps its space until closed).
   */
  renamePath(src: string, dest: string, cred: Cred): void {
    const abs = (p: string): string => {
      try {
        return this.vfs.realpath(p.slice(0, p.lastIndexOf("/")) || "/", cred) + "/" + p.slice(p.lastIndexOf("/") + 1);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        return p;
      }
    };
    const from = abs(src);
    const to = abs(dest);
    const held = (p: string): boolean => [...this.procs.values()].some((q) => q.fds.some((f) => !f.deleted && f.path === p));
    if (from !== to && held(to) && this.vfs.exists(dest, cred) && this.vfs.lstat(dest, cred).type === "file") this.unlinkPath(dest, cred);
    this.vfs.rename(src, dest, cred);
    for (const q of this.procs.values())
      for (const fd of q.fds) {
        if (fd.deleted) continue;
        if (fd.path === from) fd.path = to;
        else if (fd.path.startsWith(from + "/")) fd.path = to + fd.path.slice(from.length);
      }
  }

  /** Truncates a deleted-but-open file through /proc/PID/fd/N. */
  truncateFd(pid: number, fdNum: number, size: number): boolean {
    const p = this.procs.get(pid);
    const fd = p?.fds.find((f) => f.fd === fdNum);
    if (!p || !fd) return false;
    if (fd.deleted) {
      const before = fd.sizeBytes ?? 0;
      fd.sizeBytes = size;
      this.emit({ type: "file-truncated", simMs: this.nowMs, path: `/proc/${pid}/fd/${fdNum}`, bytes: before - size });
      return true;
    }
    this.vfs.truncate(fd.path, size);
    fd.sizeBytes = size;
    return true;
  }

  /** umount (lazy or not). Returns an errno name on failure. */
  umount(target: string, lazy: boolean, force: boolean): "EBUSY" | "EINVAL" | undefined {
    const m = this.mounts.find((x) => x.target === target && !x.detached);
    if (!m) return "EINVAL";
    const busy = [...this.procs.values()].some((p) => p.blockedOn === target || (p.cwd ?? "").startsWith(target));
    if (busy && !lazy && !(force && m.fstype.startsWith("nfs"))) return "EBUSY";
    m.detached = true;
    if (force && m.fstype.startsWith("nfs")) {
      // umount -f aborts outstanding RPCs: blocked tasks get EIO; most give up and exit
      for (const p of [...this.procs.values()]) {
        if (p.blockedOn !== target) continue;
        this.unblock(p);
        if (this.procs.get(p.pid)?.state !== "Z" && this.procs.has(p.pid)) this.exitProcess(p, { status: p.comm === "rsync" ? 23 : 1, by: "EIO" });
      }
      m.hung = false;
    }
    this.emit({ type: "mount-detached", simMs: this.nowMs, target, lazy });
    return undefined;
  }

  /** I/O completes (or fails): the task leaves D and takes any pending signal. */
  unblock(p: Proc): void {
    p.blockedOn = undefined;
    p.state = p.cpuDemand >= 0.5 ? "R" : "S";
    p.wchan = "do_epoll_wait";
    p.stack = undefined;
    if (p.pendingSignal !== undefined) {
      const sig = p.pendingSignal;
      p.pendingSignal = undefined;
      this.signal(p.pid, sig, { uid: 0, gids: [0] });
    }
  }

  // ---- kernel hung-task detector ------------------------------------------------------

  private stepHungTasks(): void {
    const timeout = Number(this.sysctl.get("kernel.hung_task_timeout_secs") ?? 120);
    if (timeout <= 0 || this.nowMs < this.nextHungCheckMs) return;
    this.nextHungCheckMs = this.nowMs + timeout * 1000;
    for (const p of this.procs.values()) {
      if (p.state !== "D" || !p.blockedOn || this.hungReported.has(p.pid) || this.hungWarningsLeft <= 0) continue;
      const since = p.blockedSinceMs ?? p.startMs;
      const secs = Math.floor((this.nowMs - since) / 1000);
      if (secs < timeout) continue;
      this.hungReported.add(p.pid);
      this.hungWarningsLeft--;
      for (const line of Host.hungTaskReport(this, p, timeout)) this.klog(line, 3);
      if (this.hungWarningsLeft === 0) this.klog("Future hung task reports are suppressed, see sysctl kernel.hung_task_warnings", 4);
    }
  }

  // ---- metrics ------------------------------------------------------------------------

  sampleMetrics(): void {
    const n = this.cpu.count;
    const busyPct = Math.min(100, ([...this.procs.values()].reduce((a, p) => a + p.cpuGot, 0) / n) * 100);
    let io = 0;
    for (const p of this.procs.values()) if (p.state === "D" && this.waitsOnBlockIo(p)) io++;
    const fs: Record<string, [number, number]> = {};
    for (const m of this.mounts) {
      if (m.detached || !m.sizeKiB) continue;
      fs[m.target] = [Math.round((this.usedKiB(m) / m.sizeKiB) * 1000) / 10, m.inodesTotal ? Math.round((this.inodesUsed(m) / m.inodesTotal) * 1000) / 10 : 0];
    }
    this.metrics.push({
      simMs: this.nowMs,
      load1: Math.round((this.avenrun[0] / 2048) * 100) / 100,
      cpuBusyPct: Math.round(busyPct * 10) / 10,
      iowaitPct: Math.min(100, Math.round(((io ? Math.max(0, n - busyPct / 100) : 0) / n) * 1000) / 10),
      memUsedPct: Math.round(((this.mem.totalKiB - this.availableKiB()) / this.mem.totalKiB) * 1000) / 10,
      swapUsedPct: this.mem.swapTotalKiB ? Math.round((this.swapUsedKiB() / this.mem.swapTotalKiB) * 1000) / 10 : 0,
      fs,
    });
    if (this.metrics.length > 5000) this.metrics.splice(0, this.metrics.length - 5000);
  }

  /** A stable digest of the observable state (for determinism tests). */
  digest(): string {
    const parts: (string | number)[] = [this.nowMs, ...this.avenrun, this.rng.state, this.mem.cachedKiB, this.mem.pswpout];
    for (const p of [...this.procs.values()].sort((a, b) => a.pid - b.pid)) parts.push(p.pid, p.state, Math.round(p.rssKiB), Math.round(p.utimeTicks), p.fds.length);
    for (const c of this.cpu.perCpu) parts.push(Math.round(c.user), Math.round(c.idle), Math.round(c.iowait));
    for (const d of this.disks) parts.push(Math.round(d.writesCompleted), Math.round(d.ioTicksMs));
    for (const m of this.mounts) parts.push(m.target, this.usedKiB(m), this.inodesUsed(m));
    parts.push(this.kmsg.length, this.journal.length, this.events.length);
    let h = 0x811c9dc5;
    const s = parts.join("|");
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    return h.toString(16).padStart(8, "0");
  }
}

