/**
 * loadScenario(text, file): YAML text -> a validated, typed Scenario, or located issues
 * (`file:line:col: message`). Validation happens once, here, at the boundary: YAML syntax
 * (with alias-bomb protection), the JSON Schema (ajv, errors rewritten into plain sentences
 * and mapped back to the YAML node's line and column), {{variable}} references, fault types
 * and parameters (by compiling a host), predicates that name services/processes/paths that
 * do not exist, regexes that do not compile or could backtrack catastrophically, and
 * walkthrough command lines (through an injected bash-syntax checker). Nothing downstream
 * validates again, and a broken scenario never loads.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, visit, type Document, type Node as YamlNode } from "yaml";
import type { ErrorObject } from "ajv";
import type { ScenarioFile } from "./schema.js";
import { coercingValidator, strictValidator } from "./validator.js";
import { compileScenario, CompileError, drawVariables, substitute } from "./compile-scenario.js";
import { faultNames, FAULTS } from "../engine/index.js";
import { regexRisk } from "./regex-safety.js";

export interface ScenarioIssue {
  file: string;
  line: number;
  col: number;
  /** JSON path of the offending value, e.g. host.processes[2].comm */
  path: string;
  message: string;
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export interface Scenario extends ScenarioFile {
  /** content hash (FNV-1a of the source text), for session logs */
  contentHash: string;
  /** file name it was loaded from */
  sourceFile: string;
}

export interface LoadOptions {
  /** returns an error message when a command line is not valid bash */
  checkShellSyntax?: (line: string) => string | undefined;
  /** maximum text size accepted (bytes) */
  maxBytes?: number;
}


export function formatIssue(i: ScenarioIssue): string {
  return `${i.file}:${i.line}:${i.col}: ${i.message}`;
}

function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/** Path segments of an ajv instancePath ("/host/processes/0/comm"). */
function segments(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function pathText(segs: (string | number)[]): string {
  let out = "";
  for (const s of segs) out += typeof s === "number" ? `[${s}]` : out ? `.${s}` : s;
  return out || "(top level)";
}

/** The YAML node at a path (or the deepest existing ancestor), and for keys the key node. */
function nodeAt(doc: Document, segs: (string | number)[], key?: string): YamlNode | undefined {
  let cur: unknown = doc.contents;
  let last: YamlNode | undefined = doc.contents as YamlNode | undefined;
  for (const s of segs) {
    if (isMap(cur)) {
      const pair = cur.items.find((p) => isScalar(p.key) && p.key.value === s);
      if (!pair) break;
      cur = pair.value;
      if (cur) last = cur as YamlNode;
      else {
        last = pair.key as YamlNode;
        break;
      }
    } else if (isSeq(cur) && typeof s === "number") {
      cur = cur.items[s];
      if (!cur) break;
      last = cur as YamlNode;
    } else break;
  }
  if (key && isMap(cur)) {
    const pair = cur.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair?.key) return pair.key as YamlNode;
  }
  return last;
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return dp[a.length]![b.length]!;
}

function suggest(word: string, options: string[]): string {
  const best = options.map((o) => [o, levenshtein(word, o)] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean '${best[0]}'?)` : "";
}

/** Turns ajv's errors into one plain sentence each, dropping union noise. */
function valueAt(data: unknown, segs: (string | number)[]): unknown {
  let cur: unknown = data;
  for (const s of segs) {
    if (cur && typeof cur === "object") cur = (cur as Record<string | number, unknown>)[s];
    else return undefined;
  }
  return cur;
}

function describeAjvErrors(errors: ErrorObject[], data: unknown): { segs: (string | number)[]; key?: string; message: string }[] {
  const out: { segs: (string | number)[]; key?: string; message: string }[] = [];
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const k = e.instancePath;
    byPath.set(k, [...(byPath.get(k) ?? []), e]);
  }
  for (const [path, errs] of byPath) {
    const segs = segments(path);
    const here = pathText(segs);
    // a union failed: if one branch is a string-with-pattern and the other a number, say so simply
    const nonUnion = errs.filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf");
    const types = nonUnion.filter((e) => e.keyword === "type").map((e) => String(e.params.type));
    const consts = nonUnion.filter((e) => e.keyword === "const").map((e) => JSON.stringify(e.params.allowedValue));
    if (consts.length > 1 || (consts.length && errs.some((e) => e.keyword === "anyOf"))) {
      out.push({ segs, message: `${here}: must be one of ${consts.join(", ")}` });
      continue;
    }
    const patternErr = nonUnion.find((e) => e.keyword === "pattern");
    if (patternErr && types.length === 1 && errs.some((e) => e.keyword === "anyOf")) {
      out.push({ segs, message: `${here}: ${describePattern(String(patternErr.params.pattern))}${types[0] === "number" ? ", or a number" : ""}` });
      continue;
    }
    if (types.length > 1) {
      const patterns = nonUnion.filter((e) => e.keyword === "pattern");
      out.push({ segs, message: `${here}: must be ${[...new Set(types)].join(" or ")}${patterns.length ? ` (as text: ${describePattern(String(patterns[0]!.params.pattern))})` : ""}` });
      continue;
    }
    for (const e of nonUnion) {
      switch (e.keyword) {
        case "required":
          out.push({ segs, message: `${here}: missing required field '${String(e.params.missingProperty)}'` });
          break;
        case "additionalProperties": {
          const extra = String(e.params.additionalProperty);
          const schema = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
          out.push({ segs, key: extra, message: `${here}: unknown field '${extra}'${suggest(extra, Object.keys(schema?.properties ?? {}))}` });
          break;
        }
        case "type": {
          const v = valueAt(data, segs);
          const quote = e.params.type === "string" && (typeof v === "number" || typeof v === "boolean" || v === null) ? ` (YAML read ${JSON.stringify(v)} as a ${v === null ? "null" : typeof v}: put it in quotes)` : "";
          out.push({ segs, message: `${here}: must be ${e.params.type === "integer" ? "a whole number" : `a ${String(e.params.type)}`}${quote}` });
          break;
        }
        case "pattern":
          out.push({ segs, message: `${here}: ${describePattern(String(e.params.pattern))}` });
          break;
        case "minimum":
        case "maximum":
        case "exclusiveMinimum":
        case "exclusiveMaximum":
          out.push({ segs, message: `${here}: must be ${e.keyword.startsWith("min") || e.keyword === "exclusiveMinimum" ? "at least" : "at most"} ${String(e.params.limit)}${e.keyword.startsWith("exclusive") ? " (exclusive)" : ""}` });
          break;
        case "minItems":
          out.push({ segs, message: `${here}: needs at least ${String(e.params.limit)} item${e.params.limit === 1 ? "" : "s"}` });
          break;
        case "maxItems":
          out.push({ segs, message: `${here}: has more than ${String(e.params.limit)} items` });
          break;
        case "minLength":
          out.push({ segs, message: `${here}: must not be ${e.params.limit === 1 ? "empty" : `shorter than ${String(e.params.limit)} characters`}` });
          break;
        case "maxLength":
          out.push({ segs, message: `${here}: is longer than ${String(e.params.limit)} characters` });
          break;
        case "minProperties":
          out.push({ segs, message: `${here}: must not be empty` });
          break;
        case "maxProperties":
          out.push({ segs, message: `${here}: must have exactly one kind (int, float, pick or hex)` });
          break;
        case "const":
          out.push({ segs, message: `${here}: must be ${JSON.stringify(e.params.allowedValue)}` });
          break;
        default:
          out.push({ segs, message: `${here}: ${e.message ?? "is invalid"}` });
      }
    }
    if (!nonUnion.length) out.push({ segs, message: `${here}: has an invalid value` });
  }
  return out;
}

function describePattern(p: string): string {
  if (p.includes("ms|s|m|h")) return "must be a duration like 30s, 2m, 1h, 3d or 500ms";
  if (p.startsWith("^[a-z0-9][a-z0-9-]")) return "must be lowercase letters, digits and dashes";
  if (p === "^/") return "must be an absolute path (start with /)";
  if (p.includes("\\{\\{")) return "must be a {{variable}} reference";
  return `must match ${p}`;
}

const MAX_BYTES = 2 * 1024 * 1024;

/** Loads and validates a scenario. */
export function loadScenario(text: string, file = "scenario.yaml", opts: LoadOptions = {}): Result<Scenario, ScenarioIssue[]> {
  try {
    return loadUnguarded(text, file, opts);
  } catch (e) {
    // hostile input that exhausts the stack (thousands of nested brackets) is an authoring error too
    if (e instanceof RangeError) return { ok: false, error: [{ file, line: 1, col: 1, path: "", message: TOO_DEEP }] };
    throw e;
  }
}

const TOO_DEEP = "the file nests too deeply to load (keep mappings and lists under a few hundred levels)";

/** The path of a value that contains itself (a YAML anchor used inside its own node), or undefined. */
function cyclePath(v: unknown, segs: (string | number)[] = [], open = new Set<object>()): (string | number)[] | undefined {
  if (!v || typeof v !== "object") return undefined;
  if (open.has(v)) return segs;
  open.add(v);
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  for (const [k, x] of entries) {
    const found = cyclePath(x, [...segs, k], open);
    if (found) return found;
  }
  open.delete(v);
  return undefined;
}

function loadUnguarded(text: string, file: string, opts: LoadOptions): Result<Scenario, ScenarioIssue[]> {
  const issues: ScenarioIssue[] = [];
  const lc = new LineCounter();
  if (text.length > (opts.maxBytes ?? MAX_BYTES)) return { ok: false, error: [{ file, line: 1, col: 1, path: "", message: `file is too large (${text.length} bytes; the limit is ${opts.maxBytes ?? MAX_BYTES})` }] };
  // logLevel "error": a mapping used as a key is reported by the schema, not warned about on the console
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, strict: true, logLevel: "error" });
  const at = (node: YamlNode | undefined): { line: number; col: number } => {
    const off = node?.range?.[0] ?? 0;
    const p = lc.linePos(off);
    return { line: p.line, col: p.col };
  };
  for (const e of doc.errors) {
    const pos = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
    const msg = /call stack/i.test(e.message) ? TOO_DEEP : e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    issues.push({ file, line: pos.line, col: pos.col, path: "", message: `YAML syntax: ${msg}` });
  }
  if (issues.length) return { ok: false, error: issues };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // yaml refuses alias bombs (billion laughs); point at the first alias
    let alias: YamlNode | undefined;
    visit(doc, { Alias: (_k, n) => ((alias = n), visit.BREAK) });
    const msg = e instanceof Error && /alias/i.test(e.message) ? "YAML: aliases expand too often (over 100 times: an alias bomb?); copy the values instead" : `YAML: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, error: [{ file, ...at(alias), path: "", message: msg }] };
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return { ok: false, error: [{ file, line: 1, col: 1, path: "", message: "a scenario file must be a YAML mapping (id:, title:, ...)" }] };
  const cycle = cyclePath(data);
  if (cycle) return { ok: false, error: [{ file, ...at(nodeAt(doc, cycle)), path: pathText(cycle), message: `${pathText(cycle)}: a YAML alias refers to the node that contains it (a cycle); copy the value instead` }] };
  const validate = strictValidator();
  const report = (errors: ErrorObject[], against: unknown, skipTemplated: boolean): void => {
    // values that are {{variables}} are checked after substitution, not before
    const kept = skipTemplated ? errors.filter((e) => !/\{\{/.test(String(valueAt(data, segments(e.instancePath)) ?? ""))) : errors;
    for (const d of describeAjvErrors(kept, against).slice(0, 50)) {
      const node = nodeAt(doc, d.segs, d.key);
      issues.push({ file, ...at(node), path: pathText(d.segs), message: d.message });
    }
  };
  if (!validate(data)) {
    report(validate.errors ?? [], data, true);
    if (issues.length) return { ok: false, error: dedupe(issues) };
  }
  {
    const raw = data as ScenarioFile;
    let substituted: unknown;
    try {
      substituted = substitute(raw, drawVariables(raw, raw.seed ?? 1));
    } catch {
      substituted = data;
    }
    const coerce = coercingValidator();
    if (!coerce(substituted)) {
      report(coerce.errors ?? [], substituted, false);
      for (const i of issues) i.message += " (after substituting {{variables}})";
      if (issues.length) return { ok: false, error: dedupe(issues) };
    }
  }
  const scenario = data as ScenarioFile;
  const locate = (segs: (string | number)[], message: string): void => {
    issues.push({ file, ...at(nodeAt(doc, segs)), path: pathText(segs), message: `${pathText(segs)}: ${message}` });
  };
  // {{variables}}
  const vars = new Set(Object.keys(scenario.randomize ?? {}));
  const walk = (v: unknown, segs: (string | number)[]): void => {
    if (typeof v === "string") {
      for (const m of v.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) if (!vars.has(m[1]!)) locate(segs, `uses {{${m[1]}}} but randomize has no '${m[1]}'${suggest(m[1]!, [...vars])}`);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...segs, i]));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) if (k !== "randomize") walk(x, [...segs, k]);
  };
  walk(scenario, []);
  for (const [name, r] of Object.entries(scenario.randomize ?? {})) {
    if (r.int && r.int[0] > r.int[1]) locate(["randomize", name, "int"], "min is greater than max");
    if (r.float && r.float[0] > r.float[1]) locate(["randomize", name, "float"], "min is greater than max");
  }
  // faults
  const known = faultNames();
  (scenario.faults ?? []).forEach((f, i) => {
    if (!FAULTS[f.type]) locate(["faults", i, "type"], `unknown fault type '${f.type}'${suggest(f.type, known)} (known: ${known.join(", ")})`);
    else for (const k of Object.keys(f.params ?? {})) if (!(k in FAULTS[f.type]!.params)) locate(["faults", i, "params", k], `fault '${f.type}' has no parameter '${k}'${suggest(k, Object.keys(FAULTS[f.type]!.params))}`);
  });
  (scenario.timeline ?? []).forEach((t, i) => {
    if (t.fault && !FAULTS[t.fault.type]) locate(["timeline", i, "fault", "type"], `unknown fault type '${t.fault.type}'${suggest(t.fault.type, known)}`);
    const kinds = ["fault", "kernelLog", "journal", "appendLog"].filter((k) => (t as Record<string, unknown>)[k] !== undefined);
    if (kinds.length !== 1) locate(["timeline", i], "needs exactly one of fault, kernelLog, journal, appendLog");
  });
  // regexes
  const checkRegex = (src: string, flags: string, segs: (string | number)[]): void => {
    try {
      new RegExp(src, flags.replace(/[^im]/g, ""));
    } catch (e) {
      locate(segs, `invalid regular expression: ${e instanceof Error ? e.message.replace(/^Invalid regular expression: /, "") : String(e)}`);
      return;
    }
    const risk = regexRisk(src);
    if (risk) locate(segs, `regular expression could backtrack catastrophically: ${risk}`);
  };
  scenario.rubric.evidence.forEach((e, i) =>
    e.anyOf.forEach((p, j) => {
      if (p.output) checkRegex(p.output, p.flags ?? "", ["rubric", "evidence", i, "anyOf", j, "output"]);
      if (p.command) checkRegex(p.command, p.flags ?? "", ["rubric", "evidence", i, "anyOf", j, "command"]);
    }),
  );
  (scenario.rubric.redHerrings ?? []).forEach((e, i) =>
    e.anyOf.forEach((p, j) => {
      if (p.output) checkRegex(p.output, p.flags ?? "", ["rubric", "redHerrings", i, "anyOf", j, "output"]);
      if (p.command) checkRegex(p.command, p.flags ?? "", ["rubric", "redHerrings", i, "anyOf", j, "command"]);
    }),
  );
  (scenario.rubric.destructive ?? []).forEach((d, i) => checkRegex(d.command, "", ["rubric", "destructive", i, "command"]));
  (scenario.rubric.fixCommands ?? []).forEach((d, i) => checkRegex(d, "", ["rubric", "fixCommands", i]));
  scenario.diagnosis.accepted.forEach((a, i) => a.all.forEach((r, j) => checkRegex(r, "i", ["diagnosis", "accepted", i, "all", j])));
  const ids = new Set<string>();
  scenario.rubric.evidence.forEach((e, i) => {
    if (ids.has(e.id)) locate(["rubric", "evidence", i, "id"], `duplicate id '${e.id}'`);
    ids.add(e.id);
  });
  // walkthrough syntax
  const paths: [string, (string | number)[], { run?: string }[]][] = [
    ["walkthrough", ["walkthrough", "steps"], scenario.walkthrough.steps],
    ...(scenario.variants ?? []).map((v, i) => [v.id, ["variants", i, "steps"], v.steps] as [string, (string | number)[], { run?: string }[]]),
    ...scenario.antiPaths.map((v, i) => [v.id, ["antiPaths", i, "steps"], v.steps] as [string, (string | number)[], { run?: string }[]]),
  ];
  for (const [, segs, steps] of paths) {
    steps.forEach((s, i) => {
      if (s.run !== undefined && opts.checkShellSyntax) {
        const err = opts.checkShellSyntax(s.run);
        if (err) locate([...segs, i, "run"], `command does not parse: ${err}`);
      }
    });
  }
  if (!scenario.walkthrough.steps.some((s) => s.diagnose)) locate(["walkthrough", "steps"], "the walkthrough must submit a diagnosis (a step with diagnose:)");
  if (issues.length) return { ok: false, error: dedupe(issues) };
  // compile a host at the default seed: fault parameters and predicate references are checked against it
  try {
    compileScenario(scenario, scenario.seed ?? 1, { check: true });
  } catch (e) {
    if (e instanceof CompileError) {
      for (const p of e.problems) locate(p.path, p.message);
      return { ok: false, error: dedupe(issues) };
    }
    throw e;
  }
  return { ok: true, value: { ...scenario, contentHash: fnv(text), sourceFile: file } };
}

function dedupe(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = formatIssue(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }).sort((a, b) => a.line - b.line || a.col - b.col);
}
