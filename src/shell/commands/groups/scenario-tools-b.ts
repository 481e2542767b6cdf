/**
 * Commands added for the second half of the scenario library (disk-full-logs,
 * memory-top-consumers). Each command lives in its own folder under commands/ and is listed here.
 */
import type { Command } from "../../spec/define-command.js";
import { logrotateCommand } from "../logrotate/logrotate.js";

export const SCENARIO_TOOLS_B: Command[] = [logrotateCommand];
