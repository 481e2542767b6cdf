/**
 * /proc/loadavg and /proc/uptime.
 */
import type { Host } from "../host/host.js";
import { formatLoad } from "../host/loadavg.js";

/** "3.72 2.76 1.79 4/121 16442": loads, runnable/total tasks, last pid. */
export function renderLoadavg(host: Host): string {
  let tasks = 0;
  for (const p of host.procs.values()) tasks += p.state === "Z" ? 1 : p.threads;
  const running = Math.max(1, host.cpu.nrRunning + 1);
  return `${formatLoad(host.avenrun[0])} ${formatLoad(host.avenrun[1])} ${formatLoad(host.avenrun[2])} ${running}/${tasks} ${host.nextPid - 1}\n`;
}

/** "8351.42 16110.24": uptime and summed idle seconds of all CPUs. */
export function renderUptime(host: Host): string {
  const up = host.nowMs / 1000;
  let idle = 0;
  for (const c of host.cpu.perCpu) idle += c.idle;
  return `${up.toFixed(2)} ${(idle / 100).toFixed(2)}\n`;
}
