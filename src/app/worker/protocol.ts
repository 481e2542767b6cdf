/**
 * The typed message protocol between the UI (main thread) and the engine worker. The worker
 * owns everything simulated: the scenario catalog, the host, the shell session, the line
 * editor and the sim clock; the main thread is a terminal plus panels. Every durable thing
 * the candidate does comes back as a `journal` entry, which the UI persists; replaying a
 * journal on a fresh host (same scenario and seed) rebuilds the session exactly. Errors cross
 * the boundary as plain `{name, code, message}` data.
 */
import type { MetricSample } from "../../engine/index.js";
import type { Grade, Milestone } from "../../grading/index.js";
import type { SessionLog } from "../../replay/index.js";

/** One durable step of a session, in order. Replaying the list reproduces the host. */
export type JournalEntry =
  /** sim ms the clock advanced between inputs (the candidate's think time, capped) */
  | { t: "wait"; ms: number }
  /** a command line; interruptedAfter = Ctrl-C after that many interrupt checks answered no */
  | { t: "input"; line: string; simMs: number; interruptedAfter?: number }
  /** a key sent to a full-screen program (top) */
  | { t: "key"; key: string }
  /** the terminal was resized */
  | { t: "resize"; cols: number; rows: number }
  | { t: "note"; text: string; simMs: number; wallMs: number }
  | { t: "hypothesis"; text: string; simMs: number; wallMs: number }
  | { t: "hint"; id: string; simMs: number; wallMs: number }
  | { t: "diagnosis"; text: string; category: string; simMs: number };

export interface CatalogEntry {
  id: string;
  title: string;
  summary?: string;
  difficulty: "easy" | "medium" | "hard";
  tags: string[];
  estimatedMinutes: number;
  file: string;
}

export interface CatalogProblem {
  file: string;
  message: string;
}

export interface HintView {
  id: string;
  text: string;
  cost: number;
  /** ms after the start before it can be revealed */
  unlockAfterMs: number;
}

export interface WalkthroughStepView {
  run?: string;
  say?: string;
  note?: string;
  hypothesis?: string;
  wait?: string;
  diagnose?: { category: string; text: string };
}

/** What the UI may show of a started scenario (placeholders already substituted). */
export interface ScenarioView {
  id: string;
  title: string;
  difficulty: string;
  tags: string[];
  estimatedMinutes: number;
  seed: number;
  hostname: string;
  briefing: string;
  hints: HintView[];
  categories: string[];
  walkthrough: WalkthroughStepView[];
}

/** A small snapshot of the host for live gauges. */
export interface MetricsSnapshot {
  simMs: number;
  /** sim ms since the session started */
  elapsedSimMs: number;
  latest?: MetricSample;
}

export interface GradedResult {
  grade: Grade;
  markdown: string;
  json: string;
  /** host metrics over the session (downsampled) */
  metrics: MetricSample[];
  /** sim ms the session started (chart origin) */
  startSimMs: number;
  /** what each command showed, by timeline index */
  commands: { simMs: number; line: string; output: string }[];
  /** the session log, for the replay (absent in runs stored before replays, or dropped to keep storage small) */
  session?: SessionLog;
  /** diagnostic milestones of the session (the replay's markers) */
  milestones?: Milestone[];
}

/** A caption of a replay: narration shown from the command at index `command` (= commands.length: the end). */
export interface ReplayCaption {
  command: number;
  text: string;
}

/** A scenario's reference walkthrough, run through the engine in the worker, ready to replay. */
export type WalkthroughRunResult =
  | { ok: true; title: string; seed: number; log: SessionLog; milestones: Milestone[]; captions: ReplayCaption[] }
  | { ok: false; error: WireError };

/** A session file the user imported, validated in the worker (milestones when its scenario is known here). */
export type ImportedSessionResult = { ok: true; title: string; log: SessionLog; milestones: Milestone[] } | { ok: false; error: WireError };

/** A located problem in a scenario file the user opened (`text` is `file:line:col: message`). */
export interface ScenarioIssueView {
  file: string;
  line: number;
  col: number;
  message: string;
  text: string;
}

/** The worker's answer to `load-scenario`: the entry to start (its id is routable) or the issues. */
export type LoadScenarioResult = { ok: true; entry: CatalogEntry } | { ok: false; issues: ScenarioIssueView[] };

export interface WireError {
  name: string;
  code: string;
  message: string;
}

export type MainToWorker =
  | { type: "init"; interrupt: SharedArrayBuffer | null }
  | { type: "start"; gen: number; scenarioId: string; seed: number; cols: number; rows: number; journal: JournalEntry[]; pace: boolean }
  | { type: "input"; data: string }
  | { type: "resize"; cols: number; rows: number }
  | { type: "note"; kind: "note" | "hypothesis"; text: string; wallMs: number }
  | { type: "hint"; id: string; wallMs: number }
  | { type: "diagnose"; text: string; category: string }
  | { type: "grade"; selfAssessment: Record<string, number> }
  /** test hook: pretend this much wall time passed (only sent by the e2e hook) */
  | { type: "advance-wall"; ms: number }
  | { type: "stop" }
  /** validate a scenario the user brought (a local file); reqId pairs the answer */
  | { type: "load-scenario"; reqId: number; file: string; text: string }
  /** run a scenario's walkthrough (seed: the scenario's own when absent) for "Watch the solution" */
  | { type: "walkthrough"; reqId: number; scenarioId: string; seed?: number }
  /** validate a session JSON file the user imported (src/replay parseSessionLog) */
  | { type: "import-session"; reqId: number; text: string };

/** Messages of a session carry the `gen` of the start that created it (stale ones are dropped). */
export type WorkerToMain = WorkerMessage & { gen?: number };

type WorkerMessage =
  | { type: "ready"; isolated: boolean; catalog: CatalogEntry[]; problems: CatalogProblem[] }
  | { type: "started"; view: ScenarioView; resumed: number }
  | { type: "output"; data: string }
  | { type: "busy"; busy: boolean }
  | { type: "journal"; entry: JournalEntry }
  /** patch of the last input entry once its line finished (Ctrl-C point) */
  | { type: "journal-interrupt"; interruptedAfter: number }
  | { type: "metrics"; snapshot: MetricsSnapshot }
  | { type: "exited" }
  | { type: "graded"; result: GradedResult }
  | { type: "error"; error: WireError }
  | { type: "scenario-loaded"; reqId: number; result: LoadScenarioResult }
  | { type: "walkthrough-run"; reqId: number; result: WalkthroughRunResult }
  | { type: "session-imported"; reqId: number; result: ImportedSessionResult };
