/**
 * The line editor, completion and session log the CLI uses, through their modules' public
 * index files.
 */
export { LineEditor, formatColumns, visibleWidth, completeLine } from "../shell/index.js";
export type { EditorEvent, CompletionResult, LineEditorOptions } from "../shell/index.js";
export { SessionRecorder, SessionLogError, parseSessionLog, replaySession, diffReplay, SESSION_FORMAT, SESSION_VERSION } from "../replay/index.js";
export type { SessionLog, SessionHeader, SessionEvent, OutputData } from "../replay/index.js";
