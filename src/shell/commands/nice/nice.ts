/**
 * nice (coreutils 9.1): with no command, print the niceness (0 for the login shell); with a
 * command, run it (the sim cannot start processes at a niceness, so it runs at the shell's;
 * lowering niceness as non-root warns "cannot set niceness: Permission denied" like GNU nice).
 */
import { badOptionMessage } from "../../spec/parse-options.js";
import { defineCommand } from "../../spec/define-command.js";
import { shellQuote } from "../sudo/sudo.js";

const HELP = `Usage: nice [OPTION] [COMMAND [ARG]...]
Run COMMAND with an adjusted niceness, which affects process scheduling.
With no COMMAND, print the current niceness.  Niceness values range from
-20 (most favorable to the process) to 19 (least favorable to the process).

Mandatory arguments to long options are mandatory for short options too.
  -n, --adjustment=N   add integer N to the niceness (default 10)
      --help        display this help and exit
      --version     output version information and exit

NOTE: your shell may have its own version of nice, which usually supersedes
the version described here.  Please refer to your shell's documentation
for details about the options it supports.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/nice>
or available locally via: info '(coreutils) nice invocation'
`;

export const niceCommand = defineCommand({
  name: "nice",
  summary: "run a program with modified scheduling priority",
  // coreutils nice exits 125 on a bad option (the usual message otherwise)
  badOption: { kind: "custom", render: (opt, long, missingArg) => ({ ...badOptionMessage({ name: "nice" }, opt, long, missingArg), exitCode: 125 }) },
  usage: "nice [OPTION] [COMMAND [ARG]...]",
  options: [{ name: "adjustment", short: "n", long: "adjustment", arg: "required" }],
  parse: "posix",
  help: HELP,
  version: "nice (GNU coreutils) 9.1",
  async run(ctx, o, ops) {
    let adj = 10;
    let rest = ops;
    if (typeof o.adjustment === "string") {
      if (!/^[+-]?\d+$/.test(o.adjustment)) return { stdout: "", stderr: `nice: invalid adjustment '${o.adjustment}'\n`, exitCode: 125 };
      adj = Number(o.adjustment);
    }
    const base = ctx.host.procs.get(ctx.pid)?.nice ?? 0;
    if (!rest.length) {
      if (typeof o.adjustment === "string") return { stdout: "", stderr: "nice: a command must be given with an adjustment\nTry 'nice --help' for more information.\n", exitCode: 125 };
      return { stdout: `${base}\n` };
    }
    let warn = "";
    if (adj < 0 && ctx.cred.uid !== 0) warn = "nice: cannot set niceness: Permission denied\n";
    rest = [...rest];
    const r = await ctx.exec(rest.map(shellQuote).join(" "));
    const code = r.exitCode === 127 && /command not found/.test(r.stderr) ? 127 : r.exitCode;
    const stderr = r.exitCode === 127 && /command not found/.test(r.stderr) ? `nice: '${rest[0]}': No such file or directory\n` : r.stderr;
    return { stdout: r.stdout, stderr: warn + stderr, exitCode: code };
  },
});
