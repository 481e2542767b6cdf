/**
 * One catalog card.
 */
import type { CatalogEntry } from "../worker/protocol.js";

export type CardStatus = "new" | "in progress" | "done";

interface Props {
  entry: CatalogEntry;
  status: CardStatus;
  best?: number;
  onTag(tag: string): void;
}

export function ScenarioCard({ entry, status, best, onTag }: Props) {
  return (
    <article className="card" data-scenario={entry.id}>
      <header>
        <span className={`badge ${entry.difficulty}`}>{entry.difficulty}</span>
        <span className={`status ${status.replace(" ", "-")}`}>{status}</span>
      </header>
      <h2>
        <a href={`#/play/${encodeURIComponent(entry.id)}`}>{entry.title}</a>
      </h2>
      {entry.summary && <p>{entry.summary}</p>}
      <ul className="tags" aria-label="Tags">
        {entry.tags.map((t) => (
          <li key={t}>
            <button className="tag" onClick={() => onTag(t)}>
              {t}
            </button>
          </li>
        ))}
      </ul>
      <footer>
        <span>~{entry.estimatedMinutes} min</span>
        <span>{best !== undefined ? `best ${best}/100` : "not graded yet"}</span>
        <a className="button" href={`#/play/${encodeURIComponent(entry.id)}`}>
          {status === "in progress" ? "Resume" : status === "done" ? "Play again" : "Start"}
        </a>
      </footer>
    </article>
  );
}
