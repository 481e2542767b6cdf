/**
 * `faultline grade <dir>`: a cohort of exported sessions (generated from a scenario's
 * walkthrough and anti-paths with the harness) graded on worker threads: CSV and JSON rows in
 * file order, the same grades as one-by-one in-process grading, an error row per corrupt file,
 * the progress bar only on a terminal, and usage errors.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPath } from "../harness/index.js";
import { cmdGrade } from "./cmd-grade.js";
import { gradeCohort, progressLine, rowsToCsv, sessionFiles } from "./cohort.js";
import { main } from "./main.js";
import { loadFile, SCENARIO_DIR } from "./scenario-catalog.js";

const dir = mkdtempSync(join(tmpdir(), "faultline-cohort-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) }, out: () => out.join(""), err: () => err.join("") };
}

beforeAll(async () => {
  const l = loadFile(join(SCENARIO_DIR, "oom-killer.yaml"));
  if (!l.ok) throw new Error("oom-killer does not load");
  const s = l.scenario;
  mkdirSync(join(dir, "cohort/group-b"), { recursive: true });
  const walk = await runPath(s, s.walkthrough.steps, { seed: 7 });
  writeFileSync(join(dir, "cohort/alice.json"), JSON.stringify(walk.log));
  const flail = await runPath(s, s.antiPaths.find((a) => a.id === "flailing")!.steps, { seed: 7 });
  writeFileSync(join(dir, "cohort/group-b/bob.json"), JSON.stringify(flail.log));
  writeFileSync(join(dir, "cohort/carol.json"), "{\"header\": {\"format\": \"faultline-sess");
  writeFileSync(join(dir, "cohort/dave.json"), JSON.stringify({ hello: "world" }));
  writeFileSync(join(dir, "cohort/erin.json"), JSON.stringify({ ...walk.log, header: { ...walk.log.header, scenarioId: "no-such-scenario" } }));
  writeFileSync(join(dir, "cohort/notes.txt"), "not a session");
}, 120_000);

describe("faultline grade <dir>", () => {
  it("finds the *.json files under the directory, sorted", () => {
    const { files } = sessionFiles([join(dir, "cohort")]);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(["cohort/alice.json", "cohort/carol.json", "cohort/dave.json", "cohort/erin.json", "cohort/group-b/bob.json"]);
  });

  it("grades in parallel with CSV rows in file order and an error row per bad file", async () => {
    const c = capture();
    const code = await main(["grade", join(dir, "cohort"), "--format", "csv", "--jobs", "2"], c.io);
    expect(code).toBe(1);
    const lines = c.out().trimEnd().split("\n");
    expect(lines[0]).toBe("file,scenario,seed,score,passed,resolved,diagnosisCorrect,categoryCorrect,evidenceSeen,evidenceMissed,invariantsBroken,hintsUsed,durationS,firstKeySignalS,warning,error");
    const rows = lines.slice(1).map((l) => l.replace(dir + "/", ""));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(/^cohort\/alice\.json,oom-killer,7,(\d+),true,true,true,true,oom-kill unit-oom memory-exhausted leaker oom-adj,,,0,\d+,\d+,,$/);
    expect(Number(rows[0]!.split(",")[3])).toBeGreaterThanOrEqual(85);
    expect(rows[1]).toMatch(/^cohort\/carol\.json,,,,,,,,,,,,,,,"?not JSON/);
    expect(rows[2]).toMatch(/^cohort\/dave\.json,,,,,,,,,,,,,,,.+/);
    expect(rows[3]).toMatch(/^cohort\/erin\.json,no-such-scenario,7,,,,,,,,,,,,,"?unknown scenario 'no-such-scenario'/);
    expect(rows[4]).toMatch(/^cohort\/group-b\/bob\.json,oom-killer,7,\d,false,false,false,false,/);
    expect(c.err()).toBe("graded 2 of 5 sessions (3 could not be graded: see the error column) in " + c.err().match(/in ([\d.]+) s/)![1] + " s\n");
  }, 120_000);

  it("gives the same rows on worker threads as in one thread, and JSON with a summary", async () => {
    const { files } = sessionFiles([join(dir, "cohort")]);
    const [parallel, serial] = [await gradeCohort(files, { jobs: 2 }), await gradeCohort(files, { jobs: 0 })];
    expect(parallel).toEqual(serial);
    const c = capture();
    expect(await main(["grade", join(dir, "cohort/alice.json"), join(dir, "cohort/group-b"), "--format", "json"], c.io)).toBe(0);
    const j = JSON.parse(c.out()) as { summary: Record<string, unknown>; sessions: { file: string; score: number; passed: boolean; error: string }[] };
    expect(j.summary).toMatchObject({ sessions: 2, graded: 2, failed: 0, passed: 1 });
    expect(j.sessions.map((s) => s.file.slice(dir.length + 1))).toEqual(["cohort/alice.json", "cohort/group-b/bob.json"]);
    expect(j.sessions[0]).toEqual(parallel[0]);
  }, 120_000);

  it("draws a progress bar on stderr only when it is a terminal", async () => {
    const tty = capture();
    let t = 0;
    await cmdGrade([join(dir, "cohort/group-b"), "--jobs", "0"], tty.io, { stderrIsTTY: true, now: () => (t += 500) });
    expect(tty.err()).toMatch(/^\rgrading \[#{30}\] 1\/1  [\d.]+\/s\r\x1b\[K/);
    const pipe = capture();
    await cmdGrade([join(dir, "cohort/group-b"), "--jobs", "0"], pipe.io, { stderrIsTTY: false });
    expect(pipe.err()).not.toContain("grading [");
    expect(progressLine(1, 4, 1000, 8)).toBe("\rgrading [##------] 1/4  1.0/s");
  }, 60_000);

  it("quotes CSV cells with commas, quotes and newlines", () => {
    const csv = rowsToCsv([{ file: 'a,"b".json', scenario: "x", seed: 1, score: null, passed: null, resolved: null, diagnosisCorrect: null, categoryCorrect: null, evidenceSeen: [], evidenceMissed: [], invariantsBroken: [], hintsUsed: null, durationS: null, firstKeySignalS: null, warning: "", error: "line1\nline2" }]);
    expect(csv.split("\n").slice(1).join("\n")).toBe('"a,""b"".json",x,1,,,,,,,,,,,,,"line1\nline2"\n');
  });

  it("usage errors", async () => {
    const c = capture();
    expect(await main(["grade", join(dir, "cohort"), "--format", "markdown"], c.io)).toBe(2);
    expect(c.err()).toBe("faultline grade: a cohort is reported as csv or json (got 'markdown')\n");
    const m = capture();
    expect(await main(["grade", join(dir, "nowhere")], m.io)).toBe(1);
    const j = capture();
    expect(await main(["grade", join(dir, "cohort"), "--jobs", "x"], j.io)).toBe(2);
    expect(j.err()).toBe("faultline grade: --jobs must be a whole number (got 'x')\n");
    const e = capture();
    mkdirSync(join(dir, "empty"));
    expect(await main(["grade", join(dir, "empty")], e.io)).toBe(1);
    expect(e.err()).toMatch(/no \*\.json session files/);
  });
});
