/**
 * The process command group: each command in its own folder under commands/, listed here.
 *
 * Evidence keys these commands report (facts their output revealed):
 *   proc-list            a process listing was shown (ps, top, pstree, pgrep -l/-a)
 *   proc-state:D         tasks in uninterruptible sleep were shown with their state (ps STAT/S, top S)
 *   proc-state:Z         zombies were shown (state column, or "<defunct>" in a command column)
 *   proc-state:T         stopped tasks were shown with their state
 *   proc:<pid>:cpu       a CPU consumer was shown with a CPU column (ps >= 5% lifetime, top >= 5% now)
 *   proc:<pid>:rss       a large memory user (>= 2% of RAM) was shown with an RSS/%MEM column
 *   proc:<pid>:wchan     the wait channel of a D-state task was shown (ps -o wchan)
 *   proc-threads         per-thread rows or thread counts were shown (ps -L/H, -o nlwp, top -H)
 *   proc-tree            the process tree was shown (pstree, ps f/--forest)
 *   users                logged-in users and what they run (w)
 *   signal:<pid>:<sig>   a signal was sent to a process (kill, pkill, killall)
 */
import type { Command } from "../../spec/define-command.js";
import { psCommand } from "../ps/ps.js";
import { topCommand } from "../top/top.js";
import { pgrepCommand } from "../pgrep/pgrep.js";
import { pkillCommand } from "../pkill/pkill.js";
import { pstreeCommand } from "../pstree/pstree.js";
import { killCommand } from "../kill/kill.js";
import { killallCommand } from "../killall/killall.js";
import { wCommand } from "../w/w.js";
import { pidofCommand } from "../pidof/pidof.js";
import { niceCommand } from "../nice/nice.js";
import { reniceCommand } from "../renice/renice.js";

export const PROCESS_COMMANDS: Command[] = [
  psCommand, topCommand, pgrepCommand, pkillCommand, pstreeCommand, killCommand, killallCommand, wCommand, pidofCommand, niceCommand, reniceCommand,
];
