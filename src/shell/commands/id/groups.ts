/**
 * groups (GNU coreutils 9.1; lives in id/ because commands/groups/ holds the group files): group names of the caller, or "USER : g1 g2" per named user.
 *
 * Evidence keys: "user:groups".
 */
import { defineCommand } from "../../spec/define-command.js";

const HELP = "Usage: groups [OPTION]... [USERNAME]...\nPrint group memberships for each USERNAME or, if no USERNAME is specified, for\nthe current process (which may differ if the groups database has changed).\n      --help        display this help and exit\n      --version     output version information and exit\n\nGNU coreutils online help: <https://www.gnu.org/software/coreutils/>\nReport any translation bugs to <https://translationproject.org/team/>\nFull documentation <https://www.gnu.org/software/coreutils/groups>\nor available locally via: info '(coreutils) groups invocation'\n";

export const groupsCommand = defineCommand({
  name: "groups",
  summary: "print the groups a user is in",
  usage: "groups [OPTION]... [USERNAME]...",
  options: [],
  help: HELP,
  version: "groups (GNU coreutils) 9.1",
  run(ctx, _o, operands) {
    const h = ctx.host;
    if (!operands.length) return { stdout: ctx.cred.gids.map((g) => h.groupName(g)).join(" ") + "\n", evidence: ["user:groups"] };
    let out = "";
    let stderr = "";
    let exitCode = 0;
    for (const n of operands) {
      const u = h.userByName(n);
      if (!u) {
        stderr += `groups: \u2018${n}\u2019: no such user\n`;
        exitCode = 1;
        continue;
      }
      out += `${n} : ${h.gidsOf(u).map((g) => h.groupName(g)).join(" ")}\n`;
    }
    return { stdout: out, stderr, exitCode, evidence: ["user:groups"] };
  },
});
