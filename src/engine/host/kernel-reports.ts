/**
 * Kernel report texts written to the kernel log by the host's dynamics: the OOM killer's
 * report (dump_header with the call trace, Mem-Info with per-zone watermarks and buddy lists,
 * the task table, the oom-kill summary, the kill line, oom_reaper) and khungtaskd's "blocked
 * for more than N seconds" report, both in the Debian 6.1 kernel's layout. Every number comes
 * from the live host. Installed into Host at import.
 *
 * Convention for kmsg readers (dmesg, journalctl -k): each array element is ONE kernel log
 * record, without the "[    1.234567] " prefix. A few records span several lines (Mem-Info's
 * counters, memcg's memory.stat): the text then contains "\n" and the continuation lines are
 * the kernel's own text (Mem-Info's start with one space, memory.stat's with none). util-linux
 * dmesg prints a record's embedded newlines followed by as many spaces as its line prefix is
 * wide — 16 for "[356012.401435] ", so Mem-Info's continuation lines start in column 17 as in
 * the reference capture; 0 with `dmesg -t`; 27 with `dmesg -T`. Use indentContinuation().
 */
import { Host } from "./host.js";
import type { Proc, Service } from "./types.js";
import { memBreakdown } from "../procfs/memory.js";
import { stackOf, syscallOf } from "../procfs/kernel-stacks.js";
import { hashStr, kib } from "../procfs/proc-ids.js";

/** Prints a record's continuation lines the way util-linux dmesg does for a prefix this wide. */
export function indentContinuation(text: string, prefixWidth: number): string {
  return text.replace(/\n/g, "\n" + " ".repeat(prefixWidth));
}

const HARDWARE = "Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014";

/** "#1" — the first word of the kernel's version string. */
function buildNo(host: Host): string {
  return host.kernelVersion.split(" ")[0] ?? "#1";
}

/** dump_stack's CPU line: Debian kernels append "  Debian <pkg version>". */
function cpuLine(host: Host, p: Proc): string {
  const deb = /Debian (\S+)/.exec(host.kernelVersion);
  return `CPU: ${p.cpu} PID: ${p.pid} Comm: ${p.comm.slice(0, 15)} Not tainted ${host.kernelRelease} ${buildNo(host)}${deb ? `  Debian ${deb[1]}` : ""}`;
}

const hex16 = (n: bigint): string => n.toString(16).padStart(16, "0");

/** The user-space register block of a task that entered the kernel from a fault or syscall. */
function userRegs(p: Proc, origRax?: number): string[] {
  const h = BigInt(hashStr(`regs:${p.pid}:${p.comm}`));
  const lib = BigInt(0x7f0000000000) + (h % BigInt(0xffffff)) * BigInt(0x1000);
  const rip = lib + BigInt(0x1d7a) + (h % BigInt(0x900));
  const rsp = BigInt(0x7ffd00000000) + (h % BigInt(0xfffffff)) * BigInt(0x10);
  const heap = lib - BigInt(0xc9100000) + BigInt(0x10);
  const ripS = `0x${rip.toString(16)}`;
  if (origRax === undefined) {
    return [
      `RIP: 0033:${ripS}`,
      `Code: Unable to access opcode bytes at 0x${(rip - BigInt(0x2a)).toString(16)}.`,
      `RSP: 002b:${hex16(rsp)} EFLAGS: 00010206`,
      `RAX: ${hex16(heap)} RBX: 0000000000100000 RCX: ${hex16(heap + BigInt(0x100000) - BigInt(0x10))}`,
      `RDX: 0000000000000000 RSI: 0000000000000000 RDI: ${hex16(heap)}`,
      `RBP: ${hex16(rsp + BigInt(0x30))} R08: 00000000ffffffff R09: 0000000000000000`,
      `R10: 0000000000000022 R11: 0000000000000246 R12: 0000000000100000`,
      `R13: ${hex16(heap)} R14: 0000000000000000 R15: 0000000000100000`,
    ];
  }
  const fd = hex16(BigInt(3 + Number(h % BigInt(8))));
  return [
    `RIP: 0033:${ripS}`,
    `RSP: 002b:${hex16(rsp)} EFLAGS: 00000246 ORIG_RAX: ${hex16(BigInt(origRax))}`,
    `RAX: ffffffffffffffda RBX: ${fd} RCX: ${hex16(rip)}`,
    `RDX: 0000000000000000 RSI: 0000000000000000 RDI: ${fd}`,
    `RBP: ${hex16(lib + BigInt(0x2d5f40))} R08: 0000000000000000 R09: 0000000000000000`,
    `R10: 0000000000000000 R11: 0000000000000246 R12: ${hex16(lib - BigInt(0xe0e4b0))}`,
    `R13: 0000000000000000 R14: ${hex16(lib + BigInt(0x5dacb0))} R15: ${hex16(lib - BigInt(0xe0e4b0))}`,
  ];
}

const GLOBAL_TRACE = [
  "dump_stack_lvl+0x44/0x5c",
  "dump_header+0x4a/0x211",
  "oom_kill_process.cold+0xb/0x10",
  "out_of_memory+0x1fd/0x4c0",
  "__alloc_pages_slowpath.constprop.0+0xcc2/0xe50",
  "__alloc_pages+0x305/0x330",
  "__folio_alloc+0x16/0x50",
  "vma_alloc_folio+0x8f/0x360",
  "__handle_mm_fault+0x6c4/0xfa0",
  "handle_mm_fault+0xdb/0x2d0",
  "do_user_addr_fault+0x191/0x570",
  "exc_page_fault+0x70/0x170",
  "asm_exc_page_fault+0x22/0x30",
];

const MEMCG_TRACE = [
  "dump_stack_lvl+0x44/0x5c",
  "dump_header+0x4a/0x211",
  "oom_kill_process.cold+0xb/0x10",
  "out_of_memory+0x1fd/0x4c0",
  "mem_cgroup_out_of_memory+0x134/0x150",
  "try_charge_memcg+0x696/0x780",
  "charge_memcg+0x39/0xf0",
  "__mem_cgroup_charge+0x28/0x80",
  "__handle_mm_fault+0xb8f/0xfa0",
  "handle_mm_fault+0xdb/0x2d0",
  "do_user_addr_fault+0x191/0x570",
  "exc_page_fault+0x70/0x170",
  "asm_exc_page_fault+0x22/0x30",
];

interface Zone {
  name: string;
  managedKiB: number;
  presentKiB: number;
  freeKiB: number;
  minKiB: number;
  activeAnon: number;
  inactiveAnon: number;
  activeFile: number;
  inactiveFile: number;
  freePcp: number;
}

function minFreeKiB(host: Host): number {
  return Number(host.sysctl.get("vm.min_free_kbytes") ?? host.mem.minFreeKiB) || kib(host.mem.minFreeKiB);
}

/**
 * Free memory as the report shows it. The model may overshoot below zero within a step; the
 * kernel never hands out its reserves, so at OOM time free sits just under the min watermarks.
 */
function reportFreeKiB(host: Host, freeKiB: number): number {
  return Math.max(freeKiB, Math.floor((minFreeKiB(host) * 0.82) / 4) * 4);
}

/** Splits the host's memory into the DMA / DMA32 / Normal zones of an x86-64 VM. */
function zones(host: Host): Zone[] {
  const b = memBreakdown(host);
  const total = b.totalKiB;
  const dma = 15360;
  const dma32 = Math.max(0, Math.min(total - dma, 3063664));
  const normal = Math.max(0, total - dma - dma32);
  const minTotal = minFreeKiB(host);
  const free = reportFreeKiB(host, b.freeKiB);
  const dmaFree = Math.min(free, 14336);
  const rest = free - dmaFree;
  const normalFree = normal > 0 ? Math.floor((rest * normal) / (dma32 + normal) / 4) * 4 : 0;
  const dma32Free = rest - normalFree;
  const share = (k: number, z: number): number => Math.floor(((k * z) / Math.max(1, dma32 + normal)) / 4) * 4;
  const reserved = Math.round(total * 0.0159 + 100000);
  const out: Zone[] = [
    { name: "DMA", managedKiB: dma, presentKiB: 15992, freeKiB: dmaFree, minKiB: Math.max(4, Math.floor((minTotal * dma) / total / 4) * 4), activeAnon: 0, inactiveAnon: 0, activeFile: 0, inactiveFile: 0, freePcp: 0 },
  ];
  const anonA = b.activeAnonKiB;
  const anonI = b.inactiveAnonKiB;
  const fileA = b.activeFileKiB;
  const fileI = b.inactiveFileKiB;
  if (dma32 > 0) {
    out.push({
      name: "DMA32", managedKiB: dma32, presentKiB: normal > 0 ? 3129200 : Math.ceil((dma32 + reserved * 0.25) / 4) * 4, freeKiB: dma32Free, minKiB: Math.floor((minTotal * dma32) / total / 4) * 4,
      activeAnon: share(anonA, dma32), inactiveAnon: share(anonI, dma32), activeFile: share(fileA, dma32), inactiveFile: share(fileI, dma32), freePcp: 236,
    });
  }
  if (normal > 0) {
    out.push({
      name: "Normal", managedKiB: normal, presentKiB: Math.ceil((normal + reserved - (3129200 - dma32) - (15992 - dma)) / 4) * 4, freeKiB: normalFree, minKiB: Math.floor((minTotal * normal) / total / 4) * 4,
      activeAnon: anonA - share(anonA, dma32), inactiveAnon: anonI - share(anonI, dma32), activeFile: fileA - share(fileA, dma32), inactiveFile: fileI - share(fileI, dma32), freePcp: 152,
    });
  }
  return out;
}

const ORDER_SHARE = [0.07, 0.1, 0.11, 0.12, 0.14, 0.1, 0.1, 0.1, 0.08, 0.05, 0.03];

/** "Node 0 DMA32: 278*4kB (UME) 213*8kB (UME) ... = 55024kB": free pages per buddy order. */
function buddyLine(z: Zone): string {
  const pages = Math.floor(z.freeKiB / 4);
  const counts = new Array<number>(11).fill(0);
  let left = pages;
  if (z.name === "DMA") {
    // the DMA zone keeps its few large blocks
    counts[10] = Math.floor(left / 1024);
    left -= counts[10]! * 1024;
    counts[9] = Math.floor(left / 512);
    left -= counts[9]! * 512;
  } else {
    for (let o = 10; o >= 1; o--) {
      const c = Math.floor((pages * ORDER_SHARE[o]!) / (1 << o));
      counts[o] = Math.min(c, Math.floor(left / (1 << o)));
      left -= counts[o]! * (1 << o);
    }
  }
  for (let o = 8; o >= 1; o--) {
    const c = Math.floor(left / (1 << o) / 2);
    counts[o]! += c;
    left -= c * (1 << o);
  }
  counts[0]! += left;
  let s = `Node 0 ${z.name}: `;
  counts.forEach((c, o) => {
    s += `${c}*${4 << o}kB `;
    if (c) s += `(${o <= 4 ? "UME" : o <= 8 ? "UM" : "M"}) `;
  });
  return `${s}= ${pages * 4}kB`;
}

function memInfoLines(host: Host): string[] {
  const b = memBreakdown(host);
  const pg = (k: number): number => Math.floor(k / 4);
  let pagetables = 0;
  for (const p of host.procs.values()) if (!p.kthread && p.state !== "Z") pagetables += host.pgtablesBytes(p);
  const ptPages = Math.floor(pagetables / 4096);
  const zs = zones(host);
  const freePcp = zs.reduce((a, z) => a + z.freePcp, 0) / 4 + 35;
  const lines: string[] = [];
  lines.push("Mem-Info:");
  lines.push(
    `active_anon:${pg(b.activeAnonKiB)} inactive_anon:${pg(b.inactiveAnonKiB)} isolated_anon:0\n` +
      ` active_file:${pg(b.activeFileKiB)} inactive_file:${pg(b.inactiveFileKiB)} isolated_file:0\n` +
      ` unevictable:0 dirty:${pg(b.dirtyKiB)} writeback:${pg(b.writebackKiB)}\n` +
      ` slab_reclaimable:${pg(b.sReclaimableKiB)} slab_unreclaimable:${pg(b.sUnreclaimKiB)}\n` +
      ` mapped:${pg(b.mappedKiB)} shmem:${pg(b.shmemKiB)} pagetables:${ptPages}\n` +
      ` sec_pagetables:0 bounce:0\n` +
      ` kernel_misc_reclaimable:0\n` +
      ` free:${pg(zs.reduce((a, z) => a + z.freeKiB, 0))} free_pcp:${Math.floor(freePcp)} free_cma:0`,
  );
  lines.push(
    `Node 0 active_anon:${b.activeAnonKiB}kB inactive_anon:${b.inactiveAnonKiB}kB active_file:${b.activeFileKiB}kB inactive_file:${b.inactiveFileKiB}kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:${b.mappedKiB}kB dirty:${b.dirtyKiB}kB writeback:${b.writebackKiB}kB shmem:${b.shmemKiB}kB shmem_thp:0kB shmem_pmdmapped:0kB anon_thp:0kB writeback_tmp:0kB kernel_stack:${b.kernelStackKiB}kB pagetables:${ptPages * 4}kB sec_pagetables:0kB all_unreclaimable? yes`,
  );
  zs.forEach((z, i) => {
    const low = Math.round(z.minKiB * 1.25);
    const high = Math.round(z.minKiB * 1.5);
    lines.push(
      `Node 0 ${z.name} free:${z.freeKiB}kB boost:0kB min:${z.minKiB}kB low:${low}kB high:${high}kB reserved_highatomic:0KB active_anon:${z.activeAnon}kB inactive_anon:${z.inactiveAnon}kB active_file:${z.activeFile}kB inactive_file:${z.inactiveFile}kB unevictable:0kB writepending:${i === zs.length - 1 ? pg(b.dirtyKiB + b.writebackKiB) * 4 : 0}kB present:${z.presentKiB}kB managed:${z.managedKiB}kB mlocked:0kB bounce:0kB free_pcp:${z.freePcp}kB local_pcp:0kB free_cma:0kB`,
    );
    // lowmem_reserve[]: pages of the higher zones this zone keeps back (ratio 256), 5 zone slots
    const reserve: number[] = [];
    for (let j = 0; j < 5; j++) {
      if (j <= i) reserve.push(0);
      else {
        let pages = 0;
        for (let k = i + 1; k <= Math.min(j, zs.length - 1); k++) pages += zs[k]!.managedKiB / 4;
        reserve.push(Math.floor(pages / 256));
      }
    }
    lines.push(`lowmem_reserve[]: ${reserve.join(" ")}`);
  });
  for (const z of zs) lines.push(buddyLine(z));
  lines.push("Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB");
  lines.push("Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB");
  lines.push(`${pg(b.fileCacheKiB + b.buffersKiB + b.shmemKiB)} total pagecache pages`);
  lines.push(`${pg(b.swapCachedKiB)} pages in swap cache`);
  lines.push(`Free swap  = ${b.swapFreeKiB}kB`);
  lines.push(`Total swap = ${b.swapTotalKiB}kB`);
  const present = zs.reduce((a, z) => a + z.presentKiB, 0);
  const managed = zs.reduce((a, z) => a + z.managedKiB, 0);
  lines.push(`${Math.floor(present / 4)} pages RAM`);
  lines.push("0 pages HighMem/MovableOnly");
  lines.push(`${Math.floor((present - managed) / 4)} pages reserved`);
  lines.push("0 pages hwpoisoned");
  return lines;
}

/** dump_tasks: every user task with an mm (not init, not kthreads, not zombies), by pid. */
function taskTable(host: Host, members?: (p: Proc) => boolean): string[] {
  const lines = ["Tasks state (memory values in pages):", "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name"];
  const tasks = [...host.procs.values()].filter((p) => !p.kthread && p.pid !== 1 && p.state !== "Z" && (!members || members(p))).sort((a, b) => a.pid - b.pid);
  for (const p of tasks) {
    const w = (v: number, n: number): string => String(v).padStart(n);
    lines.push(`[${w(p.pid, 7)}] ${w(p.uid, 5)} ${w(p.pid, 5)} ${w(Math.floor(p.vszKiB / 4), 8)} ${w(Math.floor(p.rssKiB / 4), 8)} ${w(host.pgtablesBytes(p), 8)} ${w(Math.floor(p.swapKiB / 4), 8)}         ${w(p.oomScoreAdj, 5)} ${p.comm.slice(0, 15)}`);
  }
  return lines;
}

/** memory.stat of the OOMing cgroup, as memory_stat_format prints it (one record). */
function memcgStat(host: Host, members: Proc[]): string {
  let anon = 0;
  let file = 0;
  let pt = 0;
  let threads = 0;
  for (const p of members) {
    anon += Math.max(0, p.rssKiB - p.shrKiB);
    file += p.shrKiB;
    pt += host.pgtablesBytes(p);
    threads += Math.max(1, p.threads);
  }
  const B = (k: number): number => Math.floor(k) * 1024;
  const faults = members.reduce((a, p) => a + p.minflt + p.majflt, 0);
  const kstack = threads * 16384;
  const slab = 180224 + members.length * 61440;
  const rows: [string, number][] = [
    ["anon", B(anon)], ["file", B(file)], ["kernel", kstack + pt + slab], ["kernel_stack", kstack], ["pagetables", pt], ["sec_pagetables", 0], ["percpu", 1440], ["sock", 0], ["vmalloc", 0], ["shmem", 0],
    ["zswap", 0], ["zswapped", 0], ["file_mapped", B(file * 0.8)], ["file_dirty", 0], ["file_writeback", 0], ["swapcached", 0], ["anon_thp", 0], ["file_thp", 0], ["shmem_thp", 0],
    ["inactive_anon", B(anon * 0.99)], ["active_anon", B(anon) - B(anon * 0.99)], ["inactive_file", B(file * 0.4)], ["active_file", B(file) - B(file * 0.4)], ["unevictable", 0],
    ["slab_reclaimable", Math.floor(slab * 0.3)], ["slab_unreclaimable", slab - Math.floor(slab * 0.3)], ["slab", slab],
    ["workingset_refault_anon", 0], ["workingset_refault_file", Math.floor(file / 16)], ["workingset_activate_anon", 0], ["workingset_activate_file", Math.floor(file / 64)], ["workingset_restore_anon", 0], ["workingset_restore_file", 0], ["workingset_nodereclaim", 0],
    ["pgscan", Math.floor(file / 2)], ["pgsteal", Math.floor(file / 3)], ["pgscan_kswapd", 0], ["pgscan_direct", Math.floor(file / 2)], ["pgsteal_kswapd", 0], ["pgsteal_direct", Math.floor(file / 3)],
    ["pgfault", Math.floor(faults)], ["pgmajfault", Math.floor(members.reduce((a, p) => a + p.majflt, 0))], ["pgrefill", Math.floor(anon / 64)], ["pgactivate", Math.floor(file / 8)], ["pgdeactivate", Math.floor(anon / 64)],
    ["pglazyfree", 0], ["pglazyfreed", 0], ["thp_fault_alloc", 0], ["thp_collapse_alloc", 0],
  ];
  return rows.map(([k, v]) => `${k} ${Math.max(0, v)}`).join("\n") + "\n";
}

export function renderOomReport(host: Host, trigger: Proc, victim: Proc, memcg?: Service): string[] {
  const lines: string[] = [];
  lines.push(`${trigger.comm.slice(0, 15)} invoked oom-killer: gfp_mask=${memcg ? "0xcc0(GFP_KERNEL)" : "0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP)"}, order=0, oom_score_adj=${trigger.oomScoreAdj}`);
  lines.push(cpuLine(host, trigger));
  lines.push(HARDWARE);
  lines.push("Call Trace:");
  lines.push(" <TASK>");
  for (const f of memcg ? MEMCG_TRACE : GLOBAL_TRACE) lines.push(` ${f}`);
  lines.push(...userRegs(trigger));
  lines.push(" </TASK>");
  const memberOf = (p: Proc): boolean => !!memcg && (p.unit === memcg.name || p.cgroup === `/system.slice/${memcg.name}`);
  if (memcg) {
    const members = [...host.procs.values()].filter((p) => memberOf(p) && p.state !== "Z");
    const usage = kib(members.reduce((a, p) => a + p.rssKiB, 0));
    const limit = kib(memcg.memoryMaxKiB ?? usage);
    const failcnt = 1 + Math.floor(usage / 2048) + (memcg.restarts ?? 0) * 7;
    lines.push(`memory: usage ${Math.min(usage, limit)}kB, limit ${limit}kB, failcnt ${failcnt}`);
    lines.push("swap: usage 0kB, limit 9007199254740988kB, failcnt 0");
    lines.push(`Memory cgroup stats for /system.slice/${memcg.name}:`);
    lines.push(memcgStat(host, members).replace(/\n$/, ""));
    lines.push(...taskTable(host, memberOf));
  } else {
    lines.push(...memInfoLines(host));
    lines.push(...taskTable(host));
  }
  const taskMemcg = victim.cgroup && victim.cgroup !== "/" ? victim.cgroup : "/";
  const oomMemcg = memcg ? `oom_memcg=/system.slice/${memcg.name}` : "global_oom";
  lines.push(`oom-kill:constraint=${memcg ? "CONSTRAINT_MEMCG" : "CONSTRAINT_NONE"},nodemask=(null),cpuset=/,mems_allowed=0,${oomMemcg},task_memcg=${taskMemcg},task=${victim.comm.slice(0, 15)},pid=${victim.pid},uid=${victim.uid}`);
  const anonRss = kib(Math.max(0, victim.rssKiB - victim.shrKiB));
  const fileRss = kib(Math.min(victim.rssKiB, victim.shrKiB));
  lines.push(`${memcg ? "Memory cgroup out of memory" : "Out of memory"}: Killed process ${victim.pid} (${victim.comm.slice(0, 15)}) total-vm:${kib(victim.vszKiB)}kB, anon-rss:${anonRss}kB, file-rss:${fileRss}kB, shmem-rss:0kB, UID:${victim.uid} pgtables:${Math.floor(host.pgtablesBytes(victim) / 1024)}kB oom_score_adj:${victim.oomScoreAdj}`);
  lines.push(`oom_reaper: reaped process ${victim.pid} (${victim.comm.slice(0, 15)}), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB`);
  return lines;
}

const SCHED = ["__schedule+0x34d/0x9e0", "schedule+0x5a/0xd0"];

export function renderHungTaskReport(host: Host, p: Proc, secs: number): string[] {
  const ppid = p.ppid;
  const flags = p.kthread ? "0x00004000" : "0x00000002";
  const lines = [
    `INFO: task ${p.comm.slice(0, 15)}:${p.pid} blocked for more than ${secs} seconds.`,
    `      Not tainted ${host.kernelRelease} ${buildNo(host)}`,
    `"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.`,
    `task:${p.comm.slice(0, 15).padEnd(15)} state:D stack:${"0".padEnd(5)} pid:${String(p.pid).padEnd(5)} ppid:${String(ppid).padEnd(6)} flags:${flags}`,
    "Call Trace:",
    " <TASK>",
  ];
  const stack = stackOf({ ...p, state: "D" });
  const frames = stack[0]?.startsWith("schedule") || stack[0]?.startsWith("__schedule") ? stack : [...SCHED, ...stack];
  for (const f of frames) lines.push(` ${f}`);
  if (!p.kthread) lines.push(...userRegs(p, syscallOf(stack) ?? 0));
  lines.push(" </TASK>");
  return lines;
}

Host.oomReport = renderOomReport;
Host.hungTaskReport = renderHungTaskReport;
