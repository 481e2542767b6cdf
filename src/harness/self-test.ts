/**
 * testScenario: what `faultline test` and the editor's "Test this scenario" run. The
 * walkthrough must resolve and reach its pass mark, every variant too, every anti-path must
 * score below its ceiling (and not resolve when it says so), and running the walkthrough
 * twice must give byte-identical transcripts (determinism).
 */
import type { Scenario } from "../scenario/index.js";
import { runPath, type PathRun } from "./run-path.js";

export interface PathCheck {
  id: string;
  kind: "walkthrough" | "variant" | "anti-path" | "determinism";
  ok: boolean;
  score: number;
  resolved: boolean;
  expectation: string;
  problems: string[];
  run?: PathRun;
}

export interface SelfTestResult {
  scenarioId: string;
  ok: boolean;
  checks: PathCheck[];
}

export async function testScenario(s: Scenario, opts: { seed?: number; keepRuns?: boolean } = {}): Promise<SelfTestResult> {
  const checks: PathCheck[] = [];
  const passMark = s.walkthrough.passMark ?? 80;
  const keep = (r: PathRun): PathRun | undefined => (opts.keepRuns ? r : undefined);
  const w = await runPath(s, s.walkthrough.steps, { seed: opts.seed });
  const wProblems: string[] = [];
  if (!w.grade.resolved) wProblems.push(`does not resolve: ${w.grade.resolutionReason}`);
  if (w.grade.score < passMark) wProblems.push(`scores ${w.grade.score}, below the pass mark ${passMark}`);
  if (!w.grade.diagnosisCorrect) wProblems.push("its diagnosis is not accepted by diagnosis.accepted");
  for (const b of w.grade.invariantsBroken) wProblems.push(`breaks invariant ${b.id}: ${b.reason}`);
  checks.push({ id: "walkthrough", kind: "walkthrough", ok: wProblems.length === 0, score: w.grade.score, resolved: w.grade.resolved, expectation: `resolves, score ≥ ${passMark}`, problems: wProblems, run: keep(w) });
  for (const v of s.variants ?? []) {
    const r = await runPath(s, v.steps, { seed: opts.seed });
    const min = v.expect?.minScore ?? passMark;
    const problems: string[] = [];
    if (!r.grade.resolved && v.expect?.resolved !== false) problems.push(`does not resolve: ${r.grade.resolutionReason}`);
    if (r.grade.score < min) problems.push(`scores ${r.grade.score}, below ${min}`);
    checks.push({ id: v.id, kind: "variant", ok: problems.length === 0, score: r.grade.score, resolved: r.grade.resolved, expectation: `resolves, score ≥ ${min}`, problems, run: keep(r) });
  }
  for (const a of s.antiPaths) {
    const r = await runPath(s, a.steps, { seed: opts.seed });
    const max = a.expect?.maxScore ?? 50;
    const problems: string[] = [];
    if (r.grade.score >= max) problems.push(`scores ${r.grade.score}, not below its ceiling ${max}`);
    if (a.expect?.resolved !== undefined && r.grade.resolved !== a.expect.resolved) problems.push(`expected resolved=${a.expect.resolved}, got ${r.grade.resolved}`);
    if (a.expect?.minScore !== undefined && r.grade.score < a.expect.minScore) problems.push(`scores ${r.grade.score}, below its floor ${a.expect.minScore}`);
    checks.push({ id: a.id, kind: "anti-path", ok: problems.length === 0, score: r.grade.score, resolved: r.grade.resolved, expectation: `score < ${max}${a.expect?.resolved !== undefined ? `, resolved=${a.expect.resolved}` : ""}`, problems, run: keep(r) });
  }
  const again = await runPath(s, s.walkthrough.steps, { seed: opts.seed });
  const same = again.transcript === w.transcript && again.grade.score === w.grade.score;
  checks.push({ id: "replay", kind: "determinism", ok: same, score: again.grade.score, resolved: again.grade.resolved, expectation: "a second run is byte-identical", problems: same ? [] : [firstDiff(w.transcript, again.transcript)] });
  return { scenarioId: s.id, ok: checks.every((c) => c.ok), checks };
}

function firstDiff(a: string, b: string): string {
  const la = a.split("\n");
  const lb = b.split("\n");
  for (let i = 0; i < Math.max(la.length, lb.length); i++) if (la[i] !== lb[i]) return `transcripts differ at line ${i + 1}: ${JSON.stringify(la[i] ?? "")} vs ${JSON.stringify(lb[i] ?? "")}`;
  return "grades differ";
}
