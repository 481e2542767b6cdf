/**
 * Cohort-grading benchmark (`faultline grade <dir>`): generates 1,000 exported sessions from
 * the shipped scenarios' walkthroughs, variants and anti-paths with the harness (every path at
 * one seed, then copies under distinct names until there are 1,000 files; each file is still
 * parsed, replayed on a fresh host and graded in full), grades the directory with the CLI's
 * worker pool (one thread per core) and reports sessions per second. Runs by itself with
 * `npx tsx bench/cohort.ts [--sessions N] [--jobs N]`, or as a case of `npm run bench`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { runPath } from "../src/harness/index.js";
import { gradeCohort, sessionFiles } from "../src/cli/cohort.js";
import { loadCatalog } from "../src/cli/scenario-catalog.js";

export interface CohortBench {
  sessions: number;
  distinct: number;
  jobs: number;
  generateMs: number;
  gradeMs: number;
  perSecond: number;
  failed: number;
}

/** Generates `n` session files into a temporary directory, grades them, removes them. */
export async function benchCohort(n = 1000, jobs = availableParallelism(), log: (s: string) => void = () => {}): Promise<CohortBench> {
  const dir = mkdtempSync(join(tmpdir(), "faultline-cohort-bench-"));
  try {
    const t0 = performance.now();
    const logs: string[] = [];
    for (const l of loadCatalog()) {
      if (!l.ok) continue;
      const s = l.scenario;
      const paths = [s.walkthrough.steps, ...(s.variants ?? []).map((v) => v.steps), ...s.antiPaths.map((a) => a.steps)];
      for (const steps of paths) logs.push(JSON.stringify((await runPath(s, steps)).log));
    }
    mkdirSync(join(dir, "sessions"));
    for (let i = 0; i < n; i++) writeFileSync(join(dir, "sessions", `candidate-${String(i).padStart(4, "0")}.json`), logs[i % logs.length]!);
    const generateMs = performance.now() - t0;
    log(`cohort: ${n} sessions from ${logs.length} distinct paths generated in ${(generateMs / 1000).toFixed(1)} s; grading on ${jobs} worker thread(s)...\n`);
    const { files } = sessionFiles([join(dir, "sessions")]);
    const t1 = performance.now();
    const rows = await gradeCohort(files, { jobs });
    const gradeMs = performance.now() - t1;
    return { sessions: n, distinct: logs.length, jobs, generateMs, gradeMs, perSecond: (n * 1000) / gradeMs, failed: rows.filter((r) => r.error).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line for the bench table's notes. */
export function cohortLine(b: CohortBench): string {
  return `Cohort grading (\`faultline grade <dir>\`): ${b.sessions.toLocaleString("en-US")} sessions (${b.distinct} distinct walkthrough/variant/anti-path logs) graded in ${(b.gradeMs / 1000).toFixed(1)} s on ${b.jobs} worker thread(s): **${b.perSecond.toFixed(1)} sessions/s**${b.failed ? ` (${b.failed} FAILED)` : ""}.`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name: string) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
  const b = await benchCohort(opt("--sessions") ?? 1000, opt("--jobs") ?? availableParallelism(), (s) => process.stderr.write(s));
  process.stdout.write(cohortLine(b) + "\n");
}
