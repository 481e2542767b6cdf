/**
 * Scenario subcommands of the CLI: `list`, `validate`, `test`.
 */
import { catalogFiles, issuesText, loadCatalog, loadFile, resolveScenario } from "./scenario-catalog.js";
import { testScenario } from "../harness/index.js";

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(name + "="));
  return eq?.slice(name.length + 1);
}

export function cmdList(args: string[], io: Io): number {
  const tag = flag(args, "--tag");
  const difficulty = flag(args, "--difficulty");
  const rows = loadCatalog()
    .filter((l) => l.ok)
    .map((l) => (l.ok ? l.scenario : undefined)!)
    .filter((s) => (!tag || s.tags.includes(tag)) && (!difficulty || s.difficulty === difficulty));
  if (args.includes("--json")) {
    io.out(JSON.stringify(rows.map((s) => ({ id: s.id, title: s.title, difficulty: s.difficulty, tags: s.tags, estimatedMinutes: s.estimatedMinutes })), null, 2) + "\n");
    return 0;
  }
  const bad = loadCatalog().filter((l) => !l.ok);
  const w = Math.max(2, ...rows.map((s) => s.id.length));
  io.out(`${"ID".padEnd(w)}  DIFFICULTY  MIN  TITLE\n`);
  for (const s of rows) io.out(`${s.id.padEnd(w)}  ${s.difficulty.padEnd(10)}  ${String(s.estimatedMinutes).padStart(3)}  ${s.title}\n${" ".repeat(w + 19)}${s.tags.join(" ")}\n`);
  for (const b of bad) io.err(`warning: ${b.file} does not load (run faultline validate ${b.file})\n`);
  return 0;
}

export function cmdValidate(args: string[], io: Io): number {
  const files = args.filter((a) => !a.startsWith("-"));
  const targets = files.length ? files : catalogFiles();
  if (!targets.length) {
    io.err("faultline validate: no scenario files given and no scenarios/ directory found\n");
    return 2;
  }
  let failed = 0;
  for (const f of targets) {
    const l = loadFile(f);
    if (l.ok) io.out(`${f}: ok (${l.scenario.id})\n`);
    else {
      failed++;
      io.err(issuesText(l));
    }
  }
  if (targets.length > 1) io.out(`${targets.length - failed} valid, ${failed} invalid\n`);
  return failed ? 1 : 0;
}

export async function cmdTest(args: string[], io: Io): Promise<number> {
  const seed = flag(args, "--seed");
  const verbose = args.includes("--verbose") || args.includes("-v");
  const ids = args.filter((a, i) => !a.startsWith("-") && args[i - 1] !== "--seed");
  const loaded = ids.length ? ids.map(resolveScenario) : loadCatalog();
  let passed = 0;
  let failed = 0;
  for (const l of loaded) {
    if (!l.ok) {
      io.err(issuesText(l));
      failed++;
      continue;
    }
    const s = l.scenario;
    const r = await testScenario(s, { seed: seed !== undefined ? Number(seed) : undefined, keepRuns: verbose });
    io.out(`${r.ok ? "PASS" : "FAIL"}  ${s.id}\n`);
    for (const c of r.checks) {
      io.out(`  ${c.ok ? "ok  " : "FAIL"}  ${c.kind.padEnd(11)} ${c.id.padEnd(22)} score ${String(c.score).padStart(3)}  resolved ${c.resolved ? "yes" : "no "}  (expect ${c.expectation})\n`);
      for (const p of c.problems) io.out(`          ${p}\n`);
      if (verbose && c.run) io.out(c.run.transcript.replace(/^/gm, "          | ") + "\n");
    }
    if (r.ok) passed++;
    else failed++;
  }
  io.out(`${passed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}
