/**
 * The shell's public API: a session on a host, the command registry and the spec helpers.
 */
import type { Host } from "../engine/index.js";
import { COMMANDS } from "./commands/registry.js";
import { ShellSession, type SessionOptions } from "./runtime/session.js";

export { ShellSession, LIBRARY_COMMANDS } from "./runtime/session.js";
export type { RunResult, RunIo, SessionOptions } from "./runtime/session.js";
export { COMMANDS } from "./commands/registry.js";
export type { Command, CommandContext, CommandResult, FullScreenProgram } from "./spec/define-command.js";
export { LineEditor, formatColumns, visibleWidth } from "./runtime/line-editor.js";
export type { EditorEvent, CompletionResult, LineEditorOptions } from "./runtime/line-editor.js";
export { completeLine } from "./runtime/completion.js";
export { shellQuote } from "./runtime/session.js";

/** A session with the full command set. */
export function createSession(host: Host, opts: Omit<SessionOptions, "commands"> = {}): ShellSession {
  return new ShellSession(host, { ...opts, commands: COMMANDS });
}
