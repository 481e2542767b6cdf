/**
 * Scenarios the user brings (a local file today; an instructor's editor or "My scenarios"
 * later): validated in the worker at the same boundary as the CLI — `loadScenario` with the
 * real bash-syntax check of walkthrough lines, issues formatted by `formatIssue` — and kept
 * under a routable id (`file:<scenario id>`) so they never shadow a built-in scenario and a
 * session page starts them like any other. Untrusted text never runs: it is parsed as YAML,
 * checked against the schema and compiled into a host, nothing else.
 */
import { Bash } from "just-bash";
import { formatIssue, loadScenario, type Scenario } from "../../scenario/index.js";
import type { CatalogEntry, LoadScenarioResult } from "./protocol.js";

/** Prefix of the ids of user-loaded scenarios (keeps them apart from the built-in catalog). */
export const USER_SCENARIO_PREFIX = "file:";

let syntaxChecker: Bash | undefined;

/**
 * The CLI's check (src/cli/scenario-catalog.ts uses just-bash's `parse`, which the library's
 * browser build does not export; `Bash#transform` runs the same parser and throws the same
 * message).
 */
export function checkShellSyntax(line: string): string | undefined {
  try {
    (syntaxChecker ??= new Bash()).transform(line);
    return undefined;
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).split("\n")[0];
  }
}

/** The user scenarios loaded in this worker, by routable id. */
export class UserScenarios {
  private readonly byId = new Map<string, Scenario>();

  get(id: string): Scenario | undefined {
    return this.byId.get(id);
  }

  /** Validates `text` (named `file` in messages) and keeps it when it loads. */
  load(file: string, text: string): LoadScenarioResult {
    try {
      return this.validate(file, text);
    } catch (e) {
      // the loader collects authoring errors; a throw here is a bug, still shown as a located issue
      if (e instanceof Error && e.name === "LimitExceededError") throw e;
      const message = `the scenario loader failed: ${e instanceof Error ? e.message : String(e)}`;
      return { ok: false, issues: [{ file, line: 1, col: 1, message, text: `${file}:1:1: ${message}` }] };
    }
  }

  private validate(file: string, text: string): LoadScenarioResult {
    const r = loadScenario(text, file, { checkShellSyntax });
    if (!r.ok) return { ok: false, issues: r.error.map((i) => ({ file: i.file, line: i.line, col: i.col, message: i.message, text: formatIssue(i) })) };
    const s = r.value;
    const id = USER_SCENARIO_PREFIX + s.id;
    this.byId.set(id, s);
    const entry: CatalogEntry = { id, title: s.title, summary: s.summary, difficulty: s.difficulty as CatalogEntry["difficulty"], tags: [...s.tags], estimatedMinutes: s.estimatedMinutes, file };
    return { ok: true, entry };
  }
}
