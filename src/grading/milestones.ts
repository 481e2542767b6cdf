/**
 * The diagnostic milestones of a session, for asciicast markers and the player's chapters:
 * the first key evidence seen, the first hypothesis written, the first fix, and the first
 * check after the last fix (verification) — found with the grader's own rules (rubric
 * evidence patterns, fix detection), so a marker sits exactly where the report says the
 * milestone happened. Pass the scenario as the grader gets it (with the seed's resolved
 * variables). Pure: reads the log, never a host.
 */
import type { Scenario } from "../scenario/index.js";
import type { OutputData, SessionLog } from "../replay/index.js";
import { isFix, patternMatches } from "./grade-session.js";
import type { GradedCommand } from "./types.js";

export type MilestoneKind = "key-evidence" | "hypothesis" | "fix" | "verify";

export interface Milestone {
  kind: MilestoneKind;
  /** host sim ms (the command's start, or when the hypothesis was written) */
  simMs: number;
  label: string;
}

const MAX_LABEL = 80;
const clip = (s: string): string => {
  const one = s.trim().replace(/\s+/g, " ");
  return one.length > MAX_LABEL ? one.slice(0, MAX_LABEL - 1) + "…" : one;
};

/** Milestones in time order; each kind at most once, absent when it did not happen. */
export function sessionMilestones(log: SessionLog, scenario: Pick<Scenario, "rubric">): Milestone[] {
  const cmds: GradedCommand[] = [];
  let pending: { simMs: number; line: string } | undefined;
  let hypothesis: Milestone | undefined;
  for (const e of log.events) {
    if (e[1] === "input") pending = { simMs: e[0], line: e[2] };
    else if (e[1] === "output" && pending) {
      const o: OutputData = e[2];
      cmds.push({ ...pending, stdout: o.stdout, stderr: o.stderr, exitCode: o.exitCode, evidence: o.evidence, actions: o.actions ?? [] });
      pending = undefined;
    } else if (e[1] === "hypothesis" && !hypothesis) hypothesis = { kind: "hypothesis", simMs: e[0], label: clip(`Hypothesis: ${e[2]}`) };
  }
  const out: Milestone[] = [];
  const items = scenario.rubric.evidence;
  const keyItems = items.some((i) => i.key) ? items.filter((i) => i.key) : items;
  let key: { idx: number; title: string } | undefined;
  for (const item of keyItems) {
    const idx = cmds.findIndex((c) => item.anyOf.some((p) => patternMatches(p, c)));
    if (idx >= 0 && (!key || idx < key.idx)) key = { idx, title: item.title };
  }
  if (key) out.push({ kind: "key-evidence", simMs: cmds[key.idx]!.simMs, label: clip(`Key evidence: ${key.title}`) });
  if (hypothesis) out.push(hypothesis);
  const fixRe = (scenario.rubric.fixCommands ?? []).map((r) => new RegExp(r));
  const fixIdx = cmds.map((c, i) => (isFix(c, fixRe) ? i : -1)).filter((i) => i >= 0);
  if (fixIdx.length) {
    const first = cmds[fixIdx[0]!]!;
    out.push({ kind: "fix", simMs: first.simMs, label: clip(`Fix: ${first.line}`) });
    const lastFix = fixIdx[fixIdx.length - 1]!;
    const v = cmds.findIndex((c, i) => i > lastFix && c.line.trim() !== "");
    if (v >= 0) out.push({ kind: "verify", simMs: cmds[v]!.simMs, label: clip(`Verified: ${cmds[v]!.line}`) });
  }
  return out.sort((a, b) => a.simMs - b.simMs);
}
