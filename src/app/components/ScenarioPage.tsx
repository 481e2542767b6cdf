/**
 * The scenario page: briefing, terminal, notes and hypotheses, hints, timer and the diagnosis
 * form; then the self-assessment before the grade. The page owns one session store (persisted
 * per scenario, so a reload resumes by replaying the journal in the worker).
 */
import { useCallback, useEffect, useState } from "react";
import { useStore } from "zustand";
import { engine } from "../engine-client.js";
import { addRun } from "../store/app-store.js";
import { bindEngine, clearSession, createSessionStore, startSession, type SessionStore } from "../store/session-store.js";
import { go } from "../lib/route.js";
import type { GradedResult } from "../worker/protocol.js";
import { TerminalPane } from "./TerminalPane.js";
import { Markdown } from "../markdown/Markdown.js";
import { NotesPanel } from "./NotesPanel.js";
import { HintsPanel } from "./HintsPanel.js";
import { DiagnosisForm } from "./DiagnosisForm.js";
import { SelfAssessment } from "./SelfAssessment.js";
import { Timer } from "./Timer.js";
import { ErrorBoundary } from "./ErrorBoundary.js";

export function ScenarioPage({ scenarioId, seed }: { scenarioId: string; seed?: number }) {
  const [attempt, setAttempt] = useState(0);
  const [store, setStore] = useState<SessionStore>(() => createSessionStore(scenarioId, seed));

  useEffect(() => {
    const client = engine();
    const onGraded = (result: GradedResult) => {
      const s = store.getState();
      const runId = `${scenarioId}-${Date.now().toString(36)}`;
      addRun({ runId, scenarioId, title: s.view?.title ?? scenarioId, seed: s.seed, finishedWallMs: Date.now(), wallMs: Date.now() - s.startedWallMs, score: result.grade.score, passed: result.grade.passed, result, walkthrough: s.view?.walkthrough ?? [] });
      store.persist.clearStorage();
      clearSession(scenarioId);
      go(`#/report/${encodeURIComponent(runId)}`);
    };
    const off = bindEngine(store, client, onGraded);
    return () => {
      off();
      client.stop();
    };
  }, [store, scenarioId]);

  const onReady = useCallback((cols: number, rows: number) => startSession(store, engine(), cols, rows), [store]);

  const startOver = () => {
    if (!confirm("Start this scenario over? Your current session will be discarded.")) return;
    store.persist.clearStorage();
    clearSession(scenarioId);
    setStore(createSessionStore(scenarioId, seed));
    setAttempt((a) => a + 1);
  };

  return <ScenarioLayout key={attempt} store={store} onReady={onReady} onStartOver={startOver} />;
}

function ScenarioLayout({ store, onReady, onStartOver }: { store: SessionStore; onReady(cols: number, rows: number): void; onStartOver(): void }) {
  const view = useStore(store, (s) => s.view);
  const phase = useStore(store, (s) => s.phase);
  const error = useStore(store, (s) => s.error);
  const exited = useStore(store, (s) => s.exited);
  const busy = useStore(store, (s) => s.busy);
  const startedWallMs = useStore(store, (s) => s.startedWallMs);
  const seed = useStore(store, (s) => s.seed);

  return (
    <div className="scenario">
      <div className="scenario-head">
        <h1>{view?.title ?? "Connecting…"}</h1>
        {view && <span className={`badge ${view.difficulty}`}>{view.difficulty}</span>}
        <Timer since={startedWallMs} />
        <span className={`busy ${busy ? "on" : ""}`} aria-live="polite">
          {busy ? "running…" : ""}
        </span>
        <button className="link" onClick={onStartOver}>
          Start over
        </button>
        <button
          className="link"
          onClick={() => {
            // the reference walkthrough shows the answer: only after a clear confirmation (the session is kept and resumes)
            if (confirm("Watch the solution? This reveals the answer to this scenario. Your session is kept; you can come back to it.")) go(`#/watch/${encodeURIComponent(view?.id ?? "")}?seed=${seed}`);
          }}
          disabled={!view}
        >
          Watch the solution
        </button>
      </div>
      {error && (
        <div className="panel error" role="alert">
          {error.name}: {error.message}
        </div>
      )}
      <div className="scenario-grid">
        <aside className="side">
          <ErrorBoundary label="briefing">
            <section className="panel briefing" aria-label="Briefing">
              <h2>Briefing</h2>
              {view ? <Markdown text={view.briefing} /> : <p className="muted">Loading…</p>}
            </section>
          </ErrorBoundary>
          <ErrorBoundary label="notes">
            <NotesPanel store={store} />
          </ErrorBoundary>
          <ErrorBoundary label="hints">
            <HintsPanel store={store} />
          </ErrorBoundary>
        </aside>
        <div className="term-col">
          <ErrorBoundary label="terminal">
            <TerminalPane onReady={onReady} />
          </ErrorBoundary>
          {exited && <p className="muted">The connection is closed. Submit your diagnosis, or start over.</p>}
          <ErrorBoundary label="diagnosis">{view && phase === "playing" && <DiagnosisForm store={store} categories={view.categories} />}</ErrorBoundary>
        </div>
      </div>
      {(phase === "assess" || phase === "grading") && <SelfAssessment store={store} />}
    </div>
  );
}
