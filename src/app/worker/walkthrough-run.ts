/**
 * "Watch the solution" in the worker: runs a scenario's reference walkthrough through the
 * engine (the harness's runPath, the same recorder a candidate's session uses) and returns the
 * session log, its diagnostic milestones (markers on the player's progress bar) and the
 * walkthrough's narration as captions, each anchored to the command it introduces. Nothing is
 * pre-recorded: the replay shows what the engine prints for this scenario and seed. Also
 * validates a session file the user imports, for the same player.
 */
import { runPath } from "../../harness/index.js";
import { sessionMilestones } from "../../grading/index.js";
import { compileScenario, substitute, type Scenario, type StepT } from "../../scenario/index.js";
import { parseSessionLog } from "../../replay/index.js";
import type { ImportedSessionResult, ReplayCaption, WalkthroughRunResult } from "./protocol.js";

/** The caption text of one step: its narration, else what it notes, hypothesises or concludes. */
function stepText(s: StepT): string | undefined {
  if (s.say) return s.say;
  if (s.hypothesis) return `Hypothesis: ${s.hypothesis}`;
  if (s.note) return `Note: ${s.note}`;
  if (s.diagnose) return `Diagnosis: ${s.diagnose.text}`;
  return undefined;
}

/** Captions anchored to commands: a step with `run` to its own command, others to the next one. */
export function walkthroughCaptions(steps: readonly StepT[]): ReplayCaption[] {
  const out: ReplayCaption[] = [];
  let command = 0;
  let pending: string[] = [];
  for (const s of steps) {
    const text = stepText(s);
    if (s.run !== undefined) {
      // a command without narration clears the caption (the last one would mislabel it)
      out.push({ command, text: [...pending, ...(text ? [text] : [])].join(" ") });
      pending = [];
      command++;
    } else if (text) pending.push(text);
  }
  if (pending.length) out.push({ command, text: pending.join(" ") });
  return out;
}

export async function runWalkthrough(scenario: Scenario | undefined, id: string, seed: number | undefined): Promise<WalkthroughRunResult> {
  if (!scenario) return { ok: false, error: { name: "UnknownScenario", code: "unknown-scenario", message: `no scenario '${id}' in the catalog` } };
  const s = seed ?? scenario.seed ?? 1;
  const { resolved, vars } = compileScenario(scenario, s);
  const steps = resolved.walkthrough.steps;
  const run = await runPath(scenario, steps, { seed: s });
  return {
    ok: true,
    title: resolved.title ?? scenario.title,
    seed: s,
    log: run.log,
    milestones: sessionMilestones(run.log, { ...scenario, ...resolved }),
    captions: walkthroughCaptions(substitute(steps, vars)),
  };
}

/** Validates an imported session file; its milestones when the scenario is one we have. */
export function importSession(text: string, scenarioOf: (id: string) => Scenario | undefined): ImportedSessionResult {
  let log;
  try {
    log = parseSessionLog(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { name: "InvalidSession", code: "invalid-session", message: `not a Faultline session file: ${message}` } };
  }
  const scenario = scenarioOf(log.header.scenarioId);
  return { ok: true, title: scenario?.title ?? log.header.scenarioId, log, milestones: scenario ? sessionMilestones(log, scenario) : [] };
}
