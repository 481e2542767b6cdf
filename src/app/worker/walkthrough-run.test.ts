/**
 * "Watch the solution" in the worker: the oom-killer walkthrough runs through the engine and
 * comes back as a replayable log whose commands are the walkthrough's, with its four diagnostic
 * milestones in order and each step's narration anchored to the command it introduces.
 */
import { describe, expect, it } from "vitest";
import { loadBuiltinCatalog } from "../catalog/builtin-scenarios.js";
import { importSession, runWalkthrough, walkthroughCaptions } from "./walkthrough-run.js";

const catalog = loadBuiltinCatalog();

describe("runWalkthrough", () => {
  it("replays the oom-killer walkthrough with its milestones and narration", async () => {
    const scenario = catalog.scenarios.get("oom-killer")!;
    const r = await runWalkthrough(scenario, "oom-killer", 7);
    if (!r.ok) throw new Error(r.error.message);
    const runs = scenario.walkthrough.steps.filter((s) => s.run !== undefined);
    expect(r.log.events.filter((e) => e[1] === "input").map((e) => e[2])).toEqual(runs.map((s) => s.run));
    expect(r.milestones.map((m) => m.kind)).toEqual(["key-evidence", "hypothesis", "fix", "verify"]);
    expect(r.captions[0]).toEqual({ command: 0, text: "Start broad. Load is modest — this is not a CPU emergency." });
    const hyp = r.captions.find((c) => c.text.startsWith("Hypothesis: "))!;
    expect(runs[hyp.command]!.run).toBe("cat /proc/$(pgrep -f telemetry-agent)/oom_score_adj");
    expect(hyp.text).toContain(" -900 means the kernel will almost never pick it.");
    // a command without narration clears the caption; the closing diagnosis comes at the end
    expect(r.captions.find((c) => c.command === runs.findIndex((s) => s.run === "ps -o pid,rss,etime,cmd -C telemetry-agent"))!.text).toBe("");
    expect(r.captions.at(-1)).toMatchObject({ command: runs.length, text: expect.stringMatching(/^Diagnosis: telemetry-agent leaks memory/) });
  });

  it("answers an unknown scenario with an error, not a throw", async () => {
    expect(await runWalkthrough(undefined, "nope", undefined)).toEqual({ ok: false, error: { name: "UnknownScenario", code: "unknown-scenario", message: "no scenario 'nope' in the catalog" } });
  });

  it("anchors notes between commands to the next command", () => {
    expect(walkthroughCaptions([{ run: "a", say: "one" }, { note: "seen" }, { wait: "1m" }, { run: "b" }])).toEqual([
      { command: 0, text: "one" },
      { command: 1, text: "Note: seen" },
    ]);
  });

  it("imports a session file: a good log with its milestones, a corrupt or foreign file refused by name", async () => {
    const scenario = catalog.scenarios.get("oom-killer")!;
    const r = await runWalkthrough(scenario, "oom-killer", 7);
    if (!r.ok) throw new Error(r.error.message);
    const ok = importSession(JSON.stringify(r.log), (id) => catalog.scenarios.get(id));
    expect(ok).toEqual({ ok: true, title: scenario.title, log: r.log, milestones: r.milestones });
    for (const text of ['{"format":"faultline-session","version":1,"header":{', '{"name":"something else"}', ""]) {
      const bad = importSession(text, (id) => catalog.scenarios.get(id));
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.message).toMatch(/^not a Faultline session file: \S/);
      if (!bad.ok) expect(bad.error.message).not.toMatch(/undefined|NaN|\[object/);
    }
  });
});
