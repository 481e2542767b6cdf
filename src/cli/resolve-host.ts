/**
 * Scenario resolution for the CLI: a scenario argument (a name, later a path to a YAML file)
 * becomes a host spec at a seed plus the id and content hash the session log records. Scenarios
 * come from the YAML catalog (by id) or a file path; "demo" is the built-in demo host. Resolvers
 * are tried in order; more can be added with `registerScenarioResolver`.
 */
import { createHash } from "node:crypto";
import { buildHost, demoHostSpec, type Host } from "../engine/index.js";
import { makeScenarioHost } from "../harness/index.js";
import type { Scenario } from "../scenario/index.js";
import { catalogFiles, loadFile, resolveScenario as resolveCatalog, issuesText } from "./scenario-catalog.js";

export interface ResolvedScenario {
  /** scenario id recorded in session logs */
  id: string;
  /** content hash of the scenario source (sha256 hex) */
  hash: string;
  /** a fresh host at a seed */
  makeHost(seed: number): Host;
  /** the scenario's default seed */
  defaultSeed: number;
  /** the loaded scenario (absent for the demo host) */
  scenario?: Scenario;
}

/** Answers for a name/path it knows, undefined otherwise. */
export type ScenarioResolver = (nameOrPath: string) => ResolvedScenario | undefined;

/** A scenario argument no resolver knows. */
export class UnknownScenarioError extends Error {
  override readonly name = "UnknownScenarioError";
  constructor(readonly scenario: string, readonly known: string[]) {
    super(`unknown scenario '${scenario}' (available: ${known.join(", ")})`);
  }
}

export const DEFAULT_SCENARIO = "demo";
export const DEFAULT_SEED = 42;

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The built-in demo host (engine/demo-host.ts); its hash covers the spec without the seed. */
const demoResolver: ScenarioResolver = (name) => {
  if (name !== "demo") return undefined;
  const { seed: _seed, ...spec } = demoHostSpec(0);
  return { id: "demo", hash: sha256(JSON.stringify(spec)), makeHost: (seed) => buildHost(demoHostSpec(seed)), defaultSeed: DEFAULT_SEED };
};

/** A scenario from the catalog (by id) or a YAML file (by path). A broken file is an error with its located issues. */
const catalogResolver: ScenarioResolver = (nameOrPath) => {
  const looksLikePath = /\.ya?ml$/.test(nameOrPath) || nameOrPath.includes("/");
  if (!looksLikePath && !catalogFiles().some((f) => f.endsWith(`/${nameOrPath}.yaml`))) {
    const l = resolveCatalog(nameOrPath);
    if (!l.ok) return undefined;
  }
  const l = looksLikePath ? loadFile(nameOrPath) : resolveCatalog(nameOrPath);
  if (!l.ok) throw new ScenarioLoadError(issuesText(l));
  const s = l.scenario;
  return { id: s.id, hash: s.contentHash, makeHost: (seed) => makeScenarioHost(s, seed), defaultSeed: s.seed ?? 1, scenario: s };
};

/** A scenario file that does not validate (message = located issues). */
export class ScenarioLoadError extends Error {
  override readonly name = "ScenarioLoadError";
}

const resolvers: { resolve: ScenarioResolver; names: string[] }[] = [
  { resolve: catalogResolver, names: catalogFiles().map((f) => f.replace(/^.*\//, "").replace(/\.ya?ml$/, "")) },
  { resolve: demoResolver, names: ["demo"] },
];

/** Adds a resolver, tried before the built-in ones; `names` are listed in error messages. */
export function registerScenarioResolver(resolve: ScenarioResolver, names: string[] = []): () => void {
  const entry = { resolve, names };
  resolvers.unshift(entry);
  return () => {
    const i = resolvers.indexOf(entry);
    if (i >= 0) resolvers.splice(i, 1);
  };
}

/** Resolves a scenario name or path. Throws UnknownScenarioError. */
export function resolveScenario(nameOrPath: string = DEFAULT_SCENARIO): ResolvedScenario {
  for (const r of resolvers) {
    const found = r.resolve(nameOrPath);
    if (found) return found;
  }
  throw new UnknownScenarioError(nameOrPath, resolvers.flatMap((r) => r.names));
}

/** A fresh host for a scenario at a seed (its default seed when none is given), with the id and hash for the session log. */
export function resolveHost(nameOrPath: string, seed: number | undefined): { host: Host; scenarioId: string; scenarioHash: string; seed: number; scenario?: Scenario } {
  const s = resolveScenario(nameOrPath);
  const used = seed ?? s.defaultSeed;
  return { host: s.makeHost(used), scenarioId: s.id, scenarioHash: s.hash, seed: used, scenario: s.scenario };
}
