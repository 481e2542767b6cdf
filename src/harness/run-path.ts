/**
 * The composition root of the pure modules: runs a scenario path (the walkthrough, a
 * variant, an anti-path) through a fresh host and a recorded shell session — the same
 * SessionRecorder a candidate's session uses — and grades the resulting session log.
 * Used by `faultline test`, the app's "Test this scenario" and the scenario tests.
 * Deterministic: same scenario + seed + steps give byte-identical transcripts and logs.
 */
import { ENGINE_VERSION, type EngineEvent, type Host } from "../engine/index.js";
import { createSession } from "../shell/index.js";
import { compileScenario, parseDuration, substitute, type Scenario, type StepT } from "../scenario/index.js";
import { gradeSession, type Grade, type GradedCommand } from "../grading/index.js";
import { SessionRecorder, type SessionLog } from "../replay/index.js";
import { gradeInputFromLog } from "./grade-log.js";

export interface PathRun {
  grade: Grade;
  transcript: string;
  commands: GradedCommand[];
  log: SessionLog;
  /** engine events over the whole run (including the grader's hold period) */
  events: EngineEvent[];
  /** step index -> sim ms (for captions and milestones) */
  stepTimes: number[];
}

export interface RunPathOptions {
  seed?: number;
  /** sim ms of "thinking" before each command (default 5 s) */
  thinkMs?: number;
  cols?: number;
}

/** A fresh host for a scenario at a seed (what replays rebuild). */
export function makeScenarioHost(scenario: Scenario, seed: number): Host {
  return compileScenario(scenario, seed).host;
}

/** Runs steps on a fresh host, records the session, and grades it. */
export async function runPath(scenario: Scenario, steps: StepT[], opts: RunPathOptions = {}): Promise<PathRun> {
  const seed = opts.seed ?? scenario.seed ?? 1;
  const { host, resolved, vars } = compileScenario(scenario, seed);
  // {{variables}} in the steps (commands, narration, diagnosis) take this seed's values
  steps = substitute(steps, vars);
  const session = createSession(host, { interactive: false, cols: opts.cols ?? 80 });
  const rec = new SessionRecorder(session, { engineVersion: ENGINE_VERSION, scenarioId: scenario.id, scenarioHash: scenario.contentHash, seed });
  const think = opts.thinkMs ?? 5000;
  const hintIds = (resolved.hints ?? []).map((h) => h.id);
  const used = new Set<string>();
  const stepTimes: number[] = [];
  let transcript = "";
  for (const step of steps) {
    if (step.wait !== undefined) {
      rec.wait(parseDuration(step.wait));
      transcript += `@wait ${step.wait}\n`;
    }
    if (step.note) {
      rec.note(step.note);
      transcript += `@note ${step.note}\n`;
    }
    if (step.hypothesis) {
      rec.hypothesis(step.hypothesis);
      transcript += `@hypothesis ${step.hypothesis}\n`;
    }
    if (step.hint !== undefined && step.hint !== false) {
      const id = typeof step.hint === "string" ? step.hint : hintIds.find((h) => !used.has(h));
      if (id) {
        used.add(id);
        rec.hint(id);
        transcript += `@hint ${id}\n`;
      }
    }
    if (step.run !== undefined) {
      rec.wait(think);
      const prompt = session.prompt();
      const r = await rec.run(step.run);
      transcript += `${prompt}${step.run}\n${r.shown}`;
      if (session.internalErrors.length) throw new Error(`internal error while running "${step.run}": ${session.internalErrors.join("; ")}`);
    }
    if (step.diagnose) {
      rec.diagnose(step.diagnose.text, step.diagnose.category);
      transcript += `@diagnose [${step.diagnose.category}] ${step.diagnose.text}\n`;
    }
    stepTimes.push(host.nowMs);
  }
  rec.stop();
  const log = rec.toJSON();
  const input = gradeInputFromLog({ ...scenario, ...resolved, contentHash: scenario.contentHash, sourceFile: scenario.sourceFile }, log, host);
  const grade = gradeSession(input);
  return { grade, transcript, commands: input.commands, log, events: [...host.events], stepTimes };
}
