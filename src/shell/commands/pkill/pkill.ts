/**
 * pkill (procps-ng 4.0.2): signal processes by name and other attributes (-9, -KILL,
 * -SIGKILL, --signal); matching is pgrep's (see ../pgrep/pgrep-core.ts). Signals go through
 * the engine, so D-state tasks and zombies survive even SIGKILL.
 */
import { defineCommand } from "../../spec/define-command.js";
import { runPgrep } from "../pgrep/pgrep-core.js";

export const pkillCommand = defineCommand({
  name: "pkill",
  summary: "signal processes based on name and other attributes",
  usage: "pkill [options] <pattern>",
  options: [],
  parse: "raw",
  run: (ctx, _o, _ops, argv) => runPgrep("pkill", ctx, argv),
});
