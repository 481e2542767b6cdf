/**
 * Commands added for the first half of the scenario library (cpu-runaway, iowait-logging,
 * deleted-open-file, memory-top-consumers). Each command lives in its own folder under commands/
 * and is listed here.
 */
import type { Command } from "../../spec/define-command.js";
import { swapoffCommand } from "../swapoff/swapoff.js";

export const SCENARIO_TOOLS_A: Command[] = [swapoffCommand];
