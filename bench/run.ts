/**
 * `npm run bench`: times Faultline's commands against the real tools on this machine and prints
 * one table (median wall-clock ms of N runs each, the ratio, and PASS/MISS per target), then
 * writes it to bench/README.md's "Latest figures". Targets: diagnostic tools < 5 ms on a
 * 500-process host; 1,000,000-entry directory operations within 2x GNU on tmpfs; the 50,000-line
 * log pipeline within 3x coreutils. A command that fails in the simulation (not written yet,
 * or wrong output) reports n/a or WRONG instead of stopping the run.
 *
 * Flags: --runs N (samples per fast case, default 15), --only REGEX (case labels), --no-write
 * (do not touch bench/README.md), --keep (keep the tmpfs directory for the next run).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, release, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { buildHost, type Host } from "../src/engine/index.js";
import { createSession } from "../src/shell/index.js";
import { benchCohort, cohortLine } from "./cohort.js";
import { benchMemory, memoryLines } from "./memory.js";
import { benchBrowser, writeBrowserFigures } from "./browser.js";
import { BIG_COUNT, BIG_DIR, LOG_PATH, accessLog, bigDirSpec, buildBusyHost, forgetRealBigDir, logHostSpec, realBigDir } from "./fixtures.js";

type Group = "diag" | "big" | "log";

interface Case {
  group: Group;
  /** the command line; DIR and LOG are replaced by the sim's or the real machine's path */
  line: string;
  host: () => Host;
  /** build a fresh host before every run of ours (the command changes the host) */
  freshHost?: boolean;
  /** run the real tool only once, last (it destroys its input) */
  realOnce?: boolean;
  /** compare our output with the real tool's (same input on both sides) */
  sameOutput?: boolean;
}

interface Timing {
  samples: number[];
  out: string;
  error?: string;
  /** ms of the first run, before any warm-up (our side only) */
  cold?: number;
}

interface Row {
  c: Case;
  ours?: number;
  real?: number;
  oursRuns: number;
  realRuns: number;
  note: string;
  verdict: "PASS" | "MISS" | "n/a" | "WRONG";
}

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const RUNS = Number(opt("--runs") ?? 15);
/** uncounted runs after the first, for fast cases on a reused host */
const WARMUP = 10;
const ONLY = opt("--only") ? new RegExp(opt("--only")!) : undefined;
const CASE_BUDGET_MS = 20_000;
const TARGET: Record<Group, { text: string; ok: (oursMs: number, ratio: number) => boolean }> = {
  diag: { text: "< 5 ms", ok: (ms) => ms < 5 },
  big: { text: "<= 2x GNU", ok: (_ms, ratio) => ratio <= 2 },
  log: { text: "<= 3x GNU", ok: (_ms, ratio) => ratio <= 3 },
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A tmpfs folder for the real 1,000,000 files (/dev/shm when it is tmpfs). */
function tmpfsRoot(): { root: string; fs: string } {
  const mounts = existsSync("/proc/mounts") ? readFileSync("/proc/mounts", "utf8") : "";
  const shm = mounts.split("\n").find((l) => l.split(" ")[1] === "/dev/shm");
  const base = shm?.split(" ")[2] === "tmpfs" ? "/dev/shm" : tmpdir();
  return { root: join(base, "faultline-bench"), fs: base === "/dev/shm" ? "tmpfs (/dev/shm)" : `${base} (not tmpfs)` };
}

async function timeOurs(c: Case, line: string): Promise<Timing> {
  const open = () => createSession(c.host(), { interactive: false, user: "root", cols: 80 });
  let session = open();
  const samples: number[] = [];
  let out = "";
  let spent = 0;
  let cold: number | undefined;
  for (let i = 0; i <= RUNS; i++) {
    if (c.freshHost && i > 0) session = open();
    const t0 = performance.now();
    const r = await session.run(line);
    const ms = performance.now() - t0;
    spent += ms;
    if (i === 0) {
      out = r.stdout;
      if (r.exitCode === 127 || /command not found/.test(r.stderr)) return { samples, out, error: "not implemented" };
      if (r.exitCode !== 0) return { samples, out, error: `exit ${r.exitCode}: ${r.stderr.split("\n")[0].slice(0, 60)}` };
      if (c.group === "diag" && !r.stdout.trim()) return { samples, out, error: "prints nothing (not implemented)" };
      if (ms < 1000) {
        // warm-up, not counted: the first run (reported as `cold`) and, for fast cases on a
        // reused host, WARMUP more so the JIT has compiled the tool, as in a session where
        // the candidate runs it again; slow cases count every run
        cold = ms;
        if (!c.freshHost) for (let w = 0; w < WARMUP; w++) await session.run(line);
        continue;
      }
    }
    samples.push(ms);
    if (spent > CASE_BUDGET_MS) break;
  }
  return { samples, out, cold };
}

function timeReal(line: string, cwd: string, runs: number): Timing {
  const samples: number[] = [];
  let out = "";
  let spent = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const r = spawnSync("bash", ["-c", line], { cwd, encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, LC_ALL: "C" } });
    const ms = performance.now() - t0;
    spent += ms;
    if (i === 0) {
      out = r.stdout;
      if (r.status !== 0) return { samples, out, error: `exit ${r.status}: ${(r.stderr || "").split("\n")[0]}` };
      if (runs > 0 && ms < 1000) continue; // warm-up
    }
    samples.push(ms);
    if (spent > CASE_BUDGET_MS) break;
  }
  return { samples, out };
}

function machine(): string {
  const model = /model name\s*:\s*(.+)/.exec(existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "")?.[1] ?? "unknown CPU";
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: HERE, encoding: "utf8" }).stdout.trim() || "unknown";
  return `${availableParallelism()} x ${model}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Linux ${release()}, Node ${process.version}, commit ${commit}`;
}

function fmt(ms: number | undefined): string {
  if (ms === undefined) return "n/a";
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function table(rows: Row[]): string {
  const head = ["case", "ours ms", "real ms", "ours/real", "target", "result", "note"];
  const body = rows.map((r) => [
    `\`${r.c.line.replaceAll("|", "\\|")}\``,
    r.ours === undefined ? "n/a" : `${fmt(r.ours)} (n=${r.oursRuns})`,
    r.real === undefined ? "n/a" : `${fmt(r.real)} (n=${r.realRuns})`,
    r.ours !== undefined && r.real ? `${(r.ours / r.real).toFixed(2)}x` : "n/a",
    TARGET[r.c.group].text,
    r.verdict,
    r.note.replaceAll("|", "\\|"),
  ]);
  const lines = [head, head.map(() => "---"), ...body].map((cells) => `| ${cells.join(" | ")} |`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const log = accessLog();
  const busy = buildBusyHost();
  const procCount = busy.procs.size;
  const all: Case[] = [
    ...["ps aux", "top -b -n1", "vmstat", "free", "df -i"].map((line): Case => ({ group: "diag", line, host: () => busy })),
    { group: "big", line: "find DIR -type f | wc -l", host: () => buildHost(bigDirSpec()), sameOutput: true },
    { group: "big", line: "ls DIR | wc -l", host: () => buildHost(bigDirSpec()), sameOutput: true },
    { group: "big", line: "du -sh DIR", host: () => buildHost(bigDirSpec()) },
    { group: "big", line: "find DIR -type f -delete", host: () => buildHost(bigDirSpec()), freshHost: true, realOnce: true, sameOutput: true },
    { group: "log", line: "awk '{print $1}' LOG | sort | uniq -c | sort -rn | head", host: () => buildHost(logHostSpec(log)), sameOutput: true },
  ];
  const cases = all.filter((c) => !ONLY || ONLY.test(c.line));

  const { root, fs } = tmpfsRoot();
  const needsDir = cases.some((c) => c.line.includes("DIR"));
  let realDir = "";
  if (needsDir) {
    process.stderr.write(`creating ${BIG_COUNT.toLocaleString("en-US")} empty files under ${root} (cached until the end of this run)...\n`);
    realDir = realBigDir(root);
  }
  mkdirSync(root, { recursive: true });
  const realLog = join(root, "access.log");
  writeFileSync(realLog, log);
  const realLine = (c: Case) => c.line.replace("DIR", realDir).replace("LOG", realLog);

  const results: { c: Case; ours: Timing; real?: Timing }[] = [];
  try {
    for (const c of cases) {
      process.stderr.write(`${c.line} ...\n`);
      const ours = await timeOurs(c, c.line.replace("DIR", BIG_DIR).replace("LOG", LOG_PATH));
      results.push({ c, ours, real: c.realOnce ? undefined : timeReal(realLine(c), root, RUNS) });
    }
    // Destructive real runs go last and run once: they consume the cached directory.
    for (const r of results) {
      if (!r.c.realOnce) continue;
      r.real = timeReal(realLine(r.c), root, 0);
      forgetRealBigDir(root);
    }
  } finally {
    if (!flag("--keep")) rmSync(root, { recursive: true, force: true });
  }
  const rows = results.map((r) => judge(r.c, r.ours, r.real));

  // cohort grading: 1,000 exported sessions through `faultline grade <dir>` (bench/cohort.ts)
  let cohort = "";
  if (!ONLY || ONLY.test("cohort grading")) cohort = `\n\n${cohortLine(await benchCohort(1000, undefined, (s) => process.stderr.write(s)))}`;

  // heap (largest scenario, 1,000,000-entry walk, 10 consecutive runs) and grading throughput (bench/memory.ts)
  let memory = "";
  if (!ONLY || ONLY.test("memory")) memory = `\n\n${memoryLines(await benchMemory((s) => process.stderr.write(s)))}`;

  // the production build in Chromium (bench/browser.ts): its own section of bench/README.md
  const browser = !ONLY || ONLY.test("browser") ? await benchBrowser((s) => process.stderr.write(s)) : undefined;
  if (browser !== undefined) {
    process.stdout.write(`${browser}\n\n`);
    if (!flag("--no-write") && !ONLY) writeBrowserFigures(browser);
  }

  const desc = machine();
  const text = `${table(rows)}${cohort}${memory}\n\nMachine: ${desc}. Diagnostic tools ran on a ${procCount}-process host; the real tools ran on this machine as it was. Real 1,000,000-file directory on ${fs}; real tools with LC_ALL=C.`;
  process.stdout.write(`${text}\n`);
  if (!flag("--no-write") && !ONLY) writeFigures(text);
}

function judge(c: Case, ours: Timing, real: Timing | undefined): Row {
  const row: Row = { c, oursRuns: ours.samples.length, realRuns: real?.samples.length ?? 0, note: "", verdict: "n/a" };
  if (real?.samples.length && !real.error) row.real = median(real.samples);
  if (ours.error) {
    row.note = ours.error;
    return row;
  }
  row.ours = median(ours.samples);
  if (ours.cold !== undefined && c.group === "diag") row.note = `first run ${fmt(ours.cold)} ms`;
  if (real?.error) {
    row.note = `real: ${real.error}`;
    if (c.group !== "diag") return row;
  }
  if (c.sameOutput && real && !real.error && ours.out !== real.out) {
    row.verdict = "WRONG";
    row.note = `output differs from the real tool (${JSON.stringify(ours.out.slice(0, 40))} vs ${JSON.stringify(real.out.slice(0, 40))})`;
    return row;
  }
  row.verdict = TARGET[c.group].ok(row.ours, row.real ? row.ours / row.real : Number.POSITIVE_INFINITY) ? "PASS" : "MISS";
  return row;
}

function writeFigures(text: string): void {
  const readme = join(HERE, "README.md");
  const start = "<!-- figures:start -->";
  const end = "<!-- figures:end -->";
  const current = readFileSync(readme, "utf8");
  const a = current.indexOf(start);
  const b = current.indexOf(end);
  if (a < 0 || b < a) throw new Error(`bench/README.md lacks the ${start} ... ${end} markers`);
  const stamp = new Date().toISOString().slice(0, 10);
  writeFileSync(readme, `${current.slice(0, a + start.length)}\n_Measured ${stamp}._\n\n${text}\n${current.slice(b)}`);
  process.stderr.write("wrote bench/README.md\n");
}

await main();
