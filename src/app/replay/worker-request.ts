/**
 * One request, one answer with the engine worker, paired by reqId: used by "Watch the solution"
 * (walkthrough → walkthrough-run) and the session import (import-session → session-imported).
 */
import { engine } from "../engine-client.js";
import type { ImportedSessionResult, MainToWorker, WalkthroughRunResult } from "../worker/protocol.js";

interface Results {
  "walkthrough-run": WalkthroughRunResult;
  "session-imported": ImportedSessionResult;
}

let nextReq = 1;

export function askWorker<T extends keyof Results>(answer: T, request: (reqId: number) => MainToWorker): Promise<Results[T]> {
  const client = engine();
  const reqId = nextReq++;
  return new Promise((resolve) => {
    const off = client.on(answer, (msg) => {
      const m = msg as unknown as { reqId: number; result: Results[T] };
      if (m.reqId !== reqId) return;
      off();
      resolve(m.result);
    });
    client.send(request(reqId));
  });
}
