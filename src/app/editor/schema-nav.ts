/**
 * Where the cursor is in a scenario YAML file, and what the JSON Schema
 * (schema/scenario.schema.json) says about it: the editor's completion and hover docs come from
 * here. `contextAt` reads the block structure by indentation (it works on half-typed, invalid
 * text, which a YAML parser would reject): the path of keys and list items above the cursor,
 * and whether a key or a value is being typed. `schemaAt` follows that path through the schema
 * ($ref to $defs, unions, arrays); `keyOptions`/`valueOptions`/`describe` turn it into
 * completions and documentation. DOM-free; tested in schema-nav.test.ts.
 */

export type Seg = string | number;

export interface JsonSchema {
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

export interface CursorContext {
  /** keys and list indexes of the mapping the cursor is in (key) or of the key whose value it types */
  path: Seg[];
  /** text = inside a block scalar (briefing: |), where nothing is completed */
  kind: "key" | "value" | "text";
  /** the partial word typed so far, and where it starts */
  prefix: string;
  from: number;
  /** keys already present in the same mapping (not offered again) */
  siblings: string[];
}

interface Frame {
  indent: number;
  seg: Seg;
  dash: boolean;
}

const KEY_RE = /^([A-Za-z_$][\w$-]*)\s*:(?:\s|$)/;

/** Pops frames that a token at column `col` closes (a key: same or deeper; a dash: deeper, or a previous item). */
function closeFor(stack: Frame[], col: number, dash: boolean): void {
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.indent > col || (top.indent === col && (!dash || top.dash))) stack.pop();
    else break;
  }
}

/** Applies one complete line to the frame stack; returns the column of a block scalar's key when the line opens one. */
function applyLine(stack: Frame[], line: string): number | undefined {
  let col = line.search(/\S/);
  if (col < 0 || line[col] === "#") return undefined;
  let rest = line.slice(col);
  while (/^-(\s|$)/.test(rest)) {
    closeFor(stack, col, true);
    stack.push({ indent: col, seg: 0, dash: true });
    const skip = rest.match(/^-\s*/)![0].length;
    col += skip;
    rest = rest.slice(skip);
    if (!rest) return undefined;
  }
  const m = KEY_RE.exec(rest);
  if (!m) return undefined;
  closeFor(stack, col, false);
  stack.push({ indent: col, seg: m[1]!, dash: false });
  const after = rest.slice(m[0].length).replace(/\s+#.*$/, "").trim();
  return /^[|>][-+0-9]*$/.test(after) ? col : undefined;
}

/** The cursor's context in `text` at offset `pos`. */
export function contextAt(text: string, pos: number): CursorContext {
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  const stack: Frame[] = [];
  let blockCol: number | undefined;
  const lines = text.slice(0, lineStart).split("\n");
  lines.pop();
  for (const line of lines) {
    if (blockCol !== undefined) {
      const c = line.search(/\S/);
      if (c < 0 || c > blockCol) continue;
      blockCol = undefined;
    }
    blockCol = applyLine(stack, line);
  }
  // the current line up to the cursor
  let col = before.search(/\S/);
  if (col < 0) col = before.length;
  if (blockCol !== undefined && col > blockCol) return { path: [], kind: "text", prefix: "", from: pos, siblings: [] };
  let rest = before.slice(col);
  while (/^-(\s|$)/.test(rest) && rest.length > 1) {
    closeFor(stack, col, true);
    stack.push({ indent: col, seg: 0, dash: true });
    const skip = rest.match(/^-\s*/)![0].length;
    col += skip;
    rest = rest.slice(skip);
  }
  const valueMatch = /^([A-Za-z_$][\w$-]*)\s*:\s+(.*)$/.exec(rest) ?? /^([A-Za-z_$][\w$-]*)\s*:()$/.exec(rest);
  if (valueMatch) {
    closeFor(stack, col, false);
    const prefix = /[^\s[{,:]*$/.exec(valueMatch[2]!)![0];
    return { path: [...stack.map((f) => f.seg), valueMatch[1]!], kind: "value", prefix, from: pos - prefix.length, siblings: [] };
  }
  closeFor(stack, col, false);
  const prefix = /^[A-Za-z_$][\w$-]*$/.test(rest) ? rest : "";
  const path = stack.map((f) => f.seg);
  return { path, kind: "key", prefix, from: pos - prefix.length, siblings: siblingKeys(text, lineStart, col) };
}

/** Keys at column `col` in the same block as the line at `lineStart`. */
function siblingKeys(text: string, lineStart: number, col: number): string[] {
  const out: string[] = [];
  const scan = (lines: string[]) => {
    for (const line of lines) {
      const c = line.search(/\S/);
      if (c < 0 || line[c] === "#") continue;
      if (c < col) {
        // a dash at col-2 starts the same item only on its own line; anything else ends the block
        if (!(line.slice(c).startsWith("- ") && c + 2 === col && out.length === 0)) break;
        const m = KEY_RE.exec(line.slice(c + 2));
        if (m) out.push(m[1]!);
        break;
      }
      if (c === col) {
        const m = KEY_RE.exec(line.slice(c));
        if (m) out.push(m[1]!);
      }
    }
  };
  const lineEnd = text.indexOf("\n", lineStart);
  scan(lineEnd < 0 ? [] : text.slice(lineEnd + 1).split("\n"));
  scan(text.slice(0, Math.max(0, lineStart - 1)).split("\n").reverse());
  return out;
}

function deref(root: JsonSchema, s: JsonSchema): JsonSchema {
  if (!s.$ref) return s;
  const name = s.$ref.replace(/^#\/\$defs\//, "");
  return root.$defs?.[name] ?? Object.values(root.$defs ?? {}).find((d) => d.$id === name) ?? s;
}

/** The schema alternatives (union branches flattened) describing the value at `path`. */
export function schemaAt(root: JsonSchema, path: Seg[]): JsonSchema[] {
  let cur: JsonSchema[] = [root];
  for (const seg of path) {
    const next: JsonSchema[] = [];
    for (const s of flatten(root, cur)) {
      if (typeof seg === "number") {
        if (s.items) next.push(deref(root, s.items));
      } else if (s.properties?.[seg]) next.push(deref(root, s.properties[seg]!));
    }
    if (!next.length) return [];
    cur = next;
  }
  return flatten(root, cur);
}

function flatten(root: JsonSchema, list: JsonSchema[]): JsonSchema[] {
  const out: JsonSchema[] = [];
  const visit = (s: JsonSchema, depth: number) => {
    const d = deref(root, s);
    const alts = d.anyOf ?? d.oneOf;
    if (alts && depth < 8) for (const a of alts) visit(a, depth + 1);
    else out.push(d.description || !s.description ? d : { ...d, description: s.description });
  };
  for (const s of list) visit(s, 0);
  return out;
}

export interface KeyOption {
  name: string;
  description: string;
  type: string;
  required: boolean;
  /** an object or array value: the completion opens a new indented line */
  block: boolean;
}

/** The keys an object at `path` may have (from every union branch). */
export function keyOptions(root: JsonSchema, path: Seg[]): KeyOption[] {
  const out = new Map<string, KeyOption>();
  for (const s of schemaAt(root, path)) {
    for (const name of Object.keys(s.properties ?? {})) {
      if (out.has(name)) continue;
      const alts = schemaAt(root, [...path, name]);
      out.set(name, { name, description: describeAll(alts), type: typeText(alts), required: s.required?.includes(name) ?? false, block: alts.length > 0 && alts.every((a) => a.type === "object" || a.type === "array") });
    }
  }
  return [...out.values()];
}

/** Literal values the value at `path` may take (consts, enums, booleans). */
export function valueOptions(root: JsonSchema, path: Seg[]): { label: string; description: string }[] {
  const out: { label: string; description: string }[] = [];
  for (const s of schemaAt(root, path)) {
    if (s.const !== undefined) out.push({ label: String(s.const), description: s.description ?? "" });
    for (const e of s.enum ?? []) out.push({ label: String(e), description: s.description ?? "" });
    if (s.type === "boolean") out.push({ label: "true", description: s.description ?? "" }, { label: "false", description: s.description ?? "" });
  }
  return out.filter((o, i) => out.findIndex((x) => x.label === o.label) === i);
}

export function typeText(alts: JsonSchema[]): string {
  const parts = alts.map((a) => {
    if (a.const !== undefined) return JSON.stringify(a.const);
    const t = Array.isArray(a.type) ? a.type.join(" | ") : (a.type ?? "any");
    if (t === "array") return "list";
    if (t === "object") return "mapping";
    return t === "integer" ? "whole number" : t;
  });
  return [...new Set(parts)].join(" | ");
}

function describeAll(alts: JsonSchema[]): string {
  return [...new Set(alts.map((a) => a.description).filter((d): d is string => !!d))].join("; ");
}

/** Documentation for the key `key` in the mapping at `path`: its description, type and limits. */
export function describeKey(root: JsonSchema, path: Seg[], key: string): { title: string; description: string; type: string } | undefined {
  const parents = schemaAt(root, path);
  if (!parents.some((p) => p.properties?.[key])) return undefined;
  const alts = schemaAt(root, [...path, key]);
  const limits = alts
    .flatMap((a) => [a.minimum !== undefined ? `≥ ${a.minimum}` : "", a.maximum !== undefined ? `≤ ${a.maximum}` : ""])
    .filter(Boolean);
  const required = parents.some((p) => p.required?.includes(key));
  return { title: `${pathLabel([...path, key])}${required ? " (required)" : ""}`, description: describeAll(alts) || "(no description)", type: typeText(alts) + (limits.length ? ` (${[...new Set(limits)].join(", ")})` : "") };
}

/** host.processes[].comm */
export function pathLabel(path: Seg[]): string {
  let out = "";
  for (const s of path) out += typeof s === "number" ? "[]" : out ? `.${s}` : s;
  return out;
}
