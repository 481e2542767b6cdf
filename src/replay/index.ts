/**
 * Replay's public API: the versioned session log, its recorder and replayer.
 */
export { SessionRecorder, SessionLogError, parseSessionLog, replaySession, diffReplay, SESSION_FORMAT, SESSION_VERSION } from "./session-log.js";
export type { SessionLog, SessionHeader, SessionEvent, OutputData } from "./session-log.js";
