/**
 * Hints: each unlocks after its time, shows its cost before it is revealed, and is recorded
 * (it costs points in the grade) once revealed.
 */
import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import { engine } from "../engine-client.js";
import { revealHint, type SessionStore } from "../store/session-store.js";
import { formatClock } from "../lib/format.js";

export function HintsPanel({ store }: { store: SessionStore }) {
  const hints = useStore(store, (s) => s.view?.hints);
  const revealed = useStore(
    store,
    useShallow((s) => s.journal.flatMap((e) => (e.t === "hint" ? [e.id] : []))),
  );
  const startedWallMs = useStore(store, (s) => s.startedWallMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (!hints?.length) return null;
  const elapsed = now - startedWallMs;
  const next = hints.find((h) => !revealed.includes(h.id));
  return (
    <section className="panel hints" aria-label="Hints">
      <h2>Hints</h2>
      <ol>
        {hints
          .filter((h) => revealed.includes(h.id))
          .map((h) => (
            <li key={h.id}>
              {h.text} <span className="muted">(−{h.cost})</span>
            </li>
          ))}
      </ol>
      {next &&
        (elapsed >= next.unlockAfterMs ? (
          <button onClick={() => revealHint(engine(), next.id)}>
            Reveal hint {revealed.length + 1} of {hints.length} (costs {next.cost} points)
          </button>
        ) : (
          <p className="muted">
            Hint {revealed.length + 1} unlocks in {formatClock(next.unlockAfterMs - elapsed)} (costs {next.cost} points).
          </p>
        ))}
    </section>
  );
}
