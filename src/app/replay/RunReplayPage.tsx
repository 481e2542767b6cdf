/**
 * Replay of one of the candidate's own finished sessions (#/replay/<run id>[?at=<sim ms>]):
 * the session log kept with the run plays in the session player with the session's milestones
 * as markers; `at` (a report timeline entry) opens it paused at that command.
 */
import { useStore } from "zustand";
import { appStore } from "../store/app-store.js";
import { ReplayPlayer } from "./ReplayPlayer.js";

export function RunReplayPage({ runId, atSimMs }: { runId: string; atSimMs?: number }) {
  const run = useStore(appStore, (s) => s.runs.find((r) => r.runId === runId));
  if (!run)
    return (
      <p>
        No session with this id. <a href="#/history">See the history.</a>
      </p>
    );
  const report = `#/report/${encodeURIComponent(run.runId)}`;
  return (
    <div className="watch">
      <div className="scenario-head">
        <h1>Replay: {run.title}</h1>
        <a href={report}>Back to the report</a>
      </div>
      {run.result.session ? (
        <ReplayPlayer log={run.result.session} milestones={run.result.milestones ?? []} startAtSimMs={atSimMs} label="Session replay" castName={`faultline-${run.runId}`} />
      ) : (
        <p className="muted" role="status">
          This session has no replay: only the newest sessions keep their recording (and very long ones do not), to stay within this browser&apos;s storage.
        </p>
      )}
    </div>
  );
}
