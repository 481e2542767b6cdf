/**
 * kill — bash's builtin (what an interactive shell runs): kill [-s SIG | -n NUM | -SIG] PID...,
 * kill -l [SIG...], kill -L. Signals go through the engine (ctx.act.signal), so D-state tasks
 * keep running even after SIGKILL, zombies stay, and other users' processes give EPERM.
 * Messages are bash's ("bash: kill: (123) - No such process"); the session turns the
 * "bash: " prefix into "-bash: " as a login shell prints it.
 */
import { defineCommand, type CommandResult } from "../../spec/define-command.js";
import { bashSignalTable, parseSignal, signalName } from "./signals.js";

const USAGE = "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n";

function listSignals(args: string[]): CommandResult {
  if (!args.length) return { stdout: bashSignalTable() };
  let out = "";
  let err = "";
  let code = 0;
  for (const a of args) {
    if (/^\d+$/.test(a)) {
      const n = Number(a) > 128 ? Number(a) - 128 : Number(a);
      const name = signalName(n);
      if (name) out += `${name}\n`;
      else {
        err += `bash: kill: ${a}: invalid signal specification\n`;
        code = 1;
      }
    } else {
      const n = parseSignal(a);
      if (n !== undefined) out += `${n}\n`;
      else {
        err += `bash: kill: ${a}: invalid signal specification\n`;
        code = 1;
      }
    }
  }
  return { stdout: out, stderr: err, exitCode: code };
}

export const killCommand = defineCommand({
  name: "kill",
  summary: "send a signal to a job or process",
  usage: "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]",
  options: [],
  parse: "raw",
  completeOperands: "pid",
  run(ctx, _o, _ops, argv) {
    let sig = 15;
    let i = 0;
    const invalid = (s: string): CommandResult => ({ stdout: "", stderr: `bash: kill: ${s}: invalid signal specification\n`, exitCode: 1 });
    if (!argv.length) return { stdout: "", stderr: USAGE, exitCode: 2 };
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === "--") {
        i++;
        break;
      }
      if (a === "-l" || a === "-L" || a === "--list") return listSignals(argv.slice(i + 1));
      if (a === "--help") return { stdout: "kill: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n    Send a signal to a job.\n" };
      if (a === "-s" || a === "-n") {
        const v = argv[++i];
        if (v === undefined) return { stdout: "", stderr: `bash: kill: ${a}: option requires an argument\n${USAGE}`, exitCode: 2 };
        const n = parseSignal(v);
        if (n === undefined || (a === "-n" && !/^\d+$/.test(v))) return invalid(v);
        sig = n;
        continue;
      }
      if (/^-\d+$/.test(a) && i + 1 < argv.length) {
        const n = parseSignal(a.slice(1));
        if (n === undefined) return invalid(a.slice(1));
        sig = n;
        continue;
      }
      if (a.startsWith("-") && !/^-\d+$/.test(a) && a.length > 1) {
        const n = parseSignal(a.slice(1));
        if (n === undefined) return invalid(a.slice(1));
        sig = n;
        continue;
      }
      break;
    }
    const targets = argv.slice(i);
    if (!targets.length) return { stdout: "", stderr: USAGE, exitCode: 2 };
    let err = "";
    let code = 0;
    const evidence: string[] = [];
    for (const t of targets) {
      if (t.startsWith("%")) {
        err += `bash: kill: ${t}: no such job\n`;
        code = 1;
        continue;
      }
      if (!/^-?\d+$/.test(t)) {
        err += `bash: kill: ${t}: arguments must be process or job IDs\n`;
        code = 1;
        continue;
      }
      const pid = Number(t);
      if (pid <= 0) {
        // process groups / -1: not modelled; the candidate's own group is the shell
        err += `bash: kill: (${t}) - Operation not permitted\n`;
        code = 1;
        continue;
      }
      const r = ctx.act.signal(pid, sig);
      if (r === "ESRCH") {
        err += `bash: kill: (${pid}) - No such process\n`;
        code = 1;
      } else if (r === "EPERM") {
        err += `bash: kill: (${pid}) - Operation not permitted\n`;
        code = 1;
      } else evidence.push(`signal:${pid}:${sig}`);
    }
    return { stdout: "", stderr: err, exitCode: code, evidence };
  },
});
