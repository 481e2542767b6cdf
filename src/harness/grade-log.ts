/**
 * From a session log to the grader's input: commands paired with what they showed and the
 * state changes they made, notes, hypotheses, hints and the diagnosis — the same function for
 * a walkthrough run by the harness, a candidate's live session, and `faultline grade` on an
 * exported session (after replaying it on a fresh host).
 */
import type { Host } from "../engine/index.js";
import type { Scenario } from "../scenario/index.js";
import type { GradeInput, GradedCommand } from "../grading/index.js";
import type { OutputData, SessionLog } from "../replay/index.js";

export function gradeInputFromLog(scenario: Scenario, log: SessionLog, host: Host, selfAssessment?: GradeInput["selfAssessment"]): GradeInput {
  const commands: GradedCommand[] = [];
  const notes: GradeInput["notes"] = [];
  const hypotheses: GradeInput["hypotheses"] = [];
  const hints: GradeInput["hints"] = [];
  let diagnosis: GradeInput["diagnosis"];
  let pending: { simMs: number; line: string } | undefined;
  let endMs = log.header.startedSimMs;
  for (const e of log.events) {
    endMs = Math.max(endMs, e[0]);
    switch (e[1]) {
      case "input":
        pending = { simMs: e[0], line: e[2] };
        break;
      case "output": {
        const o = e[2] as OutputData;
        if (pending) commands.push({ simMs: pending.simMs, line: pending.line, stdout: o.stdout, stderr: o.stderr, exitCode: o.exitCode, evidence: o.evidence, actions: o.actions ?? [] });
        pending = undefined;
        break;
      }
      case "note":
        notes.push({ simMs: e[0], text: e[2] });
        break;
      case "hypothesis":
        hypotheses.push({ simMs: e[0], text: e[2] });
        break;
      case "hint":
        hints.push({ simMs: e[0], id: e[2] });
        break;
      case "diagnosis":
        diagnosis = { simMs: e[0], category: e[2].category ?? "other", text: e[2].text };
        break;
      case "assessment":
        selfAssessment ??= e[2];
        break;
      default:
        break;
    }
  }
  return { scenario, commands, notes, hypotheses, hints, diagnosis, selfAssessment, startMs: log.header.startedSimMs, endMs, host };
}
