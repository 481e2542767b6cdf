/**
 * "My scenarios": the instructor's own scenarios, saved from the editor and listed on the
 * catalog. Kept in localStorage (`faultline:my-scenarios`) as their YAML text with the id and
 * title they validated with; the text is untrusted and validated again in the worker whenever
 * it is played or edited. Small and dependency-free: the catalog page imports it.
 */
const KEY = "faultline:my-scenarios";
/** Each scenario's text is at most this long (the loader's own limit is 2 MiB). */
const MAX_TEXT = 2 * 1024 * 1024;

export interface MyScenario {
  id: string;
  title: string;
  /** the one-line summary shown under the title (absent in entries saved before it was kept) */
  summary?: string;
  text: string;
  savedAt: number;
}

const listeners = new Set<() => void>();

export function listMyScenarios(): MyScenario[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    if (!Array.isArray(v)) return [];
    return v.filter((s): s is MyScenario => typeof s?.id === "string" && typeof s?.title === "string" && typeof s?.text === "string" && typeof s?.savedAt === "number" && (s.summary === undefined || typeof s.summary === "string"));
  } catch {
    return [];
  }
}

export function getMyScenario(id: string): MyScenario | undefined {
  return listMyScenarios().find((s) => s.id === id);
}

function write(list: MyScenario[]): void {
  localStorage.setItem(KEY, JSON.stringify(list));
  for (const l of [...listeners]) l();
}

/** Saves (or replaces, by id) a scenario; throws when storage is full. */
export function saveMyScenario(s: Omit<MyScenario, "savedAt">): void {
  if (s.text.length > MAX_TEXT) throw new Error("the scenario is too large to keep in this browser");
  write([{ ...s, savedAt: Date.now() }, ...listMyScenarios().filter((o) => o.id !== s.id)]);
}

export function deleteMyScenario(id: string): void {
  write(listMyScenarios().filter((o) => o.id !== id));
}

/** Re-renders on changes (this tab); returns the unsubscribe function. */
export function onMyScenarios(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
