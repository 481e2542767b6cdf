/**
 * "Watch the solution" (#/watch/<id>[?seed=N]): asks the engine worker to run the scenario's
 * reference walkthrough (not pre-recorded text) and replays the resulting session in the
 * player, with the walkthrough's narration as captions and the diagnostic milestones as markers.
 */
import { useEffect, useState } from "react";
import type { WalkthroughRunResult } from "../worker/protocol.js";
import { ReplayPlayer } from "./ReplayPlayer.js";
import { askWorker } from "./worker-request.js";

/** Runs a walkthrough in the worker. */
export const requestWalkthrough = (scenarioId: string, seed: number | undefined): Promise<WalkthroughRunResult> =>
  askWorker("walkthrough-run", (reqId) => ({ type: "walkthrough", reqId, scenarioId, seed }));

export function WatchPage({ scenarioId, seed }: { scenarioId: string; seed?: number }) {
  const [result, setResult] = useState<WalkthroughRunResult>();
  useEffect(() => {
    let live = true;
    void requestWalkthrough(scenarioId, seed).then((r) => {
      if (live) setResult(r);
    });
    return () => {
      live = false;
    };
  }, [scenarioId, seed]);

  const back = `#/play/${encodeURIComponent(scenarioId)}${seed !== undefined ? `?seed=${seed}` : ""}`;
  return (
    <div className="watch">
      <div className="scenario-head">
        <h1>{result?.ok ? `Solution: ${result.title}` : "Solution walkthrough"}</h1>
        <a href={back}>Back to the scenario</a>
      </div>
      {!result && <p className="muted">Running the walkthrough…</p>}
      {result && !result.ok && (
        <div className="panel error" role="alert">
          Could not run the walkthrough: {result.error.message}
        </div>
      )}
      {result?.ok && <ReplayPlayer log={result.log} milestones={result.milestones} captions={result.captions} label="Solution walkthrough replay" castName={`faultline-${scenarioId}-solution-seed${result.seed}`} />}
    </div>
  );
}
