/**
 * The editor page's handle on authoring workers: one long-lived worker for live validation
 * (only the latest request of a burst is answered; older ones resolve with `undefined`), and a
 * fresh worker per self-test run (seconds of simulation that must not delay validation; it is
 * terminated when done or cancelled).
 */
import type { AuthoringReply, AuthoringRequest } from "./authoring-protocol.js";

type Validated = Extract<AuthoringReply, { type: "validated" }>;
type Tested = Extract<AuthoringReply, { type: "self-tested" }>;

const spawn = (): Worker => new Worker(new URL("./authoring-worker.ts", import.meta.url), { type: "module", name: "faultline-authoring" });

let validator: Worker | undefined;
let nextId = 1;
let latest = 0;
const pending = new Map<number, { done: (r: Validated | undefined) => void; file: string }>();
const templates = new Map<number, (text: string) => void>();

function validatorWorker(): Worker {
  if (!validator) {
    validator = spawn();
    validator.onmessage = (e: MessageEvent<AuthoringReply>) => {
      const m = e.data;
      if (m.type === "template") {
        templates.get(m.reqId)?.(m.text);
        templates.delete(m.reqId);
        return;
      }
      const p = pending.get(m.reqId);
      if (!p) return;
      const { done, file } = p;
      pending.delete(m.reqId);
      if (m.type === "validated" && m.reqId === latest) done(m);
      else if (m.type === "failed" && m.reqId === latest) done({ type: "validated", reqId: m.reqId, issues: [{ line: 1, col: 1, message: m.message, text: `${file}:1:1: ${m.message}` }] });
      else done(undefined);
    };
    // a worker that cannot start (or crashed) answers every pending request with that failure, then is replaced
    validator.onerror = (e) => {
      e.preventDefault();
      const message = `the validator failed: ${e.message || "the worker could not start"}`;
      validator?.terminate();
      validator = undefined;
      for (const [reqId, { done, file }] of pending) done(reqId === latest ? { type: "validated", reqId, issues: [{ line: 1, col: 1, message, text: `${file}:1:1: ${message}` }] } : undefined);
      pending.clear();
      for (const resolve of templates.values()) resolve("");
      templates.clear();
    };
  }
  return validator;
}

/** The starter template with `id` filled in (the same text `faultline new` writes). */
export function templateFromWorker(id: string): Promise<string> {
  const reqId = nextId++;
  return new Promise((resolve) => {
    templates.set(reqId, resolve);
    validatorWorker().postMessage({ type: "template", reqId, id } satisfies AuthoringRequest);
  });
}

/** Validates the text in the worker; resolves with the issues, or undefined when a newer request superseded it. */
export function validateInWorker(file: string, text: string): Promise<Validated | undefined> {
  const worker = validatorWorker();
  const reqId = nextId++;
  latest = reqId;
  const req: AuthoringRequest = { type: "validate", reqId, file, text };
  return new Promise((resolve) => {
    pending.set(reqId, { done: resolve, file });
    worker.postMessage(req);
  });
}

/** Runs the self-test in a fresh worker; `cancel()` terminates it. */
export function selfTestInWorker(file: string, text: string, seed?: number): { result: Promise<Tested>; cancel(): void } {
  const w = spawn();
  let settle: (r: Tested) => void = () => {};
  const result = new Promise<Tested>((resolve, reject) => {
    settle = resolve;
    w.onmessage = (e: MessageEvent<AuthoringReply>) => {
      w.terminate();
      const m = e.data;
      if (m.type === "self-tested") resolve(m);
      else reject(new Error(m.type === "failed" ? m.message : "unexpected reply"));
    };
    w.onerror = (e) => {
      w.terminate();
      reject(new Error(e.message || "the test worker failed"));
    };
  });
  w.postMessage({ type: "self-test", reqId: 1, file, text, seed } satisfies AuthoringRequest);
  return {
    result,
    cancel: () => {
      w.terminate();
      settle({ type: "self-tested", reqId: 1, issues: [], ok: undefined, checks: undefined });
    },
  };
}
