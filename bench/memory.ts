/**
 * Memory and grading-throughput benchmark (Node): the heap with the largest shipped scenario
 * compiled into a live host and a session on it; the heap after walking a 1,000,000-entry
 * directory (`find DIR -type f | wc -l`, then `ls DIR | wc -l`); the heap after each of 10
 * consecutive walkthrough runs (a leak shows as steady growth); and how many sessions per
 * second gradeSession grades on one thread for a typical session (each shipped scenario's
 * recorded walkthrough): the rubric alone, and the full grade whose remediation check first
 * simulates the hold period on a fresh host (bench/cohort.ts measures replay + grading through
 * worker threads). Heap figures are V8's heapUsed after a full GC unless said otherwise.
 * Runs as part of `npm run bench`, or alone with `npx tsx bench/memory.ts`.
 */
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { buildHost } from "../src/engine/index.js";
import { gradeSession } from "../src/grading/index.js";
import { gradeInputFromLog, runPath, type PathRun } from "../src/harness/index.js";
import { compileScenario, type Scenario } from "../src/scenario/index.js";
import { createSession } from "../src/shell/index.js";
import { loadCatalog } from "../src/cli/scenario-catalog.js";
import { BIG_COUNT, BIG_DIR, bigDirSpec } from "./fixtures.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

export interface MemoryBench {
  baselineMB: number;
  largest: { id: string; heapMB: number; procs: number };
  walk: { heapMB: number; afterGcMB: number; entries: number };
  runs: { id: string; heapMB: number[]; growthMB: number };
  grading: { perSecond: number; slowest: { id: string; perSecond: number }; sessions: number; fullPerSecond: number };
}

const heapMB = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

export async function benchMemory(log: (s: string) => void = () => {}): Promise<MemoryBench> {
  const scenarios = loadCatalog().flatMap((l) => (l.ok ? [l.scenario] : []));
  const baselineMB = heapMB();
  // largest scenario: each compiled alone with a session on it, the biggest heap kept
  let largest = { id: "", heapMB: 0, procs: 0 };
  for (const s of scenarios) {
    const before = heapMB();
    const { host } = compileScenario(s, s.seed ?? 1);
    const session = createSession(host, { interactive: false });
    await session.run("ps aux | wc -l");
    const mb = heapMB() - before + baselineMB;
    if (mb > largest.heapMB) largest = { id: s.id, heapMB: mb, procs: session.host.procs.size };
  }
  log(`memory: largest scenario ${largest.id}: ${largest.heapMB.toFixed(0)} MB heap\n`);
  // 10 consecutive runs of the largest scenario's walkthrough
  const big = scenarios.find((s) => s.id === largest.id)!;
  const series: number[] = [];
  for (let i = 0; i < 10; i++) {
    await runPath(big, big.walkthrough.steps);
    series.push(heapMB());
  }
  const runs = { id: big.id, heapMB: series, growthMB: series[series.length - 1]! - series[1]! };
  log(`memory: 10 runs of ${big.id}: ${series.map((x) => x.toFixed(0)).join(", ")} MB\n`);
  // grading throughput on recorded walkthrough sessions: the rubric alone (holdFor 0 s, so the
  // host is not advanced and every grade sees the same input), then the full grade, whose
  // remediation check first simulates the scenario's hold period (60 s by default) on a fresh host
  const logs: { s: Scenario; log: PathRun["log"] }[] = [];
  for (const s of scenarios) logs.push({ s, log: (await runPath(s, s.walkthrough.steps)).log });
  const N = 300;
  let total = 0;
  let slowest = { id: "", perSecond: Infinity };
  for (const { s, log } of logs) {
    const noHold: Scenario = { ...s, resolution: { ...s.resolution, holdFor: "0s" } };
    const input = gradeInputFromLog(noHold, log, compileScenario(s, s.seed ?? 1).host);
    for (let i = 0; i < 20; i++) gradeSession(input);
    const t0 = performance.now();
    for (let i = 0; i < N; i++) gradeSession(input);
    const ms = performance.now() - t0;
    total += ms;
    if ((N * 1000) / ms < slowest.perSecond) slowest = { id: s.id, perSecond: (N * 1000) / ms };
  }
  const FULL = 5;
  let fullMs = 0;
  for (const { s, log } of logs)
    for (let i = 0; i < FULL; i++) {
      const input = gradeInputFromLog(s, log, compileScenario(s, s.seed ?? 1).host);
      const t0 = performance.now();
      gradeSession(input);
      fullMs += performance.now() - t0;
    }
  const grading = { perSecond: (N * logs.length * 1000) / total, slowest, sessions: N * logs.length, fullPerSecond: (FULL * logs.length * 1000) / fullMs };
  // last: the 1,000,000-entry host leaves garbage that would slow what runs after it
  // a 1,000,000-entry directory walked twice
  let walk;
  {
    const host = buildHost(bigDirSpec());
    const session = createSession(host, { interactive: false, user: "root" });
    const a = await session.run(`find ${BIG_DIR} -type f | wc -l`);
    const b = await session.run(`ls ${BIG_DIR} | wc -l`);
    const heapNow = process.memoryUsage().heapUsed / 2 ** 20;
    walk = { heapMB: heapNow, afterGcMB: heapMB(), entries: Math.min(Number(a.stdout), Number(b.stdout)) };
    if (walk.entries !== BIG_COUNT) throw new Error(`the walk saw ${a.stdout.trim()} / ${b.stdout.trim()} entries, not ${BIG_COUNT}: ${a.stderr}${b.stderr}`);
  }
  log(`memory: after the ${BIG_COUNT} entry walk: ${walk.heapMB.toFixed(0)} MB (${walk.afterGcMB.toFixed(0)} MB after GC)\n`);
  return { baselineMB, largest, walk, runs, grading };
}

/** The rows for bench/README.md. */
export function memoryLines(m: MemoryBench): string {
  const ok = (b: boolean): string => (b ? "PASS" : "MISS");
  return [
    "| memory / grading (Node) | figure | target | result |",
    "| --- | --- | --- | --- |",
    `| heap, largest scenario (\`${m.largest.id}\`, ${m.largest.procs} processes) compiled with a session | ${m.largest.heapMB.toFixed(0)} MB (engine baseline ${m.baselineMB.toFixed(0)} MB) | < 300 MB | ${ok(m.largest.heapMB < 300)} |`,
    `| heap after walking a ${BIG_COUNT.toLocaleString("en-US")}-entry directory (find + ls), host still alive | ${m.walk.afterGcMB.toFixed(0)} MB live (after GC); ${m.walk.heapMB.toFixed(0)} MB before GC (the walks' garbage V8 had not yet needed to collect) | < 300 MB | ${ok(m.walk.afterGcMB < 300)} |`,
    `| heap after each of 10 consecutive \`${m.runs.id}\` walkthrough runs | ${m.runs.heapMB.map((x) => x.toFixed(0)).join(", ")} MB: ${m.runs.growthMB >= 0 ? "+" : ""}${m.runs.growthMB.toFixed(1)} MB from run 2 to 10 | no growth (< 5 MB) | ${ok(m.runs.growthMB < 5)} |`,
    `| grading throughput, one thread: the rubric on every scenario's recorded walkthrough (hold period 0 s) | ${m.grading.perSecond.toFixed(0)} sessions/s (slowest: \`${m.grading.slowest.id}\` ${m.grading.slowest.perSecond.toFixed(0)}/s) | >= 1,000/s | ${ok(m.grading.slowest.perSecond >= 1000)} |`,
    `| full grade incl. simulating the scenario's hold period (60 s of sim time by default) on a fresh host | ${m.grading.fullPerSecond.toFixed(1)} sessions/s | (information) | |`,
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${memoryLines(await benchMemory((s) => process.stderr.write(s)))}\n`);
}
