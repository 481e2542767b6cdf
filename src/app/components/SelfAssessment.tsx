/**
 * Before the grade: the candidate rates their own structure per phase (1–5); the report shows
 * the rating beside the computed one.
 */
import { useState } from "react";
import { useStore } from "zustand";
import { engine } from "../engine-client.js";
import { requestGrade, type SessionStore } from "../store/session-store.js";

const PHASES = [
  ["triage", "Triage: a broad first look (load, memory, disk, logs)"],
  ["isolate", "Isolate: narrowing down to the resource or process"],
  ["inspect", "Inspect: looking closely at the suspect"],
  ["hypothesize", "Hypothesize: stating a cause before acting"],
  ["fix", "Fix: a targeted, safe remediation"],
  ["verify", "Verify: checking that the fix holds"],
] as const;

export function SelfAssessment({ store }: { store: SessionStore }) {
  const phase = useStore(store, (s) => s.phase);
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const complete = PHASES.every(([p]) => ratings[p] !== undefined);
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="assess-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (complete) requestGrade(store, engine(), ratings);
        }}
      >
        <h2 id="assess-title">Rate your own investigation</h2>
        <p className="muted">Before you see the grade: how well did you do each phase? 1 = not at all, 5 = textbook.</p>
        {PHASES.map(([p, label]) => (
          <fieldset key={p} className="rating">
            <legend>{label}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}>
                <input type="radio" name={p} value={n} checked={ratings[p] === n} onChange={() => setRatings((r) => ({ ...r, [p]: n }))} />
                {n}
              </label>
            ))}
          </fieldset>
        ))}
        <button type="submit" disabled={!complete || phase === "grading"}>
          {phase === "grading" ? "Grading…" : "Show my grade"}
        </button>
      </form>
    </div>
  );
}
