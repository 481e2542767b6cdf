/**
 * The composition root of the pure modules: runs a scenario path (the walkthrough, a
 * variant, an anti-path, or a candidate's recorded steps) through a fresh host and shell
 * session, collects what a grader needs, and grades it. Used by `faultline test`, the app's
 * "Test this scenario" and the golden scenario tests. Deterministic: same scenario + seed +
 * steps give byte-identical transcripts.
 */
import type { EngineEvent } from "../engine/index.js";
import { createSession } from "../shell/index.js";
import { compileScenario, parseDuration, type Scenario, type StepT } from "../scenario/index.js";
import { gradeSession, type Grade, type GradedCommand, type GradeInput } from "../grading/index.js";

export interface PathRun {
  grade: Grade;
  transcript: string;
  commands: GradedCommand[];
  input: Omit<GradeInput, "host">;
  /** engine events over the whole run */
  events: EngineEvent[];
}

export interface RunPathOptions {
  seed?: number;
  /** sim ms of "thinking" before each command (default 5 s) */
  thinkMs?: number;
  cols?: number;
}

/** Runs steps on a fresh host and grades them. */
export async function runPath(scenario: Scenario, steps: StepT[], opts: RunPathOptions = {}): Promise<PathRun> {
  const seed = opts.seed ?? scenario.seed ?? 1;
  const { host, resolved } = compileScenario(scenario, seed);
  const session = createSession(host, { interactive: false, cols: opts.cols ?? 80 });
  const events: EngineEvent[] = [];
  host.onEvent((e) => events.push(e));
  const think = opts.thinkMs ?? 5000;
  const startMs = host.nowMs;
  const restartsAtStart = Object.fromEntries([...host.services.values()].map((s) => [s.name, s.restarts]));
  const commands: GradedCommand[] = [];
  const notes: GradeInput["notes"] = [];
  const hypotheses: GradeInput["hypotheses"] = [];
  const hints: GradeInput["hints"] = [];
  let diagnosis: GradeInput["diagnosis"];
  let transcript = "";
  const hintIds = (resolved.hints ?? []).map((h) => h.id);
  for (const step of steps) {
    if (step.wait !== undefined) {
      host.tick(parseDuration(step.wait));
      transcript += `@wait ${step.wait}\n`;
    }
    if (step.note) {
      notes.push({ simMs: host.nowMs, text: step.note });
      transcript += `@note ${step.note}\n`;
    }
    if (step.hypothesis) {
      hypotheses.push({ simMs: host.nowMs, text: step.hypothesis });
      transcript += `@hypothesis ${step.hypothesis}\n`;
    }
    if (step.hint !== undefined && step.hint !== false) {
      const id = typeof step.hint === "string" ? step.hint : hintIds.find((h) => !hints.some((x) => x.id === h));
      if (id) {
        hints.push({ simMs: host.nowMs, id });
        transcript += `@hint ${id}\n`;
      }
    }
    if (step.run !== undefined) {
      host.tick(think);
      const at = host.nowMs;
      const prompt = session.prompt();
      const r = await session.run(step.run);
      transcript += `${prompt}${step.run}\n${r.stdout}${r.stderr}`;
      commands.push({ simMs: at, line: step.run, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, evidence: r.evidence, actions: r.actions });
      if (session.internalErrors.length) throw new Error(`internal error while running "${step.run}": ${session.internalErrors.join("; ")}`);
    }
    if (step.diagnose) {
      diagnosis = { simMs: host.nowMs, category: step.diagnose.category, text: step.diagnose.text };
      transcript += `@diagnose [${step.diagnose.category}] ${step.diagnose.text}\n`;
    }
  }
  const input: GradeInput = { scenario: { ...scenario, ...resolved, contentHash: scenario.contentHash, sourceFile: scenario.sourceFile }, commands, notes, hypotheses, hints, diagnosis, startMs, endMs: host.nowMs, host, restartsAtStart };
  const grade = gradeSession(input);
  const { host: _h, ...rest } = input;
  void _h;
  return { grade, transcript, commands, input: rest, events };
}
