/**
 * env (GNU coreutils 9.1): without a command, prints the environment minus Faultline's
 * internal variables (names starting "__FL_") and the interpreter's special parameters ("?"); with -i/-u/NAME=VALUE/COMMAND it defers to
 * the interpreter's own env (ctx.fallback), filtering its output the same way.
 */
import { defineCommand } from "../../spec/define-command.js";

const HELP = "Usage: env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]\nSet each NAME to VALUE in the environment and run COMMAND.\n\nMandatory arguments to long options are mandatory for short options too.\n  -i, --ignore-environment  start with an empty environment\n  -0, --null           end each output line with NUL, not newline\n  -u, --unset=NAME     remove variable from the environment\n  -C, --chdir=DIR      change working directory to DIR\n  -S, --split-string=S  process and split S into separate arguments;\n                        used to pass multiple arguments on shebang lines\n      --block-signal[=SIG]    block delivery of SIG signal(s) to COMMAND\n      --default-signal[=SIG]  reset handling of SIG signal(s) to the default\n      --ignore-signal[=SIG]   set handling of SIG signal(s) to do nothing\n      --list-signal-handling  list non default signal handling to stderr\n  -v, --debug          print verbose information for each processing step\n      --help        display this help and exit\n      --version     output version information and exit\n\nA mere - implies -i.  If no COMMAND, print the resulting environment.\n\nSIG may be a signal name like 'PIPE', or a signal number like '13'.\nWithout SIG, all known signals are included.  Multiple signals can be\ncomma-separated.\n\nGNU coreutils online help: <https://www.gnu.org/software/coreutils/>\nReport any translation bugs to <https://translationproject.org/team/>\nFull documentation <https://www.gnu.org/software/coreutils/env>\nor available locally via: info '(coreutils) env invocation'\n";

export function visibleEnv(env: ReadonlyMap<string, string>): [string, string][] {
  return [...env.entries()].filter(([k]) => !k.startsWith("__FL_") && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k));
}

export function hideInternal(text: string): string {
  return text
    .split("\n")
    .filter((l) => !l.startsWith("__FL_") && !/^[^A-Za-z_]/.test(l))
    .join("\n");
}

export const envCommand = defineCommand({
  name: "env",
  summary: "run a program in a modified environment",
  usage: "env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]",
  options: [],
  parse: "raw",
  help: HELP,
  async run(ctx, _o, _ops, argv) {
    if (argv[0] === "--help") return { stdout: HELP };
    if (argv[0] === "--version") return { stdout: "env (GNU coreutils) 9.1\n" };
    if (argv.length === 0 || (argv.length === 1 && (argv[0] === "-0" || argv[0] === "--null"))) {
      const sep = argv.length ? "\0" : "\n";
      return { stdout: visibleEnv(ctx.env).map(([k, v]) => `${k}=${v}${sep}`).join("") };
    }
    const r = await ctx.fallback(argv);
    return { stdout: hideInternal(r.stdout), stderr: r.stderr, exitCode: r.exitCode };
  },
});
