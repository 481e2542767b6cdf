/**
 * Recording a walkthrough in the editor: the engine's journal of a "Try it" session (command
 * lines, think time, notes, hypotheses, hints, the diagnosis) becomes scenario steps, each
 * with the narration (`say`) and milestone the instructor added, and is written back into the
 * YAML text as `walkthrough.steps` or as an anti-path (replacing one with the same id). Only
 * that node's text is replaced, so the rest of the file keeps its comments, alignment and flow
 * lists byte for byte (when the node cannot be spliced, yaml's Document API rewrites the file,
 * comments kept). DOM-free.
 */
import { Document, isMap, isSeq, parseDocument } from "yaml";
import type { JournalEntry } from "../worker/protocol.js";

export type Milestone = "evidence" | "hypothesis" | "fix" | "verify";

export interface RecordedStep {
  run?: string;
  wait?: string;
  note?: string;
  hypothesis?: string;
  hint?: string;
  diagnose?: { category: string; text: string };
  say?: string;
  milestone?: Milestone;
}

/** Think time shorter than this is not written as a `wait:` step (the harness adds 5 s before each command). */
export const MIN_RECORDED_WAIT_MS = 20_000;

function secondsText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s % 60 === 0 ? `${s / 60}m` : `${s}s`;
}

/** Journal entries -> steps (long pauses become waits; logout lines are dropped). */
export function stepsFromJournal(journal: JournalEntry[]): RecordedStep[] {
  const steps: RecordedStep[] = [];
  let waited = 0;
  const flushWait = () => {
    if (waited >= MIN_RECORDED_WAIT_MS) steps.push({ wait: secondsText(waited) });
    waited = 0;
  };
  for (const e of journal) {
    switch (e.t) {
      case "wait":
        waited += e.ms;
        break;
      case "input": {
        const line = e.line.trim();
        if (!line || /^(exit|logout)$/.test(line)) break;
        flushWait();
        steps.push({ run: e.line });
        break;
      }
      case "note":
        flushWait();
        steps.push({ note: e.text });
        break;
      case "hypothesis":
        flushWait();
        steps.push({ hypothesis: e.text });
        break;
      case "hint":
        flushWait();
        steps.push({ hint: e.id });
        break;
      case "diagnosis":
        flushWait();
        steps.push({ diagnose: { category: e.category, text: e.text } });
        break;
      default:
        break;
    }
  }
  return steps;
}

/** A step as it is written to YAML (empty narration dropped, keys in the usual order). */
function plain(s: RecordedStep): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of ["run", "wait", "note", "hypothesis", "hint", "diagnose", "say", "milestone"] as const) {
    const v = s[k];
    if (v !== undefined && v !== "") o[k] = typeof v === "string" ? v : { ...v };
  }
  return o;
}

interface Ranged {
  range?: [number, number, number] | null;
  flow?: boolean;
}

/** `value` as block YAML whose first line starts at column `col` and whose other lines are indented to it. */
function blockAt(value: unknown, col: number): string {
  const lines = new Document(value).toString({ lineWidth: 0 }).replace(/\n$/, "").split("\n");
  return lines.map((l, i) => (i === 0 || l === "" ? l : " ".repeat(col) + l)).join("\n");
}

function columnOf(text: string, pos: number): number {
  return pos - (text.lastIndexOf("\n", pos - 1) + 1);
}

/** Replaces a block node's text with `value`; undefined when the node has no usable range. */
function replaceNode(text: string, node: unknown, value: unknown): string | undefined {
  const r = (node as Ranged | undefined)?.range;
  if (!r || (node as Ranged).flow) return undefined;
  return text.slice(0, r[0]) + blockAt(value, columnOf(text, r[0])) + text.slice(r[1]);
}

/** Appends `value` as a new item of a block sequence; undefined when it cannot. */
function appendItem(text: string, seq: unknown, value: unknown): string | undefined {
  const r = (seq as Ranged | undefined)?.range;
  if (!r || (seq as Ranged).flow || !isSeq(seq) || !seq.items.length) return undefined;
  const col = columnOf(text, r[0]);
  // right after the last item, before the blank lines that end the list
  let end = r[1];
  while (end > r[0] && /\s/.test(text[end - 1]!)) end--;
  return `${text.slice(0, end)}\n${" ".repeat(col)}- ${blockAt(value, col + 2)}${text.slice(end)}`;
}

export type WriteTarget = { kind: "walkthrough" } | { kind: "anti-path"; id: string; title: string; maxScore: number };

/** The YAML text with the recorded steps written as the walkthrough or an anti-path; throws on unparsable YAML. */
export function writeSteps(text: string, steps: RecordedStep[], target: WriteTarget): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`the YAML does not parse (${doc.errors[0]!.message.split("\n")[0]}): fix it before writing the recording`);
  if (!isMap(doc.contents)) throw new Error("the file is not a YAML mapping");
  const items = steps.map(plain).filter((s) => Object.keys(s).length > 0);
  if (!items.length) throw new Error("nothing was recorded");
  // splice just the node when possible; keep it only if it reads back exactly as the rewrite
  const spliced = spliceSteps(text, doc, items, target);
  const rewritten = rewriteSteps(doc, items, target);
  if (spliced !== undefined) {
    const back = parseDocument(spliced);
    if (!back.errors.length && JSON.stringify(back.toJS()) === JSON.stringify(parseDocument(rewritten).toJS())) return spliced;
  }
  return rewritten;
}

function spliceSteps(text: string, doc: ReturnType<typeof parseDocument>, items: Record<string, unknown>[], target: WriteTarget): string | undefined {
  if (target.kind === "walkthrough") {
    const steps = doc.getIn(["walkthrough", "steps"], true);
    return isSeq(steps) ? replaceNode(text, steps, items) : undefined;
  }
  const list = doc.get("antiPaths", true);
  if (!isSeq(list)) return undefined;
  const path = { id: target.id, title: target.title, expect: { maxScore: target.maxScore }, steps: items };
  const old = list.items.find((it) => isMap(it) && it.get("id") === target.id);
  return old ? replaceNode(text, old, path) : appendItem(text, list, path);
}

/** The whole document rewritten by yaml (comments kept, layout normalised). */
function rewriteSteps(parsed: ReturnType<typeof parseDocument>, items: Record<string, unknown>[], target: WriteTarget): string {
  const doc = parsed.clone();
  if (target.kind === "walkthrough") {
    if (!isMap(doc.get("walkthrough"))) doc.set("walkthrough", doc.createNode({ passMark: 80 }));
    doc.setIn(["walkthrough", "steps"], doc.createNode(items));
  } else {
    const path = { id: target.id, title: target.title, expect: { maxScore: target.maxScore }, steps: items };
    let list = doc.get("antiPaths");
    if (!isSeq(list)) {
      doc.set("antiPaths", doc.createNode([]));
      list = doc.get("antiPaths");
    }
    const seq = list as { items: unknown[] };
    const at = seq.items.findIndex((it) => isMap(it) && it.get("id") === target.id);
    const node = doc.createNode(path);
    if (at >= 0) seq.items[at] = node;
    else seq.items.push(node);
  }
  return doc.toString({ lineWidth: 0 });
}
