/**
 * One cohort-grading worker thread: receives `{ i, file }` jobs from cohort.ts, reads and
 * grades the session file (grade-file.ts, with this thread's scenario cache) and posts back
 * `{ i, row }`. Jobs arrive one at a time per worker, so they never interleave.
 */
import { parentPort } from "node:worker_threads";
import { gradeFileToRow, type CohortJob } from "./cohort.js";
import type { ScenarioCache } from "./grade-file.js";

const cache: ScenarioCache = new Map();
const port = parentPort!;
port.on("message", (job: CohortJob) => {
  void gradeFileToRow(job.file, cache).then((row) => port.postMessage({ i: job.i, row }));
});
