/**
 * whoami (GNU coreutils 9.1): the effective user name (root under sudo).
 */
import { defineCommand } from "../../spec/define-command.js";

const HELP = "Usage: whoami [OPTION]...\nPrint the user name associated with the current effective user ID.\nSame as id -un.\n\n      --help        display this help and exit\n      --version     output version information and exit\n\nGNU coreutils online help: <https://www.gnu.org/software/coreutils/>\nReport any translation bugs to <https://translationproject.org/team/>\nFull documentation <https://www.gnu.org/software/coreutils/whoami>\nor available locally via: info '(coreutils) whoami invocation'\n";

export const whoamiCommand = defineCommand({
  name: "whoami",
  summary: "print effective user name",
  usage: "whoami [OPTION]...",
  options: [],
  help: HELP,
  version: "whoami (GNU coreutils) 9.1",
  run(ctx, _o, operands) {
    if (operands.length) return { stdout: "", stderr: `whoami: extra operand \u2018${operands[0]}\u2019\nTry 'whoami --help' for more information.\n`, exitCode: 1 };
    return { stdout: `${ctx.host.userName(ctx.cred.uid)}\n` };
  },
});
