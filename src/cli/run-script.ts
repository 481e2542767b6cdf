/**
 * `faultline run`: a script typed into a non-interactive session, printed as a transcript.
 * A script is text: each line is typed at the prompt as-is, except blank lines and `#`
 * comments (skipped) and `@` actions recorded in the session log: `@wait 30s|2m|500ms|1h`
 * (advances the sim clock), `@note TEXT`, `@hypothesis TEXT`, `@hint [ID]`, `@diagnose TEXT`.
 * Between two shell lines the clock advances by a fixed think time of 2 s (THINK_TIME_MS)
 * unless a `@wait` comes between them. The whole script is checked before anything runs, so a
 * bad action is reported as `file:line: message` with no partial transcript.
 */
import type { Host } from "../engine/index.js";
import { createSession } from "../shell/index.js";
import { SessionRecorder, type SessionLog } from "./pure-deps.js";

/** Sim ms the candidate "thinks" between two shell lines without an explicit @wait. */
export const THINK_TIME_MS = 2000;

export type ScriptItem =
  | { kind: "line"; text: string; lineNo: number }
  | { kind: "wait"; ms: number; lineNo: number }
  | { kind: "note" | "hypothesis" | "hint" | "diagnose"; text: string; lineNo: number };

export class ScriptError extends Error {
  override readonly name = "ScriptError";
  constructor(readonly file: string, readonly lineNo: number, message: string) {
    super(`${file}:${lineNo}: ${message}`);
  }
}

/** "30s", "2m", "500ms", "1h", "1.5s", or a bare number of seconds. */
export function parseWait(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(s.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? "s";
  return Math.round(unit === "ms" ? n : unit === "s" ? n * 1000 : unit === "m" ? n * 60_000 : n * 3_600_000);
}

const ACTIONS = ["wait", "note", "hypothesis", "hint", "diagnose"] as const;

/** Parses a script; throws ScriptError on the first bad action. */
export function parseScript(text: string, file = "script"): ScriptItem[] {
  const items: ScriptItem[] = [];
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    if (!trimmed.startsWith("@")) {
      items.push({ kind: "line", text: raw, lineNo });
      return;
    }
    const m = /^@(\S+)\s*(.*)$/.exec(trimmed)!;
    const name = m[1];
    const arg = m[2].trim();
    if (!(ACTIONS as readonly string[]).includes(name)) throw new ScriptError(file, lineNo, `unknown action '@${name}' (expected ${ACTIONS.map((a) => "@" + a).join(", ")})`);
    if (name === "wait") {
      const ms = parseWait(arg);
      if (ms === undefined) throw new ScriptError(file, lineNo, `@wait needs a duration like 30s, 2m or 500ms, got '${arg}'`);
      items.push({ kind: "wait", ms, lineNo });
      return;
    }
    if (name !== "hint" && arg === "") throw new ScriptError(file, lineNo, `@${name} needs a text`);
    items.push({ kind: name as "note" | "hypothesis" | "hint" | "diagnose", text: arg, lineNo });
  });
  return items;
}

export interface RunScriptOptions {
  engineVersion: string;
  scenarioId: string;
  scenarioHash: string;
  seed: number;
  cols?: number;
  rows?: number;
  /** receives the transcript as it is produced */
  write?(chunk: string): void;
}

/** Runs parsed script items on a host; returns the transcript and the session log. */
export async function runScript(host: Host, items: ScriptItem[], opts: RunScriptOptions): Promise<{ transcript: string; log: SessionLog }> {
  const session = createSession(host, { interactive: false, cols: opts.cols ?? 80, rows: opts.rows ?? 24 });
  const rec = new SessionRecorder(session, { engineVersion: opts.engineVersion, scenarioId: opts.scenarioId, scenarioHash: opts.scenarioHash, seed: opts.seed });
  let transcript = "";
  const out = (s: string) => {
    transcript += s;
    opts.write?.(s);
  };
  let ranLine = false;
  let waitedSinceLine = false;
  for (const item of items) {
    switch (item.kind) {
      case "wait":
        rec.wait(item.ms);
        waitedSinceLine = true;
        break;
      case "note": rec.note(item.text); break;
      case "hypothesis": rec.hypothesis(item.text); break;
      case "hint": rec.hint(item.text); break;
      case "diagnose": rec.diagnose(item.text); break;
      case "line": {
        if (ranLine && !waitedSinceLine) rec.wait(THINK_TIME_MS);
        out(session.prompt() + item.text + "\n");
        const r = await rec.run(item.text);
        out(r.shown);
        ranLine = true;
        waitedSinceLine = false;
        if (r.exit) {
          rec.stop();
          return { transcript, log: rec.toJSON() };
        }
        break;
      }
    }
  }
  rec.stop();
  return { transcript, log: rec.toJSON() };
}
