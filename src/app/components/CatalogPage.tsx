/**
 * The catalog: a card per shipped scenario with difficulty, tags, estimated time, progress
 * (new / in progress / done) and best score, filtered by tag and difficulty.
 */
import { useMemo, useState } from "react";
import { useStore } from "zustand";
import { appStore, bestScores } from "../store/app-store.js";
import { savedSessionLength } from "../store/session-store.js";
import { ScenarioCard, type CardStatus } from "./ScenarioCard.js";
import { OpenScenarioFile } from "./OpenScenarioFile.js";
import { MyScenarios } from "./MyScenarios.js";

const DIFFICULTIES = ["all", "easy", "medium", "hard"] as const;

export function CatalogPage() {
  const catalog = useStore(appStore, (s) => s.catalog);
  const problems = useStore(appStore, (s) => s.problems);
  const runs = useStore(appStore, (s) => s.runs);
  const workerError = useStore(appStore, (s) => s.workerError);
  const [difficulty, setDifficulty] = useState<(typeof DIFFICULTIES)[number]>("all");
  const [tag, setTag] = useState("");
  const tags = useMemo(() => [...new Set((catalog ?? []).flatMap((e) => e.tags))].sort(), [catalog]);
  const best = useMemo(() => bestScores(runs), [runs]);

  if (workerError) return <div className="panel error">The simulator could not start: {workerError.message}</div>;
  if (!catalog) return <p className="muted">Loading the scenario catalog…</p>;

  const shown = catalog.filter((e) => (difficulty === "all" || e.difficulty === difficulty) && (!tag || e.tags.includes(tag)));
  const statusOf = (id: string): CardStatus => (savedSessionLength(id) > 0 ? "in progress" : best[id] !== undefined ? "done" : "new");

  return (
    <section>
      <h1>Scenarios</h1>
      <p className="muted">Each scenario is a Linux host in trouble. Investigate in the terminal, write down what you see, fix it, and submit your diagnosis. You are graded on the path, not just the answer.</p>
      <OpenScenarioFile />
      <div className="filters" role="group" aria-label="Filters">
        <div className="segmented" role="radiogroup" aria-label="Difficulty">
          {DIFFICULTIES.map((d) => (
            <button key={d} role="radio" aria-checked={difficulty === d} className={difficulty === d ? "on" : ""} onClick={() => setDifficulty(d)}>
              {d}
            </button>
          ))}
        </div>
        <label>
          Tag{" "}
          <select value={tag} onChange={(e) => setTag(e.target.value)} aria-label="Tag">
            <option value="">all tags</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          {shown.length} of {catalog.length}
        </span>
      </div>
      <div className="cards">
        {shown.map((e) => (
          <ScenarioCard key={e.id} entry={e} status={statusOf(e.id)} best={best[e.id]} onTag={setTag} />
        ))}
      </div>
      <MyScenarios />
      {problems.length > 0 && (
        <details className="panel warn">
          <summary>{problems.length} scenario file(s) failed validation and are not shown</summary>
          {problems.map((p) => (
            <pre key={p.file}>{p.message}</pre>
          ))}
        </details>
      )}
    </section>
  );
}
