/**
 * The engine worker (a module Web Worker): loads the built-in catalog, runs one
 * TerminalDriver at a time and answers the protocol in protocol.ts. Ctrl-C arrives through a
 * SharedArrayBuffer flag (index 0) that the running line polls; the same flag paces streaming
 * tools with Atomics.wait, which wakes up early when the flag is set. Without cross-origin
 * isolation (no SharedArrayBuffer) lines run unpaced and cannot be interrupted mid-way.
 */
import { loadBuiltinCatalog } from "../catalog/builtin-scenarios.js";
import type { Phase } from "../../grading/index.js";
import type { MainToWorker, WorkerToMain, WireError } from "./protocol.js";
import { TerminalDriver } from "./terminal-driver.js";
import { UserScenarios } from "./user-scenarios.js";
import { importSession, runWalkthrough } from "./walkthrough-run.js";

const scope = self as unknown as { postMessage(m: WorkerToMain): void; onmessage: ((e: MessageEvent<MainToWorker>) => void) | null };
const post = (m: WorkerToMain): void => scope.postMessage(m);

let flag: Int32Array | undefined;
let driver: TerminalDriver | undefined;
let catalog: ReturnType<typeof loadBuiltinCatalog> | undefined;
const userScenarios = new UserScenarios();

function wireError(e: unknown): WireError {
  if (e instanceof Error) return { name: e.name, code: (e as { code?: string }).code ?? "internal", message: e.message };
  return { name: "Error", code: "internal", message: String(e) };
}

function report(e: unknown): void {
  post({ type: "error", error: wireError(e), gen: currentGen });
}

let currentGen = 0;

function handle(m: MainToWorker): void {
  switch (m.type) {
    case "init": {
      flag = m.interrupt ? new Int32Array(m.interrupt) : undefined;
      catalog = loadBuiltinCatalog();
      post({ type: "ready", isolated: flag !== undefined, catalog: catalog.entries, problems: catalog.problems });
      return;
    }
    case "start": {
      driver?.dispose();
      driver = undefined;
      const scenario = catalog?.scenarios.get(m.scenarioId) ?? userScenarios.get(m.scenarioId);
      if (!scenario) {
        post({ type: "error", error: { name: "UnknownScenario", code: "unknown-scenario", message: `no scenario '${m.scenarioId}' in the catalog` } });
        return;
      }
      const gen = m.gen;
      currentGen = gen;
      const d = new TerminalDriver(
        { scenario, seed: m.seed, cols: m.cols, rows: m.rows, journal: m.journal },
        {
          post: (msg) => post({ ...msg, gen }),
          wallNow: () => performance.now(),
          interruptFlag: () => (flag ? Atomics.load(flag, 0) === 1 : false),
          clearInterrupt: () => {
            if (flag) Atomics.store(flag, 0, 0);
          },
          pace: flag && m.pace ? (ms) => void Atomics.wait(flag!, 0, 0, ms) : undefined,
          schedule: (ms, fn) => {
            const t = setTimeout(fn, ms);
            return () => clearTimeout(t);
          },
        },
      );
      driver = d;
      post({ type: "started", view: d.view, resumed: m.journal.length, gen });
      d.begin(m.journal).catch(report);
      return;
    }
    case "input":
      driver?.input(m.data).catch(report);
      return;
    case "resize":
      driver?.resize(m.cols, m.rows).catch(report);
      return;
    case "note":
      driver?.note(m.kind, m.text, m.wallMs).catch(report);
      return;
    case "hint":
      driver?.hint(m.id, m.wallMs).catch(report);
      return;
    case "diagnose":
      driver?.diagnose(m.text, m.category).catch(report);
      return;
    case "grade":
      driver
        ?.grade(m.selfAssessment as Partial<Record<Phase, number>>)
        .then((result) => post({ type: "graded", result }))
        .catch(report);
      return;
    case "advance-wall":
      driver?.advanceWall(m.ms);
      return;
    case "stop":
      driver?.dispose();
      driver = undefined;
      return;
    case "load-scenario":
      post({ type: "scenario-loaded", reqId: m.reqId, result: userScenarios.load(m.file, m.text) });
      return;
    case "import-session":
      post({ type: "session-imported", reqId: m.reqId, result: importSession(m.text, (id) => catalog?.scenarios.get(id) ?? userScenarios.get(id)) });
      return;
    case "walkthrough": {
      const reqId = m.reqId;
      runWalkthrough(catalog?.scenarios.get(m.scenarioId) ?? userScenarios.get(m.scenarioId), m.scenarioId, m.seed)
        .then((result) => post({ type: "walkthrough-run", reqId, result }))
        .catch((e: unknown) => post({ type: "walkthrough-run", reqId, result: { ok: false, error: wireError(e) } }));
      return;
    }
  }
}

scope.onmessage = (e) => {
  try {
    handle(e.data);
  } catch (err) {
    report(err);
  }
};
