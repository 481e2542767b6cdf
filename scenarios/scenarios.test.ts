/**
 * Every shipped scenario end to end: it validates, its walkthrough resolves and passes, its
 * variants pass, its anti-paths score below their ceilings, replay is byte-identical — and,
 * for the seed scenarios, a set of distinct paths ranks the way an interviewer would rank
 * them, for the reasons the report gives.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatIssue, loadScenario, type Scenario, type StepT } from "../src/scenario/index.js";
import { runPath, testScenario } from "../src/harness/index.js";
import { checkShellSyntax } from "../src/testing/shell-syntax.js";

const DIR = new URL("./", import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort();

function load(file: string): Scenario {
  const r = loadScenario(readFileSync(new URL(file, DIR), "utf8"), `scenarios/${file}`, { checkShellSyntax });
  if (!r.ok) throw new Error(r.error.map(formatIssue).join("\n"));
  return r.value;
}

describe.each(files)("%s", (file) => {
  it("passes its self-test (walkthrough, variants, anti-paths, replay)", async () => {
    const s = load(file);
    const r = await testScenario(s);
    const failures = r.checks.filter((c) => !c.ok).map((c) => `${c.kind} ${c.id}: ${c.problems.join("; ")}`);
    expect(failures).toEqual([]);
  });
  it("passes with another seed too", async () => {
    const s = load(file);
    const r = await testScenario(s, { seed: 1234 });
    const failures = r.checks.filter((c) => !c.ok).map((c) => `${c.kind} ${c.id}: ${c.problems.join("; ")}`);
    expect(failures).toEqual([]);
  });
});

/** A lucky guess: the right diagnosis and fix with no investigation at all. */
function luckyGuess(s: Scenario): StepT[] {
  const w = s.walkthrough.steps;
  const fixes = w.filter((x) => x.milestone === "fix" || (x.run && (s.rubric.fixCommands ?? []).some((r) => new RegExp(r).test(x.run!))));
  return [...fixes, ...w.filter((x) => x.diagnose)];
}

describe("ranking of distinct paths", () => {
  for (const id of ["oom-killer", "high-load-low-cpu", "inode-exhaustion"]) {
    it(`${id}: reference > variant > lucky guess > flailing, destructive`, async () => {
      const s = load(`${id}.yaml`);
      const ref = await runPath(s, s.walkthrough.steps);
      const variant = await runPath(s, s.variants![0]!.steps);
      const lucky = await runPath(s, luckyGuess(s));
      const flail = await runPath(s, s.antiPaths.find((a) => a.id === "flailing")!.steps);
      const destroy = await runPath(s, s.antiPaths.find((a) => a.id === "destructive")!.steps);
      expect(ref.grade.resolved).toBe(true);
      expect(variant.grade.resolved).toBe(true);
      expect(ref.grade.score).toBeGreaterThanOrEqual(variant.grade.score - 5);
      expect(variant.grade.score).toBeGreaterThan(lucky.grade.score);
      expect(lucky.grade.score).toBeGreaterThan(flail.grade.score);
      expect(lucky.grade.score).toBeGreaterThan(destroy.grade.score);
      // the reasons a candidate reads
      const reasons = (g: typeof ref.grade): string => g.breakdown.map((b) => b.reason).join("\n");
      expect(reasons(lucky.grade)).toMatch(/nothing you looked at showed it|before finding the key evidence/);
      expect(reasons(flail.grade)).toMatch(/Not fixed|Missed/);
      expect(destroy.grade.breakdown.some((b) => b.category === "safety" && b.points < 0)).toBe(true);
      expect(ref.grade.timeToFirstKeySignalMs).toBeDefined();
    });
  }
});
