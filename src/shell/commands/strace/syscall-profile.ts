/**
 * What a traced process does, for strace: the process's own syscall profile (Proc.syscalls,
 * set by scenarios and faults) or one synthesised from its state and wchan — a server loops
 * in epoll_wait, a sleeper resumes its interrupted nanosleep, bash waits in wait4, an I/O-bound
 * task reads and writes, a task in D is stuck inside one call (the hung-NFS newfstatat, an
 * fsync, a vfork) that never completes while we watch, and a pure CPU burner makes none.
 */
import type { Host, Proc, SyscallProfileEntry } from "../../../engine/index.js";

export interface Profile {
  /** a call in progress when strace attaches that never returns while traced ("" = none) */
  blocked?: string;
  /** repeating mix (may be empty: a CPU-bound loop makes no syscalls) */
  mix: SyscallProfileEntry[];
  /** calls per sim second */
  rate: number;
}

function epollFd(p: Proc): number {
  return Math.max(3, ...p.fds.map((f) => f.fd)) + 1;
}

/** The call a D-state task is stuck in, from its wait channel / stack. */
function blockedCall(p: Proc): string {
  const cwd = p.cwd ?? "/";
  const stack = (p.stack ?? []).join(" ");
  if (p.wchan === "rpc_wait_bit_killable" || /nfs/.test(stack)) return `newfstatat(AT_FDCWD, "${cwd.endsWith("/") ? cwd : cwd + "/"}", `;
  if (p.wchan === "jbd2_log_wait_commit" || /fsync/.test(stack)) return `fsync(${Math.max(3, ...p.fds.map((f) => f.fd))}`;
  if (p.wchan === "kernel_clone" || /vfork/.test(stack)) return "vfork(";
  const w = p.fds.find((f) => f.mode !== "r" && f.path.startsWith("/"));
  if (/write/.test(stack) && w) return `write(${w.fd}, "`;
  return `read(${Math.max(3, ...p.fds.map((f) => f.fd))}, `;
}

/** A task in D only for the few milliseconds of each fsync (a sync writer), not stuck: it keeps making calls. */
export function briefD(p: Proc): boolean {
  return p.state === "D" && !p.blockedOn && !!p.syncWrites && !!p.syscalls?.some((s) => s.ret !== "");
}

export function profileOf(host: Host, p: Proc): Profile {
  if (p.state === "D" && !briefD(p)) {
    const own = p.syscalls?.find((s) => s.ret === "");
    return { blocked: own?.call ?? blockedCall(p), mix: [], rate: 0 };
  }
  if (p.syscalls?.length) {
    const blocked = p.syscalls.find((s) => s.ret === "");
    const mix = p.syscalls.filter((s) => s.ret !== "");
    return { blocked: mix.length ? undefined : blocked?.call, mix, rate: Math.min(400, 20 + p.cpuDemand * 300) };
  }
  if (p.state === "T") return { mix: [], rate: 0 };
  const efd = epollFd(p);
  switch (p.wchan) {
    case "do_epoll_wait":
    case "ep_poll":
      if (p.readBps > 0 || p.writeBps > 0 || p.cpuDemand >= 0.01 || p.fds.some((f) => (f.growBps ?? 0) > 0)) {
        return {
          mix: [
            { call: `epoll_wait(${efd}, [{events=EPOLLIN, data={u32=${3 + (p.pid % 5)}, u64=${3 + (p.pid % 5)}}}], 512, 1000)`, ret: "1", durS: 0.000011, weight: 4 },
            { call: `recvfrom(${efd + 2}, "GET /api/orders HTTP/1.1\\r\\nHost: "..., 1024, 0, NULL, NULL)`, ret: "83", durS: 0.000004, weight: 2 },
            { call: `writev(${efd + 2}, [{iov_base="HTTP/1.1 200 OK\\r\\nServer: nginx/1"..., iov_len=154}], 1)`, ret: "154", durS: 0.000009, weight: 2 },
            { call: `write(4, "10.0.2.31 - - [22/Nov/2026:09:14"..., 95)`, ret: "95", durS: 0.000008, weight: 2 },
            { call: `epoll_ctl(${efd}, EPOLL_CTL_MOD, ${efd + 2}, {events=EPOLLIN|EPOLLRDHUP|EPOLLET, data={u32=${efd + 2}, u64=${efd + 2}}})`, ret: "0", durS: 0.000003, weight: 1 },
          ],
          rate: 6 + p.cpuDemand * 200,
        };
      }
      return { blocked: `epoll_wait(${efd}, `, mix: [], rate: 0 };
    case "hrtimer_nanosleep":
      if (p.comm === "sleep") return { blocked: "restart_syscall(<... resuming interrupted read ...>", mix: [], rate: 0 };
      return { blocked: "restart_syscall(<... resuming interrupted clock_nanosleep ...>", mix: [], rate: 0 };
    case "do_select":
      return { mix: [{ call: `pselect6(${efd}, [${efd - 1}], NULL, NULL, {tv_sec=1, tv_nsec=0}, NULL)`, ret: "0 (Timeout)", durS: 1.001, weight: 1 }], rate: 1 };
    case "do_wait":
      return { blocked: "wait4(-1, ", mix: [], rate: 0 };
    case "futex_wait_queue":
      return { blocked: "futex(0x7f3a8e9b1d7c, FUTEX_WAIT_PRIVATE, 0, NULL", mix: [], rate: 0 };
    case "pipe_read":
    case "wait_woken":
    case "unix_stream_read_generic":
    case "sk_wait_data":
      return { blocked: `read(${p.wchan === "wait_woken" ? 0 : efd - 1}, `, mix: [], rate: 0 };
    case "inet_csk_accept":
      return { blocked: `accept4(${efd - 1}, `, mix: [], rate: 0 };
    default:
      break;
  }
  if (p.readBps > 0 || p.writeBps > 0) {
    const fd = Math.max(3, ...p.fds.map((f) => f.fd));
    const mix: SyscallProfileEntry[] = [];
    if (p.readBps > 0) mix.push({ call: `read(${fd}, "\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"..., 131072)`, ret: "131072", durS: 0.00041, weight: 3 });
    if (p.writeBps > 0) mix.push({ call: `write(${fd}, "\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"..., 131072)`, ret: "131072", durS: 0.00052, weight: 3 });
    if (p.syncWrites) mix.push({ call: `fsync(${fd})`, ret: "0", durS: 0.04, weight: 2 });
    return { mix, rate: 40 };
  }
  if (p.state === "R" || p.cpuDemand >= 0.5) return { mix: [], rate: 0 };
  return { mix: [{ call: `epoll_wait(${efd}, [], 512, 1000)`, ret: "0", durS: 1.001, weight: 1 }], rate: 1 };
}

/** The syscall name of a call text ("epoll_wait(4, ..." -> "epoll_wait"). */
export function syscallName(call: string): string {
  return /^(\w+)\(/.exec(call)?.[1] ?? call;
}
