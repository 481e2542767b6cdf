/**
 * The scenario catalog on disk: finds the shipped scenarios/ directory, loads and validates
 * YAML files (with a real bash-syntax check for walkthrough lines), and resolves a scenario
 * argument that is either an id from the catalog or a path to a file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "just-bash";
import { loadScenario, formatIssue, type Scenario, type ScenarioIssue } from "../scenario/index.js";

export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../scenarios");

export function checkShellSyntax(line: string): string | undefined {
  try {
    parse(line);
    return undefined;
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).split("\n")[0];
  }
}

export type Loaded = { file: string; ok: true; scenario: Scenario } | { file: string; ok: false; issues: ScenarioIssue[] };

export function loadFile(file: string): Loaded {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { file, ok: false, issues: [{ file, line: 1, col: 1, path: "", message: code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : `cannot read: ${code ?? String(e)}` }] };
  }
  const r = loadScenario(text, file, { checkShellSyntax });
  return r.ok ? { file, ok: true, scenario: r.value } : { file, ok: false, issues: r.error };
}

/** Every *.yaml file in the catalog directory, sorted. */
export function catalogFiles(dir = SCENARIO_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => join(dir, f));
}

export function loadCatalog(dir = SCENARIO_DIR): Loaded[] {
  return catalogFiles(dir).map(loadFile);
}

/** An id from the catalog or a path to a YAML file. */
export function resolveScenario(arg: string): Loaded {
  if (existsSync(arg) && statSync(arg).isFile()) return loadFile(arg);
  const byName = catalogFiles().find((f) => f.endsWith(`/${arg}.yaml`) || f.endsWith(`/${arg}.yml`));
  if (byName) return loadFile(byName);
  for (const l of loadCatalog()) if (l.ok && l.scenario.id === arg) return l;
  const ids = loadCatalog().filter((l): l is Extract<Loaded, { ok: true }> => l.ok).map((l) => l.scenario.id);
  return { file: arg, ok: false, issues: [{ file: arg, line: 1, col: 1, path: "", message: `no scenario '${arg}' (known: ${ids.join(", ")})` }] };
}

export function issuesText(l: Extract<Loaded, { ok: false }>): string {
  return l.issues.map(formatIssue).join("\n") + "\n";
}
