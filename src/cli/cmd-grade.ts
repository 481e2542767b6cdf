/**
 * `faultline grade SESSION.json [--format text|json|markdown]`: validates the session log,
 * replays its inputs on a fresh host of the same scenario and seed (refusing a log whose
 * outputs do not replay identically: a different engine version, an edited scenario, a
 * tampered file), then grades the replayed session (grade-file.ts).
 *
 * `faultline grade DIR... [--format csv|json] [--jobs N]`: a whole cohort's exported sessions
 * (every *.json under the directories), graded in parallel on worker threads (cohort.ts), one
 * row per file in file order, a row with an error for a file that cannot be graded, a progress
 * bar on stderr when it is a terminal. Exit code 1 when any file failed.
 */
import { readFileSync, statSync } from "node:fs";
import { renderReport } from "../grading/index.js";
import { gradeSessionText } from "./grade-file.js";
import { gradeCohort, progressLine, rowsToCsv, rowsToJson, sessionFiles } from "./cohort.js";
import type { Io } from "./cmd-scenarios.js";

type Format = "text" | "json" | "markdown" | "csv";
const FORMATS: Format[] = ["text", "json", "markdown", "csv"];
const USAGE = "usage: faultline grade SESSION.json [--format text|json|markdown]\n       faultline grade DIR-OF-SESSIONS... [--format csv|json] [--jobs N]\n";

export interface GradeEnv {
  /** whether stderr is a terminal (the progress bar is drawn only then) */
  stderrIsTTY?: boolean;
  /** the wall clock for the rate (ms) */
  now?(): number;
}

export async function cmdGrade(args: string[], io: Io, env: GradeEnv = {}): Promise<number> {
  let format: Format | undefined;
  let jobs: number | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--format" || a.startsWith("--format=")) {
      const v = a.includes("=") ? a.slice(9) : args[++i];
      if (!FORMATS.includes(v as Format)) {
        io.err(`faultline grade: --format must be text, json, markdown (one session) or csv, json (a cohort) (got '${v ?? ""}')\n`);
        return 2;
      }
      format = v as Format;
    } else if (a === "--jobs" || a.startsWith("--jobs=")) {
      const v = a.includes("=") ? a.slice(7) : args[++i];
      if (!v || !/^\d+$/.test(v)) {
        io.err(`faultline grade: --jobs must be a whole number (got '${v ?? ""}')\n`);
        return 2;
      }
      jobs = Number(v);
    } else if (a === "-h" || a === "--help") {
      io.out(USAGE);
      return 0;
    } else if (a.startsWith("-")) {
      io.err(`faultline grade: unknown option '${a}'\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    io.err(USAGE);
    return 2;
  }
  const isDir = (f: string): boolean => {
    try {
      return statSync(f).isDirectory();
    } catch {
      return false;
    }
  };
  const cohort = files.length > 1 || isDir(files[0]!) || format === "csv";
  if (!cohort) return gradeOne(files[0]!, format === "csv" ? "text" : (format ?? "text"), io);
  if (format === "text" || format === "markdown") {
    io.err(`faultline grade: a cohort is reported as csv or json (got '${format}')\n`);
    return 2;
  }
  return gradeMany(files, format ?? "csv", jobs, io, env);
}

async function gradeOne(file: string, format: "text" | "json" | "markdown", io: Io): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(`faultline grade: ${file}: ${code === "ENOENT" ? "no such file" : (code ?? String(e))}\n`);
    return 1;
  }
  const o = await gradeSessionText(text, file);
  if (!o.ok) {
    io.err(`faultline grade: ${file}: ${o.error}\n`);
    return 1;
  }
  for (const w of o.warnings) io.err(`faultline grade: ${file}: ${w}\n`);
  io.out(renderReport(o.grade, format, o.title));
  return 0;
}

async function gradeMany(args: string[], format: "csv" | "json", jobs: number | undefined, io: Io, env: GradeEnv): Promise<number> {
  const { files, missing } = sessionFiles(args);
  for (const m of missing) io.err(`faultline grade: ${m}: no such file or directory\n`);
  if (missing.length) return 2;
  if (!files.length) {
    io.err(`faultline grade: no *.json session files in ${args.join(", ")}\n`);
    return 1;
  }
  const now = env.now ?? (() => performance.now());
  const t0 = now();
  const tty = env.stderrIsTTY ?? process.stderr.isTTY === true;
  let lastDraw = -Infinity;
  const rows = await gradeCohort(files, {
    jobs,
    onProgress: tty
      ? (done, total) => {
          const t = now();
          if (done === total || t - lastDraw >= 100) {
            lastDraw = t;
            io.err(progressLine(done, total, t - t0));
          }
        }
      : undefined,
  });
  if (tty) io.err("\r\x1b[K");
  io.out(format === "csv" ? rowsToCsv(rows) : rowsToJson(rows));
  const failed = rows.filter((r) => r.error).length;
  const secs = (now() - t0) / 1000;
  io.err(`graded ${rows.length - failed} of ${rows.length} session${rows.length === 1 ? "" : "s"}${failed ? ` (${failed} could not be graded: see the error column)` : ""} in ${secs.toFixed(1)} s\n`);
  return failed ? 1 : 0;
}
