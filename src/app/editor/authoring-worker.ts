/**
 * The authoring worker: validates scenario text with the scenario loader exactly as the CLI
 * does (`loadScenario` + the real bash-syntax check of walkthrough lines, issues formatted by
 * `formatIssue`) and runs `testScenario` (what `faultline test` runs) on it. Untrusted text is
 * only parsed, checked and simulated here; nothing in it is ever evaluated as script.
 */
import { formatIssue, loadScenario, scenarioTemplate, type ScenarioIssue } from "../../scenario/index.js";
import { testScenario } from "../../harness/index.js";
import { checkShellSyntax } from "../worker/user-scenarios.js";
import type { AuthoringReply, AuthoringRequest, IssueView } from "./authoring-protocol.js";

const scope = self as unknown as { postMessage(m: AuthoringReply): void; onmessage: ((e: MessageEvent<AuthoringRequest>) => void) | null };

const view = (i: ScenarioIssue): IssueView => ({ line: i.line, col: i.col, message: i.message, text: formatIssue(i) });

async function handle(m: AuthoringRequest): Promise<AuthoringReply> {
  if (m.type === "template") return { type: "template", reqId: m.reqId, text: scenarioTemplate(m.id) };
  const r = loadScenario(m.text, m.file, { checkShellSyntax });
  if (m.type === "validate") return r.ok ? { type: "validated", reqId: m.reqId, id: r.value.id, issues: [] } : { type: "validated", reqId: m.reqId, issues: r.error.map(view) };
  if (!r.ok) return { type: "self-tested", reqId: m.reqId, issues: r.error.map(view) };
  const t = await testScenario(r.value, { seed: m.seed });
  return { type: "self-tested", reqId: m.reqId, issues: [], ok: t.ok, checks: t.checks.map((c) => ({ id: c.id, kind: c.kind, ok: c.ok, score: c.score, resolved: c.resolved, expectation: c.expectation, problems: c.problems })) };
}

scope.onmessage = (e) => {
  const m = e.data;
  handle(m)
    .then((reply) => scope.postMessage(reply))
    .catch((err: unknown) => scope.postMessage({ type: "failed", reqId: m.reqId, message: err instanceof Error ? err.message : String(err) }));
};
