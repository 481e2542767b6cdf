/**
 * The player model: a cursor over a recording (a session log, or an asciicast v2/v3) with
 * play, pause, speed, seek, step to the next command or marker, and idle-time compression —
 * an explicit state machine with no timers and no clock of its own: the UI calls `tick(wallMs)`
 * from its animation loop and writes the returned bytes to its terminal. Deterministic: the
 * bytes depend only on the recording and the calls, and seeking to any point then playing on
 * writes exactly what playing straight through would have (property-tested). Positions are in
 * player time: recording time with pauses longer than the idle limit shortened to it.
 *
 * Semantics: the position is (ms, cursor). `tick` and `seek(ms)` apply every event whose time
 * is <= ms. A marker is applied before the events at its time (the export puts it before the
 * command's echo), so pausing on a marker shows the prompt before the command is typed.
 * `seek` returns a terminal reset ("\x1bc") followed by every byte up to the target, so the
 * screen (alternate screen included) is rebuilt exactly; call `size()` after a seek or tick to
 * follow resizes. A new player has written nothing: `play()` (or `seek(0)`) shows the start.
 */
import { parseAsciicast, sessionCastEvents, type CastEvent, type CastMarker, type ParsedCast } from "./asciicast.js";
import type { SessionLog } from "./session-log.js";

/** Resets the terminal (RIS) before a seek's bytes. */
export const TERMINAL_RESET = "\x1bc";

export interface PlayerCommand {
  /** player ms when the line was typed */
  ms: number;
  /** player ms when its output was complete (the prompt came back); = ms when unknown (casts) */
  endMs: number;
  line: string;
}

export interface PlayerMarker {
  ms: number;
  label: string;
}

export interface PlayerState {
  ms: number;
  playing: boolean;
  speed: number;
  ended: boolean;
  /** the last marker passed, if any */
  marker?: PlayerMarker;
}

export interface PlayerOptions {
  speed?: number;
  /** pauses longer than this (recording ms) are shortened to it; default: the cast's idle_time_limit */
  idleLimitMs?: number;
  /** playing stops at each marker (play() continues) */
  pauseOnMarkers?: boolean;
  /** for a session log source: markers to place (e.g. sessionMilestones) */
  markers?: CastMarker[];
}

export interface Player {
  readonly cols: number;
  readonly rows: number;
  /** player ms of the last event */
  readonly durationMs: number;
  readonly markers: readonly PlayerMarker[];
  readonly commands: readonly PlayerCommand[];
  state(): PlayerState;
  /** the terminal size at the current position */
  size(): { cols: number; rows: number };
  /** starts playing; returns the bytes due at the current position (at the start: time 0's); at the end, starts over (reset + time 0's bytes) */
  play(): string;
  pause(): void;
  setSpeed(speed: number): void;
  /** changes the idle limit, keeping the position; returns bytes to write (usually none) */
  setIdleLimit(ms: number | undefined): string;
  /** advances by wall ms × speed while playing; returns the bytes to write */
  tick(wallMs: number): string;
  /** jumps to ms (clamped); returns TERMINAL_RESET + every byte up to it */
  seek(ms: number): string;
  /** pauses and jumps to the end of the next command (its output shown); returns the bytes to write */
  stepCommand(): string;
  /** pauses and jumps to the next marker; returns the bytes to write */
  stepMarker(): string;
}

export type PlayerSource = string | ParsedCast | SessionLog;

const isLog = (s: PlayerSource): s is SessionLog => typeof s === "object" && "header" in s && "events" in s && !("version" in s);

interface Loaded {
  cols: number;
  rows: number;
  events: CastEvent[];
  /** recording-ms of each command: start, end, line */
  commands: { raw: number; rawEnd: number; line: string }[];
  idleLimitMs?: number;
}

function load(src: PlayerSource, opts: PlayerOptions): Loaded {
  if (isLog(src)) {
    const t0 = src.header.startedSimMs;
    const commands: Loaded["commands"] = [];
    for (const e of src.events) {
      if (e[1] === "input") commands.push({ raw: Math.max(0, e[0] - t0), rawEnd: Math.max(0, e[0] - t0), line: e[2] });
      else if (e[1] === "output" && commands.length) commands[commands.length - 1]!.rawEnd = Math.max(0, e[0] - t0);
    }
    return { cols: src.header.cols, rows: src.header.rows, events: sessionCastEvents(src, { input: true, markers: opts.markers }), commands };
  }
  const cast = typeof src === "string" ? parseAsciicast(src) : src;
  const commands: Loaded["commands"] = [];
  let typed = "";
  for (const [ms, code, data] of cast.events) {
    if (code !== "i") continue;
    if (typed === "") commands.push({ raw: ms, rawEnd: ms, line: "" });
    typed += data;
    const cr = typed.lastIndexOf("\r");
    if (cr >= 0) {
      commands[commands.length - 1]!.line = typed.slice(0, cr).replace(/\r/g, "\n");
      typed = "";
    }
  }
  const idle = cast.header.idleTimeLimit;
  return { cols: cast.header.cols, rows: cast.header.rows, events: [...cast.events].sort((a, b) => a[0] - b[0]), commands: commands.filter((c) => c.line !== ""), idleLimitMs: idle !== undefined && idle > 0 ? idle * 1000 : undefined };
}

export function createPlayer(src: PlayerSource, opts: PlayerOptions = {}): Player {
  const loaded = load(src, opts);
  const events = loaded.events;
  const raw = events.map((e) => e[0]);
  let idleLimit = opts.idleLimitMs ?? loaded.idleLimitMs;
  let times: number[] = [];
  /** recording ms -> player ms */
  const toPlay = (r: number): number => {
    const i = upper(raw, r) - 1;
    if (i < 0) return Math.min(r, idleLimit ?? r);
    const gap = r - raw[i]!;
    return times[i]! + (idleLimit === undefined ? gap : Math.min(gap, idleLimit));
  };
  const retime = (): void => {
    times = [];
    let prevRaw = 0;
    let prevPlay = 0;
    for (const r of raw) {
      const gap = r - prevRaw;
      prevPlay += idleLimit === undefined ? gap : Math.min(gap, idleLimit);
      prevRaw = r;
      times.push(prevPlay);
    }
  };
  retime();

  let ms = 0;
  let cursor = 0;
  let playing = false;
  let speed = opts.speed !== undefined && opts.speed > 0 ? opts.speed : 1;
  let marker: PlayerMarker | undefined;

  const duration = (): number => (times.length ? times[times.length - 1]! : 0);
  const markerList = (): PlayerMarker[] => events.flatMap((e, i) => (e[1] === "m" ? [{ ms: times[i]!, label: e[2] }] : []));
  const commandList = (): PlayerCommand[] => loaded.commands.map((c) => ({ ms: toPlay(c.raw), endMs: toPlay(c.rawEnd), line: c.line }));

  /** Applies events up to index `end` (exclusive); returns their output bytes. */
  const applyTo = (end: number): string => {
    let out = "";
    for (; cursor < end; cursor++) {
      const e = events[cursor]!;
      if (e[1] === "o") out += e[2];
      else if (e[1] === "m") marker = { ms: times[cursor]!, label: e[2] };
    }
    return out;
  };
  /** index of the first event after player ms `t` */
  const after = (t: number): number => upper(times, t);
  const isEnded = (): boolean => cursor >= events.length && ms >= duration();

  const seekTo = (target: number): string => {
    ms = Math.max(0, Math.min(target, duration()));
    cursor = 0;
    marker = undefined;
    return TERMINAL_RESET + applyTo(after(ms));
  };

  const player: Player = {
    cols: loaded.cols,
    rows: loaded.rows,
    get durationMs() {
      return duration();
    },
    get markers() {
      return markerList();
    },
    get commands() {
      return commandList();
    },
    state: () => ({ ms, playing, speed, ended: isEnded(), ...(marker ? { marker: { ...marker } } : {}) }),
    size: () => {
      let size = { cols: loaded.cols, rows: loaded.rows };
      for (let i = 0; i < cursor; i++) {
        const e = events[i]!;
        const m = e[1] === "r" ? /^(\d+)x(\d+)$/.exec(e[2]) : null;
        if (m) size = { cols: Number(m[1]), rows: Number(m[2]) };
      }
      return size;
    },
    play: () => {
      const out = isEnded() ? seekTo(0) : applyTo(after(ms));
      playing = true;
      return out;
    },
    pause: () => {
      playing = false;
    },
    setSpeed: (s) => {
      if (Number.isFinite(s) && s > 0) speed = s;
    },
    setIdleLimit: (limit) => {
      // keep the position: the recording time under the cursor stays the same
      const offset = ms - (cursor > 0 ? times[cursor - 1]! : 0);
      idleLimit = limit !== undefined && limit > 0 ? limit : undefined;
      retime();
      const base = cursor > 0 ? times[cursor - 1]! : 0;
      const next = cursor < times.length ? times[cursor]! : Infinity;
      ms = Math.min(base + (idleLimit === undefined ? offset : Math.min(offset, idleLimit)), next, duration());
      return applyTo(after(ms));
    },
    tick: (wallMs) => {
      if (!playing || !(wallMs >= 0)) return "";
      const target = Math.min(duration(), ms + wallMs * speed);
      const end = after(target);
      if (opts.pauseOnMarkers) {
        const m = events.findIndex((e, i) => i >= cursor && i < end && e[1] === "m");
        if (m >= 0) {
          const out = applyTo(m + 1);
          ms = times[m]!;
          playing = false;
          return out;
        }
      }
      const out = applyTo(end);
      ms = target;
      if (isEnded()) playing = false;
      return out;
    },
    seek: (target) => seekTo(target),
    stepCommand: () => {
      playing = false;
      const next = commandList().find((c) => c.ms > ms || (c.ms === ms && cursor < after(c.ms)));
      if (!next) return "";
      const to = Math.max(next.endMs, next.ms);
      const out = applyTo(after(to));
      ms = to;
      return out;
    },
    stepMarker: () => {
      playing = false;
      const m = events.findIndex((e, i) => i >= cursor && e[1] === "m");
      if (m < 0) return "";
      const out = applyTo(m + 1);
      ms = times[m]!;
      return out;
    },
  };
  return player;
}

/** Index of the first element > x in an ascending array. */
function upper(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
