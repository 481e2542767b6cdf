/**
 * The table of /proc renderers: file name -> function of the live host. Each renderer lives
 * in its own module and reproduces the kernel's format byte for byte. Names with a "/" live
 * in a subdirectory (pressure/, net/, sys/fs/); procfs.ts wires them into the tree.
 */
import type { Host } from "../host/host.js";
import type { Proc } from "../host/types.js";
import {
  renderCpuinfo, renderFileNr, renderKernelCmdline, renderLoadavg, renderPressureCpu, renderPressureIo, renderPressureMemory, renderUptime, renderVersion,
} from "./basic.js";
import { renderDiskstats, renderPartitions } from "./block.js";
import { renderStat, renderVmstat } from "./kstat.js";
import { renderMeminfo } from "./memory.js";
import { renderFilesystems, renderMountinfo, renderMounts, renderSwaps } from "./mounts.js";
import { renderNetDev, renderNetRoute, renderNetTcp, renderNetTcp6, renderNetUdp, renderNetUdp6 } from "./net.js";
import {
  renderCgroup, renderEnviron, renderIo, renderLimits, renderLoginuid, renderMaps, renderOomAdj, renderOomScore, renderOomScoreAdj, renderSessionid, renderStack, renderWchan,
} from "./pid-misc.js";
import { renderPidStat, renderSchedstat, renderStatm, renderStatus } from "./pid-status.js";

export type HostRenderer = (host: Host) => string;
export type PidRenderer = (host: Host, p: Proc) => string;

export const PROC_FILES: Record<string, HostRenderer> = {
  loadavg: renderLoadavg,
  uptime: renderUptime,
  meminfo: renderMeminfo,
  stat: renderStat,
  vmstat: renderVmstat,
  diskstats: renderDiskstats,
  partitions: renderPartitions,
  swaps: renderSwaps,
  cpuinfo: renderCpuinfo,
  version: renderVersion,
  cmdline: renderKernelCmdline,
  filesystems: renderFilesystems,
  "pressure/cpu": renderPressureCpu,
  "pressure/io": renderPressureIo,
  "pressure/memory": renderPressureMemory,
  "sys/fs/file-nr": renderFileNr,
  "net/dev": renderNetDev,
  "net/tcp": renderNetTcp,
  "net/tcp6": renderNetTcp6,
  "net/udp": renderNetUdp,
  "net/udp6": renderNetUdp6,
  "net/route": renderNetRoute,
};

export const PID_FILES: Record<string, PidRenderer> = {
  cgroup: renderCgroup,
  cmdline: (_h, p) => (p.argv.length && p.state !== "Z" ? p.argv.join("\0") + "\0" : ""),
  comm: (_h, p) => `${p.comm}\n`,
  environ: renderEnviron,
  io: renderIo,
  limits: renderLimits,
  loginuid: renderLoginuid,
  maps: renderMaps,
  mountinfo: (h) => renderMountinfo(h),
  mounts: (h) => renderMounts(h),
  oom_adj: renderOomAdj,
  oom_score: renderOomScore,
  oom_score_adj: renderOomScoreAdj,
  schedstat: renderSchedstat,
  sessionid: renderSessionid,
  stack: renderStack,
  stat: renderPidStat,
  statm: renderStatm,
  status: renderStatus,
  wchan: renderWchan,
};

/** Per-PID files readable only by their owner (0400), and those only root may read at all. */
export const PID_FILE_MODES: Record<string, number> = { environ: 0o400, io: 0o400, stack: 0o400, oom_score_adj: 0o644, oom_adj: 0o644, loginuid: 0o644 };
export const ROOT_ONLY_PID_FILES = new Set(["stack"]);
