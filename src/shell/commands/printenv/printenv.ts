/**
 * printenv (GNU coreutils 9.1): all variables (minus Faultline's internal "__FL_" ones) or
 * the values of the named ones; exit 1 when any is unset. -0 ends lines with NUL.
 */
import { defineCommand } from "../../spec/define-command.js";

const HELP = "Usage: printenv [OPTION]... [VARIABLE]...\nPrint the values of the specified environment VARIABLE(s).\nIf no VARIABLE is specified, print name and value pairs for them all.\n\n  -0, --null     end each output line with NUL, not newline\n      --help        display this help and exit\n      --version     output version information and exit\n\nNOTE: your shell may have its own version of printenv, which usually supersedes\nthe version described here.  Please refer to your shell's documentation\nfor details about the options it supports.\n\nGNU coreutils online help: <https://www.gnu.org/software/coreutils/>\nReport any translation bugs to <https://translationproject.org/team/>\nFull documentation <https://www.gnu.org/software/coreutils/printenv>\nor available locally via: info '(coreutils) printenv invocation'\n";

export const printenvCommand = defineCommand({
  name: "printenv",
  summary: "print all or part of environment",
  usage: "printenv [OPTION]... [VARIABLE]...",
  options: [{ name: "null", short: "0", long: "null" }],
  help: HELP,
  version: "printenv (GNU coreutils) 9.1",
  run(ctx, o, operands) {
    const sep = o.null ? "\0" : "\n";
    if (!operands.length) return { stdout: [...ctx.env.entries()].filter(([k]) => !k.startsWith("__FL_") && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k)).map(([k, v]) => `${k}=${v}${sep}`).join("") };
    let out = "";
    let missing = false;
    for (const n of operands) {
      const v = n.startsWith("__FL_") || n.includes("=") ? undefined : ctx.env.get(n);
      if (v === undefined) missing = true;
      else out += v + sep;
    }
    return { stdout: out, exitCode: missing ? 1 : 0 };
  },
});
