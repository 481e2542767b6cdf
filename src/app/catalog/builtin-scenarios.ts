/**
 * The built-in scenario catalog: every scenarios/*.yaml file, bundled as text by Vite and
 * validated with the scenario loader (the same boundary the CLI uses). Loaded inside the
 * engine worker, so the YAML/schema libraries stay out of the page's first JS. A file that
 * fails validation never loads; its located issues are listed as problems instead.
 */
import { loadScenario, formatIssue, type Scenario } from "../../scenario/index.js";
import type { CatalogEntry, CatalogProblem } from "../worker/protocol.js";

const SOURCES = import.meta.glob<string>("../../../scenarios/*.yaml", { query: "?raw", import: "default", eager: true });

export interface BuiltinCatalog {
  scenarios: Map<string, Scenario>;
  entries: CatalogEntry[];
  problems: CatalogProblem[];
}

const DIFFICULTY_ORDER = { easy: 0, medium: 1, hard: 2 } as const;

/** Validates every bundled scenario file. */
export function loadBuiltinCatalog(sources: Record<string, string> = SOURCES): BuiltinCatalog {
  const scenarios = new Map<string, Scenario>();
  const entries: CatalogEntry[] = [];
  const problems: CatalogProblem[] = [];
  for (const [path, text] of Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = "scenarios/" + path.split("/").pop();
    const r = loadScenario(text, file);
    if (!r.ok) {
      problems.push({ file, message: r.error.map(formatIssue).join("\n") });
      continue;
    }
    const s = r.value;
    scenarios.set(s.id, s);
    entries.push({ id: s.id, title: s.title, summary: s.summary, difficulty: s.difficulty as CatalogEntry["difficulty"], tags: [...s.tags], estimatedMinutes: s.estimatedMinutes, file });
  }
  entries.sort((a, b) => DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] || a.title.localeCompare(b.title));
  return { scenarios, entries, problems };
}
