/**
 * `faultline export SESSION.json --cast OUT.cast [--v2|--v3] [--no-input] [--markers|--no-markers]`:
 * renders an exported session log as an asciicast (src/replay/asciicast.ts) — v3 by default,
 * v2 for asciinema 2.x (`asciinema play`/`cat`) — with the keys typed as "i" events unless
 * --no-input, and "m" markers at the diagnostic milestones (first key evidence, hypothesis,
 * fix, verification) computed with the scenario's rubric at the session's seed. Markers need
 * the scenario: without it (the demo host, an unknown id) the cast is written without them and
 * a warning says why, unless --markers was given (then it is an error). `--cast -` writes to
 * stdout. Exit codes: 0 written, 1 the session or output file could not be read or written,
 * 2 usage.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { sessionMilestones } from "../grading/index.js";
import { withVariables } from "../scenario/index.js";
import { SessionLogError, parseSessionLog, toAsciicast, type CastMarker, type SessionLog } from "../replay/index.js";
import type { Io } from "./cmd-scenarios.js";
import { resolveScenario, ScenarioLoadError, UnknownScenarioError } from "./resolve-host.js";

const USAGE = "usage: faultline export SESSION.json --cast OUT.cast [--v2|--v3] [--no-input] [--markers|--no-markers]\n";

export async function cmdExport(args: string[], io: Io): Promise<number> {
  let cast: string | undefined;
  let version: 2 | 3 | undefined;
  let input = true;
  let markers: boolean | undefined;
  const files: string[] = [];
  const usage = (msg: string): number => {
    io.err(`faultline export: ${msg}\n${USAGE}`);
    return 2;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--cast" || a.startsWith("--cast=")) {
      const v = a.includes("=") ? a.slice(7) : args[++i];
      if (!v) return usage("--cast needs a file name (or - for stdout)");
      cast = v;
    } else if (a === "--v2" || a === "--v3") {
      const v = a === "--v2" ? 2 : 3;
      if (version !== undefined && version !== v) return usage("--v2 and --v3 exclude each other");
      version = v;
    } else if (a === "--no-input") input = false;
    else if (a === "--markers" || a === "--no-markers") {
      const v = a === "--markers";
      if (markers !== undefined && markers !== v) return usage("--markers and --no-markers exclude each other");
      markers = v;
    } else if (a === "-h" || a === "--help") {
      io.out(USAGE);
      return 0;
    } else if (a.startsWith("-") && a !== "-") return usage(`unknown option '${a}'`);
    else files.push(a);
  }
  if (files.length === 0) return usage("missing the session log (SESSION.json)");
  if (files.length > 1) return usage(`unexpected argument '${files[1]}'`);
  if (cast === undefined) return usage("missing --cast OUT.cast");
  const file = files[0]!;

  let log: SessionLog;
  try {
    log = parseSessionLog(readFileSync(file, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = e instanceof SessionLogError ? e.message : code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (code ?? String(e));
    io.err(`faultline export: ${file}: ${why}\n`);
    return 1;
  }

  let marks: CastMarker[] = [];
  if (markers !== false) {
    const m = milestoneMarkers(log);
    if (typeof m === "string") {
      if (markers === true) {
        io.err(`faultline export: ${file}: cannot place markers: ${m}\n`);
        return 1;
      }
      io.err(`faultline export: ${file}: no markers: ${m}\n`);
    } else {
      marks = m.markers;
      if (m.warning) io.err(`faultline export: ${file}: ${m.warning}\n`);
    }
  }

  const text = toAsciicast(log, { version: version ?? 3, input, markers: marks });
  if (cast === "-") {
    io.out(text);
    return 0;
  }
  try {
    writeFileSync(cast, text);
  } catch (e) {
    io.err(`faultline export: cannot write '${cast}': ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return 1;
  }
  return 0;
}

/** The session's milestones as markers, or why there are none. */
function milestoneMarkers(log: SessionLog): { markers: CastMarker[]; warning?: string } | string {
  const { scenarioId, scenarioHash, seed } = log.header;
  let resolved;
  try {
    resolved = resolveScenario(scenarioId);
  } catch (e) {
    if (e instanceof UnknownScenarioError || e instanceof ScenarioLoadError) return `the scenario '${scenarioId}' cannot be loaded (${e.message.trim().split("\n")[0]})`;
    throw e;
  }
  if (!resolved.scenario) return `'${scenarioId}' has no rubric (not a graded scenario)`;
  const warning = resolved.hash !== scenarioHash ? `the scenario '${scenarioId}' changed since this session was recorded (hash ${scenarioHash} vs ${resolved.hash}): markers follow the current rubric` : undefined;
  return { markers: sessionMilestones(log, withVariables(resolved.scenario, seed)), warning };
}
