/**
 * Harness public API: run scenario paths and self-test scenarios.
 */
export { runPath, makeScenarioHost } from "./run-path.js";
export { gradeInputFromLog } from "./grade-log.js";
export type { PathRun, RunPathOptions } from "./run-path.js";
export { testScenario } from "./self-test.js";
export type { SelfTestResult, PathCheck } from "./self-test.js";
