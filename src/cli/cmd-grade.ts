/**
 * `faultline grade SESSION.json [--format text|json|markdown]`: validates the session log,
 * replays its inputs on a fresh host of the same scenario and seed (refusing a log whose
 * outputs do not replay identically: a different engine version, an edited scenario, a
 * tampered file), then grades the replayed session.
 */
import { readFileSync } from "node:fs";
import { gradeSession, renderReport } from "../grading/index.js";
import { gradeInputFromLog } from "../harness/index.js";
import { withVariables } from "../scenario/index.js";
import { diffReplay, parseSessionLog, replaySession, SessionLogError } from "../replay/index.js";
import { resolveScenario, ScenarioLoadError, UnknownScenarioError } from "./resolve-host.js";
import type { Io } from "./cmd-scenarios.js";

export async function cmdGrade(args: string[], io: Io): Promise<number> {
  let format: "text" | "json" | "markdown" = "text";
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--format" || a.startsWith("--format=")) {
      const v = a.includes("=") ? a.slice(9) : args[++i];
      if (v !== "text" && v !== "json" && v !== "markdown") {
        io.err(`faultline grade: --format must be text, json or markdown (got '${v ?? ""}')\n`);
        return 2;
      }
      format = v;
    } else if (a.startsWith("-")) {
      io.err(`faultline grade: unknown option '${a}'\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length !== 1) {
    io.err("usage: faultline grade SESSION.json [--format text|json|markdown]\n");
    return 2;
  }
  const file = files[0]!;
  let log;
  try {
    log = parseSessionLog(JSON.parse(readFileSync(file, "utf8")));
  } catch (e) {
    if (e instanceof SessionLogError || e instanceof SyntaxError) {
      io.err(`faultline grade: ${file}: ${e instanceof SyntaxError ? `not JSON (${e.message})` : e.message}\n`);
      return 1;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code) {
      io.err(`faultline grade: ${file}: ${code === "ENOENT" ? "no such file" : code}\n`);
      return 1;
    }
    throw e;
  }
  let resolved;
  try {
    resolved = resolveScenario(log.header.scenarioId);
  } catch (e) {
    if (e instanceof UnknownScenarioError || e instanceof ScenarioLoadError) {
      io.err(`faultline grade: ${file}: ${e.message}`.trimEnd() + "\n");
      return 1;
    }
    throw e;
  }
  if (!resolved.scenario) {
    io.err(`faultline grade: ${file}: '${log.header.scenarioId}' is not a graded scenario\n`);
    return 1;
  }
  if (resolved.hash !== log.header.scenarioHash) {
    io.err(`faultline grade: ${file}: the scenario '${log.header.scenarioId}' changed since this session was recorded (hash ${log.header.scenarioHash} vs ${resolved.hash}); its outputs may not replay\n`);
  }
  const replay = await replaySession(log, (h) => resolved.makeHost(h.seed));
  const diff = diffReplay(log, replay);
  if (diff) {
    io.err(`faultline grade: ${file}: the session does not replay identically (engine ${log.header.engineVersion}): ${diff}\n`);
    return 1;
  }
  const grade = gradeSession(gradeInputFromLog(withVariables(resolved.scenario, log.header.seed), log, replay.host));
  io.out(renderReport(grade, format, resolved.scenario.title));
  return 0;
}
