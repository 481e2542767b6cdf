/**
 * The report of a finished run: score, breakdown with reasons, self-rating vs computed per
 * phase, the annotated timeline of commands, the candidate's path beside the reference
 * walkthrough, a chart of the host's metrics with the commands marked, and downloads.
 */
import { useStore } from "zustand";
import { appStore, type FinishedRun } from "../store/app-store.js";
import { downloadText, formatClock } from "../lib/format.js";
import { MetricsChart } from "./MetricsChart.js";

const CATEGORIES = ["evidence", "structure", "diagnosis", "remediation", "safety", "efficiency"] as const;
const PHASES = ["triage", "isolate", "inspect", "hypothesize", "fix", "verify"] as const;

export function ReportPage({ runId }: { runId: string }) {
  const run = useStore(appStore, (s) => s.runs.find((r) => r.runId === runId));
  if (!run) return <p>No report with this id. <a href="#/history">See the history.</a></p>;
  return <Report run={run} />;
}

function Report({ run }: { run: FinishedRun }) {
  const g = run.result.grade;
  const base = `faultline-${run.scenarioId}-${new Date(run.finishedWallMs).toISOString().slice(0, 19).replace(/[:T]/g, "-")}`;
  return (
    <article className="report">
      <header className="report-head">
        <h1>{run.title}</h1>
        <div className={`score ${g.passed ? "pass" : "fail"}`} data-testid="score" aria-label="Score">
          {g.score}
          <span>/100</span>
        </div>
        <ul className="facts">
          <li>Resolved: {g.resolved ? "yes" : "no"} — {g.resolutionReason}</li>
          <li>Diagnosis: {g.diagnosisCorrect ? "correct" : "not correct"}{g.categoryCorrect ? " (category correct)" : ""}</li>
          <li>
            Time: {formatClock(g.durationMs)} sim · first key signal: {g.timeToFirstKeySignalMs !== undefined ? formatClock(g.timeToFirstKeySignalMs) : "never"} · hints: {g.hintsUsed} (−{g.hintCost}) · repeated commands: {g.redundantCommands}
          </li>
          <li className="muted">Seed {run.seed} · wall time {formatClock(run.wallMs)}</li>
        </ul>
        <div className="downloads">
          <button onClick={() => downloadText(`${base}.json`, run.result.json, "application/json")}>Download JSON</button>
          <button onClick={() => downloadText(`${base}.md`, run.result.markdown, "text/markdown")}>Download Markdown</button>
          <a className="button" href={`#/play/${encodeURIComponent(run.scenarioId)}`}>
            Play again
          </a>
          {run.result.session && (
            <a className="button" href={`#/replay/${encodeURIComponent(run.runId)}`}>
              Replay session
            </a>
          )}
          <a className="button" href={`#/watch/${encodeURIComponent(run.scenarioId)}?seed=${run.seed}`}>
            Watch the solution
          </a>
        </div>
      </header>

      <section className="panel" aria-label="Breakdown">
        <h2>Breakdown</h2>
        {CATEGORIES.map((c) => {
          const items = g.breakdown.filter((l) => l.category === c);
          if (!items.length) return null;
          const t = g.totals[c];
          return (
            <div key={c} className="breakdown">
              <h3>
                {c} <span className="muted">{t.points}{t.max ? `/${t.max}` : ""}</span>
              </h3>
              <ul>
                {items.map((l, i) => (
                  <li key={i} className={l.points < 0 ? "minus" : l.points < l.max ? "partial" : "plus"}>
                    <span className="pts">{l.points >= 0 ? "+" : ""}{l.points}{l.max ? `/${l.max}` : ""}</span> {l.reason}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </section>

      <section className="panel" aria-label="Structure">
        <h2>Structure per phase (1–5)</h2>
        <table className="phases">
          <thead>
            <tr>
              <th>phase</th>
              <th>computed</th>
              <th>you</th>
            </tr>
          </thead>
          <tbody>
            {PHASES.map((p) => (
              <tr key={p}>
                <td>{p}</td>
                <td>{g.phases[p]}</td>
                <td>{g.selfAssessment?.[p] ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel" aria-label="Host metrics">
        <h2>The host during your session</h2>
        <MetricsChart metrics={run.result.metrics} startSimMs={run.result.startSimMs} commands={g.timeline.map((t) => ({ simMs: t.simMs, label: `${t.index + 1}. ${t.line}`, tags: t.tags }))} />
      </section>

      <section className="panel" aria-label="Timeline">
        <h2>Your commands</h2>
        <ol className="timeline">
          {g.timeline.map((t) => (
            <li key={t.index}>
              {run.result.session ? (
                <a className="when" href={`#/replay/${encodeURIComponent(run.runId)}?at=${t.simMs}`} aria-label={`Replay from ${formatClock(t.atMs)}`} title="Replay from this moment">
                  {formatClock(t.atMs)}
                </a>
              ) : (
                <span className="when">{formatClock(t.atMs)}</span>
              )}{" "}
              <code>{t.line.trim()}</code>
              {t.tags.map((tag) => (
                <span key={tag} className={`tag t-${tag}`}>
                  {tag}
                </span>
              ))}
              {t.revealed.length > 0 && <div className="revealed">revealed: {t.revealed.join("; ")}</div>}
              {t.notes.map((n, i) => (
                <div key={i} className="muted">
                  {n}
                </div>
              ))}
              {run.result.commands[t.index] && (
                <details>
                  <summary>output</summary>
                  <pre>{run.result.commands[t.index].output}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
        {g.evidenceMissed.length > 0 && (
          <>
            <h3>Evidence you did not see</h3>
            <ul>
              {g.evidenceMissed.map((m) => (
                <li key={m.id}>{m.title}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="panel" aria-label="Paths">
        <h2>Your path beside the reference</h2>
        <div className="paths">
          <div>
            <h3>You</h3>
            <ol>
              {g.timeline.map((t) => (
                <li key={t.index}>
                  <code>{t.line.trim()}</code>
                </li>
              ))}
            </ol>
          </div>
          <div>
            <h3>Reference walkthrough</h3>
            <ol>
              {run.walkthrough.map((s, i) => (
                <li key={i}>
                  {s.run && <code>{s.run}</code>}
                  {s.wait && <em>wait {s.wait}</em>}
                  {s.hypothesis && <em>hypothesis: {s.hypothesis}</em>}
                  {s.note && <em>note: {s.note}</em>}
                  {s.diagnose && <em>diagnosis [{s.diagnose.category}]: {s.diagnose.text}</em>}
                  {s.say && <div className="muted">{s.say}</div>}
                </li>
              ))}
            </ol>
          </div>
        </div>
      </section>
    </article>
  );
}
