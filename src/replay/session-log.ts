/**
 * The session log: versioned data recording one candidate session so it can be graded,
 * replayed and exported. A header {format: "faultline-session", version: 1, engineVersion,
 * scenarioId, scenarioHash, seed, cols, rows, startedSimMs, user, interactive} is followed by
 * events `[simMs, type, data]` in order: "input" (a command line), "output" (what the line
 * showed, with its evidence and, for a line stopped by Ctrl-C, after how many interrupt checks),
 * "note", "hypothesis", "hint", "diagnosis", "wait" (sim ms the clock advanced between lines:
 * think time, `@wait`, wall time in `play`, frames of a full-screen program), "key" (a key sent
 * to a full-screen program such as top) and "engine" (EngineEvents the host emitted, except
 * ephemeral ones). `SessionRecorder` wraps a ShellSession and is the only thing that moves the
 * clock between lines, so `replaySession` can re-run the inputs with the same waits on a fresh
 * host and get byte-identical outputs; `diffReplay` names the first difference.
 * `parseSessionLog` validates untrusted JSON with clear errors (wrong format, version, shape).
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

const EVENT_TYPES: readonly SessionEventType[] = ["input", "output", "note", "hypothesis", "hint", "diagnosis", "wait", "key", "engine"];

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
    };
    this.off = this.host.onEvent((e) => {
      if (EVENT_SEMANTICS[e.type] !== "ephemeral") this.events.push([e.simMs, "engine", e]);
    });
  }

  /** Runs a line in the session; streamed chunks count as output shown before stdout. */
  async run(line: string, io: RunIo = {}): Promise<RunResult & { shown: string }> {
    this.events.push([this.host.nowMs, "input", line]);
    let streamed = "";
    let checks = 0;
    let interruptedAfter: number | undefined;
    const r = await this.session.run(line, {
      onOutput: (chunk) => {
        streamed += chunk;
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
    return screen.key(k);
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
  if (!Array.isArray(v.events)) throw new SessionLogError("shape", "invalid session log: \"events\" must be an array");
  v.events.forEach((e, i) => checkEvent(e, i));
  return { header: h as unknown as SessionHeader, events: v.events as SessionEvent[] };
}

function checkEvent(e: unknown, i: number): void {
  const bad = (why: string) => new SessionLogError("shape", `invalid session log: events[${i}] ${why}`);
  if (!Array.isArray(e) || e.length !== 3) throw bad("must be [simMs, type, data]");
  const [simMs, type, data] = e as [unknown, unknown, unknown];
  if (typeof simMs !== "number" || !Number.isFinite(simMs)) throw bad("simMs must be a number");
  if (typeof type !== "string" || !EVENT_TYPES.includes(type as SessionEventType)) throw bad(`has unknown type ${JSON.stringify(type)}`);
  switch (type as SessionEventType) {
    case "input": case "note": case "hypothesis": case "hint": case "key":
      if (typeof data !== "string") throw bad(`(${type}) data must be a string`);
      return;
    case "wait":
      if (typeof data !== "number" || !(data >= 0)) throw bad("(wait) data must be a number of ms");
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

export interface ReplayResult {
  lines: ReplayedLine[];
  /** the host at the end of the replay */
  host: Host;
}

/**
 * Re-runs the inputs of a log on a fresh host (with the recorded waits, screen keys and
 * Ctrl-C points) and returns what each line showed.
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
  let screen: FullScreenProgram | undefined;
  for (const e of log.events) {
    if (e[1] === "input") {
      const want = recorded.get(lines.length)?.interruptedAfter;
      let checks = 0;
      const r = await rec.run(e[2], { interrupted: want === undefined ? undefined : () => checks++ >= want });
      screen = r.screen;
      lines.push({ line: e[2], output: rec.lastOutput! });
    } else if (e[1] === "wait") rec.wait(e[2]);
    else if (e[1] === "key" && screen) {
      if (rec.key(screen, e[2]) === "exit") screen = undefined;
    }
  }
  rec.stop();
  return { lines, host };
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
  }
  return undefined;
}

function firstDiff(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const line = a.slice(0, i).split("\n").length;
  const show = (s: string) => JSON.stringify(s.slice(i, i + 40));
  return `line ${line}: recorded ${show(a)} vs replayed ${show(b)}`;
}
