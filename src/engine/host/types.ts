/**
 * The host model's plain data: everything a simulated Linux machine is, as serializable
 * records. Dynamics live in host.ts and the subsystem files; renderers (procfs, tools) only
 * read these records. Units are in the names (KiB, Ms, Bps, Ticks = USER_HZ 100 jiffies).
 */

/** Process states as shown by ps STAT's first letter. */
export const PROC_STATES = {
  /** running or runnable */
  R: "running",
  /** interruptible sleep */
  S: "sleeping",
  /** uninterruptible sleep (usually I/O) */
  D: "disk sleep",
  /** zombie: exited, not yet reaped */
  Z: "zombie",
  /** stopped by a job-control signal */
  T: "stopped",
  /** idle kernel thread */
  I: "idle",
} as const;
export type ProcState = keyof typeof PROC_STATES;

/** What a process does with a catchable signal. */
export type SignalAction = "exit" | "ignore" | "reload" | "graceful";

export interface OpenFd {
  fd: number;
  /** target path, or "socket:[ino]" / "pipe:[ino]" / "anon_inode:[eventpoll]" */
  path: string;
  /** r, w or u (lsof's mode letter) */
  mode: "r" | "w" | "u";
  /** true when the file was unlinked while open (shows " (deleted)") */
  deleted?: boolean;
  /** size in bytes the open file holds (for deleted files this is space still in use) */
  sizeBytes?: number;
  /** inode number of the file */
  ino?: number;
  /** mountpoint of the filesystem holding the file */
  mount?: string;
  /** write rate into this file (bytes/sim second), e.g. a log being appended */
  growBps?: number;
  /** file offset (lsof's OFFSET) */
  offset?: number;
}

export interface SyscallProfileEntry {
  /** syscall line body without the result, e.g. `epoll_wait(4, [], 512, 1000)` */
  call: string;
  /** return value text, e.g. `0`, `-1 EAGAIN (Resource temporarily unavailable)` */
  ret: string;
  /** seconds spent in the call */
  durS?: number;
  /** relative weight in the mix (default 1) */
  weight?: number;
}

export interface Proc {
  pid: number;
  ppid: number;
  /** process group / session leader, for ps -j; defaults to pid */
  pgid?: number;
  sid?: number;
  uid: number;
  gid: number;
  /** comm (15 chars max, as the kernel truncates) */
  comm: string;
  /** argv; empty for kernel threads (ps shows [comm]) */
  argv: string[];
  state: ProcState;
  /** extra STAT letters beyond the state: s (session leader), l (multithreaded), + (fg), < N L */
  statFlags?: string;
  nice: number;
  /** number of threads (NLWP) */
  threads: number;
  /** CPU demand in CPUs (0.9 = 90% of one CPU); limited by threads */
  cpuDemand: number;
  /** share of CPU time spent in the kernel (0..1) */
  sysFrac: number;
  /** accumulated CPU time in USER_HZ ticks */
  utimeTicks: number;
  stimeTicks: number;
  /** sim ms since boot when it started */
  startMs: number;
  rssKiB: number;
  vszKiB: number;
  /** shared (file-backed) part of RSS */
  shrKiB: number;
  /** KiB of this process's anonymous memory that is swapped out */
  swapKiB: number;
  /** anonymous memory growth, KiB per sim second (a leak) */
  rssGrowKiBps: number;
  /** growth stops at this RSS (a warming cache, not a leak); undefined = unbounded */
  rssMaxKiB?: number;
  /** kernel function it sleeps in ("-" when running) */
  wchan: string;
  /** /proc/PID/stack lines (without the leading "[<0>] ") */
  stack?: string[];
  fds: OpenFd[];
  /** RLIMIT_NOFILE soft/hard */
  nofileSoft: number;
  nofileHard: number;
  /** cgroup v2 path, e.g. /system.slice/nginx.service */
  cgroup: string;
  oomScoreAdj: number;
  /** I/O demand in bytes per sim second, and the block device it targets */
  readBps: number;
  writeBps: number;
  ioDevice?: string;
  /** fsync after each write: every write waits for the device (D state while saturated) */
  syncWrites?: boolean;
  /** accumulated I/O counters for /proc/PID/io and pidstat -d */
  readBytes: number;
  writeBytes: number;
  rchar: number;
  wchar: number;
  /** I/O wait accounted to this task (ticks), for iotop/pidstat iodelay */
  ioDelayTicks: number;
  /** when set, the task is blocked on this mount (hung NFS) or device (stuck I/O): stays D */
  blockedOn?: string;
  /** controlling tty ("?" for none, "pts/0") */
  tty: string;
  /** systemd unit that owns it */
  unit?: string;
  onTerm: SignalAction;
  onHup: SignalAction;
  onInt?: SignalAction;
  /** a signal that arrived while in D, delivered once I/O completes */
  pendingSignal?: number;
  /** strace -p mix */
  syscalls?: SyscallProfileEntry[];
  /** minor/major page fault counters */
  minflt: number;
  majflt: number;
  /** voluntary / involuntary context switches */
  nvcsw: number;
  nivcsw: number;
  /** exit status once a zombie (for the parent's wait) */
  exitStatus?: number;
  /** parent never reaps children (zombie factory) */
  neverReaps?: boolean;
  /** processor it last ran on (ps PSR, top P) */
  cpu: number;
  /** kernel thread (no argv, [name] in ps) */
  kthread?: boolean;
  /** last CPU share it actually got (CPUs), set by the scheduler each step */
  cpuGot: number;
  /** environment shown in /proc/PID/environ */
  environ?: string[];
  /** working directory, exe link */
  cwd?: string;
  exe?: string;
  /** sim ms when it entered D on its current block */
  blockedSinceMs?: number;
  /** a candidate's command, alive only while it runs (no engine events) */
  transient?: boolean;
}

export interface User {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface Group {
  name: string;
  gid: number;
  members: string[];
}

export type RestartPolicy = "no" | "always" | "on-failure" | "on-abnormal";
export type UnitActive = "active" | "inactive" | "failed" | "activating" | "deactivating";

/** A template to (re)spawn the main process of a service. */
export interface ProcTemplate {
  comm: string;
  argv: string[];
  user: string;
  threads?: number;
  cpuDemand?: number;
  sysFrac?: number;
  rssKiB: number;
  vszKiB: number;
  shrKiB?: number;
  rssGrowKiBps?: number;
  /** growth stops at this RSS */
  rssMaxKiB?: number;
  nofile?: number;
  oomScoreAdj?: number;
  readBps?: number;
  writeBps?: number;
  ioDevice?: string;
  syncWrites?: boolean;
  wchan?: string;
  onTerm?: SignalAction;
  onHup?: SignalAction;
  syscalls?: SyscallProfileEntry[];
  fds?: OpenFd[];
  /** children spawned with it (e.g. nginx workers) */
  children?: ProcTemplate[];
  /** TCP ports it listens on */
  listen?: { port: number; addr?: string; backlog?: number }[];
  /** fd leak: new fds per sim second */
  fdGrowPerS?: number;
  /** a config file it reads at start; `failIfContains` entries make it fail to start */
  env?: string[];
}

export interface Service {
  name: string; // "nginx.service"
  description: string;
  /** unit file path and text shown by systemctl cat */
  fragmentPath: string;
  unitText: string;
  active: UnitActive;
  sub: string; // running, dead, failed, exited, auto-restart
  enabled: "enabled" | "disabled" | "static";
  mainPid: number;
  restart: RestartPolicy;
  restartSec: number;
  /** counts restarts (systemctl status "restart counter is at N") */
  restarts: number;
  /** sim ms when it entered the current state */
  sinceMs: number;
  template: ProcTemplate;
  /** MemoryMax= in KiB (cgroup limit) */
  memoryMaxKiB?: number;
  /** scheduled restart at this sim ms (auto-restart state) */
  restartAtMs?: number;
  /** result of the last exit, e.g. "oom-kill", "exit-code", "signal" */
  result?: string;
  /** why the last start attempt failed (a journal line), e.g. bind() Address already in use */
  startFailure?: string;
  /** the process runs ExecReload on HUP */
  reloadSignal?: number;
  /** cumulative CPU ms for status */
  cpuMs?: number;
  /** dependency for "Tasks:" */
  tasksMax?: number;
  /** how the last main process ended, as systemctl status shows it: "code=killed, signal=KILL" */
  lastMain?: { pid: number; how: string };
  /** the last failed ExecStart control process (a forking unit that could not start) */
  lastProcess?: { pid: number; exec: string; how: string };
  /** sim ms the last activation began: "Duration:" of a unit that stopped or failed */
  ranFromMs?: number;
}

export interface KmsgEntry {
  /** sim ms since boot */
  simMs: number;
  /** syslog level 0..7 */
  level: number;
  /** facility 0 = kern */
  facility: number;
  text: string;
}

export interface JournalEntry {
  /** sim ms since boot */
  simMs: number;
  /** systemd unit (or "kernel") */
  unit: string;
  /** SYSLOG_IDENTIFIER, e.g. "nginx", "systemd", "kernel" */
  ident: string;
  pid?: number;
  priority: number;
  message: string;
}

export interface BlockDevice {
  name: string; // vda, sdb, nvme0n1
  major: number;
  minor: number;
  sizeBytes: number;
  rotational: boolean;
  model?: string;
  /** capacity */
  maxIops: number;
  maxBps: number;
  /** base service time per request (ms) */
  svcMs: number;
  /** the device stopped completing I/O (dying disk / stuck controller) */
  stuck?: boolean;
  /** partitions: name -> size; mounted partitions appear as their own BlockDevice-like rows in lsblk */
  partitions?: { name: string; minor: number; sizeBytes: number; mountpoint?: string }[];
  /** /proc/diskstats counters */
  readsCompleted: number;
  readsMerged: number;
  sectorsRead: number;
  msReading: number;
  writesCompleted: number;
  writesMerged: number;
  sectorsWritten: number;
  msWriting: number;
  inFlight: number;
  ioTicksMs: number;
  weightedMs: number;
  flushes: number;
  msFlushing: number;
  /** last step's utilisation 0..1, for quick views */
  util: number;
}

export interface Mount {
  /** source: /dev/vda1, tmpfs, nfs-server:/export */
  source: string;
  target: string;
  fstype: string;
  options: string;
  /** block device name backing it (for I/O), if any */
  device?: string;
  /** total size in 1K blocks */
  sizeKiB: number;
  /** space used outside the modelled files (base system), KiB */
  baseUsedKiB: number;
  /** reserved blocks (ext4 root reserve), KiB: Avail = Size - Used - reserved */
  reservedKiB: number;
  inodesTotal: number;
  /** inodes in use outside modelled files */
  baseInodes: number;
  /** an NFS server that stopped answering: every access blocks (D) */
  hung?: boolean;
  /** lazily detached (umount -l): gone from the table, holders keep blocking */
  detached?: boolean;
  /** mount id / parent id for /proc/self/mountinfo */
  id: number;
  parentId: number;
  /** dump/pass for fstab display */
  readOnly?: boolean;
}

export type SocketState =
  | "LISTEN"
  | "ESTAB"
  | "TIME-WAIT"
  | "CLOSE-WAIT"
  | "FIN-WAIT-1"
  | "FIN-WAIT-2"
  | "SYN-SENT"
  | "SYN-RECV"
  | "LAST-ACK"
  | "CLOSING"
  | "UNCONN";

export interface Socket {
  proto: "tcp" | "tcp6" | "udp" | "udp6" | "unix";
  state: SocketState;
  localAddr: string;
  localPort: number;
  peerAddr: string;
  peerPort: number;
  recvQ: number;
  sendQ: number;
  pid?: number;
  fd?: number;
  ino: number;
  /** listen backlog (Send-Q on LISTEN rows) */
  backlog?: number;
}

export interface NetInterface {
  name: string;
  mac: string;
  mtu: number;
  up: boolean;
  addrs: { addr: string; prefix: number; family: "inet" | "inet6"; scope: "global" | "host" | "link"; brd?: string }[];
  rxBytes: number;
  rxPackets: number;
  rxErrors: number;
  rxDropped: number;
  txBytes: number;
  txPackets: number;
  txErrors: number;
  txDropped: number;
  /** bytes per sim second */
  rxBps: number;
  txBps: number;
  speedMbps: number;
}

export interface Route {
  dest: string; // "default" or "10.0.2.0/24"
  via?: string;
  dev: string;
  proto?: string;
  scope?: string;
  src?: string;
  metric?: number;
}

/** A remote or local endpoint curl/ping/dig can reach. */
export interface Endpoint {
  host: string; // name or address
  addr: string;
  port?: number;
  /** round-trip time ms */
  rttMs: number;
  /** reachable only through the default route (internet) */
  external?: boolean;
  /** HTTP behaviour for curl */
  http?: { status: number; body: string; headers?: Record<string, string>; delayMs?: number };
  /** DNS server behaviour when addr is used as a nameserver */
  dns?: "ok" | "timeout" | "refused" | "servfail";
  /** drop ICMP */
  noPing?: boolean;
}

export interface NetState {
  interfaces: NetInterface[];
  routes: Route[];
  sockets: Socket[];
  endpoints: Endpoint[];
  /** DNS records the resolvers answer: name -> addresses */
  dnsRecords: Record<string, string[]>;
  /** TCP counters for ss -s, sar -n TCP,ETCP, netstat -s */
  tcp: { activeOpens: number; passiveOpens: number; attemptFails: number; estabResets: number; retransSegs: number; inSegs: number; outSegs: number; inErrs: number; outRsts: number };
  nextIno: number;
}

export interface MemState {
  totalKiB: number;
  /** kernel's own use (slab, page tables, kernel stacks) */
  kernelKiB: number;
  slabReclaimableKiB: number;
  slabUnreclaimKiB: number;
  /** page cache (file-backed), reclaimable */
  cachedKiB: number;
  buffersKiB: number;
  /** shared memory / tmpfs */
  shmemKiB: number;
  /** how large the page cache wants to grow (the working set of files) */
  cacheTargetKiB: number;
  swapTotalKiB: number;
  /** swap used by no live process (stale) */
  swapBaseKiB: number;
  /** counters for /proc/vmstat and vmstat si/so, in pages (4 KiB) */
  pswpin: number;
  pswpout: number;
  pgpgin: number;
  pgpgout: number;
  pgfault: number;
  pgmajfault: number;
  /** OOM kills so far */
  oomKills: number;
  /** min free watermark, KiB */
  minFreeKiB: number;
  dirtyKiB: number;
  writebackKiB: number;
}

/** Per-CPU accumulated time in USER_HZ ticks, /proc/stat order. */
export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
  guest: number;
  guestNice: number;
}

export interface CpuState {
  count: number;
  model: string;
  mhz: number;
  perCpu: CpuTimes[];
  /** steal fraction imposed by a noisy neighbour (0..1) */
  stealFrac: number;
  /** context switches and interrupts, for /proc/stat and vmstat in/cs */
  ctxt: number;
  intr: number;
  processesForked: number;
  /** last step's instantaneous run queue and blocked counts */
  nrRunning: number;
  nrBlocked: number;
}

/** PSI accumulators (microseconds) and running averages. */
export interface PressureState {
  cpuSomeUs: number;
  ioSomeUs: number;
  ioFullUs: number;
  memSomeUs: number;
  memFullUs: number;
  cpuAvg: [number, number, number];
  ioSomeAvg: [number, number, number];
  ioFullAvg: [number, number, number];
  memSomeAvg: [number, number, number];
  memFullAvg: [number, number, number];
}

export interface LoginSession {
  user: string;
  tty: string;
  from: string;
  loginMs: number;
  /** "-bash" process pid */
  pid: number;
}

/** A sample of key metrics for charts and the grader. */
export interface MetricSample {
  simMs: number;
  load1: number;
  cpuBusyPct: number;
  iowaitPct: number;
  memUsedPct: number;
  swapUsedPct: number;
  /** per mount target: [blockUsePct, inodeUsePct] */
  fs: Record<string, [number, number]>;
}
