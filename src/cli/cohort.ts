/**
 * Cohort grading for `faultline grade <dir-of-sessions> --format csv|json`: every *.json file
 * under the given directories (recursively) or given as files is graded on a pool of
 * worker_threads (one per core by default, `--jobs N`), with a progress bar on stderr when it
 * is a terminal. A file that cannot be graded (not JSON, not a session log, an unknown
 * scenario, a log that does not replay) becomes a row with its error instead of stopping the
 * run. Rows come out sorted by file path, whatever order the workers finish in.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { gradeSessionText, type GradeOutcome, type ScenarioCache } from "./grade-file.js";

export interface CohortJob {
  i: number;
  file: string;
}

/** One graded (or failed) session: the columns of the CSV and the fields of the JSON. */
export interface CohortRow {
  file: string;
  scenario: string;
  seed: number | null;
  score: number | null;
  passed: boolean | null;
  resolved: boolean | null;
  diagnosisCorrect: boolean | null;
  categoryCorrect: boolean | null;
  evidenceSeen: string[];
  evidenceMissed: string[];
  invariantsBroken: string[];
  hintsUsed: number | null;
  durationS: number | null;
  firstKeySignalS: number | null;
  warning: string;
  error: string;
}

export function outcomeToRow(o: GradeOutcome): CohortRow {
  const base = { file: o.file, scenario: o.scenarioId ?? "", seed: o.seed ?? null };
  if (!o.ok) return { ...base, score: null, passed: null, resolved: null, diagnosisCorrect: null, categoryCorrect: null, evidenceSeen: [], evidenceMissed: [], invariantsBroken: [], hintsUsed: null, durationS: null, firstKeySignalS: null, warning: "", error: o.error };
  const g = o.grade;
  return {
    ...base,
    score: g.score,
    passed: g.passed,
    resolved: g.resolved,
    diagnosisCorrect: g.diagnosisCorrect,
    categoryCorrect: g.categoryCorrect,
    evidenceSeen: g.evidenceSeen.map((e) => e.id),
    evidenceMissed: g.evidenceMissed.map((e) => e.id),
    invariantsBroken: g.invariantsBroken.map((e) => e.id),
    hintsUsed: g.hintsUsed,
    durationS: Math.round(g.durationMs / 1000),
    firstKeySignalS: g.timeToFirstKeySignalMs === undefined ? null : Math.round(g.timeToFirstKeySignalMs / 1000),
    warning: o.warnings.join("; "),
    error: "",
  };
}

/** Reads and grades one file; never throws. */
export async function gradeFileToRow(file: string, cache: ScenarioCache): Promise<CohortRow> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return outcomeToRow({ file, ok: false, error: code === "ENOENT" ? "no such file" : `cannot read: ${code ?? String(e)}` });
  }
  try {
    return outcomeToRow(await gradeSessionText(text, file, cache));
  } catch (e) {
    return outcomeToRow({ file, ok: false, error: `internal error: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/** The session files named by the arguments: files as given, directories searched for *.json; sorted. */
export function sessionFiles(args: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const a of args) {
    let st;
    try {
      st = statSync(a);
    } catch {
      missing.push(a);
      continue;
    }
    if (st.isDirectory()) {
      for (const rel of readdirSync(a, { recursive: true, encoding: "utf8" })) if (rel.endsWith(".json") && statSync(join(a, rel)).isFile()) files.push(join(a, rel));
    } else files.push(a);
  }
  return { files: [...new Set(files)].sort(), missing };
}

export interface CohortOptions {
  /** worker threads (default: one per core, at most one per file); 0 = grade in this thread */
  jobs?: number;
  onProgress?(done: number, total: number): void;
}

/** Grades the files on a pool of worker threads; rows in the order of `files`. */
export async function gradeCohort(files: string[], opts: CohortOptions = {}): Promise<CohortRow[]> {
  const rows: CohortRow[] = new Array<CohortRow>(files.length);
  const jobs = Math.min(opts.jobs ?? availableParallelism(), files.length);
  let done = 0;
  if (jobs <= 0 || files.length === 0) {
    const cache: ScenarioCache = new Map();
    for (let i = 0; i < files.length; i++) {
      rows[i] = await gradeFileToRow(files[i]!, cache);
      opts.onProgress?.(++done, files.length);
    }
    return rows;
  }
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: jobs }, () =>
        new Promise<void>((resolve) => {
          const w = new Worker(new URL("./cohort-worker.mjs", import.meta.url));
          workers.push(w);
          let current: CohortJob | undefined;
          const feed = () => {
            if (next >= files.length) {
              current = undefined;
              void w.terminate();
              resolve();
              return;
            }
            current = { i: next, file: files[next]! };
            next++;
            w.postMessage(current);
          };
          w.on("message", (m: { i: number; row: CohortRow }) => {
            rows[m.i] = m.row;
            opts.onProgress?.(++done, files.length);
            feed();
          });
          let crash = "the worker exited";
          w.on("error", (e: unknown) => {
            crash = e instanceof Error ? e.message : String(e);
          });
          // a worker that dies takes only its current file with it; leftovers are graded below
          w.on("exit", () => {
            if (current) {
              rows[current.i] = outcomeToRow({ file: current.file, ok: false, error: `grader crashed: ${crash}` });
              opts.onProgress?.(++done, files.length);
              current = undefined;
            }
            resolve();
          });
          feed();
        }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const cache: ScenarioCache = new Map();
  for (let i = 0; i < files.length; i++) {
    if (rows[i]) continue;
    rows[i] = await gradeFileToRow(files[i]!, cache);
    opts.onProgress?.(++done, files.length);
  }
  return rows;
}

const CSV_COLUMNS: (keyof CohortRow)[] = ["file", "scenario", "seed", "score", "passed", "resolved", "diagnosisCorrect", "categoryCorrect", "evidenceSeen", "evidenceMissed", "invariantsBroken", "hintsUsed", "durationS", "firstKeySignalS", "warning", "error"];

function csvCell(v: CohortRow[keyof CohortRow]): string {
  const s = v === null ? "" : Array.isArray(v) ? v.join(" ") : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header line. */
export function rowsToCsv(rows: CohortRow[]): string {
  return [CSV_COLUMNS.join(","), ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n";
}

export function rowsToJson(rows: CohortRow[]): string {
  const graded = rows.filter((r) => !r.error);
  const scores = graded.map((r) => r.score ?? 0);
  const summary = {
    sessions: rows.length,
    graded: graded.length,
    failed: rows.length - graded.length,
    passed: graded.filter((r) => r.passed).length,
    meanScore: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null,
  };
  return JSON.stringify({ summary, sessions: rows }, null, 2) + "\n";
}

/** A one-line progress bar ("\r" redraws it): `grading [#####-----] 412/1000  87/s`. */
export function progressLine(done: number, total: number, elapsedMs: number, width = 30): string {
  const filled = total ? Math.round((done / total) * width) : width;
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  return `\rgrading [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}  ${rate.toFixed(1)}/s`;
}
