/**
 * /proc/stat and /proc/vmstat: the kernel's global counters. /proc/stat prints per-CPU
 * USER_HZ ticks (floored, the aggregate line is the sum of the per-CPU lines), the interrupt
 * line with one count per IRQ number (legacy i440FX IRQs, then the virtio MSI-X vectors),
 * context switches, boot time, forks, run-queue counts and softirqs. /proc/vmstat lists the
 * Debian 6.1 counter names in kernel order, filled from the memory breakdown and host.mem.
 */
import type { Host } from "../host/host.js";
import { memBreakdown } from "./memory.js";
import { kib } from "./proc-ids.js";

const CPU_FIELDS = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal", "guest", "guestNice"] as const;

/** Per-IRQ counts for the intr line (index = IRQ number). */
function irqCounts(host: Host): number[] {
  const n = 408 + 8 * host.cpu.count;
  const irqs = new Array<number>(n).fill(0);
  const upS = host.nowMs / 1000;
  let ios = 0;
  for (const d of host.disks) ios += d.readsCompleted + d.writesCompleted;
  let rx = 0;
  let tx = 0;
  for (const i of host.net.interfaces) if (i.name !== "lo") {
    rx += i.rxPackets;
    tx += i.txPackets;
  }
  irqs[1] = 9;
  irqs[4] = 312;
  irqs[8] = 1;
  irqs[12] = 15;
  irqs[15] = 1240 + Math.floor(upS / 3600);
  irqs[25] = Math.floor(ios * 0.92);
  irqs[27] = Math.floor(rx / 6);
  irqs[28] = Math.floor(tx / 9);
  irqs[29] = 1;
  return irqs;
}

export function renderStat(host: Host): string {
  const rows = host.cpu.perCpu.map((c) => CPU_FIELDS.map((f) => Math.max(0, Math.floor(c[f]))));
  const sum = CPU_FIELDS.map((_, i) => rows.reduce((a, r) => a + r[i]!, 0));
  let s = `cpu  ${sum.join(" ")}\n`;
  rows.forEach((r, i) => (s += `cpu${i} ${r.join(" ")}\n`));
  const irqs = irqCounts(host);
  const intrTotal = Math.max(Math.floor(host.cpu.intr), irqs.reduce((a, b) => a + b, 0));
  s += `intr ${intrTotal} ${irqs.join(" ")}\n`;
  s += `ctxt ${Math.floor(host.cpu.ctxt)}\n`;
  s += `btime ${Math.floor(host.bootEpochMs / 1000)}\n`;
  s += `processes ${host.cpu.processesForked}\n`;
  s += `procs_running ${Math.max(1, host.cpu.nrRunning + 1)}\n`;
  s += `procs_blocked ${host.cpu.nrBlocked}\n`;
  s += `softirq ${softirqs(host).join(" ")}\n`;
  return s;
}

/** total, HI, TIMER, NET_TX, NET_RX, BLOCK, IRQ_POLL, TASKLET, SCHED, HRTIMER, RCU */
function softirqs(host: Host): number[] {
  const upS = host.nowMs / 1000;
  const cpus = host.cpu.count;
  let ios = 0;
  for (const d of host.disks) ios += d.readsCompleted + d.writesCompleted;
  let rx = 0;
  let tx = 0;
  for (const i of host.net.interfaces) {
    rx += i.rxPackets;
    tx += i.txPackets;
  }
  const v = [
    0,
    Math.floor(upS * 22 * cpus),
    Math.floor(tx / 40),
    Math.floor(rx / 3),
    Math.floor(ios * 0.9),
    0,
    Math.floor(upS * 0.02),
    Math.floor(host.cpu.ctxt * 0.09),
    Math.floor(upS * 0.01),
    Math.floor(upS * 35 * cpus),
  ];
  return [v.reduce((a, b) => a + b, 0), ...v];
}

export function renderVmstat(host: Host): string {
  const b = memBreakdown(host);
  const m = host.mem;
  const pg = (k: number): number => Math.floor(k / 4);
  const upS = host.nowMs / 1000;
  const dirtyRatio = Number(host.sysctl.get("vm.dirty_ratio") ?? 20);
  const bgRatio = Number(host.sysctl.get("vm.dirty_background_ratio") ?? 10);
  const dirtyable = pg(b.freeKiB + b.fileCacheKiB + b.buffersKiB);
  const faults = Math.floor(m.pgfault);
  const drops = dropCounters(host);
  const allocs = Math.floor(faults * 1.4 + m.pgpgin / 4);
  const written = Math.floor(m.pgpgout / 4);
  const e: [string, number][] = [
    ["nr_free_pages", pg(b.freeKiB)],
    ["nr_zone_inactive_anon", pg(b.inactiveAnonKiB)],
    ["nr_zone_active_anon", pg(b.activeAnonKiB)],
    ["nr_zone_inactive_file", pg(b.inactiveFileKiB)],
    ["nr_zone_active_file", pg(b.activeFileKiB)],
    ["nr_zone_unevictable", 0],
    ["nr_zone_write_pending", pg(b.dirtyKiB + b.writebackKiB)],
    ["nr_mlock", 0],
    ["nr_bounce", 0],
    ["nr_zspages", 0],
    ["nr_free_cma", 0],
    ["numa_hit", Math.floor(allocs * 1.02)],
    ["numa_miss", 0],
    ["numa_foreign", 0],
    ["numa_interleave", 1129],
    ["numa_local", Math.floor(allocs * 1.02)],
    ["numa_other", 0],
    ["nr_inactive_anon", pg(b.inactiveAnonKiB)],
    ["nr_active_anon", pg(b.activeAnonKiB)],
    ["nr_inactive_file", pg(b.inactiveFileKiB)],
    ["nr_active_file", pg(b.activeFileKiB)],
    ["nr_unevictable", 0],
    ["nr_slab_reclaimable", pg(b.sReclaimableKiB)],
    ["nr_slab_unreclaimable", pg(b.sUnreclaimKiB)],
    ["nr_isolated_anon", 0],
    ["nr_isolated_file", 0],
    ["workingset_nodes", Math.floor(pg(b.fileCacheKiB) / 40)],
    ["workingset_refault_anon", Math.floor(m.pswpin)],
    ["workingset_refault_file", Math.floor(m.pgmajfault * 3)],
    ["workingset_activate_anon", Math.floor(m.pswpin / 3)],
    ["workingset_activate_file", Math.floor(m.pgmajfault)],
    ["workingset_restore_anon", 0],
    ["workingset_restore_file", 0],
    ["workingset_nodereclaim", 0],
    ["nr_anon_pages", pg(b.anonKiB)],
    ["nr_mapped", pg(b.mappedKiB)],
    ["nr_file_pages", pg(b.fileCacheKiB + b.shmemKiB + b.buffersKiB) + Math.floor(b.swapCachedKiB / 4)],
    ["nr_dirty", pg(b.dirtyKiB)],
    ["nr_writeback", pg(b.writebackKiB)],
    ["nr_writeback_temp", 0],
    ["nr_shmem", pg(b.shmemKiB)],
    ["nr_shmem_hugepages", 0],
    ["nr_shmem_pmdmapped", 0],
    ["nr_file_hugepages", 0],
    ["nr_file_pmdmapped", 0],
    ["nr_anon_transparent_hugepages", 0],
    ["nr_vmscan_write", Math.floor(m.pswpout)],
    ["nr_vmscan_immediate_reclaim", 0],
    ["nr_dirtied", written + pg(b.dirtyKiB)],
    ["nr_written", written],
    ["nr_throttled_written", 0],
    ["nr_kernel_misc_reclaimable", 0],
    ["nr_foll_pin_acquired", 0],
    ["nr_foll_pin_released", 0],
    ["nr_kernel_stack", b.kernelStackKiB],
    ["nr_page_table_pages", pg(b.pageTablesKiB)],
    ["nr_sec_page_table_pages", 0],
    ["nr_swapcached", pg(b.swapCachedKiB)],
    ["pgpromote_success", 0],
    ["pgpromote_candidate", 0],
    ["nr_dirty_threshold", Math.floor((dirtyable * dirtyRatio) / 100)],
    ["nr_dirty_background_threshold", Math.floor((dirtyable * bgRatio) / 100)],
    ["pgpgin", Math.floor(m.pgpgin)],
    ["pgpgout", Math.floor(m.pgpgout)],
    ["pswpin", Math.floor(m.pswpin)],
    ["pswpout", Math.floor(m.pswpout)],
    ["pgalloc_dma", 0],
    ["pgalloc_dma32", Math.floor(allocs * 0.08)],
    ["pgalloc_normal", Math.floor(allocs * 0.92)],
    ["pgalloc_movable", 0],
    ["pgalloc_device", 0],
    ["allocstall_dma", 0],
    ["allocstall_dma32", 0],
    ["allocstall_normal", Math.floor(m.pswpout / 512) + m.oomKills],
    ["allocstall_movable", Math.floor(m.pswpout / 256) + m.oomKills * 3],
    ["allocstall_device", 0],
    ["pgskip_dma", 0],
    ["pgskip_dma32", 0],
    ["pgskip_normal", 0],
    ["pgskip_movable", 0],
    ["pgskip_device", 0],
    ["pgfree", Math.floor(allocs * 1.01 + pg(b.freeKiB))],
    ["pgactivate", Math.floor(faults * 0.006)],
    ["pgdeactivate", Math.floor(m.pswpout)],
    ["pglazyfree", 0],
    ["pgfault", faults],
    ["pgmajfault", Math.floor(m.pgmajfault)],
    ["pglazyfreed", 0],
    ["pgrefill", Math.floor(m.pswpout * 2)],
    ["pgreuse", Math.floor(faults * 0.034)],
    ["pgsteal_kswapd", Math.floor(m.pswpout + m.pgpgout / 64)],
    ["pgsteal_direct", Math.floor(m.pswpout / 4)],
    ["pgdemote_kswapd", 0],
    ["pgdemote_direct", 0],
    ["pgscan_kswapd", Math.floor(m.pswpout * 1.6 + m.pgpgout / 60)],
    ["pgscan_direct", Math.floor(m.pswpout / 3)],
    ["pgscan_direct_throttle", 0],
    ["pgscan_anon", Math.floor(m.pswpout * 1.5)],
    ["pgscan_file", Math.floor(m.pgpgout / 60)],
    ["pgsteal_anon", Math.floor(m.pswpout)],
    ["pgsteal_file", Math.floor(m.pgpgout / 64)],
    ["zone_reclaim_failed", 0],
    ["pginodesteal", 0],
    ["slabs_scanned", Math.floor(upS * 0.3)],
    ["kswapd_inodesteal", 0],
    ["kswapd_low_wmark_hit_quickly", Math.floor(m.pswpout / 900)],
    ["kswapd_high_wmark_hit_quickly", Math.floor(m.pswpout / 2000)],
    ["pageoutrun", Math.floor(m.pswpout / 300)],
    ["pgrotated", Math.floor(m.pswpout / 10)],
    ["drop_pagecache", drops.pagecache],
    ["drop_slab", drops.slab],
    ["oom_kill", m.oomKills],
    ["numa_pte_updates", 0],
    ["numa_huge_pte_updates", 0],
    ["numa_hint_faults", 0],
    ["numa_hint_faults_local", 0],
    ["numa_pages_migrated", 0],
    ["pgmigrate_success", Math.floor(upS * 0.05)],
    ["pgmigrate_fail", 0],
    ["thp_migration_success", 0],
    ["thp_migration_fail", 0],
    ["thp_migration_split", 0],
    ["compact_migrate_scanned", Math.floor(upS * 0.2)],
    ["compact_free_scanned", Math.floor(upS * 0.9)],
    ["compact_isolated", Math.floor(upS * 0.1)],
    ["compact_stall", 0],
    ["compact_fail", 0],
    ["compact_success", 0],
    ["compact_daemon_wake", Math.floor(upS / 3600)],
    ["compact_daemon_migrate_scanned", 0],
    ["compact_daemon_free_scanned", 0],
    ["htlb_buddy_alloc_success", 0],
    ["htlb_buddy_alloc_fail", 0],
    ["unevictable_pgs_culled", 0],
    ["unevictable_pgs_scanned", 0],
    ["unevictable_pgs_rescued", 0],
    ["unevictable_pgs_mlocked", 0],
    ["unevictable_pgs_munlocked", 0],
    ["unevictable_pgs_cleared", 0],
    ["unevictable_pgs_stranded", 0],
    ["thp_fault_alloc", Math.floor(upS / 900)],
    ["thp_fault_fallback", 0],
    ["thp_fault_fallback_charge", 0],
    ["thp_collapse_alloc", 0],
    ["thp_collapse_alloc_failed", 0],
    ["thp_file_alloc", 0],
    ["thp_file_fallback", 0],
    ["thp_file_fallback_charge", 0],
    ["thp_file_mapped", 0],
    ["thp_split_page", 0],
    ["thp_split_page_failed", 0],
    ["thp_deferred_split_page", 0],
    ["thp_split_pmd", 0],
    ["thp_scan_exceed_none_pte", 0],
    ["thp_scan_exceed_swap_pte", 0],
    ["thp_scan_exceed_share_pte", 0],
    ["thp_split_pud", 0],
    ["thp_zero_page_alloc", 0],
    ["thp_zero_page_alloc_failed", 0],
    ["thp_swpout", 0],
    ["thp_swpout_fallback", 0],
    ["balloon_inflate", 0],
    ["balloon_deflate", 0],
    ["balloon_migrate", 0],
    ["swap_ra", Math.floor(m.pswpin / 2)],
    ["swap_ra_hit", Math.floor(m.pswpin / 3)],
    ["ksm_swpin_copy", 0],
    ["cow_ksm", 0],
    ["zswpin", 0],
    ["zswpout", 0],
    ["direct_map_level2_splits", 4],
    ["direct_map_level3_splits", 0],
    ["nr_unstable", 0],
  ];
  return e.map(([k, v]) => `${k} ${Math.max(0, v)}\n`).join("");
}

/** drop_caches counters (vmstat drop_pagecache/drop_slab), kept beside the host. */
const DROPS = new WeakMap<Host, { pagecache: number; slab: number }>();

export function dropCounters(host: Host): { pagecache: number; slab: number } {
  let d = DROPS.get(host);
  if (!d) {
    d = { pagecache: 0, slab: 0 };
    DROPS.set(host, d);
  }
  return d;
}

/**
 * echo N > /proc/sys/vm/drop_caches: 1 frees clean page cache, 2 reclaimable slab, 3 both
 * (dirty and mapped pages stay). Returns an errno name for a bad value.
 */
export function dropCaches(host: Host, value: string, writer: { comm: string; pid: number }): string | undefined {
  if (!/^\s*\d+\s*$/.test(value)) return "EINVAL";
  const n = Number(value.trim());
  if (n < 1 || n > 4) return "EINVAL";
  const m = host.mem;
  const d = dropCounters(host);
  if (n & 1) {
    let mapped = 0;
    for (const p of host.procs.values()) if (!p.kthread && p.state !== "Z") mapped += p.shrKiB;
    const keep = Math.min(m.cachedKiB, kib(mapped * 0.6 + m.dirtyKiB + m.writebackKiB + m.totalKiB * 0.004));
    m.cachedKiB = keep;
    m.buffersKiB = Math.min(m.buffersKiB, kib(m.totalKiB * 0.0008));
    d.pagecache++;
  }
  if (n & 2) {
    m.slabReclaimableKiB = kib(m.slabReclaimableKiB * 0.25);
    d.slab++;
  }
  if (!(n & 4)) host.klog(`${writer.comm} (${writer.pid}): drop_caches: ${n}`, 6);
  host.emit({ type: "sysctl-changed", simMs: host.nowMs, key: "vm.drop_caches", value: String(n) });
  return undefined;
}
