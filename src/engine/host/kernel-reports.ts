/**
 * Kernel report texts written to the kernel log by the host's dynamics: the OOM killer's
 * report (dump_header, Mem-Info, the task table, the kill line, oom_reaper) and khungtaskd's
 * "blocked for more than N seconds" report. Installed into Host at import.
 */
import { Host } from "./host.js";
import type { Proc, Service } from "./types.js";

export function renderOomReport(host: Host, trigger: Proc, victim: Proc, memcg?: Service): string[] {
  const kb = (n: number): number => Math.round(n);
  return [
    `${trigger.comm} invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=${trigger.oomScoreAdj}`,
    `oom-kill:constraint=${memcg ? "CONSTRAINT_MEMCG" : "CONSTRAINT_NONE"},nodemask=(null),cpuset=/,mems_allowed=0,${memcg ? "oom_memcg=" + victim.cgroup : "global_oom"},task_memcg=${victim.cgroup},task=${victim.comm},pid=${victim.pid},uid=${victim.uid}`,
    `Out of memory: Killed process ${victim.pid} (${victim.comm}) total-vm:${kb(victim.vszKiB)}kB, anon-rss:${kb(victim.rssKiB - victim.shrKiB)}kB, file-rss:${kb(victim.shrKiB)}kB, shmem-rss:0kB, UID:${victim.uid} pgtables:${Math.round(host.pgtablesBytes(victim) / 1024)}kB oom_score_adj:${victim.oomScoreAdj}`,
  ];
}

export function renderHungTaskReport(host: Host, p: Proc, secs: number): string[] {
  return [`INFO: task ${p.comm}:${p.pid} blocked for more than ${secs} seconds.`];
}

Host.oomReport = renderOomReport;
Host.hungTaskReport = renderHungTaskReport;
