/**
 * The literal list of Faultline's own commands (diagnostic tools and GNU-exact overrides of
 * library built-ins), assembled from the command groups. A registry test checks every
 * command folder is listed and has help text and a golden test.
 */
import type { Command } from "../spec/define-command.js";
import { uptimeCommand } from "./uptime/uptime.js";
import { PROCESS_COMMANDS } from "./groups/process.js";
import { STATS_COMMANDS } from "./groups/stats.js";
import { FS_COMMANDS } from "./groups/fs.js";
import { LOGS_COMMANDS } from "./groups/logs.js";
import { NET_COMMANDS } from "./groups/net.js";
import { MISC_COMMANDS } from "./groups/misc.js";
import { SCENARIO_TOOLS_A } from "./groups/scenario-tools-a.js";
import { SCENARIO_TOOLS_B } from "./groups/scenario-tools-b.js";
import { TEXT_COMMANDS } from "./groups/text-tools.js";

export const COMMANDS: readonly Command[] = [uptimeCommand, ...PROCESS_COMMANDS, ...STATS_COMMANDS, ...FS_COMMANDS, ...LOGS_COMMANDS, ...NET_COMMANDS, ...MISC_COMMANDS, ...SCENARIO_TOOLS_A, ...SCENARIO_TOOLS_B, ...TEXT_COMMANDS];
