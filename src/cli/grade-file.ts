/**
 * Grading one exported session log (its JSON text): parse and validate it, resolve its
 * scenario (cached per id, so a cohort loads each scenario once per thread), replay its inputs
 * on a fresh host of the same scenario and seed, refuse a log whose outputs do not replay
 * identically, and grade the replayed session. Never throws for a bad file: the outcome says
 * what went wrong, so `faultline grade` on a directory can report a row per corrupt file.
 */
import { gradeSession, type Grade } from "../grading/index.js";
import { gradeInputFromLog } from "../harness/index.js";
import { withVariables } from "../scenario/index.js";
import { checkReplay, parseSessionLog, replaySession, SessionLogError } from "../replay/index.js";
import { ENGINE_VERSION } from "../engine/index.js";
import { resolveScenario, ScenarioLoadError, UnknownScenarioError, type ResolvedScenario } from "./resolve-host.js";

export type GradeOutcome =
  | { file: string; ok: true; scenarioId: string; title: string; seed: number; grade: Grade; warnings: string[] }
  | { file: string; ok: false; scenarioId?: string; seed?: number; error: string };

export type ScenarioCache = Map<string, ResolvedScenario | Error>;

function resolveCached(id: string, cache: ScenarioCache): ResolvedScenario {
  let r = cache.get(id);
  if (!r) {
    try {
      r = resolveScenario(id);
    } catch (e) {
      if (!(e instanceof UnknownScenarioError || e instanceof ScenarioLoadError)) throw e;
      r = e;
    }
    cache.set(id, r);
  }
  if (r instanceof Error) throw r;
  return r;
}

/** Grades the session log in `text` (read from `file`, used in messages). */
export async function gradeSessionText(text: string, file: string, cache: ScenarioCache = new Map()): Promise<GradeOutcome> {
  let log;
  try {
    log = parseSessionLog(JSON.parse(text));
  } catch (e) {
    if (e instanceof SyntaxError) return { file, ok: false, error: `not JSON (${e.message})` };
    if (e instanceof SessionLogError) return { file, ok: false, error: e.message };
    return { file, ok: false, error: `not a session log (${e instanceof Error ? e.message : String(e)})` };
  }
  const { scenarioId, seed } = log.header;
  let resolved: ResolvedScenario;
  try {
    resolved = resolveCached(scenarioId, cache);
  } catch (e) {
    return { file, ok: false, scenarioId, seed, error: (e as Error).message.trim() };
  }
  if (!resolved.scenario) return { file, ok: false, scenarioId, seed, error: `'${scenarioId}' is not a graded scenario` };
  try {
    const replay = await replaySession(log, (h) => resolved.makeHost(h.seed));
    // a different engine or an edited scenario is named: as the cause of a divergence, or as a warning
    const check = checkReplay(log, replay, { engineVersion: ENGINE_VERSION, scenarioHash: resolved.hash });
    if (!check.ok) return { file, ok: false, scenarioId, seed, error: check.error! };
    const warnings = check.warnings;
    const grade = gradeSession(gradeInputFromLog(withVariables(resolved.scenario, seed), log, replay.host));
    return { file, ok: true, scenarioId, title: resolved.scenario.title, seed, grade, warnings };
  } catch (e) {
    return { file, ok: false, scenarioId, seed, error: `replay failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
