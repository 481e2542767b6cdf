/**
 * "Open a session file…" on the history page: a session JSON (a download from the player, or
 * `faultline play`'s log) picked or dropped here is validated in the engine worker (src/replay
 * parseSessionLog) and replayed in the session player; a corrupt or foreign file gets a clear
 * message instead. The player (xterm) loads on demand, keeping it out of the first chunk.
 */
import { lazy, Suspense, useRef, useState } from "react";
import type { ImportedSessionResult } from "../worker/protocol.js";
import { askWorker } from "./worker-request.js";
import "./replay.css";

const ReplayPlayer = lazy(() => import("./ReplayPlayer.js").then((m) => ({ default: m.ReplayPlayer })));

/** Larger files are refused before reading (a long session with many top frames is ~1 MB). */
const MAX_BYTES = 20 * 1024 * 1024;
const validate = (text: string): Promise<ImportedSessionResult> => askWorker("session-imported", (reqId) => ({ type: "import-session", reqId, text }));

export function ImportSession() {
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<ImportedSessionResult & { file: string }>();
  const [dragging, setDragging] = useState(false);

  async function open(file: File | undefined): Promise<void> {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setResult({ ok: false, file: file.name, error: { name: "InvalidSession", code: "too-large", message: `the file is larger than ${MAX_BYTES / 1024 / 1024} MB` } });
      return;
    }
    const r = await validate(await file.text());
    setResult({ ...r, file: file.name });
  }

  return (
    <section className="panel import-session" aria-label="Open a session file">
      <div
        className={`drop-zone${dragging ? " dragging" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void open(e.dataTransfer.files[0]);
        }}
      >
        <button onClick={() => input.current?.click()}>Open a session file…</button> <span className="muted">or drop a session .json here to replay it</span>
        <input ref={input} type="file" accept=".json,application/json" hidden aria-label="Session file" onChange={(e) => void open(e.target.files?.[0]).finally(() => (e.target.value = ""))} />
      </div>
      {result && !result.ok && (
        <p className="error" role="alert">
          Cannot open {result.file}: {result.error.message}
        </p>
      )}
      {result?.ok && (
        <>
          <h2>
            Replay: {result.title} <span className="muted">({result.file})</span>
          </h2>
          <Suspense fallback={<p className="muted">Loading the player…</p>}>
            <ReplayPlayer key={result.file + result.log.header.startedSimMs} log={result.log} milestones={result.milestones} label="Imported session replay" castName={result.file.replace(/\.json$/i, "")} />
          </Suspense>
        </>
      )}
    </section>
  );
}
