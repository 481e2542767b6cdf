/**
 * Kernel stacks of sleeping tasks, as /proc/PID/stack and the hung-task report print them
 * (Debian 6.1 symbol offsets). A task's own `stack` wins; otherwise a stack is chosen from
 * its wchan (ep_poll, do_select, hrtimer_nanosleep, io_schedule, worker_thread ...). Running
 * tasks and zombies have none.
 */
import type { Proc } from "../host/types.js";
import { hashStr } from "./proc-ids.js";

const SYSCALL_TAIL = ["do_syscall_64+0x5b/0xc0", "entry_SYSCALL_64_after_hwframe+0x64/0xce"];
const KTHREAD_TAIL = ["kthread+0xd7/0x100", "ret_from_fork+0x1f/0x30"];

/** Frames below the wait function for common wchans (user tasks end in the syscall entry). */
const BY_WCHAN: Record<string, string[]> = {
  do_epoll_wait: ["do_epoll_wait+0x63a/0x7e0", "__x64_sys_epoll_wait+0x6f/0x110", ...SYSCALL_TAIL],
  ep_poll: ["ep_poll+0x2aa/0x370", "do_epoll_wait+0xdb/0x100", "__x64_sys_epoll_wait+0x6f/0x110", ...SYSCALL_TAIL],
  do_select: ["do_select+0x695/0x850", "core_sys_select+0x1bb/0x3a0", "do_pselect.constprop.0+0xbc/0x130", "__x64_sys_pselect6+0x3e/0x80", ...SYSCALL_TAIL],
  do_sys_poll: ["do_sys_poll+0x3e7/0x5c0", "__x64_sys_poll+0xbc/0x150", ...SYSCALL_TAIL],
  hrtimer_nanosleep: ["hrtimer_nanosleep+0x99/0x120", "common_nsleep+0x40/0x50", "__x64_sys_clock_nanosleep+0xbc/0x130", ...SYSCALL_TAIL],
  do_wait: ["do_wait+0x15f/0x300", "kernel_wait4+0xa6/0x140", "__do_sys_wait4+0x8e/0xa0", ...SYSCALL_TAIL],
  futex_wait_queue: ["futex_wait_queue+0x60/0x90", "futex_wait+0x185/0x260", "do_futex+0xc6/0x190", "__x64_sys_futex+0x6a/0x1d0", ...SYSCALL_TAIL],
  pipe_read: ["pipe_read+0x332/0x4a0", "vfs_read+0x35a/0x390", "ksys_read+0x6b/0xf0", ...SYSCALL_TAIL],
  wait_woken: ["wait_woken+0x50/0x60", "n_tty_read+0x5a2/0x6c0", "tty_read+0x12f/0x260", "vfs_read+0x1fa/0x2c0", "ksys_read+0x6b/0xf0", ...SYSCALL_TAIL],
  inet_csk_accept: ["inet_csk_accept+0x1ef/0x2f0", "inet_accept+0x41/0x170", "do_accept+0xee/0x170", "__sys_accept4+0x5e/0xa0", "__x64_sys_accept4+0x1c/0x20", ...SYSCALL_TAIL],
  sk_wait_data: ["sk_wait_data+0x12f/0x150", "tcp_recvmsg_locked+0x33e/0x8f0", "tcp_recvmsg+0x7b/0x1d0", "inet_recvmsg+0x52/0x130", "sock_recvmsg+0x6e/0x80", "__sys_recvfrom+0xb1/0x130", "__x64_sys_recvfrom+0x20/0x30", ...SYSCALL_TAIL],
  unix_stream_read_generic: ["unix_stream_read_generic+0x6e2/0xa10", "unix_stream_recvmsg+0x88/0x90", "sock_read_iter+0xe3/0x130", "vfs_read+0x2ad/0x2c0", "ksys_read+0x6b/0xf0", ...SYSCALL_TAIL],
  do_sigtimedwait: ["do_sigtimedwait+0x174/0x250", "__x64_sys_rt_sigtimedwait+0x6d/0xd0", ...SYSCALL_TAIL],
  sigsuspend: ["sigsuspend+0x3a/0x60", "__x64_sys_rt_sigsuspend+0x44/0x50", ...SYSCALL_TAIL],
  io_schedule: ["io_schedule+0x42/0x70", "folio_wait_bit_common+0x13d/0x350", "filemap_get_pages+0x5d7/0x6b0", "filemap_read+0xbf/0x3a0", "vfs_read+0x1fa/0x2c0", "ksys_read+0x6b/0xf0", ...SYSCALL_TAIL],
  jbd2_log_wait_commit: ["jbd2_log_wait_commit+0xee/0x160 [jbd2]", "jbd2_complete_transaction+0x6d/0xa0 [jbd2]", "ext4_sync_file+0x186/0x370 [ext4]", "__x64_sys_fsync+0x34/0x60", ...SYSCALL_TAIL],
  rpc_wait_bit_killable: ["rpc_wait_bit_killable+0x1e/0xa0 [sunrpc]", "__rpc_execute+0x13a/0x4b0 [sunrpc]", "rpc_execute+0xc5/0xf0 [sunrpc]", "rpc_run_task+0x12c/0x180 [sunrpc]", "nfs4_call_sync_sequence+0x74/0xb0 [nfsv4]", "_nfs4_proc_getattr+0xd6/0x100 [nfsv4]", "nfs4_proc_getattr+0x6b/0x100 [nfsv4]", "__nfs_revalidate_inode+0x10d/0x2f0 [nfs]", "nfs_getattr+0x146/0x3d0 [nfs]", "vfs_statx+0x9f/0x180", "vfs_fstatat+0x51/0x70", "__do_sys_newfstatat+0x2b/0x60", ...SYSCALL_TAIL],
  kernel_clone: ["kernel_clone+0x17b/0x3f0", "__do_sys_vfork+0x4c/0x70", ...SYSCALL_TAIL],
  do_signal_stop: ["do_signal_stop+0x22c/0x240", "get_signal+0x96e/0x9a0", "arch_do_signal_or_restart+0x3d/0x780", "exit_to_user_mode_prepare+0x184/0x1e0", "syscall_exit_to_user_mode+0x1b/0x40", ...SYSCALL_TAIL],
  // kernel threads
  worker_thread: ["worker_thread+0xa0/0x3a0", ...KTHREAD_TAIL],
  rescuer_thread: ["rescuer_thread+0x2c1/0x3b0", ...KTHREAD_TAIL],
  smpboot_thread_fn: ["smpboot_thread_fn+0x14e/0x1e0", ...KTHREAD_TAIL],
  kthread_worker_fn: ["kthread_worker_fn+0x15e/0x190", ...KTHREAD_TAIL],
  kthreadd: ["kthreadd+0x2b0/0x2d0", "ret_from_fork+0x1f/0x30"],
  rcu_gp_fqs_loop: ["rcu_gp_fqs_loop+0xe2/0x330", "rcu_gp_kthread+0xcf/0x180", ...KTHREAD_TAIL],
  rcu_tasks_one_gp: ["rcu_tasks_one_gp+0x2ad/0x3d0", "rcu_tasks_kthread+0x86/0x90", ...KTHREAD_TAIL],
  devtmpfs_work_loop: ["devtmpfs_work_loop+0x23b/0x250", "devtmpfsd+0x30/0x30", ...KTHREAD_TAIL],
  kauditd_thread: ["kauditd_thread+0x1d0/0x290", ...KTHREAD_TAIL],
  watchdog: ["watchdog+0x7e/0x2a0", ...KTHREAD_TAIL],
  oom_reaper: ["oom_reaper+0x1d2/0x3d0", ...KTHREAD_TAIL],
  kcompactd: ["kcompactd+0x365/0x3f0", ...KTHREAD_TAIL],
  ksm_scan_thread: ["ksm_scan_thread+0x138/0x230", ...KTHREAD_TAIL],
  khugepaged: ["khugepaged+0x13d/0x470", ...KTHREAD_TAIL],
  kswapd: ["kswapd+0x1f7/0x360", ...KTHREAD_TAIL],
  kjournald2: ["kjournald2+0x213/0x280 [jbd2]", ...KTHREAD_TAIL],
};

/** A plausible "+0xoff/0xsize" for a symbol we have no table entry for. */
function offsetFor(fn: string): string {
  const h = hashStr(fn);
  const size = 0x40 + (h % 0x380);
  const off = 0x10 + ((h >>> 12) % Math.max(1, size - 0x10));
  return `${fn}+0x${off.toString(16)}/0x${size.toString(16)}`;
}

/** The kernel stack of a task, outermost frame last; [] for running tasks and zombies. */
export function stackOf(p: Proc): string[] {
  if (p.state === "Z") return [];
  if (p.stack?.length) return p.stack;
  if (p.kthread && p.comm === "kthreadd") return BY_WCHAN["kthreadd"]!;
  if (p.state === "R" || !p.wchan || p.wchan === "-" || p.wchan === "0") return [];
  if (p.state === "T") return BY_WCHAN["do_signal_stop"]!;
  const known = BY_WCHAN[p.wchan];
  if (known) return known;
  if (p.kthread) return [offsetFor(p.wchan), ...KTHREAD_TAIL];
  return [offsetFor(p.wchan), ...SYSCALL_TAIL];
}

/** The syscall a user task is blocked in, from its stack (for the report's ORIG_RAX), or undefined. */
export function syscallOf(stack: string[]): number | undefined {
  const NR: Record<string, number> = {
    read: 0, write: 1, poll: 7, pselect6: 270, select: 23, epoll_wait: 232, epoll_pwait: 281, newfstatat: 262, fstatat: 262, statx: 332, fsync: 74, fdatasync: 75,
    openat: 257, vfork: 58, clone: 56, wait4: 61, futex: 202, clock_nanosleep: 230, nanosleep: 35, accept4: 288, recvfrom: 45, rt_sigtimedwait: 128, rt_sigsuspend: 130, getdents64: 217, unlink: 87, unlinkat: 263,
  };
  for (const f of stack) {
    const m = /^(?:__x64_sys_|__do_sys_|__se_sys_|ksys_)(\w+?)\+/.exec(f);
    if (m && NR[m[1]!] !== undefined) return NR[m[1]!];
  }
  return undefined;
}
