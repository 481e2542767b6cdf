/**
 * GNU-exact overrides of text tools the interpreter library ships with differences that
 * candidates notice (grep, sed, cut, tr ...). Each command lives in its own folder.
 */
import type { Command } from "../../spec/define-command.js";
import { grepCommand } from "../grep/grep.js";

export const TEXT_COMMANDS: Command[] = [grepCommand];
