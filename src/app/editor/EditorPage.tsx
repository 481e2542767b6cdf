/**
 * The scenario editor (#/editor, lazy-loaded with CodeMirror): write a scenario from the
 * template, a copy of a shipped one ("duplicate"), one of "My scenarios", a local file (picker
 * or drag and drop) or a URL (`?scenario=<url>`, same origin under the page's CSP). Validation
 * runs in the authoring worker as you type (the CLI's messages, underlined at line:col). Beside
 * it: "Try it" in a terminal without saving, "Record walkthrough"/anti-path, and "Test this
 * scenario" (what `faultline test` runs). Save to "My scenarios" (only once its self-check
 * passed for exactly this text) and export as a file (a draft may be exported any time).
 * Everything loaded from outside is untrusted text: it is only validated and simulated.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { parseDocument } from "yaml";
import { useStore } from "zustand";
import { appStore } from "../store/app-store.js";
import { go } from "../lib/route.js";
import { getMyScenario, saveMyScenario } from "../lib/my-scenarios.js";
import { readScenarioFile } from "../lib/user-scenarios.js";
import { createEditor, type EditorHandle } from "./code-editor.js";
import { templateFromWorker } from "./authoring-client.js";
import type { IssueView } from "./authoring-protocol.js";
import { asCopy, seedOf } from "./scenario-text.js";
import { TryPanel } from "./TryPanel.js";
import { SelfTestPanel } from "./SelfTestPanel.js";
import "./editor.css";

const SHIPPED = import.meta.glob<string>("../../../scenarios/*.yaml", { query: "?raw", import: "default" });
const DRAFT_KEY = "faultline:editor-draft";
const MAX_FETCH_BYTES = 2 * 1024 * 1024;

interface Draft {
  name: string;
  text: string;
}

function loadDraft(): Draft | undefined {
  try {
    const d = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? "null") as Draft | null;
    return d && typeof d.name === "string" && typeof d.text === "string" ? d : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fetches a shared scenario. Only this site's own URLs: the page's CSP keeps `connect-src 'self'`
 * (widening it would let any injected code send data anywhere), so a file elsewhere is
 * downloaded and opened with "Open file…" instead, and the message says so.
 */
async function fetchScenario(url: string): Promise<string> {
  let u: URL;
  try {
    u = new URL(url, location.href);
  } catch {
    throw new Error(`not a URL: ${url}`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error(`only http(s) URLs can be opened (got ${u.protocol})`);
  if (u.origin !== location.origin)
    throw new Error(`${u.href} is on another site: only this site's own URLs can be opened from a link (the page's Content-Security-Policy allows no other). Download the file and use "Open file…".`);
  let r: Response;
  try {
    r = await fetch(u, { credentials: "omit", redirect: "error" });
  } catch {
    throw new Error(`could not fetch ${u.href} (network error or redirect)`);
  }
  if (!r.ok) throw new Error(`could not fetch ${u.href}: HTTP ${r.status}`);
  const len = Number(r.headers.get("content-length") ?? "0");
  if (len > MAX_FETCH_BYTES) throw new Error(`${u.href} is too large (${len} bytes) to be a scenario`);
  const text = await r.text();
  if (text.length > MAX_FETCH_BYTES) throw new Error(`${u.href} is too large to be a scenario`);
  if (text.includes("\0")) throw new Error(`${u.href} is a binary file, not a YAML scenario`);
  return text;
}

export function EditorPage({ duplicate, my }: { duplicate?: string; my?: string }) {
  const catalog = useStore(appStore, (s) => s.catalog);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("new-scenario.yaml");
  const nameRef = useRef(name);
  nameRef.current = name;
  const [issues, setIssues] = useState<IssueView[] | undefined>(undefined);
  const [validId, setValidId] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<{ kind: "info" | "error"; text: string } | undefined>(undefined);
  const [dragging, setDragging] = useState(false);
  const [text, setTextState] = useState("");
  const seed = useMemo(() => seedOf(text), [text]);
  /** the text whose self-check last passed: only that text can be saved to My scenarios */
  const [passedText, setPassedText] = useState<string | undefined>(undefined);

  const setText = useCallback((t: string, fileName: string) => {
    setName(fileName);
    nameRef.current = fileName;
    editor.current?.setText(t);
    setTextState(t);
    setIssues(undefined);
  }, []);

  // the editor itself, once
  useEffect(() => {
    const draft = loadDraft();
    const initial = draft ?? { name: "new-scenario.yaml", text: "" };
    setName(initial.name);
    nameRef.current = initial.name;
    setTextState(initial.text);
    let saveTimer = 0;
    const h = createEditor({
      parent: host.current!,
      text: initial.text,
      fileName: () => nameRef.current,
      onChange: (t) => {
        setTextState(t);
        window.clearTimeout(saveTimer);
        saveTimer = window.setTimeout(() => {
          try {
            localStorage.setItem(DRAFT_KEY, JSON.stringify({ name: nameRef.current, text: t }));
          } catch {
            // storage full: the draft is not kept
          }
        }, 500);
      },
      onValidated: (is, id) => {
        setIssues(is);
        setValidId(id);
      },
    });
    editor.current = h;
    // no draft: start from the template (the worker has the scenario module)
    if (!draft)
      void templateFromWorker("new-scenario").then((t) => {
        if (editor.current === h && !h.getText()) h.setText(t);
      });
    return () => {
      window.clearTimeout(saveTimer);
      h.destroy();
      editor.current = undefined;
    };
  }, []);

  // what the route or the URL asks to open
  useEffect(() => {
    const url = new URLSearchParams(location.search).get("scenario");
    if (my) {
      const s = getMyScenario(my);
      if (s) setText(s.text, `${s.id}.yaml`);
      else setNotice({ kind: "error", text: `"${my}" is not in My scenarios.` });
    } else if (duplicate) {
      const key = Object.keys(SHIPPED).find((k) => k.endsWith(`/${duplicate}.yaml`));
      if (key)
        void SHIPPED[key]!().then((t) => {
          setText(asCopy(t, duplicate), `${duplicate}-copy.yaml`);
          setNotice({ kind: "info", text: `A copy of the shipped scenario "${duplicate}" (id ${duplicate}-copy). Save it to My scenarios or export it.` });
        });
      else setNotice({ kind: "error", text: `No shipped scenario "${duplicate}".` });
    } else if (url) {
      // consumed once: coming back to the editor later must not reload it over the draft
      const clean = new URL(location.href);
      clean.searchParams.delete("scenario");
      history.replaceState(history.state, "", clean.href);
      fetchScenario(url).then(
        (t) => {
          const base = decodeURIComponent(new URL(url, location.href).pathname.split("/").pop() || "shared.yaml");
          setText(t, /\.ya?ml$/.test(base) ? base : `${base}.yaml`);
          setNotice({ kind: "info", text: `Opened from ${url}. It is untrusted: it has been validated only; review it before you try or save it.` });
        },
        (e: unknown) => setNotice({ kind: "error", text: e instanceof Error ? e.message : String(e) }),
      );
    }
  }, [duplicate, my, setText]);

  const openFile = async (f: File) => {
    const r = await readScenarioFile(f);
    if (!r.ok) {
      setNotice({ kind: "error", text: `${f.name}: ${r.message}` });
      return;
    }
    setText(r.text, f.name);
    setNotice({ kind: "info", text: `Opened ${f.name}.` });
  };

  const fromTemplate = async () => {
    if (!confirm("Replace the editor's content with the template?")) return;
    setText(await templateFromWorker("new-scenario"), "new-scenario.yaml");
    setNotice(undefined);
  };

  const exportFile = () => {
    const t = editor.current?.getText() ?? "";
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([t], { type: "application/yaml" }));
    a.download = validId ? `${validId}.yaml` : name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  const save = () => {
    const t = editor.current?.getText() ?? "";
    if (!validId || issues?.length) {
      setNotice({ kind: "error", text: "Fix the problems first: only a valid scenario can be saved to My scenarios." });
      return;
    }
    if (passedText !== t) {
      setNotice({ kind: "error", text: `Run "Test this scenario" first: only a scenario whose self-check passes (walkthrough, anti-paths, replay) can be saved to My scenarios. "Export file" keeps a draft.` });
      return;
    }
    try {
      const { title, summary } = parseDocument(t).toJS() as { title?: unknown; summary?: unknown };
      saveMyScenario({ id: validId, title: typeof title === "string" ? title : validId, summary: typeof summary === "string" ? summary : "", text: t });
      setNotice({ kind: "info", text: `Saved "${validId}" to My scenarios (on the catalog page).` });
    } catch (e) {
      setNotice({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  };

  const onDrop = (e: React.DragEvent) => {
    if (!e.dataTransfer.types.includes("Files")) return;
    e.preventDefault();
    e.stopPropagation();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) void openFile(f);
  };

  return (
    <section className="editor-page">
      <div className="editor-head">
        <h1>Scenario editor</h1>
        <span className="muted editor-file" title="file name used in messages">
          {name}
        </span>
        <span className={`editor-status ${issues === undefined ? "" : issues.length ? "fail" : "pass"}`} role="status" aria-live="polite" data-testid="validation-status">
          {issues === undefined ? "checking…" : issues.length ? `${issues.length} problem${issues.length === 1 ? "" : "s"}` : "valid"}
        </span>
      </div>
      <div className="editor-toolbar" role="toolbar" aria-label="Scenario file">
        <button onClick={() => void fromTemplate()}>New from template</button>
        <label>
          Duplicate{" "}
          <select aria-label="Duplicate a shipped scenario" value="" onChange={(e) => {
              const id = e.target.value;
              if (id && confirm(`Replace the editor's content with a copy of "${id}"? Export or save your work first if you need it.`)) go(`#/editor?duplicate=${encodeURIComponent(id)}`);
            }}
          >
            <option value="">a shipped scenario…</option>
            {(catalog ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <button onClick={() => fileInput.current?.click()}>Open file…</button>
        <input
          ref={fileInput}
          type="file"
          accept=".yaml,.yml,text/yaml,application/yaml,text/plain"
          hidden
          data-testid="editor-file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = "";
            if (f) void openFile(f);
          }}
        />
        <button onClick={exportFile}>Export file</button>
        <button onClick={save} disabled={!validId || !!issues?.length}>
          Save to My scenarios
        </button>
      </div>
      {notice && (
        <p className={`panel ${notice.kind === "error" ? "error" : ""}`} role={notice.kind === "error" ? "alert" : "status"}>
          {notice.text}
        </p>
      )}
      <div className="editor-grid">
        <div className="editor-col">
          <div
            className={`code-host ${dragging ? "dragging" : ""}`}
            ref={host}
            data-testid="code-editor"
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes("Files")) return;
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDropCapture={onDrop}
          />
          <div className="panel problems" aria-label="Problems">
            <h2>Problems</h2>
            {issues === undefined ? (
              <p className="muted">Checking…</p>
            ) : issues.length === 0 ? (
              <p className="pass">No problems: `faultline validate` would accept this file.</p>
            ) : (
              <ul className="issue-list">
                {issues.map((i) => (
                  <li key={i.text}>
                    <button className="link" onClick={() => jumpTo(editor.current, i)}>
                      {i.text}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        <div className="editor-side">
          <TryPanel text={text} fileName={name} valid={!!validId && !issues?.length} seed={seed} onWrite={(t) => setText(t, name)} />
          <SelfTestPanel text={text} fileName={name} onResult={(t, ok) => setPassedText(ok ? t : undefined)} />
        </div>
      </div>
    </section>
  );
}

function jumpTo(h: EditorHandle | undefined, i: IssueView): void {
  if (!h) return;
  const doc = h.view.state.doc;
  const line = doc.line(Math.min(Math.max(1, i.line), doc.lines));
  const pos = Math.min(line.from + i.col - 1, line.to);
  h.view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  h.view.focus();
}
