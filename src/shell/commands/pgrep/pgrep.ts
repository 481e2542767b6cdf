/**
 * pgrep (procps-ng 4.0.2): look up processes by name and other attributes; see pgrep-core.ts.
 */
import { defineCommand } from "../../spec/define-command.js";
import { runPgrep } from "./pgrep-core.js";

export const pgrepCommand = defineCommand({
  name: "pgrep",
  summary: "look up processes based on name and other attributes",
  usage: "pgrep [options] <pattern>",
  options: [],
  parse: "raw",
  run: (ctx, _o, _ops, argv) => runPgrep("pgrep", ctx, argv),
});
