/**
 * The process command group: each command in its own folder under commands/, listed here.
 */
import type { Command } from "../../spec/define-command.js";

export const PROCESS_COMMANDS: Command[] = [];
