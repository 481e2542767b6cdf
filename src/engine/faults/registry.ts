/**
 * Faults: reusable modules that put a host into trouble and keep it there. Each sets initial
 * state (processes, mounts, devices, kernel messages) and may add per-tick dynamics. Scenarios
 * compose them by name with parameters; an unknown name or a bad parameter is an authoring
 * error that scenario validation reports before any host is built.
 */
import type { Host } from "../host/host.js";
import type { Proc, ProcTemplate } from "../host/types.js";
import { syntheticDirsOf } from "../vfs/synthetic-dir.js";
import { FaultParamError, type FaultDef } from "./fault-def.js";
import { EXTRA_FAULTS_1 } from "./extra-1.js";
import { EXTRA_FAULTS_2 } from "./extra-2.js";
import { EXTRA_FAULTS_3 } from "./extra-3.js";
import { EXTRA_FAULTS_4 } from "./extra-4.js";

type Params = Record<string, unknown>;

function str(p: Params, k: string, d?: string): string {
  const v = p[k];
  if (typeof v === "string") return v;
  if (d !== undefined) return d;
  throw new FaultParamError(`parameter "${k}" must be a string`);
}
function num(p: Params, k: string, d?: number): number {
  const v = p[k];
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (d !== undefined) return d;
  throw new FaultParamError(`parameter "${k}" must be a number`);
}

export { FaultParamError } from "./fault-def.js";
export type { FaultDef } from "./fault-def.js";

function findProc(host: Host, comm: string): Proc | undefined {
  return [...host.procs.values()].filter((p) => p.comm === comm || p.argv.join(" ").includes(comm)).sort((a, b) => a.pid - b.pid)[0];
}

function spawnTemplate(host: Host, t: ProcTemplate, ppid = 1, extra: Partial<Proc> = {}): Proc {
  const p = host.spawn(t, ppid, extra);
  if (!p) throw new FaultParamError("no PID available for the fault's process");
  return p;
}

const NFS_STACK = [
  "rpc_wait_bit_killable+0x1e/0xa0 [sunrpc]",
  "__rpc_execute+0x13a/0x4b0 [sunrpc]",
  "rpc_execute+0xc5/0xf0 [sunrpc]",
  "rpc_run_task+0x12c/0x180 [sunrpc]",
  "nfs4_call_sync_sequence+0x74/0xb0 [nfsv4]",
  "_nfs4_proc_getattr+0xd6/0x100 [nfsv4]",
  "nfs4_proc_getattr+0x6b/0x100 [nfsv4]",
  "__nfs_revalidate_inode+0x10d/0x2f0 [nfs]",
  "nfs_getattr+0x146/0x3d0 [nfs]",
  "vfs_statx+0x9f/0x180",
  "vfs_fstatat+0x51/0x70",
  "__do_sys_newfstatat+0x2b/0x60",
  "do_syscall_64+0x5b/0xc0",
  "entry_SYSCALL_64_after_hwframe+0x64/0xce",
];

const IO_STACK = [
  "io_schedule+0x42/0x70",
  "bit_wait_io+0xd/0x60",
  "__wait_on_bit+0x4b/0x140",
  "out_of_line_wait_on_bit+0x91/0xb0",
  "__wait_on_buffer+0x30/0x40",
  "ext4_read_bh+0x7b/0x90 [ext4]",
  "ext4_get_branch+0xd0/0x150 [ext4]",
  "ext4_ind_map_blocks+0xa2/0x8e0 [ext4]",
  "ext4_map_blocks+0x1ab/0x620 [ext4]",
  "ext4_mpage_readpages+0x2e4/0x7c0 [ext4]",
  "read_pages+0x6e/0x2e0",
  "page_cache_ra_unbounded+0x16e/0x1f0",
  "filemap_get_pages+0x110/0x6b0",
  "filemap_read+0xbf/0x3a0",
  "vfs_read+0x1fa/0x2c0",
  "ksys_read+0x6b/0xf0",
  "do_syscall_64+0x5b/0xc0",
  "entry_SYSCALL_64_after_hwframe+0x64/0xce",
];

export const FAULTS: Record<string, FaultDef> = {
  "hung-nfs": {
    summary: "An NFS server stops answering: every task touching the mount blocks in D (load rises, CPUs stay idle).",
    params: { mount: "mountpoint of the NFS mount (must exist in host.mounts)", server: "server name shown in kernel messages", tasks: "number of blocked tasks to create", comm: "command name of the blocked tasks", argv: "command line of the blocked tasks", user: "owner of the tasks", sinceS: "how long ago the server stopped answering" },
    apply(host, p) {
      const target = str(p, "mount");
      const m = host.mounts.find((x) => x.target === target);
      if (!m) throw new FaultParamError(`mount "${target}" is not in the host's mounts`);
      m.hung = true;
      const server = str(p, "server", m.source.split(":")[0] ?? "nfs");
      const sinceS = num(p, "sinceS", 900);
      const n = num(p, "tasks", 12);
      const comm = str(p, "comm", "rsync");
      const argv = str(p, "argv", `${comm} -a ${target}/ /srv/backup/`).split(" ");
      const user = str(p, "user", "root");
      const since = Math.max(0, host.nowMs - sinceS * 1000);
      host.kmsg.push({ simMs: since, level: 4, facility: 0, text: `nfs: server ${server} not responding, still trying` });
      for (let i = 0; i < n; i++) {
        const t = spawnTemplate(host, { comm, argv, user, rssKiB: 2000 + host.rng.int(0, 3000), vszKiB: 9000 + host.rng.int(0, 4000), wchan: "rpc_wait_bit_killable" }, 1, { startMs: since + i * 60000 * (sinceS / 900) / Math.max(1, n) });
        t.state = "D";
        t.blockedOn = target;
        t.blockedSinceMs = t.startMs;
        t.wchan = "rpc_wait_bit_killable";
        t.stack = NFS_STACK;
        t.cwd = target;
        t.syscalls = [{ call: `newfstatat(AT_FDCWD, "${target}/", `, ret: "" }];
      }
      for (let k = 1; k <= Math.floor(sinceS / 180); k++) host.kmsg.push({ simMs: since + k * 180000, level: 4, facility: 0, text: `nfs: server ${server} not responding, still trying` });
      host.kmsg.sort((a, b) => a.simMs - b.simMs);
      return {
        type: "hung-nfs",
        active: (h) => h.mounts.some((x) => x.target === target && x.hung && !x.detached) || [...h.procs.values()].some((q) => q.blockedOn === target),
      };
    },
  },
  "stuck-io": {
    summary: "A block device stops completing I/O (dying disk): readers/writers of it block in D; iowait and %util rise; kernel I/O errors.",
    params: { device: "block device name (e.g. vdb)", tasks: "blocked tasks to create", comm: "their command", user: "their owner", sinceS: "how long ago it started" },
    apply(host, p) {
      const name = str(p, "device");
      const d = host.disks.find((x) => x.name === name);
      if (!d) throw new FaultParamError(`device "${name}" is not in the host's disks`);
      d.stuck = true;
      const sinceS = num(p, "sinceS", 600);
      const since = Math.max(0, host.nowMs - sinceS * 1000);
      const comm = str(p, "comm", "postgres");
      const user = str(p, "user", "root");
      for (let i = 0; i < num(p, "tasks", 8); i++) {
        const t = spawnTemplate(host, { comm, argv: [comm], user, rssKiB: 9000, vszKiB: 220000, ioDevice: name, readBps: 1e6 }, 1, { startMs: since });
        t.state = "D";
        t.blockedOn = name;
        t.blockedSinceMs = since;
        t.wchan = "io_schedule";
        t.stack = IO_STACK;
      }
      for (let k = 0; k < 6; k++) {
        const at = since + k * 7000;
        const sector = 2048 + host.rng.int(0, 4_000_000);
        host.kmsg.push({ simMs: at, level: 3, facility: 0, text: `blk_update_request: I/O error, dev ${name}, sector ${sector} op 0x0:(READ) flags 0x80700 phys_seg 1 prio class 0` });
        host.kmsg.push({ simMs: at + 3, level: 3, facility: 0, text: `Buffer I/O error on dev ${name}, logical block ${Math.floor(sector / 8)}, async page read` });
      }
      host.kmsg.sort((a, b) => a.simMs - b.simMs);
      return { type: "stuck-io", active: (h) => !!h.disks.find((x) => x.name === name)?.stuck };
    },
  },
  "file-flood": {
    summary: "A producer keeps creating small files in a synthetic directory (inode exhaustion); growth stops when it stops.",
    params: { dir: "path of a synthetic directory declared in host.syntheticDirs", producer: "comm of the producing process (it must exist)", perSecond: "files created per second while it runs" },
    apply(host, p) {
      const dirPath = str(p, "dir");
      const sd = syntheticDirsOf(host).find((d) => d.spec.path === dirPath);
      if (!sd) throw new FaultParamError(`"${dirPath}" is not a synthetic directory of the host`);
      const producer = str(p, "producer");
      const rate = num(p, "perSecond", 40);
      let carry = 0;
      return {
        type: "file-flood",
        tick(h, dtMs) {
          const prod = [...h.procs.values()].some((q) => (q.comm === producer || q.argv.join(" ").includes(producer)) && q.state !== "Z" && q.state !== "T");
          if (!prod) return;
          const m = h.mounts.find((x) => x.target === h.vfs.mountOf(dirPath));
          carry += (rate * dtMs) / 1000;
          let n = Math.floor(carry);
          carry -= n;
          if (m && m.inodesTotal) n = Math.min(n, Math.max(0, m.inodesTotal - h.inodesUsed(m)));
          if (n > 0) sd.grow(n);
        },
        active: (h) => [...h.procs.values()].some((q) => q.comm === producer || q.argv.join(" ").includes(producer)),
      };
    },
  },
  "memory-leak": {
    summary: "A process (or a service's main process, also after restarts) grows its anonymous memory steadily.",
    params: { comm: "command name of the leaking process", service: "or: unit name (without .service) whose process leaks", kibPerS: "growth in KiB per second" },
    apply(host, p) {
      const rate = num(p, "kibPerS", 2048);
      const svcName = typeof p.service === "string" ? `${p.service}.service` : undefined;
      if (svcName) {
        const svc = host.services.get(svcName);
        if (!svc) throw new FaultParamError(`service "${p.service}" is not defined`);
        svc.template = { ...svc.template, rssGrowKiBps: rate };
        const main = host.procs.get(svc.mainPid);
        if (main) main.rssGrowKiBps = rate;
      } else {
        const comm = str(p, "comm");
        const proc = findProc(host, comm);
        if (!proc) throw new FaultParamError(`no process "${comm}" to leak memory`);
        proc.rssGrowKiBps = rate;
      }
      return { type: "memory-leak" };
    },
  },
  "cpu-hog": {
    summary: "A runaway process burns CPU (single- or multi-threaded).",
    params: { comm: "command name", argv: "command line", user: "owner", demand: "CPUs it wants (1 = one full CPU)", threads: "threads", nice: "nice value", ppid: "parent pid (default 1)", startedAgoS: "age" },
    apply(host, p) {
      const comm = str(p, "comm");
      const demand = num(p, "demand", 1);
      const threads = num(p, "threads", Math.max(1, Math.ceil(demand)));
      const age = num(p, "startedAgoS", 1800);
      const t = spawnTemplate(host, { comm, argv: str(p, "argv", comm).split(" "), user: str(p, "user", "root"), cpuDemand: demand, threads, rssKiB: num(p, "rssKiB", 24000), vszKiB: num(p, "vszKiB", 120000), sysFrac: 0.03, wchan: "-" }, num(p, "ppid", 1), { startMs: Math.max(0, host.nowMs - age * 1000), nice: num(p, "nice", 0) });
      t.utimeTicks = demand * age * 100 * 0.97;
      t.stimeTicks = demand * age * 100 * 0.03;
      t.state = "R";
      return { type: "cpu-hog", active: (h) => h.procs.has(t.pid) && h.procs.get(t.pid)!.state !== "Z" };
    },
  },
  "deleted-open-file": {
    summary: "A process keeps writing a log that was deleted: df counts the space, du cannot see it.",
    params: { comm: "holder process (must exist)", path: "the deleted file's former path", sizeBytes: "bytes it holds", growBps: "bytes per second it keeps writing", fd: "fd number" },
    apply(host, p) {
      const comm = str(p, "comm");
      const proc = findProc(host, comm);
      if (!proc) throw new FaultParamError(`no process "${comm}" to hold the file`);
      const path = str(p, "path");
      const mount = host.vfs.mountOf(path);
      const fdNum = num(p, "fd", Math.max(2, ...proc.fds.map((f) => f.fd)) + 1);
      proc.fds.push({ fd: fdNum, path, mode: "w", deleted: true, sizeBytes: num(p, "sizeBytes"), mount, ino: 131000 + host.rng.int(0, 9000), growBps: num(p, "growBps", 0) });
      return { type: "deleted-open-file", active: (h) => [...h.procs.values()].some((q) => q.fds.some((f) => f.deleted && f.path === path && (f.sizeBytes ?? 0) > 0)) };
    },
  },
  "fd-leak": {
    summary: "A process opens sockets/files and never closes them until it hits RLIMIT_NOFILE ('Too many open files').",
    params: { comm: "leaking process", perSecond: "new fds per second", kind: "socket or file", path: "file path when kind=file", message: "log line written to the journal at the limit" },
    apply(host, p) {
      const comm = str(p, "comm");
      const rate = num(p, "perSecond", 2);
      const kind = str(p, "kind", "socket");
      const path = str(p, "path", "/var/lib/app/cache.db");
      let carry = 0;
      let warned = false;
      return {
        type: "fd-leak",
        tick(h, dtMs) {
          const proc = findProc(h, comm);
          if (!proc || proc.state === "Z") return;
          carry += (rate * dtMs) / 1000;
          while (carry >= 1) {
            carry -= 1;
            if (proc.fds.length >= proc.nofileSoft) {
              if (!warned && proc.unit) {
                h.journalLog(proc.unit, proc.comm, str(p, "message", "accept4() failed: Too many open files"), 3, proc.pid);
                warned = true;
              }
              break;
            }
            const fd = Math.max(2, ...proc.fds.map((f) => f.fd)) + 1;
            if (kind === "socket") {
              const ino = h.net.nextIno++;
              proc.fds.push({ fd, path: `socket:[${ino}]`, mode: "u" });
              h.net.sockets.push({ proto: "tcp", state: "CLOSE-WAIT", localAddr: "127.0.0.1", localPort: 8080, peerAddr: "127.0.0.1", peerPort: 30000 + (ino % 30000), recvQ: 1, sendQ: 0, pid: proc.pid, fd, ino });
            } else proc.fds.push({ fd, path, mode: "r" });
          }
        },
      };
    },
  },
  "fsync-storm": {
    summary: "A process writes with fsync after every line, saturating the disk: high iowait, await, %util; it sits in D.",
    params: { comm: "writer", argv: "command line", user: "owner", device: "block device", writeBps: "bytes per second it wants to write", path: "log file it writes" },
    apply(host, p) {
      const device = str(p, "device");
      if (!host.disks.some((d) => d.name === device)) throw new FaultParamError(`device "${device}" is not in the host's disks`);
      const comm = str(p, "comm");
      let proc = findProc(host, comm);
      if (!proc) proc = spawnTemplate(host, { comm, argv: str(p, "argv", comm).split(" "), user: str(p, "user", "root"), rssKiB: 48000, vszKiB: 310000 }, 1);
      proc.ioDevice = device;
      proc.syncWrites = true;
      proc.writeBps = num(p, "writeBps", 40e6);
      proc.cpuDemand = Math.max(proc.cpuDemand, 0.12);
      proc.sysFrac = 0.6;
      const path = typeof p.path === "string" ? p.path : undefined;
      if (path) proc.fds.push({ fd: Math.max(2, ...proc.fds.map((f) => f.fd)) + 1, path, mode: "w" });
      proc.syscalls = [
        { call: `write(${proc.fds.at(-1)?.fd ?? 3}, "2026-11-22T09:14:03.118Z DEBUG request id=", 214)`, ret: "214", durS: 0.000021, weight: 3 },
        { call: `fsync(${proc.fds.at(-1)?.fd ?? 3})`, ret: "0", durS: 0.0421, weight: 3 },
      ];
      return { type: "fsync-storm", active: (h) => [...h.procs.values()].some((q) => q.syncWrites && q.writeBps > 0) };
    },
  },
  "zombie-factory": {
    summary: "A parent forks workers and never reaps them: zombies pile up until fork fails (pid_max / threads-max).",
    params: { parent: "comm of the parent (must exist)", count: "zombies at start", perSecond: "new zombies per second", child: "comm of the children" },
    apply(host, p) {
      const parentComm = str(p, "parent");
      const parent = findProc(host, parentComm);
      if (!parent) throw new FaultParamError(`no process "${parentComm}" to be the parent`);
      parent.neverReaps = true;
      const child = str(p, "child", parent.comm);
      const make = (h: Host): boolean => {
        const par = h.procs.get(parent.pid);
        if (!par || par.state === "Z") return false;
        const c = h.spawn({ comm: child, argv: [child], user: h.userName(par.uid), rssKiB: 0, vszKiB: 0 }, par.pid);
        if (!c) return false;
        c.state = "Z";
        c.wchan = "-";
        return true;
      };
      for (let i = 0; i < num(p, "count", 500); i++) if (!make(host)) break;
      const rate = num(p, "perSecond", 5);
      let carry = 0;
      return {
        type: "zombie-factory",
        tick(h, dtMs) {
          carry += (rate * dtMs) / 1000;
          while (carry >= 1) {
            carry -= 1;
            if (!make(h)) break;
          }
        },
        active: (h) => h.procs.has(parent.pid),
      };
    },
  },
};

Object.assign(FAULTS, EXTRA_FAULTS_1, EXTRA_FAULTS_2, EXTRA_FAULTS_3, EXTRA_FAULTS_4);

export function faultNames(): string[] {
  return Object.keys(FAULTS);
}

/** Applies a fault by name; throws FaultParamError for unknown names or bad parameters. */
export function applyFault(host: Host, type: string, params: Params): void {
  const def = FAULTS[type];
  if (!def) throw new FaultParamError(`unknown fault type "${type}" (known: ${faultNames().join(", ")})`);
  host.faults.push(def.apply(host, params));
}
