/**
 * Notes and hypotheses, timestamped (time of day and time into the session). A hypothesis
 * recorded before acting counts in the grade's structure score.
 */
import { useState } from "react";
import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import { engine } from "../engine-client.js";
import { addNote, type SessionStore } from "../store/session-store.js";
import { formatTimeOfDay } from "../lib/format.js";

export function NotesPanel({ store }: { store: SessionStore }) {
  const notes = useStore(
    store,
    useShallow((s) => s.journal.filter((e) => e.t === "note" || e.t === "hypothesis")),
  );
  const [text, setText] = useState("");
  const [kind, setKind] = useState<"note" | "hypothesis">("note");
  const submit = () => {
    addNote(engine(), kind, text);
    setText("");
  };
  return (
    <section className="panel notes" aria-label="Notes">
      <h2>Notes</h2>
      <ol className="note-list">
        {notes.map((n, i) =>
          n.t === "note" || n.t === "hypothesis" ? (
            <li key={i} className={n.t}>
              <span className="when">{formatTimeOfDay(n.wallMs)}</span> <span className="kind">{n.t === "note" ? "observation" : "hypothesis"}</span> {n.text}
            </li>
          ) : null,
        )}
      </ol>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="segmented" role="radiogroup" aria-label="Kind of note">
          <button type="button" role="radio" aria-checked={kind === "note"} className={kind === "note" ? "on" : ""} onClick={() => setKind("note")}>
            Observation
          </button>
          <button type="button" role="radio" aria-checked={kind === "hypothesis"} className={kind === "hypothesis" ? "on" : ""} onClick={() => setKind("hypothesis")}>
            Hypothesis
          </button>
        </div>
        <textarea
          aria-label="Note text"
          rows={2}
          value={text}
          placeholder={kind === "note" ? "What did you see?" : "What do you think is going on?"}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" disabled={!text.trim()}>
          Add {kind === "note" ? "observation" : "hypothesis"}
        </button>
      </form>
    </section>
  );
}
