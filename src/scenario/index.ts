/**
 * The scenario module's public API: load (validate) a YAML scenario, compile it into a host
 * at a seed, evaluate its predicates, and the schema itself.
 */
export { loadScenario, formatIssue } from "./load-scenario.js";
export type { Scenario, ScenarioIssue, LoadOptions, Result } from "./load-scenario.js";
export { compileScenario, drawVariables, substitute, hostSpecOf, withVariables, CompileError } from "./compile-scenario.js";
export type { Compiled } from "./compile-scenario.js";
export { evaluatePredicate } from "./predicates.js";
export type { PredicateContext, PredicateOutcome } from "./predicates.js";
export { parseDuration } from "./duration.js";
export { matchText, regexRisk, MAX_MATCH_TEXT } from "./regex-safety.js";
export { ScenarioSchema, STANDARD_CATEGORIES } from "./schema.js";
export type { ScenarioFile, StepT, PathT, PredicateT, EvidencePatternT, EvidenceItemT } from "./schema.js";
export { scenarioTemplate, SCENARIO_ID_PATTERN } from "./template.js";
