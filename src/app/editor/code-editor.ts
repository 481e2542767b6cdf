/**
 * The CodeMirror 6 editor for scenario YAML: YAML highlighting (a dark theme), completion of
 * keys and literal values from the JSON Schema, hover docs from the schema's descriptions, and
 * live validation in the authoring worker shown as underlined diagnostics at the loader's
 * line:col with the same messages as `faultline validate`. DOM text only (no innerHTML).
 */
import { EditorState } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, hoverTooltip, keymap, lineNumbers } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { HighlightStyle, bracketMatching, foldGutter, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { linter, lintGutter, lintKeymap, type Diagnostic } from "@codemirror/lint";
import { autocompletion, closeBrackets, completionKeymap, type Completion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { tags as t } from "@lezer/highlight";
import schemaJson from "../../../schema/scenario.schema.json";
import { contextAt, describeKey, keyOptions, valueOptions, type JsonSchema } from "./schema-nav.js";
import { validateInWorker } from "./authoring-client.js";
import type { IssueView } from "./authoring-protocol.js";

const schema = schemaJson as unknown as JsonSchema;

const highlight = HighlightStyle.define([
  { tag: [t.propertyName, t.definition(t.propertyName)], color: "#79c0ff" },
  { tag: [t.string, t.special(t.string)], color: "#a5d6ff" },
  { tag: [t.number, t.bool, t.null], color: "#ffa657" },
  { tag: [t.comment, t.lineComment], color: "#8b949e", fontStyle: "italic" },
  { tag: [t.keyword, t.typeName, t.labelName], color: "#ff7b72" },
  { tag: [t.punctuation, t.separator, t.squareBracket, t.brace], color: "#c9d1d9" },
  { tag: t.meta, color: "#d2a8ff" },
]);

const theme = EditorView.theme(
  {
    "&": { backgroundColor: "#0d1117", color: "#d7dde4", height: "100%", fontSize: "13px" },
    ".cm-content": { fontFamily: '"DejaVu Sans Mono", Menlo, Consolas, monospace', caretColor: "#d7dde4" },
    ".cm-gutters": { backgroundColor: "#0d1117", color: "#6e7681", border: "none" },
    ".cm-activeLine": { backgroundColor: "#161b22" },
    ".cm-activeLineGutter": { backgroundColor: "#161b22" },
    "&.cm-focused .cm-cursor": { borderLeftColor: "#d7dde4" },
    "&.cm-focused .cm-selectionBackground, .cm-selectionBackground": { backgroundColor: "#264f78" },
    ".cm-tooltip": { backgroundColor: "#161b22", color: "#d7dde4", border: "1px solid #30363d", maxWidth: "420px" },
    ".cm-tooltip-autocomplete ul li[aria-selected]": { backgroundColor: "#1f6feb", color: "white" },
    ".cm-scroller": { overflow: "auto" },
  },
  { dark: true },
);

/** Offsets of a loader issue (1-based line and column), spanning the token it points at. */
export function issueRange(state: EditorState, line: number, col: number): { from: number; to: number } {
  const l = state.doc.line(Math.min(Math.max(1, line), state.doc.lines));
  let from = Math.min(l.from + Math.max(0, col - 1), l.to);
  const rest = state.doc.sliceString(from, l.to);
  const token = /^("[^"]*"|'[^']*'|[^\s,\]}]+)/.exec(rest)?.[0] ?? "";
  let to = from + token.replace(/:$/, "").length;
  if (to === from) {
    if (from < l.to) to = from + 1;
    else if (from > l.from) from -= 1;
  }
  return { from, to: Math.max(to, from) };
}

function complete(ctx: CompletionContext): CompletionResult | null {
  const c = contextAt(ctx.state.doc.toString(), ctx.pos);
  if (c.kind === "text" || (!c.prefix && !ctx.explicit)) return null;
  const indent = c.from - ctx.state.doc.lineAt(c.from).from;
  let options: Completion[];
  if (c.kind === "key") {
    options = keyOptions(schema, c.path)
      .filter((k) => !c.siblings.includes(k.name))
      .map((k) => ({ label: k.name, type: "property", detail: k.type + (k.required ? " · required" : ""), info: k.description || undefined, boost: k.required ? 1 : 0, apply: k.block ? `${k.name}:\n${" ".repeat(indent + 2)}` : `${k.name}: ` }));
  } else {
    options = valueOptions(schema, c.path).map((v) => ({ label: v.label, type: "enum", info: v.description || undefined }));
  }
  if (!options.length) return null;
  return { from: c.from, options, validFor: /^[\w$-]*$/ };
}

const hover = hoverTooltip((view, pos) => {
  const line = view.state.doc.lineAt(pos);
  const text = line.text;
  let a = pos - line.from;
  let b = a;
  while (a > 0 && /[\w$-]/.test(text[a - 1]!)) a--;
  while (b < text.length && /[\w$-]/.test(text[b]!)) b++;
  if (a === b || !/^\s*:/.test(text.slice(b))) return null;
  const key = text.slice(a, b);
  const ctx = contextAt(view.state.doc.toString(), line.from + a);
  if (ctx.kind === "text") return null;
  const doc = describeKey(schema, ctx.path, key);
  if (!doc) return null;
  return {
    pos: line.from + a,
    end: line.from + b,
    above: true,
    create: () => {
      const dom = document.createElement("div");
      dom.className = "cm-schema-doc";
      const h = document.createElement("strong");
      h.textContent = doc.title;
      const ty = document.createElement("div");
      ty.className = "cm-schema-type";
      ty.textContent = doc.type;
      const d = document.createElement("div");
      d.textContent = doc.description;
      dom.append(h, ty, d);
      return { dom };
    },
  };
});

export interface EditorHandle {
  view: EditorView;
  /** replaces the whole text (one undoable change) */
  setText(text: string): void;
  getText(): string;
  destroy(): void;
}

export interface EditorOptions {
  parent: HTMLElement;
  text: string;
  /** the file name shown in messages (`file:line:col: message`) */
  fileName(): string;
  onChange(text: string): void;
  /** the latest validation: issues (empty = valid) and the scenario id when valid */
  onValidated(issues: IssueView[], id: string | undefined): void;
}

export function createEditor(o: EditorOptions): EditorHandle {
  const lint = linter(
    async (view): Promise<Diagnostic[]> => {
      const r = await validateInWorker(o.fileName(), view.state.doc.toString());
      if (!r) return [];
      o.onValidated(r.issues, r.id);
      return r.issues.map((i) => ({ ...issueRange(view.state, i.line, i.col), severity: "error", message: i.message, source: `${i.line}:${i.col}` }));
    },
    { delay: 350 },
  );
  const view = new EditorView({
    parent: o.parent,
    state: EditorState.create({
      doc: o.text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        lintGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        EditorState.tabSize.of(2),
        // long comments and briefings wrap in the half-width pane instead of scrolling sideways
        EditorView.lineWrapping,
        yaml(),
        syntaxHighlighting(highlight),
        autocompletion({ override: [complete], activateOnTyping: true }),
        hover,
        lint,
        keymap.of([indentWithTab, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
        theme,
        EditorView.contentAttributes.of({ "aria-label": "Scenario YAML" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) o.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    getText: () => view.state.doc.toString(),
    destroy: () => view.destroy(),
  };
}
