/**
 * Identity facts about a task that several /proc files (and the kernel reports) print the
 * same way: process group and session ids, the tty device number, the cgroup v2 path of
 * login sessions, supplementary groups, kernel-thread flags, and a stable per-task hash used
 * to derive plausible addresses. Pure functions of the host.
 */
import type { Host } from "../host/host.js";
import type { OpenFd, Proc } from "../host/types.js";

/** FNV-1a of a string: a stable small hash for plausible addresses and offsets. */
export function hashStr(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** Integer KiB of a model value (the model keeps fractions). */
export function kib(n: number): number {
  return Math.max(0, Math.round(n));
}

/** Processes that inherit their parent's group/session: children in the same unit or shell. */
function inheritsFrom(host: Host, p: Proc): Proc | undefined {
  if (p.kthread || p.pid <= 1) return undefined;
  const parent = host.procs.get(p.ppid);
  if (!parent || parent.pid <= 1 || parent.kthread) return undefined;
  if (p.statFlags?.includes("s")) return undefined;
  if (p.unit && parent.unit === p.unit) return parent;
  if (p.tty !== "?" && parent.tty === p.tty) return parent;
  return undefined;
}

/** Process group id (ps PGID, stat field 5). Kernel threads: 0. */
export function pgidOf(host: Host, p: Proc): number {
  if (p.pgid !== undefined) return p.pgid;
  if (p.kthread) return 0;
  const parent = inheritsFrom(host, p);
  return parent ? pgidOf(host, parent) : p.pid;
}

/** Session id (ps SID, stat field 6). Kernel threads: 0. */
export function sidOf(host: Host, p: Proc): number {
  if (p.sid !== undefined) return p.sid;
  if (p.kthread) return 0;
  const parent = inheritsFrom(host, p);
  return parent ? sidOf(host, parent) : p.pid;
}

/** tty_nr as the kernel encodes it: pts/N = 136:N, ttyN = 4:N, ttySN = 4:64+N; 0 for none. */
export function ttyNr(tty: string): number {
  let m = /^pts\/(\d+)$/.exec(tty);
  if (m) return (136 << 8) | Number(m[1]);
  m = /^tty(\d+)$/.exec(tty);
  if (m) return (4 << 8) | Number(m[1]);
  m = /^ttyS(\d+)$/.exec(tty);
  if (m) return (4 << 8) | (64 + Number(m[1]));
  return 0;
}

/** Foreground process group of the task's terminal, -1 without one. */
export function tpgidOf(host: Host, p: Proc, foreground?: Map<string, Proc>): number {
  if (p.tty === "?" || !p.tty) return -1;
  const fg = foreground ? foreground.get(p.tty) : foregroundByTty(host).get(p.tty);
  if (fg) return pgidOf(host, fg);
  return sidOf(host, p);
}

/**
 * The foreground job of each terminal: the newest live task on it with a "+" flag. One pass
 * over the table, so a tool listing every task (ps) looks each terminal up instead of
 * rescanning the table per task.
 */
export function foregroundByTty(host: Host): Map<string, Proc> {
  const fg = new Map<string, Proc>();
  for (const q of host.procs.values()) {
    if (!q.tty || q.tty === "?" || q.state === "Z" || !q.statFlags?.includes("+")) continue;
    const cur = fg.get(q.tty);
    if (!cur || q.pid > cur.pid) fg.set(q.tty, q);
  }
  return fg;
}

/** The login (if any) whose session scope contains this task. */
export function loginOf(host: Host, p: Proc): { user: string; index: number } | undefined {
  for (const [i, l] of host.logins.entries()) {
    const bash = host.procs.get(l.pid);
    if (!bash) continue;
    // the shell, its ancestors up to (not including) the sshd listener, and its descendants
    const chain = new Set<number>();
    let c: Proc | undefined = bash;
    while (c && c.pid > 1) {
      chain.add(c.pid);
      const parent = host.procs.get(c.ppid);
      if (!parent || parent.argv[0]?.includes("[listener]") || parent.pid <= 1) break;
      c = parent;
    }
    if (chain.has(p.pid)) return { user: l.user, index: i + 1 };
    let a: Proc | undefined = p;
    for (let depth = 0; a && a.pid > 1 && depth < 64; depth++) {
      if (a.pid === bash.pid) return { user: l.user, index: i + 1 };
      a = host.procs.get(a.ppid);
    }
  }
  return undefined;
}

/** cgroup v2 path: the model's cgroup, or init.scope / the login's session scope. */
export function cgroupPathOf(host: Host, p: Proc): string {
  if (p.cgroup && p.cgroup !== "/") return p.cgroup;
  if (p.kthread) return "/";
  if (p.pid === 1) return "/init.scope";
  const l = loginOf(host, p);
  if (l) {
    const uid = host.userByName(l.user)?.uid ?? 0;
    return `/user.slice/user-${uid}.slice/session-${l.index}.scope`;
  }
  return "/";
}

/** Supplementary groups, ascending as the kernel sorts them; none for kthreads and root daemons. */
export function groupsOf(host: Host, p: Proc): number[] {
  if (p.kthread || p.pid === 1) return [];
  const name = host.users.find((u) => u.uid === p.uid);
  if (!name) return [];
  if (p.uid === 0 && !loginOf(host, p)) return [];
  return [...new Set(host.gidsOf(name))].sort((a, b) => a - b);
}

/** Real-time kernel threads (migration/N) run SCHED_FIFO 99. */
export function isRealtime(p: Proc): boolean {
  return !!p.kthread && /^(migration|watchdog)\//.test(p.comm);
}

/** The kernel's PF_* task flags as printed in /proc/PID/stat. */
export function taskFlags(p: Proc): number {
  if (p.kthread) {
    if (p.comm.startsWith("kworker/")) return 0x04208060;
    return 0x00208040;
  }
  if (p.state === "Z") return 0x0040010c;
  return 0x00400000 | (p.state === "D" ? 0 : 0) | (p.pid === 1 ? 0x100 : 0);
}

/** RLIMIT_SIGPENDING / RLIMIT_NPROC default: max_threads / 2, max_threads = totalpages / 32. */
export function defaultSigPending(host: Host): number {
  return Math.floor(host.mem.totalKiB / 4 / 32 / 2);
}

/** Highest fd number rounded the way the fd table grows (64, 128, 256 ...); 0 without files. */
export function fdTableSize(p: Proc): number {
  if (p.state === "Z") return 0;
  let max = -1;
  for (const f of p.fds) max = Math.max(max, f.fd);
  let size = 64;
  while (size <= max) size *= 2;
  return size;
}

/** A plausible user-space code address base for a task (0x55... PIE, page aligned). */
export function codeBase(p: Proc): number {
  const h = hashStr(`${p.pid}:${p.comm}`);
  return 0x550000000000 + (h % 0x3fffff) * 0x1000 * 4;
}

/** A plausible top-of-stack address (0x7ff...). */
export function stackTop(p: Proc): number {
  const h = hashStr(`stack:${p.pid}:${p.comm}`);
  return 0x7ffc00000000 + (h % 0x3ffffff) * 0x10;
}

/**
 * A listening socket is inherited by its owner's forked workers (same program, same cgroup),
 * as nginx/gunicorn workers hold their master's listener; postgres backends close the
 * postmaster's ports (ClosePostmasterPorts) and sshd's per-login children live in another
 * cgroup. The model stores the socket once, on the owner.
 */
const CHILDREN_CLOSE_LISTENERS = new Set(["postgres", "sshd"]);
export function inheritsListenersOf(p: Proc, owner: Proc): boolean {
  return !CHILDREN_CLOSE_LISTENERS.has(owner.comm) && p.ppid === owner.pid && p.comm === owner.comm && p.cgroup === owner.cgroup && p.state !== "Z" && !p.kthread;
}

/** The process's open fds as /proc/PID/fd and lsof show them: its own plus inherited listeners, by fd. */
export function openFdsOf(host: Host, p: Proc): OpenFd[] {
  if (p.state === "Z" || p.kthread) return p.fds;
  const parent = host.procs.get(p.ppid);
  if (!parent || !inheritsListenersOf(p, parent)) return p.fds;
  const extra: OpenFd[] = [];
  for (const s of host.net.sockets) {
    if (s.pid !== parent.pid || s.state !== "LISTEN" || s.fd === undefined) continue;
    if (p.fds.some((f) => f.fd === s.fd)) continue;
    extra.push({ fd: s.fd, path: `socket:[${s.ino}]`, mode: "u" });
  }
  return extra.length ? [...p.fds, ...extra].sort((a, b) => a.fd - b.fd) : p.fds;
}
