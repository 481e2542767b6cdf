/**
 * "Open scenario file…" on the catalog: a file picker, plus dropping a YAML file anywhere on
 * the page. The file is validated in the worker by the CLI's loader (lib/user-scenarios.ts);
 * a valid scenario starts at once, a broken one shows an error panel listing every
 * `file:line:col: message`. The panel is an alert and takes the focus (Escape or "Dismiss"
 * closes it and gives the focus back to the button); nothing the file contains ever runs.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { engine } from "../engine-client.js";
import { go } from "../lib/route.js";
import { loadUserScenario, readScenarioFile } from "../lib/user-scenarios.js";
import type { LoadScenarioResult, ScenarioIssueView } from "../worker/protocol.js";

type State = { kind: "idle" } | { kind: "loading"; file: string } | { kind: "failed"; file: string; issues: ScenarioIssueView[] };

const hasFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes("Files") ?? false;

export function OpenScenarioFile() {
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);

  const open = useCallback(async (f: File) => {
    setState({ kind: "loading", file: f.name });
    const read = await readScenarioFile(f);
    const r: LoadScenarioResult = read.ok
      ? await loadUserScenario(engine(), f.name, read.text)
      : { ok: false, issues: [{ file: f.name, line: 1, col: 1, message: read.message, text: `${f.name}:1:1: ${read.message}` }] };
    if (r.ok) go(`#/play/${encodeURIComponent(r.entry.id)}`);
    else setState({ kind: "failed", file: f.name, issues: r.issues });
  }, []);

  const dismiss = () => {
    setState({ kind: "idle" });
    button.current?.focus();
  };

  useEffect(() => {
    if (state.kind === "failed") panel.current?.focus();
  }, [state]);

  // a file dragged over any part of the page can be dropped to open it
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const f = e.dataTransfer?.files[0];
      if (f) void open(f);
    };
    window.addEventListener("dragenter", enter);
    window.addEventListener("dragover", over);
    window.addEventListener("dragleave", leave);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragenter", enter);
      window.removeEventListener("dragover", over);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
    };
  }, [open]);

  return (
    <div className="open-file">
      <button ref={button} type="button" disabled={state.kind === "loading"} onClick={() => input.current?.click()}>
        Open scenario file…
      </button>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml,application/yaml,text/yaml"
        hidden
        aria-label="Scenario file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = "";
          if (f) void open(f);
        }}
      />
      <span className="muted" role="status">
        {state.kind === "loading" ? `Checking ${state.file}…` : "or drop a YAML file on this page"}
      </span>
      {state.kind === "failed" && (
        <div
          ref={panel}
          className="panel error load-error"
          role="alert"
          tabIndex={-1}
          aria-labelledby="load-error-title"
          onKeyDown={(e) => {
            if (e.key === "Escape") dismiss();
          }}
        >
          <h2 id="load-error-title">{state.file} could not be opened</h2>
          <p>
            {state.issues.length === 1 ? "1 problem" : `${state.issues.length} problems`}; fix {state.issues.length === 1 ? "it" : "them"} and open the file again.
          </p>
          <ul className="issues">
            {state.issues.map((i, k) => (
              <li key={k}>
                <code>
                  {i.file}:{i.line}:{i.col}
                </code>
                : {i.message}
              </li>
            ))}
          </ul>
          <button type="button" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a scenario YAML file to open it
        </div>
      )}
    </div>
  );
}
