/**
 * Messages between the editor page and its authoring worker (authoring-worker.ts): validate
 * the text being edited (the CLI's `faultline validate`: same loader, same bash-syntax check,
 * same `file:line:col: message` texts) and run its self-test (`faultline test`: testScenario).
 * The authoring worker is separate from the engine worker, so validation as the instructor
 * types never waits behind a command running in the "Try it" terminal.
 */
import type { PathCheck } from "../../harness/index.js";

export interface IssueView {
  line: number;
  col: number;
  /** the message without its location */
  message: string;
  /** `file:line:col: message`, exactly as `faultline validate` prints it */
  text: string;
}

/** One check of the self-test as `faultline test` reports it (without the run's transcript). */
export type CheckView = Omit<PathCheck, "run">;

export type AuthoringRequest =
  | { type: "validate"; reqId: number; file: string; text: string }
  | { type: "self-test"; reqId: number; file: string; text: string; seed?: number }
  /** the starter template (src/scenario/template.ts, as `faultline new` writes it) */
  | { type: "template"; reqId: number; id: string };

export type AuthoringReply =
  | { type: "validated"; reqId: number; id?: string; issues: IssueView[] }
  | { type: "self-tested"; reqId: number; issues: IssueView[]; ok?: boolean; checks?: CheckView[] }
  | { type: "template"; reqId: number; text: string }
  | { type: "failed"; reqId: number; message: string };
