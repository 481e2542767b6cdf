/**
 * nproc (GNU coreutils 9.1): the number of CPUs of the host (--all the same here, no
 * affinity masks), --ignore=N.
 *
 * Evidence keys: "cpu:count".
 */
import { defineCommand } from "../../spec/define-command.js";

const HELP = "Usage: nproc [OPTION]...\nPrint the number of processing units available to the current process,\nwhich may be less than the number of online processors\n\n      --all      print the number of installed processors\n      --ignore=N  if possible, exclude N processing units\n      --help        display this help and exit\n      --version     output version information and exit\n\nGNU coreutils online help: <https://www.gnu.org/software/coreutils/>\nReport any translation bugs to <https://translationproject.org/team/>\nFull documentation <https://www.gnu.org/software/coreutils/nproc>\nor available locally via: info '(coreutils) nproc invocation'\n";

export const nprocCommand = defineCommand({
  name: "nproc",
  summary: "print the number of processing units available",
  usage: "nproc [OPTION]...",
  options: [
    { name: "all", long: "all" },
    { name: "ignore", long: "ignore", arg: "required" },
  ],
  help: HELP,
  version: "nproc (GNU coreutils) 9.1",
  run(ctx, o, operands) {
    if (operands.length) return { stdout: "", stderr: `nproc: extra operand '${operands[0]}'\nTry 'nproc --help' for more information.\n`, exitCode: 1 };
    let n = ctx.host.cpu.count;
    if (o.ignore !== undefined) {
      const k = Number(o.ignore);
      if (!/^\d+$/.test(String(o.ignore))) return { stdout: "", stderr: `nproc: invalid number: '${String(o.ignore)}'\n`, exitCode: 1 };
      n = Math.max(1, n - k);
    }
    return { stdout: `${n}\n`, evidence: ["cpu:count"] };
  },
});
