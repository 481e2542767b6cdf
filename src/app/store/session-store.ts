/**
 * One store per scenario session (STYLE.md: "the UI store mirrors the engine"). It persists,
 * under `faultline:session:<scenario id>`, what is needed to resume after a reload: the seed,
 * when the candidate started, the journal of every input/wait/note/hint as the worker reports
 * it, and the phase. It mirrors the live engine state (scenario view, busy, metrics) without
 * persisting it. Actions are plain functions that talk to the engine client.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import { persist } from "zustand/middleware";
import { guardedJsonStorage } from "../lib/storage-health.js";
import type { EngineClient } from "../engine-client.js";
import type { JournalEntry, MetricsSnapshot, ScenarioView, WireError, GradedResult } from "../worker/protocol.js";

export type Phase = "playing" | "assess" | "grading";

export interface SessionState {
  scenarioId: string;
  seed: number;
  startedWallMs: number;
  journal: JournalEntry[];
  phase: Phase;
  // ---- live mirror (not persisted)
  view?: ScenarioView;
  busy: boolean;
  metrics?: MetricsSnapshot;
  exited: boolean;
  resumed: number;
  error?: WireError;
}

type Persisted = Pick<SessionState, "scenarioId" | "seed" | "startedWallMs" | "journal" | "phase">;

export type SessionStore = StoreApi<SessionState> & { persist: { clearStorage(): void } };

export const sessionKey = (scenarioId: string): string => `faultline:session:${scenarioId}`;

/** A random seed for a new attempt (so an attempt cannot be memorised). */
export function newSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] % 1_000_000;
}

export function createSessionStore(scenarioId: string, seed?: number): SessionStore {
  const initial: SessionState = { scenarioId, seed: seed ?? newSeed(), startedWallMs: Date.now(), journal: [], phase: "playing", busy: false, exited: false, resumed: 0 };
  const store = createStore<SessionState>()(
    persist<SessionState, [], [], Persisted>(
      () => initial,
      {
        name: sessionKey(scenarioId),
        storage: guardedJsonStorage(),
        version: 1,
        partialize: (s) => ({ scenarioId: s.scenarioId, seed: s.seed, startedWallMs: s.startedWallMs, journal: s.journal, phase: s.phase === "grading" ? "assess" : s.phase }),
      },
    ),
  );
  // an explicit ?seed= for a fresh session wins over a random one
  if (seed !== undefined && store.getState().journal.length === 0) store.setState({ seed });
  return store;
}

/** Mirrors engine messages into the store; returns the unsubscribe function. */
export function bindEngine(store: SessionStore, client: EngineClient, onGraded: (r: GradedResult) => void): () => void {
  const offs = [
    client.on("started", (m) => store.setState({ view: m.view, resumed: m.resumed, exited: false, error: undefined })),
    client.on("busy", (m) => store.setState({ busy: m.busy })),
    client.on("metrics", (m) => store.setState({ metrics: m.snapshot })),
    client.on("exited", () => store.setState({ exited: true })),
    client.on("error", (m) => store.setState({ error: m.error })),
    client.on("journal", (m) => store.setState((s) => ({ journal: [...s.journal, m.entry] }))),
    client.on("journal-interrupt", (m) =>
      store.setState((s) => {
        const j = [...s.journal];
        for (let i = j.length - 1; i >= 0; i--) {
          const e = j[i];
          if (e.t === "input") {
            j[i] = { ...e, interruptedAfter: m.interruptedAfter };
            break;
          }
        }
        return { journal: j };
      }),
    ),
    client.on("graded", (m) => onGraded(m.result)),
  ];
  return () => offs.forEach((f) => f());
}

/** Starts the session in the worker (replaying the saved journal when resuming). */
export function startSession(store: SessionStore, client: EngineClient, cols: number, rows: number, pace = true): void {
  const s = store.getState();
  client.start({ scenarioId: s.scenarioId, seed: s.seed, cols, rows, journal: s.journal, pace });
}

export function addNote(client: EngineClient, kind: "note" | "hypothesis", text: string): void {
  const t = text.trim();
  if (t) client.send({ type: "note", kind, text: t, wallMs: Date.now() });
}

export function revealHint(client: EngineClient, id: string): void {
  client.send({ type: "hint", id, wallMs: Date.now() });
}

export function submitDiagnosis(store: SessionStore, client: EngineClient, text: string, category: string): void {
  client.send({ type: "diagnose", text: text.trim(), category });
  store.setState({ phase: "assess" });
}

export function requestGrade(store: SessionStore, client: EngineClient, selfAssessment: Record<string, number>): void {
  store.setState({ phase: "grading" });
  client.send({ type: "grade", selfAssessment });
}

/** Forgets the saved session (after grading, or "start over"). */
export function clearSession(scenarioId: string): void {
  localStorage.removeItem(sessionKey(scenarioId));
}

/** Status of a scenario for the catalog: a saved session with inputs means in progress. */
export function savedSessionLength(scenarioId: string): number {
  try {
    const raw = localStorage.getItem(sessionKey(scenarioId));
    if (!raw) return 0;
    const j = (JSON.parse(raw) as { state?: { journal?: unknown[] } }).state?.journal;
    return Array.isArray(j) ? j.length : 0;
  } catch {
    return 0;
  }
}
