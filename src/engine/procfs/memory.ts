/**
 * /proc/meminfo, and the memory breakdown it is built from (shared with /proc/vmstat and the
 * OOM killer's Mem-Info). Everything derives from host.mem and the live processes: free and
 * available come from the host's own accounting, AnonPages from resident anonymous memory,
 * PageTables from each task's page tables, KernelStack from the thread count. Field list and
 * widths are those of a Debian 6.1 kernel (label padded to 16, value right-aligned in 8).
 */
import type { Host } from "../host/host.js";
import { kib } from "./proc-ids.js";

export interface MemBreakdown {
  totalKiB: number;
  freeKiB: number;
  availableKiB: number;
  buffersKiB: number;
  /** page cache without shmem */
  fileCacheKiB: number;
  shmemKiB: number;
  anonKiB: number;
  activeAnonKiB: number;
  inactiveAnonKiB: number;
  activeFileKiB: number;
  inactiveFileKiB: number;
  mappedKiB: number;
  dirtyKiB: number;
  writebackKiB: number;
  sReclaimableKiB: number;
  sUnreclaimKiB: number;
  kernelStackKiB: number;
  pageTablesKiB: number;
  swapTotalKiB: number;
  swapFreeKiB: number;
  swapCachedKiB: number;
  committedKiB: number;
  commitLimitKiB: number;
  vmallocUsedKiB: number;
  percpuKiB: number;
}

export function memBreakdown(host: Host): MemBreakdown {
  const m = host.mem;
  let threads = 0;
  let pageTables = 0;
  let mapped = 0;
  let commitExtra = 0;
  for (const p of host.procs.values()) {
    if (p.state === "Z") continue;
    threads += Math.max(1, p.threads);
    if (p.kthread) continue;
    pageTables += host.pgtablesBytes(p) / 1024;
    mapped += p.shrKiB;
    commitExtra += Math.max(0, p.vszKiB - p.rssKiB - p.swapKiB) * 0.12;
  }
  const anon = kib(host.anonKiB());
  const shmem = kib(m.shmemKiB);
  const fileCache = kib(m.cachedKiB);
  const buffers = kib(m.buffersKiB);
  const activeAnon = kib(anon * 0.04 + shmem * 0.15);
  const activeFile = kib((fileCache + buffers) * 0.38);
  const swapUsed = kib(host.swapUsedKiB());
  const swapTotal = kib(m.swapTotalKiB);
  const ratio = Number(host.sysctl.get("vm.overcommit_ratio") ?? 50);
  return {
    totalKiB: kib(m.totalKiB),
    freeKiB: kib(host.freeMemKiB()),
    availableKiB: kib(host.availableKiB()),
    buffersKiB: buffers,
    fileCacheKiB: fileCache,
    shmemKiB: shmem,
    anonKiB: anon,
    activeAnonKiB: activeAnon,
    inactiveAnonKiB: Math.max(0, anon + shmem - activeAnon),
    activeFileKiB: activeFile,
    inactiveFileKiB: Math.max(0, fileCache + buffers - activeFile),
    mappedKiB: kib(Math.min(mapped, fileCache + shmem)),
    dirtyKiB: kib(m.dirtyKiB),
    writebackKiB: kib(m.writebackKiB),
    sReclaimableKiB: kib(m.slabReclaimableKiB),
    sUnreclaimKiB: kib(m.slabUnreclaimKiB),
    kernelStackKiB: (threads + host.cpu.count) * 16,
    pageTablesKiB: kib(pageTables),
    swapTotalKiB: swapTotal,
    swapFreeKiB: Math.max(0, swapTotal - swapUsed),
    swapCachedKiB: swapUsed > 0 ? kib(Math.min(swapUsed * 0.02, 65536)) : 0,
    committedKiB: kib(anon + shmem + commitExtra),
    commitLimitKiB: kib(swapTotal + (m.totalKiB * ratio) / 100),
    vmallocUsedKiB: 12000 + 1390 * host.cpu.count,
    percpuKiB: 488 * host.cpu.count,
  };
}

/** DirectMap4k/2M/1G for a VM of this size (the kernel's direct mapping of all RAM). */
export function directMap(totalKiB: number): [number, number, number] {
  const phys = Math.ceil((totalKiB * 1.0159 + 100000) / 2048) * 2048;
  const oneG = 1024 * 1024;
  const g1 = phys > 4 * oneG ? Math.floor((phys - 3 * oneG) / oneG) * oneG : 0;
  const k4 = 108412 + (Math.floor(totalKiB / oneG) % 7) * 4096;
  const m2 = Math.max(0, Math.ceil((phys - g1 - k4) / 2048) * 2048);
  return [k4, m2, g1];
}

function line(label: string, v: number, unit = true): string {
  return `${(label + ":").padEnd(16)}${String(v).padStart(8)}${unit ? " kB" : ""}\n`;
}

export function renderMeminfo(host: Host): string {
  const b = memBreakdown(host);
  const [dm4k, dm2m, dm1g] = directMap(b.totalKiB);
  let s = "";
  s += line("MemTotal", b.totalKiB);
  s += line("MemFree", b.freeKiB);
  s += line("MemAvailable", b.availableKiB);
  s += line("Buffers", b.buffersKiB);
  s += line("Cached", b.fileCacheKiB + b.shmemKiB);
  s += line("SwapCached", b.swapCachedKiB);
  s += line("Active", b.activeAnonKiB + b.activeFileKiB);
  s += line("Inactive", b.inactiveAnonKiB + b.inactiveFileKiB);
  s += line("Active(anon)", b.activeAnonKiB);
  s += line("Inactive(anon)", b.inactiveAnonKiB);
  s += line("Active(file)", b.activeFileKiB);
  s += line("Inactive(file)", b.inactiveFileKiB);
  s += line("Unevictable", 0);
  s += line("Mlocked", 0);
  s += line("SwapTotal", b.swapTotalKiB);
  s += line("SwapFree", b.swapFreeKiB);
  s += line("Zswap", 0);
  s += line("Zswapped", 0);
  s += line("Dirty", b.dirtyKiB);
  s += line("Writeback", b.writebackKiB);
  s += line("AnonPages", b.anonKiB);
  s += line("Mapped", b.mappedKiB);
  s += line("Shmem", b.shmemKiB);
  s += line("KReclaimable", b.sReclaimableKiB);
  s += line("Slab", b.sReclaimableKiB + b.sUnreclaimKiB);
  s += line("SReclaimable", b.sReclaimableKiB);
  s += line("SUnreclaim", b.sUnreclaimKiB);
  s += line("KernelStack", b.kernelStackKiB);
  s += line("PageTables", b.pageTablesKiB);
  s += line("SecPageTables", 0);
  s += line("NFS_Unstable", 0);
  s += line("Bounce", 0);
  s += line("WritebackTmp", 0);
  s += line("CommitLimit", b.commitLimitKiB);
  s += line("Committed_AS", b.committedKiB);
  s += line("VmallocTotal", 34359738367);
  s += line("VmallocUsed", b.vmallocUsedKiB);
  s += line("VmallocChunk", 0);
  s += line("Percpu", b.percpuKiB);
  s += `HardwareCorrupted: ${String(0).padStart(5)} kB\n`;
  s += line("AnonHugePages", 0);
  s += line("ShmemHugePages", 0);
  s += line("ShmemPmdMapped", 0);
  s += line("FileHugePages", 0);
  s += line("FilePmdMapped", 0);
  s += line("HugePages_Total", 0, false);
  s += line("HugePages_Free", 0, false);
  s += line("HugePages_Rsvd", 0, false);
  s += line("HugePages_Surp", 0, false);
  s += line("Hugepagesize", 2048);
  s += line("Hugetlb", 0);
  s += line("DirectMap4k", dm4k);
  s += line("DirectMap2M", dm2m);
  s += line("DirectMap1G", dm1g);
  return s;
}
