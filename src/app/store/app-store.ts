/**
 * The app-wide store: the catalog the worker validated (mirrored, not persisted), and the
 * history of finished runs with their reports (persisted in localStorage, newest first,
 * capped so the quota holds). One vanilla zustand store; components select narrow slices.
 */
import { createStore } from "zustand/vanilla";
import { persist } from "zustand/middleware";
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
    version: 1,
    partialize: (s) => ({ runs: s.runs }),
  }),
);

export function addRun(run: FinishedRun): void {
  const trimmed: FinishedRun = {
    ...run,
    result: { ...run.result, commands: run.result.commands.map((c) => ({ ...c, output: c.output.length > MAX_OUTPUT_CHARS ? c.output.slice(0, MAX_OUTPUT_CHARS) + "\n[…]" : c.output })) },
  };
  appStore.setState((s) => ({ runs: [trimmed, ...s.runs.filter((r) => r.runId !== run.runId)].slice(0, MAX_RUNS) }));
}

/** Best score per scenario id. */
export function bestScores(runs: FinishedRun[]): Record<string, number> {
  const best: Record<string, number> = {};
  for (const r of runs) best[r.scenarioId] = Math.max(best[r.scenarioId] ?? 0, r.score);
  return best;
}
