/**
 * The stats command group: the resource statistics tools (procps-ng 4.0.2 free/vmstat,
 * sysstat 12.6.1 iostat/mpstat/pidstat/sar, iotop 0.6), each in its own folder.
 *
 * Evidence keys these commands report (what their output revealed):
 *   mem-usage            free / vmstat memory columns / sar -r
 *   swap-activity        vmstat si/so or sar -W-like swap rates shown and > 0
 *   cpu-util             a CPU utilisation breakdown (vmstat us/sy, iostat avg-cpu, mpstat, sar -u)
 *   cpu-iowait           iowait shown and above 20 %
 *   per-cpu              per-CPU rows (mpstat -P, sar -P)
 *   runqueue             run queue length shown (vmstat r, sar -q)
 *   blocked-tasks        blocked (D) task count shown and > 0 (vmstat b, sar -q blocked)
 *   load                 load averages (sar -q)
 *   disk:<dev>:io        per-device throughput (iostat basic table, vmstat -d, sar -d)
 *   disk:<dev>:util      per-device %util (iostat -x, sar -d)
 *   disk:<dev>:await     per-device await (iostat -x, sar -d)
 *   proc:<pid>:cpu       a process's CPU share (pidstat -u)
 *   proc:<pid>:io        a process's I/O rates (pidstat -d, iotop)
 *   proc:<pid>:mem       a process's RSS/faults (pidstat -r)
 *   net-dev              per-interface traffic (sar -n DEV)
 *   tcp-stats            TCP counters (sar -n TCP/ETCP)
 */
import type { Command } from "../../spec/define-command.js";
import { freeCommand } from "../free/free.js";
import { iostatCommand } from "../iostat/iostat.js";
import { iotopCommand } from "../iotop/iotop.js";
import { mpstatCommand } from "../mpstat/mpstat.js";
import { pidstatCommand } from "../pidstat/pidstat.js";
import { sarCommand } from "../sar/sar.js";
import { vmstatCommand } from "../vmstat/vmstat.js";

export const STATS_COMMANDS: Command[] = [freeCommand, vmstatCommand, iostatCommand, mpstatCommand, pidstatCommand, sarCommand, iotopCommand];
