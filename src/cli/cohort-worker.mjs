/**
 * Entry of a cohort-grading worker thread (`faultline grade <dir>`): the CLI is TypeScript run
 * under tsx with no build step, and a worker thread does not inherit the loader registered in
 * the main thread, so this plain-JS entry registers tsx's ESM loader here (as bin/faultline.mjs
 * does) and then loads the TypeScript worker, cohort-worker.ts.
 */
import { register } from "tsx/esm/api";

register();
await import(new URL("./cohort-worker.ts", import.meta.url).href);
