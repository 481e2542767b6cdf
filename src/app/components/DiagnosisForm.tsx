/**
 * Submit diagnosis: the root cause in the candidate's words plus a category.
 */
import { useState } from "react";
import { engine } from "../engine-client.js";
import { submitDiagnosis, type SessionStore } from "../store/session-store.js";

export function DiagnosisForm({ store, categories }: { store: SessionStore; categories: string[] }) {
  const [text, setText] = useState("");
  const [category, setCategory] = useState("");
  const ok = text.trim().length >= 10 && category !== "";
  return (
    <form
      className="panel diagnosis"
      aria-label="Diagnosis"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok && confirm("Submit your diagnosis? This ends the investigation.")) submitDiagnosis(store, engine(), text, category);
      }}
    >
      <h2>Diagnosis</h2>
      <label>
        Category{" "}
        <select value={category} onChange={(e) => setCategory(e.target.value)} aria-label="Root-cause category">
          <option value="">choose…</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <textarea aria-label="Root cause" rows={3} value={text} placeholder="What is the root cause? What did you do about it?" onChange={(e) => setText(e.target.value)} />
      <button type="submit" disabled={!ok}>
        Submit diagnosis
      </button>
    </form>
  );
}
