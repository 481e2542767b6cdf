/**
 * "My scenarios" on the catalog: the scenarios an instructor saved from the editor (kept in
 * this browser, lib/my-scenarios.ts). Play validates the saved text in the worker first (it is
 * untrusted like any file) and starts it; Edit opens it in the editor; Delete forgets it.
 */
import { useEffect, useState } from "react";
import { engine } from "../engine-client.js";
import { go } from "../lib/route.js";
import { deleteMyScenario, listMyScenarios, onMyScenarios, type MyScenario } from "../lib/my-scenarios.js";
import { loadUserScenario } from "../lib/user-scenarios.js";

export function MyScenarios() {
  const [list, setList] = useState<MyScenario[]>(() => listMyScenarios());
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => onMyScenarios(() => setList(listMyScenarios())), []);

  const play = async (s: MyScenario) => {
    setError(undefined);
    const r = await loadUserScenario(engine(), `${s.id}.yaml`, s.text);
    if (r.ok) go(`#/play/${encodeURIComponent(r.entry.id)}`);
    else setError(r.issues.map((i) => i.text).join("\n"));
  };

  return (
    <section className="my-scenarios" aria-label="My scenarios">
      <h2>My scenarios</h2>
      {list.length === 0 ? (
        <p className="muted">
          Scenarios you write in the <a href="#/editor">editor</a> and save appear here (kept in this browser).
        </p>
      ) : (
        <ul className="my-list">
          {list.map((s) => (
            <li key={s.id} data-my-scenario={s.id}>
              <span className="my-title">{s.title}</span> <code className="muted">{s.id}</code>
              <button onClick={() => void play(s)}>Play</button>
              <button className="link" onClick={() => go(`#/editor?my=${encodeURIComponent(s.id)}`)}>
                Edit
              </button>
              <button
                className="link"
                onClick={() => {
                  if (confirm(`Delete "${s.title}" from My scenarios?`)) deleteMyScenario(s.id);
                }}
              >
                Delete
              </button>
              {s.summary && <span className="my-summary muted">{s.summary}</span>}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <pre className="panel error" role="alert">
          {error}
        </pre>
      )}
    </section>
  );
}
