/**
 * renice (util-linux 2.38.1): set the nice value of processes (-p PIDs, the default; -u
 * users; -g process groups) through the engine (ctx.act.renice), which enforces that only
 * root may lower a value or touch other users' processes. The value is absolute ("+3" = 3).
 */
import { defineCommand } from "../../spec/define-command.js";
import { pgidOf } from "../../../engine/index.js";

const HELP = `
Usage:
 renice [-n] <priority> [-p|--pid] <pid>...
 renice [-n] <priority>  -g|--pgrp <pgid>...
 renice [-n] <priority>  -u|--user <user>...

Alter the priority of running processes.

Options:
 -n, --priority <num>   specify the nice value
 -p, --pid              interpret arguments as process ID (default)
 -g, --pgrp             interpret arguments as process group ID
 -u, --user             interpret arguments as username or user ID

 -h, --help             display this help
 -V, --version          display version

For more details see renice(1).
`;

export const reniceCommand = defineCommand({
  name: "renice",
  summary: "alter priority of running processes",
  usage: "renice [-n] <priority> [-p|--pid] <pid>...",
  options: [],
  parse: "raw",
  run(ctx, _o, _ops, argv) {
    if (argv[0] === "-h" || argv[0] === "--help") return { stdout: HELP };
    if (argv[0] === "-V" || argv[0] === "--version") return { stdout: "renice from util-linux 2.38.1\n" };
    const args = [...argv];
    if (args[0] === "-n" || args[0] === "--priority") args.shift();
    else if (args[0]?.startsWith("--priority=")) args[0] = args[0].slice(11);
    if (args.length < 2) return { stdout: "", stderr: "renice: not enough arguments\nTry 'renice --help' for more information.\n", exitCode: 1 };
    const pr = args.shift()!;
    if (!/^[+-]?\d+$/.test(pr)) return { stdout: "", stderr: `renice: invalid priority '${pr}'\nTry 'renice --help' for more information.\n`, exitCode: 1 };
    const nice = Math.max(-20, Math.min(19, Number(pr)));
    let kind: "p" | "g" | "u" = "p";
    let out = "";
    let err = "";
    let code = 0;
    const host = ctx.host;
    const apply = (pid: number, who: string, label: string): void => {
      const p = host.procs.get(pid);
      if (!p) {
        err += `renice: failed to get priority for ${who} (${label}): No such process\n`;
        code = 1;
        return;
      }
      const old = p.nice;
      const r = ctx.act.renice(pid, nice);
      if (r) {
        err += `renice: failed to set priority for ${who} (${label}): ${r === "EACCES" ? "Permission denied" : r === "ESRCH" ? "No such process" : "Operation not permitted"}\n`;
        code = 1;
        return;
      }
      if (label === "process ID") out += `${pid} (process ID) old priority ${old}, new priority ${host.procs.get(pid)?.nice ?? nice}\n`;
    };
    for (const a of args) {
      if (a === "-p" || a === "--pid") kind = "p";
      else if (a === "-g" || a === "--pgrp") kind = "g";
      else if (a === "-u" || a === "--user") kind = "u";
      else if (kind === "p") {
        if (!/^\d+$/.test(a)) {
          err += `renice: invalid process ID argument: '${a}'\n`;
          code = 1;
          continue;
        }
        apply(Number(a), a, "process ID");
      } else if (kind === "u") {
        const u = host.userByName(a) ?? host.users.find((x) => String(x.uid) === a);
        if (!u) {
          err += `renice: unknown user ${a}\n`;
          code = 1;
          continue;
        }
        const pids = [...host.procs.values()].filter((p) => p.uid === u.uid && !p.kthread).map((p) => p.pid);
        for (const pid of pids) apply(pid, a, "user ID");
        if (pids.length) out += `${u.uid} (user ID) old priority 0, new priority ${nice}\n`;
      } else {
        const pids = [...host.procs.values()].filter((p) => String(pgidOf(host, p)) === a).map((p) => p.pid);
        if (!pids.length) {
          err += `renice: failed to get priority for ${a} (process group ID): No such process\n`;
          code = 1;
        }
        for (const pid of pids) apply(pid, a, "process group ID");
        if (pids.length) out += `${a} (process group ID) old priority 0, new priority ${nice}\n`;
      }
    }
    return { stdout: out, stderr: err, exitCode: code };
  },
});
