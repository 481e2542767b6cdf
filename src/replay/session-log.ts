/**
 * The session log: versioned data recording one candidate session so it can be graded,
 * replayed and exported (docs/session-format.md). A header {format: "faultline-session",
 * version: 1, engineVersion, scenarioId, scenarioHash, seed, cols, rows, startedSimMs, user,
 * interactive, hostname?, prompt?, startedEpochMs?} is followed by events `[simMs, type, data]`
 * in order: "input" (a command line), "output" (what the line showed, with its evidence, the
 * prompt shown after it, streamed chunk times and, for a line stopped by Ctrl-C, after how many
 * interrupt checks), "note", "hypothesis", "hint", "diagnosis", "wait" (sim ms the clock
 * advanced between lines: think time, `@wait`, wall time in `play`, frames of a full-screen
 * program), "key" (a key sent to a full-screen program such as top), "frame" (a screen it drew,
 * as the terminal showed it), "leave" (the key that closed it), "resize" (the terminal's new
 * size) and "engine" (EngineEvents the host emitted, except ephemeral ones) — enough to render
 * the terminal (asciicast) from the log alone. `SessionRecorder` wraps a ShellSession and is
 * the only thing that moves the clock between lines, so `replaySession` can re-run the inputs
 * with the same waits on a fresh host and get byte-identical outputs; `diffReplay` names the
 * first difference. `parseSessionLog` validates untrusted JSON with clear errors.
 */
import { EVENT_SEMANTICS, type EngineEvent, type Host } from "../engine/index.js";
import { createSession, type FullScreenProgram, type RunIo, type RunResult, type ShellSession } from "../shell/index.js";

export const SESSION_FORMAT = "faultline-session";
export const SESSION_VERSION = 1;

export interface SessionHeader {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  /** package version of the engine that recorded the session */
  engineVersion: string;
  scenarioId: string;
  /** content hash of the scenario source */
  scenarioHash: string;
  seed: number;
  cols: number;
  rows: number;
  /** host.nowMs when recording started */
  startedSimMs: number;
  /** login user of the session */
  user: string;
  /** whether the session was an interactive terminal (`play`) or a script (`run`) */
  interactive: boolean;
  /** the host's name (absent in logs recorded before it was added) */
  hostname?: string;
  /** the prompt shown before the first line */
  prompt?: string;
  /** wall-clock epoch ms of the sim clock when recording started (the sim epoch, not the real clock) */
  startedEpochMs?: number;
  /** what the terminal showed before the first prompt (the ssh login banner) */
  banner?: string;
}

export interface OutputData {
  stdout: string;
  stderr: string;
  exitCode: number;
  evidence: string[];
  /** sim ms the line took */
  simMs: number;
  /** the line was stopped by Ctrl-C after this many interrupt checks answered "no" */
  interruptedAfter?: number;
  /** the line opened a full-screen program */
  screen?: boolean;
  /** state changes the line itself made (kill, restart, rm, edits), for the grader */
  actions?: EngineEvent[];
  /** the prompt shown after the line (the cwd may have changed) */
  prompt?: string;
  /** streamed output: [ms after the line started, end offset in stdout] per chunk */
  chunks?: [atMs: number, end: number][];
  /** the line logged out (exit, logout) */
  exit?: boolean;
  /** digest of the host's observable state after the line: a replay that diverges silently is caught */
  digest?: string;
}

export interface ResizeData {
  cols: number;
  rows: number;
}

export interface DiagnosisData {
  text: string;
  category?: string;
}

/** data carried by each event type */
export interface SessionEventData {
  input: string;
  output: OutputData;
  note: string;
  hypothesis: string;
  hint: string;
  diagnosis: DiagnosisData;
  wait: number;
  key: string;
  frame: string;
  leave: string;
  resize: ResizeData;
  /** the candidate's self-assessment, phase -> 1..5 */
  assessment: Record<string, number>;
  engine: EngineEvent;
}

export type SessionEventType = keyof SessionEventData;
export type SessionEvent = { [K in SessionEventType]: [simMs: number, type: K, data: SessionEventData[K]] }[SessionEventType];

export interface SessionLog {
  header: SessionHeader;
  events: SessionEvent[];
}

/** A log that is not a valid session log. */
export class SessionLogError extends Error {
  override readonly name = "SessionLogError";
  constructor(readonly code: "format" | "version" | "shape", message: string) {
    super(message);
  }
}

const EVENT_TYPES: readonly SessionEventType[] = ["input", "output", "note", "hypothesis", "hint", "diagnosis", "wait", "key", "frame", "leave", "resize", "assessment", "engine"];

/** What the caller provides for the header. */
export type HeaderInit = Pick<SessionHeader, "engineVersion" | "scenarioId" | "scenarioHash" | "seed">;

/** Records a session: every line, its output, the waits between lines, actions and engine events. */
export class SessionRecorder {
  readonly session: ShellSession;
  readonly host: Host;
  private readonly header: SessionHeader;
  private readonly events: SessionEvent[] = [];
  private readonly off: () => void;
  /** what the last line showed */
  lastOutput?: OutputData;

  constructor(session: ShellSession, init: HeaderInit) {
    this.session = session;
    this.host = session.host;
    this.header = {
      format: SESSION_FORMAT,
      version: SESSION_VERSION,
      ...init,
      cols: session.cols,
      rows: session.rows,
      startedSimMs: session.host.nowMs,
      user: session.user,
      interactive: session.interactive,
      hostname: session.host.hostname,
      prompt: session.prompt(),
      startedEpochMs: session.host.epochMs(),
    };
    this.off = this.host.onEvent((e) => {
      if (EVENT_SEMANTICS[e.type] !== "ephemeral") this.events.push([e.simMs, "engine", e]);
    });
  }

  /** Runs a line in the session; streamed chunks count as output shown before stdout. */
  async run(line: string, io: RunIo = {}): Promise<RunResult & { shown: string }> {
    const start = this.host.nowMs;
    this.events.push([start, "input", line]);
    let streamed = "";
    const chunks: [number, number][] = [];
    let checks = 0;
    let interruptedAfter: number | undefined;
    const r = await this.session.run(line, {
      onOutput: (chunk) => {
        if (!chunk) return;
        streamed += chunk;
        chunks.push([this.host.nowMs - start, streamed.length]);
        io.onOutput?.(chunk);
      },
      interrupted: () => {
        if (interruptedAfter !== undefined) return true;
        if (io.interrupted?.()) {
          interruptedAfter = checks;
          return true;
        }
        checks++;
        return false;
      },
    });
    const data: OutputData = { stdout: streamed + r.stdout, stderr: r.stderr, exitCode: r.exitCode, evidence: r.evidence, simMs: r.simMs };
    if (interruptedAfter !== undefined) data.interruptedAfter = interruptedAfter;
    if (r.screen) data.screen = true;
    if (r.actions.length) data.actions = r.actions;
    data.prompt = this.session.prompt();
    if (chunks.length) data.chunks = chunks;
    if (r.exit) data.exit = true;
    data.digest = this.host.digest();
    this.lastOutput = data;
    this.events.push([this.host.nowMs, "output", data]);
    return { ...r, shown: data.stdout + data.stderr };
  }

  /** Advances the sim clock between lines (think time, @wait, wall time, screen frames). */
  wait(ms: number): void {
    const n = Math.max(0, Math.floor(ms));
    if (n === 0) return;
    this.events.push([this.host.nowMs, "wait", n]);
    this.host.tick(n);
  }

  /** A key sent to the running full-screen program. */
  key(screen: FullScreenProgram, k: string): ReturnType<FullScreenProgram["key"]> {
    this.events.push([this.host.nowMs, "key", k]);
    const r = screen.key(k);
    if (r === "exit") this.events.push([this.host.nowMs, "leave", k]);
    return r;
  }

  /** The terminal closed the full-screen program itself (Ctrl-C), without passing it the key. */
  leave(k: string): void {
    this.events.push([this.host.nowMs, "leave", k]);
  }

  /** The text the terminal showed before the first prompt (the login banner). */
  setBanner(text: string): void {
    this.header.banner = text;
  }

  /** A screen a full-screen program drew (what the terminal showed between \e[H and \e[J). */
  frame(text: string): void {
    this.events.push([this.host.nowMs, "frame", text]);
  }

  /** The terminal was resized: records it and resizes the session. */
  resize(cols: number, rows: number): void {
    this.events.push([this.host.nowMs, "resize", { cols, rows }]);
    this.session.cols = cols;
    this.session.rows = rows;
  }

  note(text: string): void {
    this.events.push([this.host.nowMs, "note", text]);
  }

  hypothesis(text: string): void {
    this.events.push([this.host.nowMs, "hypothesis", text]);
  }

  hint(id: string): void {
    this.events.push([this.host.nowMs, "hint", id]);
  }

  /** The candidate's self-assessment (phase -> 1..5), when the session is submitted. */
  selfAssess(ratings: Record<string, number>): void {
    this.events.push([this.host.nowMs, "assessment", { ...ratings }]);
  }

  diagnose(text: string, category?: string): void {
    this.events.push([this.host.nowMs, "diagnosis", category === undefined ? { text } : { text, category }]);
  }

  /** Stops listening to engine events. */
  stop(): void {
    this.off();
  }

  toJSON(): SessionLog {
    return { header: { ...this.header }, events: this.events.map((e) => [...e] as SessionEvent) };
  }
}

// ---- validation -------------------------------------------------------------------------

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Validates a parsed JSON value (or JSON text) as a session log. Throws SessionLogError. */
export function parseSessionLog(input: unknown): SessionLog {
  let v = input;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch (e) {
      throw new SessionLogError("shape", `not a session log: invalid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (!isObj(v) || !isObj(v.header)) throw new SessionLogError("format", "not a session log: expected an object with a \"header\"");
  const h = v.header;
  if (h.format !== SESSION_FORMAT) throw new SessionLogError("format", `not a session log: header.format is ${JSON.stringify(h.format)}, expected "${SESSION_FORMAT}"`);
  if (h.version !== SESSION_VERSION) throw new SessionLogError("version", `unsupported session log version ${JSON.stringify(h.version)} (this engine reads version ${SESSION_VERSION})`);
  const need = (key: string, type: "string" | "number" | "boolean") => {
    if (typeof h[key] !== type || (type === "number" && !Number.isFinite(h[key]))) throw new SessionLogError("shape", `invalid session log: header.${key} must be a ${type}`);
  };
  need("engineVersion", "string");
  need("scenarioId", "string");
  need("scenarioHash", "string");
  need("seed", "number");
  need("cols", "number");
  need("rows", "number");
  need("startedSimMs", "number");
  need("user", "string");
  need("interactive", "boolean");
  const optional = (key: string, type: "string" | "number") => {
    if (h[key] !== undefined) need(key, type);
  };
  optional("hostname", "string");
  optional("prompt", "string");
  optional("startedEpochMs", "number");
  optional("banner", "string");
  if (!isSize(h.cols) || !isSize(h.rows)) throw new SessionLogError("shape", "invalid session log: header.cols and header.rows must be positive whole numbers");
  if (!Array.isArray(v.events)) throw new SessionLogError("shape", "invalid session log: \"events\" must be an array");
  v.events.forEach((e, i) => checkEvent(e, i));
  return { header: h as unknown as SessionHeader, events: v.events as SessionEvent[] };
}

const isSize = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v) && v > 0 && v <= 10000;

function checkEvent(e: unknown, i: number): void {
  const bad = (why: string) => new SessionLogError("shape", `invalid session log: events[${i}] ${why}`);
  if (!Array.isArray(e) || e.length !== 3) throw bad("must be [simMs, type, data]");
  const [simMs, type, data] = e as [unknown, unknown, unknown];
  if (typeof simMs !== "number" || !Number.isFinite(simMs)) throw bad("simMs must be a number");
  if (typeof type !== "string" || !EVENT_TYPES.includes(type as SessionEventType)) throw bad(`has unknown type ${JSON.stringify(type)}`);
  switch (type as SessionEventType) {
    case "input": case "note": case "hypothesis": case "hint": case "key": case "frame": case "leave":
      if (typeof data !== "string") throw bad(`(${type}) data must be a string`);
      return;
    case "wait":
      if (typeof data !== "number" || !(data >= 0)) throw bad("(wait) data must be a number of ms");
      return;
    case "resize":
      if (!isObj(data) || !isSize(data.cols) || !isSize(data.rows)) throw bad("(resize) data must be {cols, rows}");
      return;
    case "assessment":
      if (!isObj(data) || !Object.values(data).every((n) => typeof n === "number" && Number.isFinite(n))) throw bad("(assessment) data must be {phase: rating}");
      return;
    case "diagnosis":
      if (!isObj(data) || typeof data.text !== "string") throw bad("(diagnosis) data must be {text, category?}");
      return;
    case "engine":
      if (!isObj(data) || typeof data.type !== "string") throw bad("(engine) data must be an engine event");
      return;
    case "output":
      if (!isObj(data) || typeof data.stdout !== "string" || typeof data.stderr !== "string" || typeof data.exitCode !== "number" || !Array.isArray(data.evidence)) throw bad("(output) data must be {stdout, stderr, exitCode, evidence}");
      return;
  }
}

// ---- replay -----------------------------------------------------------------------------

export interface ReplayedLine {
  line: string;
  output: OutputData;
}

export interface ReplayedFrame {
  /** index of the line (input) that opened the full-screen program */
  line: number;
  recorded: string;
  replayed: string;
}

export interface ReplayResult {
  lines: ReplayedLine[];
  /** every recorded full-screen frame, rendered again at the same point */
  frames: ReplayedFrame[];
  /** the host at the end of the replay */
  host: Host;
}

/**
 * Re-runs the inputs of a log on a fresh host (with the recorded waits, resizes, screen keys,
 * frames and Ctrl-C points) and returns what each line showed. A full-screen program is
 * rendered again at each recorded frame, refreshed first where the terminal refreshed it (when
 * it opened, and for a frame drawn after the clock moved rather than after a key or a resize),
 * so stateful screens (top's deltas, watch re-running its command) evolve as they did.
 */
export async function replaySession(log: SessionLog, makeHost: (header: SessionHeader) => Host): Promise<ReplayResult> {
  const h = log.header;
  const host = makeHost(h);
  if (host.nowMs < h.startedSimMs) host.tick(h.startedSimMs - host.nowMs);
  const session = createSession(host, { interactive: h.interactive, cols: h.cols, rows: h.rows, user: h.user });
  const rec = new SessionRecorder(session, h);
  const recorded = new Map<number, OutputData>();
  const outputs = log.events.filter((e) => e[1] === "output");
  const inputs = log.events.filter((e) => e[1] === "input");
  inputs.forEach((_, i) => {
    const o = outputs[i];
    if (o) recorded.set(i, o[2] as OutputData);
  });
  const lines: ReplayedLine[] = [];
  const frames: ReplayedFrame[] = [];
  let screen: FullScreenProgram | undefined;
  /** what happened since the last frame: a refresh precedes the first frame and timed ones */
  let since: "open" | "wait" | "key" | "resize" | "frame" = "open";
  for (const e of log.events) {
    if (e[1] === "input") {
      const want = recorded.get(lines.length)?.interruptedAfter;
      let checks = 0;
      const r = await rec.run(e[2], { interrupted: want === undefined ? undefined : () => checks++ >= want });
      screen = r.screen;
      since = "open";
      lines.push({ line: e[2], output: rec.lastOutput! });
    } else if (e[1] === "wait") {
      rec.wait(e[2]);
      if (since === "frame") since = "wait";
    } else if (e[1] === "resize") {
      rec.resize(e[2].cols, e[2].rows);
      since = "resize";
    } else if (e[1] === "key" && screen) {
      since = "key";
      if (rec.key(screen, e[2]) === "exit") screen = undefined;
    } else if (e[1] === "leave" && screen) {
      rec.leave(e[2]);
      screen = undefined;
    } else if (e[1] === "frame" && screen) {
      if (since === "open" || since === "wait") await screen.refresh?.();
      const text = screen.render(session.cols, session.rows);
      rec.frame(text);
      frames.push({ line: lines.length - 1, recorded: e[2], replayed: text });
      since = "frame";
    }
  }
  rec.stop();
  return { lines, frames, host };
}

/** The first difference between a log's recorded outputs and a replay, or undefined. */
export function diffReplay(log: SessionLog, replay: ReplayResult): string | undefined {
  const inputs = log.events.filter((e) => e[1] === "input").map((e) => e[2] as string);
  const outputs = log.events.filter((e) => e[1] === "output").map((e) => e[2] as OutputData);
  if (inputs.length !== replay.lines.length) return `the log has ${inputs.length} inputs, the replay ran ${replay.lines.length}`;
  for (let i = 0; i < inputs.length; i++) {
    const want = outputs[i];
    const got = replay.lines[i].output;
    if (!want) return `input ${i + 1} (${JSON.stringify(inputs[i])}) has no recorded output`;
    for (const k of ["stdout", "stderr", "exitCode", "simMs"] as const) {
      if (want[k] !== got[k]) return `input ${i + 1} (${JSON.stringify(inputs[i])}): ${k} differs: ${firstDiff(String(want[k]), String(got[k]))}`;
    }
    if (want.evidence.join(",") !== got.evidence.join(",")) return `input ${i + 1} (${JSON.stringify(inputs[i])}): evidence differs: [${want.evidence.join(", ")}] vs [${got.evidence.join(", ")}]`;
    if (want.prompt !== undefined && got.prompt !== undefined && want.prompt !== got.prompt) return `input ${i + 1} (${JSON.stringify(inputs[i])}): the prompt after it differs: recorded ${JSON.stringify(want.prompt)} vs replayed ${JSON.stringify(got.prompt)}`;
    if (want.digest !== undefined && got.digest !== undefined && want.digest !== got.digest) return `input ${i + 1} (${JSON.stringify(inputs[i])}): the output is the same but the host's state after it differs (digest ${want.digest} recorded, ${got.digest} replayed)`;
  }
  const recordedFrames = log.events.filter((e) => e[1] === "frame").length;
  if (recordedFrames !== replay.frames.length) return `the log has ${recordedFrames} screen frames, the replay drew ${replay.frames.length}`;
  const bad = replay.frames.findIndex((f) => f.recorded !== f.replayed);
  if (bad >= 0) {
    const f = replay.frames[bad]!;
    return `screen frame ${bad + 1} (of input ${f.line + 1}, ${JSON.stringify(inputs[f.line] ?? "")}) differs: ${firstDiff(f.recorded, f.replayed)}`;
  }
  return undefined;
}

/** What the replaying side is: the current engine and the scenario as it is now. */
export interface ReplayEnvironment {
  engineVersion: string;
  scenarioHash: string;
}

export interface ReplayCheck {
  ok: boolean;
  /** when not ok: the first difference, and the header mismatches that explain it */
  error?: string;
  /** header mismatches that changed nothing (every output and state digest replayed identically) */
  warnings: string[];
}

/**
 * Checks a replay against its log and the replaying environment. A different engine version
 * or an edited scenario is always reported: as the cause of the first difference when the
 * replay diverges, as a warning when every output and state digest still replays identically.
 */
export function checkReplay(log: SessionLog, replay: ReplayResult, current: ReplayEnvironment): ReplayCheck {
  const h = log.header;
  const causes: string[] = [];
  if (h.engineVersion !== current.engineVersion) causes.push(`it was recorded by engine ${h.engineVersion} and this is engine ${current.engineVersion}`);
  if (h.scenarioHash !== current.scenarioHash) causes.push(`the scenario '${h.scenarioId}' was edited since it was recorded (content hash ${shortHash(h.scenarioHash)} then, ${shortHash(current.scenarioHash)} now)`);
  const diff = diffReplay(log, replay);
  if (diff) {
    const why = causes.length ? causes.join("; ") : "same engine and scenario: the log was altered";
    return { ok: false, error: `the session does not replay identically (${why}): ${diff}`, warnings: [] };
  }
  return { ok: true, warnings: causes.map((c) => `${c}; every output still replays identically`) };
}

const shortHash = (x: string): string => (x.length > 12 ? x.slice(0, 12) : x);

function firstDiff(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const line = a.slice(0, i).split("\n").length;
  const show = (s: string) => JSON.stringify(s.slice(i, i + 40));
  return `line ${line}: recorded ${show(a)} vs replayed ${show(b)}`;
}
