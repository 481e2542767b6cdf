/**
 * "Test this scenario": runs testScenario (what `faultline test` runs) on the text being edited
 * in a fresh authoring worker and shows each check as the CLI does: the walkthrough resolves
 * and reaches its pass mark, variants pass, anti-paths score below their ceiling, and a second
 * run is byte-identical. An invalid scenario shows its validation problems instead. The editor
 * saves to My scenarios only a text whose self-check passed.
 */
import { useEffect, useRef, useState } from "react";
import { selfTestInWorker } from "./authoring-client.js";
import type { AuthoringReply } from "./authoring-protocol.js";

type Tested = Extract<AuthoringReply, { type: "self-tested" }>;

/** `onResult(text, ok)`: the text that was tested and whether every check passed. */
export function SelfTestPanel({ text, fileName, onResult }: { text: string; fileName: string; onResult(text: string, ok: boolean): void }) {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Tested | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [testedText, setTestedText] = useState<string | undefined>(undefined);
  const cancel = useRef<(() => void) | undefined>(undefined);

  useEffect(() => () => cancel.current?.(), []);

  const run = () => {
    cancel.current?.();
    setRunning(true);
    setError(undefined);
    setResult(undefined);
    setTestedText(text);
    const tested = text;
    const job = selfTestInWorker(fileName, tested);
    cancel.current = job.cancel;
    job.result.then(
      (r) => {
        setRunning(false);
        if (r.checks || r.issues.length) {
          setResult(r);
          onResult(tested, r.ok === true && r.issues.length === 0);
        }
      },
      (e: unknown) => {
        setRunning(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };

  const passed = result?.checks?.filter((c) => c.ok).length ?? 0;

  return (
    <section className="panel self-test" aria-label="Self-check">
      <h2>Self-check</h2>
      <div className="try-buttons">
        <button onClick={run} disabled={running}>
          {running ? "Testing…" : "Test this scenario"}
        </button>
        {running && (
          <button
            className="link"
            onClick={() => {
              cancel.current?.();
              setRunning(false);
            }}
          >
            Cancel
          </button>
        )}
        {result && testedText !== text && <span className="warn-text">Edited since this test.</span>}
      </div>
      {error && (
        <p className="panel error" role="alert">
          {error}
        </p>
      )}
      {result && result.issues.length > 0 && (
        <div role="status" data-testid="self-test-result">
          <p className="fail">FAIL: the scenario does not validate</p>
          <ul className="issue-list">
            {result.issues.map((i) => (
              <li key={i.text}>{i.text}</li>
            ))}
          </ul>
        </div>
      )}
      {result?.checks && (
        <div role="status" data-testid="self-test-result">
          <p className={result.ok ? "pass" : "fail"}>
            {result.ok ? "PASS" : "FAIL"}: {passed} of {result.checks.length} checks passed
          </p>
          <table className="checks">
            <thead>
              <tr>
                <th>check</th>
                <th>path</th>
                <th>score</th>
                <th>resolved</th>
                <th>expected</th>
              </tr>
            </thead>
            <tbody>
              {result.checks.map((c) => (
                <tr key={`${c.kind}:${c.id}`} className={c.ok ? "" : "fail"}>
                  <td>{c.ok ? "ok" : "FAIL"}</td>
                  <td>
                    {c.kind} {c.id}
                    {c.problems.map((p) => (
                      <div key={p} className="problem">
                        {p}
                      </div>
                    ))}
                  </td>
                  <td>{c.score}</td>
                  <td>{c.resolved ? "yes" : "no"}</td>
                  <td>{c.expectation}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
