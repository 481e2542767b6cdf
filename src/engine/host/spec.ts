/**
 * HostSpec: the declarative description a host is built from (by the demo host, the test
 * host builder and compiled scenarios). Everything optional has a plausible default, so a
 * spec only says what makes its machine special.
 */
import type { OpenFd, ProcTemplate, RestartPolicy, SyscallProfileEntry, Endpoint, Route, SignalAction } from "./types.js";

export interface ProcSpec {
  pid?: number;
  ppid?: number;
  /** start as a child of the first process with this comm */
  ppidComm?: string;
  user?: string;
  comm: string;
  argv?: string[];
  state?: "R" | "S" | "D" | "Z" | "T" | "I";
  statFlags?: string;
  nice?: number;
  threads?: number;
  cpuDemand?: number;
  sysFrac?: number;
  rssKiB?: number;
  vszKiB?: number;
  shrKiB?: number;
  rssGrowKiBps?: number;
  rssMaxKiB?: number;
  wchan?: string;
  stack?: string[];
  fds?: OpenFd[];
  nofile?: number;
  cgroup?: string;
  oomScoreAdj?: number;
  readBps?: number;
  writeBps?: number;
  ioDevice?: string;
  syncWrites?: boolean;
  blockedOn?: string;
  tty?: string;
  /** seconds before "now" the process started (default: shortly after boot) */
  startedAgoS?: number;
  /** accumulated CPU seconds so far (default derived from demand and age) */
  cpuSeconds?: number;
  onTerm?: SignalAction;
  onHup?: SignalAction;
  syscalls?: SyscallProfileEntry[];
  neverReaps?: boolean;
  kthread?: boolean;
  children?: ProcSpec[];
  listen?: { port: number; addr?: string; backlog?: number }[];
  cwd?: string;
  exe?: string;
  environ?: string[];
}

export interface ServiceSpec {
  name: string; // without .service
  description: string;
  restart?: RestartPolicy;
  restartSec?: number;
  enabled?: boolean;
  /** "active" (default) or "inactive"/"failed" */
  state?: "active" | "inactive" | "failed";
  memoryMaxKiB?: number;
  /** ExecStart etc. for the unit file text; generated when absent */
  unitText?: string;
  template: ProcTemplate;
  /** how long ago it started (s) */
  startedAgoS?: number;
  /** existing restart count */
  restarts?: number;
  /** journal lines seeded for it: [secondsAgo, message, priority?] */
  journal?: [number, string, number?][];
}

export interface MountSpec {
  source: string;
  target: string;
  fstype: string;
  options?: string;
  device?: string;
  sizeKiB: number;
  usedKiB?: number;
  reservedPct?: number;
  inodes?: number;
  inodesUsed?: number;
  hung?: boolean;
}

export interface DiskSpec {
  name: string;
  major?: number;
  minor?: number;
  sizeBytes: number;
  rotational?: boolean;
  model?: string;
  maxIops?: number;
  maxBps?: number;
  svcMs?: number;
  stuck?: boolean;
  partitions?: { name: string; minor: number; sizeBytes: number; mountpoint?: string }[];
  /** counters since boot, roughly (reads, writes in requests) */
  history?: { reads: number; writes: number; readKiB: number; writeKiB: number };
}

export interface FileSpec {
  path: string;
  content?: string;
  /** logical size when larger than content (bytes are not stored) */
  sizeBytes?: number;
  mode?: number;
  owner?: string;
  group?: string;
  mtimeAgoS?: number;
  symlink?: string;
  dir?: boolean;
}

/** A directory of millions of rule-named files that are never materialised. */
export interface SyntheticDirSpec {
  path: string;
  count: number;
  /** name pattern with {i} (index), {hex} (seeded hex) e.g. "sess_{hex}" */
  pattern: string;
  sizeBytes: number;
  owner?: string;
  group?: string;
  mode?: number;
  /** age range of the files in seconds (mtime spread) */
  oldestS?: number;
  newestS?: number;
  /** keep growing by N files per sim second while a producer runs */
  growPerS?: number;
  /** pid of the producer whose life drives the growth */
  producerComm?: string;
}

export interface HostSpec {
  hostname: string;
  /** wall-clock epoch ms at boot */
  bootEpochMs: number;
  /** how long the host has been up when the session starts (ms) */
  uptimeMs: number;
  seed: number;
  kernel?: string;
  os?: { prettyName: string; id: string; versionId: string; versionCodename: string; name: string; version: string };
  cpus: number;
  cpuModel?: string;
  memKiB: number;
  swapKiB?: number;
  /** baseline page cache (KiB) */
  cacheKiB?: number;
  disks: DiskSpec[];
  mounts: MountSpec[];
  users?: { name: string; uid: number; gid?: number; home?: string; shell?: string; gecos?: string; groups?: string[] }[];
  /** the candidate's login */
  login: { user: string; from: string; tty?: string };
  processes?: ProcSpec[];
  services?: ServiceSpec[];
  files?: FileSpec[];
  syntheticDirs?: SyntheticDirSpec[];
  net?: {
    ip?: string;
    prefix?: number;
    gateway?: string | null;
    nameservers?: string[];
    search?: string[];
    options?: string[];
    endpoints?: Endpoint[];
    dnsRecords?: Record<string, string[]>;
    routes?: Route[];
    /** extra established/other sockets */
    sockets?: { proto?: "tcp" | "tcp6"; state: string; local: string; peer: string; comm?: string; count?: number; recvQ?: number; sendQ?: number }[];
  };
  sysctl?: Record<string, string>;
  /** kernel log lines at boot/in the past: [secondsAgo or absolute boot seconds, level, text] */
  kmsg?: { atS: number; level?: number; text: string }[];
  /** faults to apply */
  faults?: { type: string; params?: Record<string, unknown> }[];
  crontab?: Record<string, string>;
  /** the prompt's initial working directory */
  cwd?: string;
}
