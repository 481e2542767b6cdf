/**
 * The app shell: header navigation, the engine's ready/catalog mirror into the app store, and
 * the page for the current hash route, each inside its own error boundary.
 */
import { lazy, Suspense, useEffect } from "react";
import { engine } from "../engine-client.js";
import { appStore } from "../store/app-store.js";
import { useRoute } from "../lib/route.js";
import { CatalogPage } from "./CatalogPage.js";

// the terminal (xterm) and the report load on demand: the catalog's first JS stays small
const ScenarioPage = lazy(() => import("./ScenarioPage.js").then((m) => ({ default: m.ScenarioPage })));
const ReportPage = lazy(() => import("./ReportPage.js").then((m) => ({ default: m.ReportPage })));
// the scenario editor (CodeMirror) is its own chunk too
const EditorPage = lazy(() => import("../editor/EditorPage.js").then((m) => ({ default: m.EditorPage })));
// the session player (replays) is its own chunk
const WatchPage = lazy(() => import("../replay/WatchPage.js").then((m) => ({ default: m.WatchPage })));
const RunReplayPage = lazy(() => import("../replay/RunReplayPage.js").then((m) => ({ default: m.RunReplayPage })));
import { HistoryPage } from "./HistoryPage.js";
import { ErrorBoundary } from "./ErrorBoundary.js";
import { StorageWarning } from "./StorageWarning.js";

function useEngineReady(): void {
  useEffect(() => {
    const client = engine();
    const apply = () => {
      const r = client.ready;
      if (r) appStore.setState({ catalog: r.catalog, problems: r.problems, isolated: r.isolated });
    };
    apply();
    const off1 = client.on("ready", apply);
    const off2 = client.on("error", (m) => {
      if (m.error.code === "worker") appStore.setState({ workerError: m.error });
    });
    return () => {
      off1();
      off2();
    };
  }, []);
}

/** A shared link `?scenario=<url>` opens that scenario in the editor (validated there, never run). */
function useScenarioParam(): void {
  useEffect(() => {
    if (new URLSearchParams(location.search).has("scenario") && !/^#\/editor/.test(location.hash)) location.hash = "#/editor";
  }, []);
}

export function App() {
  useEngineReady();
  useScenarioParam();
  const route = useRoute();
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="#/">
          Faultline
        </a>
        <nav>
          <a href="#/" aria-current={route.page === "catalog" ? "page" : undefined}>
            Scenarios
          </a>
          <a href="#/editor" aria-current={route.page === "editor" ? "page" : undefined}>
            Editor
          </a>
          <a href="#/history" aria-current={route.page === "history" ? "page" : undefined}>
            History
          </a>
        </nav>
      </header>
      <StorageWarning />
      <main className="page">
        <ErrorBoundary key={route.page + (route.page === "play" ? `${route.id}:${route.seed ?? ""}` : route.page === "report" ? route.runId : route.page === "watch" ? `${route.id}:${route.seed ?? ""}` : "")} label="page">
          <Suspense fallback={<p className="muted">Loading…</p>}>
            {route.page === "catalog" && <CatalogPage />}
            {route.page === "play" && <ScenarioPage scenarioId={route.id} seed={route.seed} />}
            {route.page === "report" && <ReportPage runId={route.runId} />}
            {route.page === "history" && <HistoryPage />}
            {route.page === "watch" && <WatchPage scenarioId={route.id} seed={route.seed} />}
            {route.page === "replay" && <RunReplayPage key={`${route.runId}:${route.at ?? ""}`} runId={route.runId} atSimMs={route.at} />}
            {route.page === "editor" && <EditorPage key={`${route.duplicate ?? ""}:${route.my ?? ""}`} duplicate={route.duplicate} my={route.my} />}
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
