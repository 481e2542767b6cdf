/**
 * "Try it" beside the editor: validates the text being edited in the engine worker (the
 * catalog's "open scenario file" path, lib/user-scenarios.ts) and runs it in a terminal without
 * saving; "Restart" picks up the edits. "Record walkthrough" restarts from a fresh host and
 * records what the instructor does (commands, pauses, notes, hypotheses, the diagnosis); each
 * step can be narrated (`say`) and marked as a milestone, then written back into the YAML as the
 * walkthrough or as an anti-path. Scenario text (briefing, hints, narration) is shown as text or
 * sanitized Markdown only.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { engine } from "../engine-client.js";
import { loadUserScenario } from "../lib/user-scenarios.js";
import { Markdown } from "../markdown/Markdown.js";
import { TerminalPane } from "../components/TerminalPane.js";
import type { JournalEntry, ScenarioView } from "../worker/protocol.js";
import { stepsFromJournal, writeSteps, type Milestone, type RecordedStep } from "./walkthrough-yaml.js";

interface Session {
  id: string;
  key: number;
  recording: boolean;
  text: string;
}

const MILESTONES: Milestone[] = ["evidence", "hypothesis", "fix", "verify"];

function stepLabel(s: RecordedStep): string {
  if (s.run !== undefined) return `$ ${s.run}`;
  if (s.wait) return `wait ${s.wait}`;
  if (s.note) return `note: ${s.note}`;
  if (s.hypothesis) return `hypothesis: ${s.hypothesis}`;
  if (s.hint) return `hint: ${s.hint}`;
  if (s.diagnose) return `diagnose [${s.diagnose.category}]: ${s.diagnose.text}`;
  return "";
}

export function TryPanel({ text, fileName, valid, seed, onWrite }: { text: string; fileName: string; valid: boolean; seed: number; onWrite(text: string): void }) {
  const [session, setSession] = useState<Session | undefined>(undefined);
  const [view, setView] = useState<ScenarioView | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [exited, setExited] = useState(false);
  const [journal, setJournal] = useState<JournalEntry[]>([]);
  const [notes, setNotes] = useState<Record<number, { say?: string; milestone?: Milestone }>>({});
  const [noteText, setNoteText] = useState("");
  const [diagText, setDiagText] = useState("");
  const [diagCat, setDiagCat] = useState("");
  const [antiId, setAntiId] = useState("recorded-anti-path");
  const [antiTitle, setAntiTitle] = useState("a recorded bad session");
  const latestText = useRef(text);
  latestText.current = text;

  const start = async (recording: boolean) => {
    setError(undefined);
    setMessage(undefined);
    const t = latestText.current;
    const r = await loadUserScenario(engine(), fileName, t);
    if (!r.ok) {
      setError(`It does not validate (${r.issues.length} problem${r.issues.length === 1 ? "" : "s"}): ${r.issues[0]?.text ?? ""}`);
      return;
    }
    setJournal([]);
    setNotes({});
    setView(undefined);
    setExited(false);
    setSession((s) => ({ id: r.entry.id, key: (s?.key ?? 0) + 1, recording, text: t }));
  };

  useEffect(() => {
    if (!session) return;
    const c = engine();
    const offs = [
      c.on("started", (m) => setView(m.view)),
      c.on("journal", (m) => setJournal((j) => [...j, m.entry])),
      c.on("exited", () => setExited(true)),
      c.on("error", (m) => setError(`${m.error.name}: ${m.error.message}`)),
    ];
    return () => offs.forEach((f) => f());
  }, [session]);

  // leaving the editor ends the try session
  useEffect(() => () => engine().stop(), []);

  const sessionKey = session?.key;
  const sessionId = session?.id;
  const onReady = useCallback(
    (cols: number, rows: number) => {
      if (sessionId) engine().start({ scenarioId: sessionId, seed, cols, rows, journal: [], pace: true });
    },
    // a new session (key) starts once; the seed is read when it starts
    [sessionKey],
  );

  const steps = useMemo(() => stepsFromJournal(journal).map((s, i) => ({ ...s, ...notes[i] })), [journal, notes]);

  const send = (kind: "note" | "hypothesis") => {
    const t = noteText.trim();
    if (!t) return;
    engine().send({ type: "note", kind, text: t, wallMs: Date.now() });
    setNoteText("");
  };

  const diagnose = () => {
    const t = diagText.trim();
    const category = diagCat || view?.categories[0] || "other";
    if (!t) return;
    engine().send({ type: "diagnose", text: t, category });
    setDiagText("");
  };

  const write = (target: Parameters<typeof writeSteps>[2]) => {
    try {
      onWrite(writeSteps(latestText.current, steps, target));
      setMessage(target.kind === "walkthrough" ? `Wrote ${steps.length} steps as the walkthrough. Run "Test this scenario" to check it.` : `Wrote ${steps.length} steps as the anti-path "${target.id}".`);
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const edited = session !== undefined && session.text !== text;

  return (
    <section className="panel try-panel" aria-label="Try it">
      <h2>Try it</h2>
      <div className="try-buttons">
        <button onClick={() => void start(false)} disabled={!valid}>
          {session ? "Restart" : "Try it"}
        </button>
        <button onClick={() => void start(true)} disabled={!valid}>
          {session?.recording ? "Restart recording" : "Record walkthrough"}
        </button>
        {session && (
          <button
            className="link"
            onClick={() => {
              engine().stop();
              setSession(undefined);
              setView(undefined);
            }}
          >
            Stop
          </button>
        )}
        {!valid && <span className="muted">Fix the problems to try it.</span>}
        {edited && <span className="warn-text">Edited since it started: Restart picks up the changes.</span>}
      </div>
      {error && (
        <p className="panel error" role="alert">
          {error}
        </p>
      )}
      {message && <p className="pass" role="status">{message}</p>}
      {session && (
        <>
          {view && (
            <details className="try-briefing" open>
              <summary>
                {view.title} <span className="muted">(seed {view.seed})</span>
              </summary>
              <Markdown text={view.briefing} />
              {view.hints.length > 0 && (
                <>
                  <h3>Hints</h3>
                  <ul className="try-hints">
                    {view.hints.map((h) => (
                      <li key={h.id}>{h.text}</li>
                    ))}
                  </ul>
                </>
              )}
            </details>
          )}
          <div className="try-terminal">
            <TerminalPane key={session.key} onReady={onReady} />
          </div>
          {exited && <p className="muted">The connection is closed. Restart to try again.</p>}
          <div className="try-actions">
            <input aria-label="Note or hypothesis" placeholder="a note or hypothesis…" value={noteText} onChange={(e) => setNoteText(e.target.value)} />
            <button onClick={() => send("note")}>Note</button>
            <button onClick={() => send("hypothesis")}>Hypothesis</button>
          </div>
          <div className="try-actions">
            <select aria-label="Diagnosis category" value={diagCat} onChange={(e) => setDiagCat(e.target.value)}>
              {(view?.categories ?? []).map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <input aria-label="Diagnosis" placeholder="the root cause…" value={diagText} onChange={(e) => setDiagText(e.target.value)} />
            <button onClick={diagnose}>Diagnose</button>
          </div>
          {session.recording && (
            <div className="recording" aria-label="Recorded steps">
              <h3>
                <span className="rec-dot" aria-hidden="true" /> Recording: {steps.length} step{steps.length === 1 ? "" : "s"}
              </h3>
              <ol className="rec-steps">
                {steps.map((s, i) => (
                  <li key={i}>
                    <code>{stepLabel(s)}</code>
                    <input aria-label={`Narration for step ${i + 1}`} placeholder="narration (say)…" value={notes[i]?.say ?? ""} onChange={(e) => setNotes((n) => ({ ...n, [i]: { ...n[i], say: e.target.value } }))} />
                    <select aria-label={`Milestone for step ${i + 1}`} value={notes[i]?.milestone ?? ""} onChange={(e) => setNotes((n) => ({ ...n, [i]: { ...n[i], milestone: (e.target.value || undefined) as Milestone | undefined } }))}>
                      <option value="">no milestone</option>
                      {MILESTONES.map((m) => (
                        <option key={m} value={m}>
                          {m}
                        </option>
                      ))}
                    </select>
                  </li>
                ))}
              </ol>
              <div className="try-actions">
                <button onClick={() => write({ kind: "walkthrough" })} disabled={!steps.length}>
                  Write as walkthrough
                </button>
              </div>
              <div className="try-actions">
                <input aria-label="Anti-path id" value={antiId} onChange={(e) => setAntiId(e.target.value)} />
                <input aria-label="Anti-path title" value={antiTitle} onChange={(e) => setAntiTitle(e.target.value)} />
                <button onClick={() => write({ kind: "anti-path", id: antiId.trim(), title: antiTitle.trim(), maxScore: 35 })} disabled={!steps.length || !/^[a-z0-9][a-z0-9-]*$/.test(antiId.trim())}>
                  Write as anti-path
                </button>
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
