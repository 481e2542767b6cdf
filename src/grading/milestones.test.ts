/**
 * sessionMilestones: the oom-killer walkthrough has all four milestones where the grader sees
 * them; a path that never finds the cause or never checks its fix has only what happened.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileScenario, loadScenario, type Scenario, type StepT } from "../scenario/index.js";
import { runPath } from "../harness/index.js";
import { sessionMilestones } from "./milestones.js";

function oom(): Scenario {
  const r = loadScenario(readFileSync(new URL("../../scenarios/oom-killer.yaml", import.meta.url), "utf8"), "scenarios/oom-killer.yaml");
  if (!r.ok) throw new Error("cannot load oom-killer");
  return r.value;
}

async function milestones(steps: StepT[]) {
  const s = oom();
  const run = await runPath(s, steps);
  const m = sessionMilestones(run.log, { ...s, ...compileScenario(s, s.seed ?? 1).resolved });
  return { m, run };
}

describe("sessionMilestones", () => {
  it("finds key evidence, hypothesis, fix and verification in the walkthrough, at the grader's commands", async () => {
    const { m, run } = await milestones(oom().walkthrough.steps);
    expect(m.map((x) => [x.kind, x.label])).toEqual([
      ["key-evidence", "Key evidence: the kernel OOM killer killing the API (python3)"],
      ["hypothesis", "Hypothesis: telemetry-agent leaks memory and is shielded from the OOM killer, s…"],
      ["fix", "Fix: sudo systemctl restart telemetry-agent"],
      ["verify", "Verified: free -m"],
    ]);
    const t = run.grade.timeline;
    expect(m[0]!.simMs).toBe(t.find((e) => e.tags.includes("key-evidence"))!.simMs);
    expect(m[2]!.simMs).toBe(t.find((e) => e.tags.includes("fix"))!.simMs);
    expect(m[3]!.simMs).toBe(t.find((e) => e.tags.includes("verify"))!.simMs);
  });

  it("lists only what happened: no key evidence, no hypothesis, a fix never checked", async () => {
    const { m } = await milestones([{ run: "uptime" }, { run: "sudo systemctl restart telemetry-agent" }]);
    expect(m.map((x) => x.kind)).toEqual(["fix"]);
    expect((await milestones([{ run: "uptime" }])).m).toEqual([]);
  });
});
