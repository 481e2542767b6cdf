/**
 * History of finished runs (newest first), each linking to its report.
 */
import { useStore } from "zustand";
import { appStore } from "../store/app-store.js";
import { formatClock } from "../lib/format.js";
import { ImportSession } from "../replay/ImportSession.js";

export function HistoryPage() {
  const runs = useStore(appStore, (s) => s.runs);
  return (
    <section>
      <h1>History</h1>
      <ImportSession />
      {runs.length === 0 ? (
        <p className="muted">No finished sessions yet.</p>
      ) : (
        <table className="history">
          <thead>
            <tr>
              <th>finished</th>
              <th>scenario</th>
              <th>score</th>
              <th>time</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.runId}>
                <td>{new Date(r.finishedWallMs).toLocaleString()}</td>
                <td>{r.title}</td>
                <td className={r.passed ? "pass" : "fail"}>{r.score}/100</td>
                <td>{formatClock(r.wallMs)}</td>
                <td>
                  <a href={`#/report/${encodeURIComponent(r.runId)}`}>report</a>
                  {r.result.session && (
                    <>
                      {" · "}
                      <a href={`#/replay/${encodeURIComponent(r.runId)}`}>replay</a>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
