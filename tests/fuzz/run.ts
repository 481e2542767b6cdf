/**
 * The long shell fuzzer: `npm run fuzz` (= `npx tsx tests/fuzz/run.ts --runs 100000 [--seed N]
 * [--out FILE]`). Spreads the runs over every shipped scenario's host (half random token soup,
 * half mutations of that scenario's own walkthrough/variant/anti-path lines); scenarios take
 * turns, a batch of 500 lines each on a fresh session (a new one also when a line ends it), so
 * a stopped run has still covered them all. Checks each line the way the CI test does
 * (tests/fuzz/shell-fuzz-lib.ts), writes the figures so far to --out after every batch, and
 * prints them: lines tried, failures by kind (first few with the line that caused them), the
 * slowest lines, and the wall time. Exit status 1 when anything failed.
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import fc from "fast-check";
import { checkLine, mutatedLine, randomLine, scenarioLines, scenarioSession, shippedScenarios, type FuzzFailure } from "./shell-fuzz-lib.js";

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.lastIndexOf(name) + 1] : undefined);
const RUNS = Number(opt("--runs") ?? 100_000);
const SEED = Number(opt("--seed") ?? 20261122);
const OUT = opt("--out");
const BATCH = 500;

const scenarios = shippedScenarios();
const perScenario = Math.ceil(RUNS / scenarios.length);
const failures: FuzzFailure[] = [];
const slow: { ms: number; line: string }[] = [];
let tried = 0;
let destroyed = 0;
let recreated = 0;
const t0 = performance.now();

// round robin: a batch of BATCH lines on each scenario's host in turn, so a stopped run has
// still covered every scenario
const arbs = scenarios.map((s) => fc.oneof(randomLine, mutatedLine(scenarioLines(s))));
for (let done = 0; done < perScenario && tried < RUNS; done += BATCH) {
  for (const [si, s] of scenarios.entries()) {
    let session = scenarioSession(s, 1 + si + tried);
    const lines = fc.sample(arbs[si]!, { numRuns: Math.min(BATCH, perScenario - done), seed: SEED + si * 1_000_003 + done });
    for (const line of lines) {
      if (tried >= RUNS) break;
      const a = performance.now();
      const r = await checkLine(session, line);
      const ms = performance.now() - a;
      tried++;
      if (ms > 2000) slow.push({ ms, line: line.slice(0, 200) });
      if (r.problem) failures.push({ line, problem: `[${s.id}] ${r.problem}` });
      if (r.destroyed) destroyed++;
      if (r.recreate) recreated++;
      if (r.recreate) session = scenarioSession(s, 1 + si + tried);
    }
    process.stderr.write(`\r${s.id}: ${tried}/${RUNS} lines, ${failures.length} failures, ${((performance.now() - t0) / 1000).toFixed(0)} s   `);
    // a long run can be stopped: what it found so far is already in --out
    if (OUT) writeFileSync(OUT, JSON.stringify({ tried, seed: SEED, wallSeconds: (performance.now() - t0) / 1000, recreated, destroyed, failures, slow, partial: true }, null, 1));
  }
}
process.stderr.write("\n");

const kinds = new Map<string, FuzzFailure[]>();
for (const f of failures) {
  const kind = f.problem.replace(/^\[[^\]]+\] /, "").split(":")[0]!;
  kinds.set(kind, [...(kinds.get(kind) ?? []), f]);
}
const wall = (performance.now() - t0) / 1000;
const lines = [
  `shell fuzz: ${tried} lines over ${scenarios.length} scenario hosts (seed ${SEED}) in ${wall.toFixed(0)} s (${(tried / wall).toFixed(0)} lines/s)`,
  `sessions ended by the line (exit, logout, a failure): ${recreated}; hosts whose programs the line deleted (rm -rf /): ${destroyed}`,
  `failures: ${failures.length}`,
  ...[...kinds].flatMap(([k, fs]) => [`  ${k}: ${fs.length}`, ...fs.slice(0, 3).map((f) => `    ${JSON.stringify(f.line.slice(0, 300))}\n      ${f.problem.slice(0, 600)}`)]),
  `lines slower than 2 s: ${slow.length}`,
  ...slow.sort((a, b) => b.ms - a.ms).slice(0, 5).map((x) => `  ${x.ms.toFixed(0)} ms ${JSON.stringify(x.line)}`),
];
process.stdout.write(`${lines.join("\n")}\n`);
if (OUT) writeFileSync(OUT, JSON.stringify({ tried, seed: SEED, wallSeconds: wall, recreated, destroyed, failures, slow }, null, 1));
process.exit(failures.length ? 1 : 0);
