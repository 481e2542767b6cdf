/**
 * id (GNU coreutils 9.1): uid/gid/groups of the caller (root under sudo) or of a named user
 * from the host's users and /etc/group memberships; -u -g -G -n -r -z.
 *
 * Evidence keys: "user:groups".
 */
import type { Host } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";

const HELP = "Usage: id [OPTION]... [USER]...\nPrint user and group information for each specified USER,\nor (when USER omitted) for the current process.\n\n  -a             ignore, for compatibility with other versions\n  -Z, --context  print only the security context of the process\n  -g, --group    print only the effective group ID\n  -G, --groups   print all group IDs\n  -n, --name     print a name instead of a number, for -ugG\n  -r, --real     print the real ID instead of the effective ID, with -ugG\n  -u, --user     print only the effective user ID\n  -z, --zero     delimit entries with NUL characters, not whitespace;\n                   not permitted in default format\n      --help        display this help and exit\n      --version     output version information and exit\n\nWithout any OPTION, print some useful set of identified information.\n\nGNU coreutils online help: <https://www.gnu.org/software/coreutils/>\nReport any translation bugs to <https://translationproject.org/team/>\nFull documentation <https://www.gnu.org/software/coreutils/id>\nor available locally via: info '(coreutils) id invocation'\n";

export function idInfo(host: Host, uid: number, gids: number[]): { uid: number; gid: number; groups: number[] } {
  return { uid, gid: gids[0] ?? 0, groups: gids.length ? gids : [0] };
}

export const idCommand = defineCommand({
  name: "id",
  summary: "print real and effective user and group IDs",
  usage: "id [OPTION]... [USER]...",
  options: [
    { name: "context", short: "Z", long: "context" },
    { name: "group", short: "g", long: "group" },
    { name: "groups", short: "G", long: "groups" },
    { name: "name", short: "n", long: "name" },
    { name: "real", short: "r", long: "real" },
    { name: "user", short: "u", long: "user" },
    { name: "zero", short: "z", long: "zero" },
    { name: "a", short: "a" },
  ],
  help: HELP,
  version: "id (GNU coreutils) 9.1",
  run(ctx, o, operands) {
    const h = ctx.host;
    const sel = [o.user, o.group, o.groups].filter(Boolean).length;
    if (sel > 1) return { stdout: "", stderr: "id: cannot print \"only\" of more than one choice\n", exitCode: 1 };
    if ((o.name || o.real) && !sel) return { stdout: "", stderr: "id: cannot print only names or real IDs in default format\n", exitCode: 1 };
    if (o.context) return { stdout: "", stderr: "id: --context (-Z) works only on an SELinux-enabled kernel\n", exitCode: 1 };
    const targets = operands.length ? operands : [null];
    let out = "";
    let stderr = "";
    let exitCode = 0;
    const sep = o.zero ? "\0" : "\n";
    for (const t of targets) {
      let uid: number;
      let gids: number[];
      if (t === null) {
        uid = ctx.cred.uid;
        gids = ctx.cred.gids;
      } else {
        const u = h.userByName(t) ?? (/^\d+$/.test(t) ? h.users.find((x) => x.uid === Number(t)) : undefined);
        if (!u) {
          stderr += `id: \u2018${t}\u2019: no such user\n`;
          exitCode = 1;
          continue;
        }
        uid = u.uid;
        gids = h.gidsOf(u);
      }
      const gid = gids[0] ?? 0;
      const gname = (g: number): string => h.groupName(g);
      if (o.user) out += (o.name ? h.userName(uid) : String(uid)) + sep;
      else if (o.group) out += (o.name ? gname(gid) : String(gid)) + sep;
      else if (o.groups) out += gids.map((g) => (o.name ? gname(g) : String(g))).join(o.zero ? "\0" : " ") + sep;
      else out += `uid=${uid}(${h.userName(uid)}) gid=${gid}(${gname(gid)}) groups=${gids.map((g) => `${g}(${gname(g)})`).join(",")}\n`;
    }
    return { stdout: out, stderr, exitCode, evidence: ["user:groups"] };
  },
});
