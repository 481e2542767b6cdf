/**
 * asciicast export and import. `toAsciicast` renders a session log as the byte stream the
 * terminal showed — the login banner, the prompt, the typed line echoed, the output with CRLF line ends (the
 * terminal's convertEol), "^C" after an interrupted line, full-screen frames on the alternate
 * screen, logout — timed in sim time since the recording started, as asciicast v2 (absolute
 * seconds) or v3 (intervals since the previous event), with optional "i" keystrokes, "m"
 * markers (diagnostic milestones) and "r" resizes. Pure and deterministic: the header's
 * timestamp is the sim epoch, never the real clock. `parseAsciicast` reads v2/v3 back (our
 * tests, imports) and names the line of the first problem.
 */
import type { OutputData, SessionEvent, SessionLog } from "./session-log.js";

export const CAST_TERM = "xterm-256color";
export const CAST_SHELL = "/bin/bash";

export interface CastMarker {
  /** host sim ms (as in the session log) */
  simMs: number;
  label: string;
}

export interface AsciicastOptions {
  version: 2 | 3;
  /** include "i" events (the keys typed); off by default, as asciinema's recorder */
  input?: boolean;
  markers?: CastMarker[];
  title?: string;
  /** seconds; players compress longer pauses to this */
  idleTimeLimit?: number;
}

/** One cast event: ms since the start of the recording, code, data. */
export type CastEvent = [ms: number, code: string, data: string];

export interface ParsedCast {
  version: 2 | 3;
  header: {
    cols: number;
    rows: number;
    timestamp?: number;
    idleTimeLimit?: number;
    title?: string;
    env?: Record<string, string>;
    /** the header object as written */
    raw: Record<string, unknown>;
  };
  /** events with absolute times (ms since the start), in file order */
  events: CastEvent[];
}

/** A cast that cannot be read; the message names the line. */
export class AsciicastError extends Error {
  override readonly name = "AsciicastError";
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const ENTER_SCREEN = "\x1b[?1049h\x1b[?25l";
const LEAVE_SCREEN = "\x1b[?25h\x1b[?1049l";

/** LF as the terminal shows it (xterm's convertEol: LF moves to column 0). */
const crlf = (s: string): string => s.replace(/\r?\n/g, "\r\n");

/** The cast events of a session: what the terminal showed, when (ms since the start). */
export function sessionCastEvents(log: SessionLog, opts: { input?: boolean; markers?: CastMarker[] } = {}): CastEvent[] {
  const h = log.header;
  const t0 = h.startedSimMs;
  const out: CastEvent[] = [];
  const at = (simMs: number): number => Math.max(0, simMs - t0);
  const emit = (simMs: number, code: string, data: string): void => {
    if (code === "o" && data === "") return;
    const last = out[out.length - 1];
    // never backwards (a screen is left at its last key, which may precede a resize)
    const ms = Math.max(at(simMs), last ? last[0] : 0);
    if (code === "o" && last && last[1] === "o" && last[0] === ms) last[2] += data;
    else out.push([ms, code, data]);
  };
  let prompt = h.prompt ?? `${h.user}@${h.hostname ?? "localhost"}:~${h.user === "root" ? "#" : "$"} `;
  let screen: { lastMs: number } | undefined;
  let lineStart = t0;
  let loggedOut = false;
  let lastKey: SessionEvent | undefined;
  const leaveScreen = (): void => {
    if (!screen) return;
    emit(screen.lastMs, "o", LEAVE_SCREEN + crlf(prompt));
    screen = undefined;
  };
  emit(t0, "o", crlf((h.banner ?? "") + prompt));
  for (const e of log.events) {
    if (loggedOut) break;
    const [simMs, type] = e;
    if (type === "input") {
      leaveScreen();
      const line = e[2];
      if (opts.input) emit(simMs, "i", line.replace(/\n/g, "\r") + "\r");
      emit(simMs, "o", crlf(line.replace(/\n/g, "\n> ") + "\n"));
      lineStart = simMs;
    } else if (type === "output") {
      const o: OutputData = e[2];
      let shown = 0;
      for (const [atMs, end] of o.chunks ?? []) {
        if (end <= shown || end > o.stdout.length) continue;
        emit(Math.min(lineStart + atMs, simMs), "o", crlf(o.stdout.slice(shown, end)));
        shown = end;
      }
      emit(simMs, "o", crlf(o.stdout.slice(shown) + o.stderr));
      if (o.interruptedAfter !== undefined) {
        if (opts.input) emit(simMs, "i", "\x03");
        if (!/\^C/.test(o.stdout + o.stderr)) emit(simMs, "o", "^C\r\n");
      }
      if (o.prompt !== undefined) prompt = o.prompt;
      if (o.exit) {
        emit(simMs, "o", crlf(`logout\nConnection to ${h.hostname ?? "localhost"} closed.\n`));
        loggedOut = true;
      } else if (o.screen) {
        emit(simMs, "o", ENTER_SCREEN);
        screen = { lastMs: simMs };
      } else emit(simMs, "o", crlf(prompt));
    } else if (type === "frame") {
      if (!screen) continue;
      emit(simMs, "o", "\x1b[H" + crlf(e[2].replace(/\n$/, "")) + "\x1b[J");
      screen.lastMs = simMs;
    } else if (type === "key") {
      if (opts.input) emit(simMs, "i", e[2]);
      if (screen) screen.lastMs = simMs;
      lastKey = e;
    } else if (type === "leave") {
      // a key the program got is already shown; one the terminal took (Ctrl-C) is not
      const passed = lastKey !== undefined && lastKey[0] === simMs && lastKey[2] === e[2];
      if (opts.input && !passed) emit(simMs, "i", e[2]);
      if (screen) screen.lastMs = simMs;
      leaveScreen();
    } else if (type === "resize") {
      emit(simMs, "r", `${e[2].cols}x${e[2].rows}`);
    }
  }
  leaveScreen();
  return addMarkers(out, (opts.markers ?? []).map((m) => ({ ms: at(m.simMs), label: m.label })));
}

/** Inserts markers by time, before the events at the same time (seeking to one shows the prompt before the command). */
function addMarkers(events: CastEvent[], markers: { ms: number; label: string }[]): CastEvent[] {
  if (!markers.length) return events;
  const end = events.length ? events[events.length - 1]![0] : 0;
  const sorted = markers.map((m, i) => ({ ...m, ms: Math.min(m.ms, end), i })).sort((a, b) => a.ms - b.ms || a.i - b.i);
  const out: CastEvent[] = [];
  let k = 0;
  for (const e of events) {
    while (k < sorted.length && sorted[k]!.ms <= e[0]) {
      out.push([sorted[k]!.ms, "m", sorted[k]!.label]);
      k++;
    }
    out.push(e);
  }
  for (; k < sorted.length; k++) out.push([sorted[k]!.ms, "m", sorted[k]!.label]);
  return out;
}

/** Seconds with millisecond precision, as a JSON number ("5.25", "0", "12.001"). */
function seconds(ms: number): string {
  const r = Math.round(ms);
  const s = Math.floor(r / 1000);
  const frac = r % 1000;
  return frac === 0 ? String(s) : `${s}.${String(frac).padStart(3, "0").replace(/0+$/, "")}`;
}

/** The session as an asciicast v2 or v3 file (NDJSON, newline-terminated). */
export function toAsciicast(log: SessionLog, opts: AsciicastOptions): string {
  const h = log.header;
  const events = sessionCastEvents(log, opts);
  const durationMs = events.length ? events[events.length - 1]![0] : 0;
  const env = { TERM: CAST_TERM, SHELL: CAST_SHELL };
  const title = opts.title ?? `${h.scenarioId} (seed ${h.seed})`;
  const timestamp = h.startedEpochMs !== undefined ? Math.floor(h.startedEpochMs / 1000) : undefined;
  const idle = opts.idleTimeLimit !== undefined && opts.idleTimeLimit > 0 ? opts.idleTimeLimit : undefined;
  const lines: string[] = [];
  if (opts.version === 2) {
    lines.push(JSON.stringify({ version: 2, width: h.cols, height: h.rows, timestamp, duration: Number(seconds(durationMs)), idle_time_limit: idle, title, env }));
    for (const [ms, code, data] of events) lines.push(`[${seconds(ms)}, ${JSON.stringify(code)}, ${JSON.stringify(data)}]`);
  } else {
    lines.push(JSON.stringify({ version: 3, term: { cols: h.cols, rows: h.rows, type: CAST_TERM }, timestamp, idle_time_limit: idle, title, env }));
    let prev = 0;
    for (const [ms, code, data] of events) {
      lines.push(`[${seconds(ms - prev)}, ${JSON.stringify(code)}, ${JSON.stringify(data)}]`);
      prev = ms;
    }
    const last = [...log.events].reverse().find((e) => e[1] === "output");
    if (last && last[1] === "output" && last[2].exit) lines.push(`[0, "x", "0"]`);
  }
  return lines.join("\n") + "\n";
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isDim = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v > 0;

/** Reads an asciicast v2 or v3 file. Throws AsciicastError naming the line. */
export function parseAsciicast(text: string): ParsedCast {
  const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) throw new AsciicastError(1, "empty file, expected an asciicast header");
  let raw: unknown;
  try {
    raw = JSON.parse(lines[first]!);
  } catch {
    throw new AsciicastError(first + 1, "the header is not JSON");
  }
  if (!isObj(raw)) throw new AsciicastError(first + 1, "the header must be a JSON object");
  const version = raw.version;
  if (version === 1) throw new AsciicastError(first + 1, "asciicast v1 is not supported (only v2 and v3)");
  if (version !== 2 && version !== 3) throw new AsciicastError(first + 1, `unsupported asciicast version ${JSON.stringify(version)} (expected 2 or 3)`);
  let cols: unknown;
  let rows: unknown;
  if (version === 2) {
    cols = raw.width;
    rows = raw.height;
    if (!isDim(cols) || !isDim(rows)) throw new AsciicastError(first + 1, "the v2 header needs width and height (positive whole numbers)");
  } else {
    const term = raw.term;
    if (!isObj(term) || !isDim(term.cols) || !isDim(term.rows)) throw new AsciicastError(first + 1, "the v3 header needs term.cols and term.rows (positive whole numbers)");
    cols = term.cols;
    rows = term.rows;
  }
  const header: ParsedCast["header"] = { cols: cols as number, rows: rows as number, raw };
  if (typeof raw.timestamp === "number") header.timestamp = raw.timestamp;
  if (typeof raw.idle_time_limit === "number") header.idleTimeLimit = raw.idle_time_limit;
  if (typeof raw.title === "string") header.title = raw.title;
  if (isObj(raw.env)) header.env = Object.fromEntries(Object.entries(raw.env).filter((kv): kv is [string, string] => typeof kv[1] === "string"));
  const events: CastEvent[] = [];
  let now = 0;
  for (let i = first + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === "") continue;
    if (version === 3 && l.startsWith("#")) continue;
    let e: unknown;
    try {
      e = JSON.parse(l);
    } catch {
      throw new AsciicastError(i + 1, "an event is not JSON");
    }
    if (!Array.isArray(e) || e.length < 3) throw new AsciicastError(i + 1, "an event must be [time, code, data]");
    const [t, code, data] = e as unknown[];
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0) throw new AsciicastError(i + 1, `the time must be a number of seconds >= 0, got ${JSON.stringify(t)}`);
    if (typeof code !== "string" || code === "") throw new AsciicastError(i + 1, "the event code must be a non-empty string");
    if (typeof data !== "string") throw new AsciicastError(i + 1, "the event data must be a string");
    const ms = version === 2 ? t * 1000 : now + t * 1000;
    if (version === 2 && ms < now) throw new AsciicastError(i + 1, `time goes backwards (${t} s after ${now / 1000} s)`);
    if (code === "r" && !/^\d+x\d+$/.test(data)) throw new AsciicastError(i + 1, `a resize must be "COLSxROWS", got ${JSON.stringify(data)}`);
    now = ms;
    events.push([Math.round(ms * 1000) / 1000, code, data]);
  }
  return { version, header, events };
}
