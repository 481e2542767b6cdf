/**
 * Before the grade: the candidate rates their own structure per phase (1–5); the report shows
 * the rating beside the computed one.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
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

/** A modal keeps the keyboard inside: Tab past the last control wraps to the first, and back. */
function trapTab(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== "Tab") return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>("input:not([disabled]), button:not([disabled])")];
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  // a radio group is one Tab stop: the group's first radio stands for it
  const active = document.activeElement;
  const inFirstGroup = active instanceof HTMLInputElement && first instanceof HTMLInputElement && active.name === first.name;
  if (e.shiftKey && inFirstGroup) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}

export function SelfAssessment({ store }: { store: SessionStore }) {
  const phase = useStore(store, (s) => s.phase);
  const form = useRef<HTMLFormElement>(null);
  // the dialog takes the focus when it opens (its first rating)
  useEffect(() => form.current?.querySelector("input")?.focus(), []);
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const complete = PHASES.every(([p]) => ratings[p] !== undefined);
  return (
    <div className="modal-backdrop">
      <form
        ref={form}
        onKeyDown={trapTab}
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
