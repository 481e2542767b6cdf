/**
 * The app-wide store: the catalog the worker validated (mirrored, not persisted), and the
 * history of finished runs with their reports (persisted in localStorage, newest first,
 * capped so the quota holds). One vanilla zustand store; components select narrow slices.
 */
import { createStore } from "zustand/vanilla";
import { persist } from "zustand/middleware";
import { guardedJsonStorage } from "../lib/storage-health.js";
import type { CatalogEntry, CatalogProblem, GradedResult, WalkthroughStepView, WireError } from "../worker/protocol.js";

export interface FinishedRun {
  runId: string;
  scenarioId: string;
  title: string;
  seed: number;
  finishedWallMs: number;
  /** wall ms the candidate spent */
  wallMs: number;
  score: number;
  passed: boolean;
  result: GradedResult;
  walkthrough: WalkthroughStepView[];
}

export interface AppState {
  catalog?: CatalogEntry[];
  problems: CatalogProblem[];
  isolated?: boolean;
  workerError?: WireError;
  runs: FinishedRun[];
}

/** Runs kept in history. */
export const MAX_RUNS = 30;
/** Characters of one command's output kept in a stored report. */
export const MAX_OUTPUT_CHARS = 4000;

export const appStore = createStore<AppState>()(
  persist<AppState, [], [], Pick<AppState, "runs">>(() => ({ problems: [], runs: [] }), {
    name: "faultline:app",
    storage: guardedJsonStorage(),
    version: 1,
    partialize: (s) => ({ runs: s.runs }),
  }),
);

/** Runs (newest first) whose session log is kept for the replay, and the largest log kept (JSON chars): localStorage holds ~5 MB. */
export const MAX_REPLAYS = 5;
export const MAX_SESSION_CHARS = 300_000;

/** The run without its session log (and milestones) when it would not fit. */
function capReplay(run: FinishedRun, keep: boolean): FinishedRun {
  const { session, milestones, ...rest } = run.result;
  if (!session) return run;
  if (keep && JSON.stringify(session).length <= MAX_SESSION_CHARS) return { ...run, result: { ...rest, session, milestones } };
  return { ...run, result: rest };
}

export function addRun(run: FinishedRun): void {
  const kept = capReplay(run, true);
  const trimmed: FinishedRun = {
    ...kept,
    result: { ...kept.result, commands: run.result.commands.map((c) => ({ ...c, output: c.output.length > MAX_OUTPUT_CHARS ? c.output.slice(0, MAX_OUTPUT_CHARS) + "\n[…]" : c.output })) },
  };
  appStore.setState((s) => ({ runs: [trimmed, ...s.runs.filter((r) => r.runId !== run.runId)].slice(0, MAX_RUNS).map((r, i) => (i < MAX_REPLAYS ? r : capReplay(r, false))) }));
}

/** Best score per scenario id. */
export function bestScores(runs: FinishedRun[]): Record<string, number> {
  const best: Record<string, number> = {};
  for (const r of runs) best[r.scenarioId] = Math.max(best[r.scenarioId] ?? 0, r.score);
  return best;
}
