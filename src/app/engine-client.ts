/**
 * The main thread's handle on the engine worker: starts it once, hands it the
 * SharedArrayBuffer interrupt flag (when the page is cross-origin isolated), sends typed
 * messages and fans worker messages out to subscribers (`on(type, fn)` returns an
 * unsubscribe function). Ctrl-C while a line runs sets the flag and wakes the worker.
 */
import type { MainToWorker, WorkerToMain } from "./worker/protocol.js";

type Msg<T extends WorkerToMain["type"]> = Extract<WorkerToMain, { type: T }>;
type Listener = (m: WorkerToMain) => void;

export class EngineClient {
  private readonly worker: Worker;
  private readonly flag?: Int32Array;
  private readonly listeners = new Set<Listener>();
  /** whether a command line is running in the worker */
  busy = false;
  /** generation of the current session (messages of older ones are dropped) */
  private gen = 0;
  ready?: Msg<"ready">;

  constructor() {
    this.worker = new Worker(new URL("./worker/engine-worker.ts", import.meta.url), { type: "module", name: "faultline-engine" });
    const sab = globalThis.crossOriginIsolated && typeof SharedArrayBuffer === "function" ? new SharedArrayBuffer(4) : null;
    if (sab) this.flag = new Int32Array(sab);
    this.worker.onmessage = (e: MessageEvent<WorkerToMain>) => {
      const m = e.data;
      if (m.gen !== undefined && m.gen !== this.gen) return;
      if (m.type === "busy") this.busy = m.busy;
      if (m.type === "ready") this.ready = m;
      for (const l of [...this.listeners]) l(m);
    };
    this.worker.onerror = (e) => {
      const m: WorkerToMain = { type: "error", error: { name: "WorkerError", code: "worker", message: e.message || "the engine worker failed to load" } };
      for (const l of [...this.listeners]) l(m);
    };
    this.send({ type: "init", interrupt: sab });
  }

  send(m: MainToWorker): void {
    this.worker.postMessage(m);
  }

  /** Subscribes to one message type. */
  on<T extends WorkerToMain["type"]>(type: T, fn: (m: Msg<T>) => void): () => void {
    const l: Listener = (m) => {
      if (m.type === type) fn(m as Msg<T>);
    };
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Starts (or resumes, by replaying its journal) a scenario session. */
  start(m: Omit<Extract<MainToWorker, { type: "start" }>, "type" | "gen">): void {
    this.gen++;
    this.busy = false;
    if (this.flag) Atomics.store(this.flag, 0, 0);
    this.send({ type: "start", gen: this.gen, ...m });
  }

  /** Ends the current session (leaving the page). */
  stop(): void {
    this.gen++;
    this.busy = false;
    this.send({ type: "stop" });
  }

  /** Raw terminal input; Ctrl-C during a running line becomes the interrupt flag. */
  input(data: string): void {
    if (this.busy && this.flag && data.includes("\x03")) {
      Atomics.store(this.flag, 0, 1);
      Atomics.notify(this.flag, 0);
      return;
    }
    this.send({ type: "input", data });
  }
}

let client: EngineClient | undefined;

/** The app's one engine worker. */
export function engine(): EngineClient {
  client ??= new EngineClient();
  return client;
}
