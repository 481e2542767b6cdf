/**
 * The main thread's side of user-loaded scenarios: `loadUserScenario(client, file, text)` asks
 * the worker to validate a scenario (the one reusable entry point — the file picker uses it
 * today, an editor's "try it" can tomorrow) and resolves with the entry to start or the
 * located issues. A scenario that loads is remembered in localStorage, and
 * `restoreUserScenarios` hands the remembered ones back to a fresh worker before anything
 * else, so reloading the page mid-session resumes a file scenario like a built-in one.
 */
import type { EngineClient } from "../engine-client.js";
import type { LoadScenarioResult } from "../worker/protocol.js";

const STORAGE_KEY = "faultline:user-scenarios";
/** Scenario files kept for resume (most recent first). */
const MAX_KEPT = 8;
/** Largest file read (the loader's own limit is lower; this guards the read itself). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

interface Kept {
  id: string;
  file: string;
  text: string;
}

let nextReqId = 1;

/** Validates a scenario text in the worker; never rejects (problems come back as issues). */
export function loadUserScenario(client: EngineClient, file: string, text: string): Promise<LoadScenarioResult> {
  const reqId = nextReqId++;
  return new Promise((resolve) => {
    const done = (r: LoadScenarioResult) => {
      offLoaded();
      offError();
      if (r.ok) remember({ id: r.entry.id, file, text });
      resolve(r);
    };
    const offLoaded = client.on("scenario-loaded", (m) => {
      if (m.reqId === reqId) done(m.result);
    });
    // a worker that failed outright answers with an error instead
    const offError = client.on("error", (m) => {
      if (m.gen === undefined) done({ ok: false, issues: [{ file, line: 1, col: 1, message: m.error.message, text: `${file}:1:1: ${m.error.message}` }] });
    });
    client.send({ type: "load-scenario", reqId, file, text });
  });
}

function kept(): Kept[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(v) ? v.filter((k): k is Kept => typeof k?.id === "string" && typeof k?.file === "string" && typeof k?.text === "string") : [];
  } catch {
    return [];
  }
}

function remember(k: Kept): void {
  const list = [k, ...kept().filter((o) => o.id !== k.id)].slice(0, MAX_KEPT);
  // drop the oldest until it fits the quota
  for (let n = list.length; n > 0; n--) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(list.slice(0, n)));
      return;
    } catch {
      // quota: try with fewer
    }
  }
}

/** Re-validates the remembered scenarios in a fresh worker (answers are not awaited). */
export function restoreUserScenarios(client: EngineClient): void {
  for (const k of kept()) client.send({ type: "load-scenario", reqId: 0, file: k.file, text: k.text });
}

/** Reads a dropped or picked file as text, refusing what cannot be a scenario. */
export async function readScenarioFile(f: File): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  if (f.size > MAX_FILE_BYTES) return { ok: false, message: `file is too large (${f.size} bytes) to be a scenario` };
  try {
    const text = await f.text();
    if (text.includes("\0")) return { ok: false, message: "this is a binary file, not a YAML scenario" };
    return { ok: true, text };
  } catch (e) {
    return { ok: false, message: `cannot read the file: ${e instanceof Error ? e.message : String(e)}` };
  }
}
