/**
 * Replay's public API: the versioned session log, its recorder and replayer, and asciicast
 * export/import.
 */
export { SessionRecorder, SessionLogError, parseSessionLog, replaySession, diffReplay, checkReplay, SESSION_FORMAT, SESSION_VERSION } from "./session-log.js";
export type { SessionLog, SessionHeader, SessionEvent, OutputData, ResizeData, ReplayResult, ReplayCheck, ReplayEnvironment } from "./session-log.js";
export { toAsciicast, parseAsciicast, sessionCastEvents, AsciicastError, CAST_TERM, CAST_SHELL } from "./asciicast.js";
export type { AsciicastOptions, CastMarker, CastEvent, ParsedCast } from "./asciicast.js";
export { createPlayer, TERMINAL_RESET } from "./player.js";
export type { Player, PlayerState, PlayerOptions, PlayerSource, PlayerCommand, PlayerMarker } from "./player.js";
