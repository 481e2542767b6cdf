/**
 * Hash routing (works on any static host): #/ catalog, #/play/<id>[?seed=N], #/report/<run id>,
 * #/history. `useRoute` re-renders on hashchange; `go` navigates.
 */
import { useSyncExternalStore } from "react";

export type Route =
  | { page: "catalog" }
  | { page: "play"; id: string; seed?: number }
  | { page: "report"; runId: string }
  | { page: "history" }
  /** replay of a scenario's reference walkthrough ("Watch the solution") */
  | { page: "watch"; id: string; seed?: number }
  /** replay of a finished run, optionally opened at a sim ms (a report timeline entry) */
  | { page: "replay"; runId: string; at?: number }
  /** the scenario editor: a template, a copy of a shipped scenario (duplicate=id) or one of "My scenarios" (my=id) */
  | { page: "editor"; duplicate?: string; my?: string };

export function parseRoute(hash: string): Route {
  const [path, query = ""] = hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (parts[0] === "play" && parts[1]) {
    const seed = params.get("seed");
    return { page: "play", id: parts[1], seed: seed !== null && /^\d+$/.test(seed) ? Number(seed) : undefined };
  }
  if (parts[0] === "watch" && parts[1]) {
    const seed = params.get("seed");
    return { page: "watch", id: parts[1], seed: seed !== null && /^\d+$/.test(seed) ? Number(seed) : undefined };
  }
  if (parts[0] === "replay" && parts[1]) {
    const at = params.get("at");
    return { page: "replay", runId: parts[1], at: at !== null && /^\d+$/.test(at) ? Number(at) : undefined };
  }
  if (parts[0] === "report" && parts[1]) return { page: "report", runId: parts[1] };
  if (parts[0] === "history") return { page: "history" };
  if (parts[0] === "editor") return { page: "editor", duplicate: params.get("duplicate") ?? undefined, my: params.get("my") ?? undefined };
  return { page: "catalog" };
}

function subscribe(cb: () => void): () => void {
  window.addEventListener("hashchange", cb);
  return () => window.removeEventListener("hashchange", cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseRoute(hash);
}

export function go(hash: string): void {
  location.hash = hash;
}
