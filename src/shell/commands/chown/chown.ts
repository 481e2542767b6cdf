/**
 * chown (GNU coreutils 9.1): OWNER[:GROUP] / :GROUP by name or number, -R, -v/-c, with
 * "invalid user: ‘bob’" and "changing ownership of 'x': Operation not permitted" (only root
 * may give files away).
 */
import { VfsError, type Cred, type VStat } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, lq, shq } from "../common/fs/fs-common.js";
import { recurse } from "../chmod/chmod.js";

const HELP = `Usage: chown [OPTION]... [OWNER][:[GROUP]] FILE...
  or:  chown [OPTION]... --reference=RFILE FILE...
Change the owner and/or group of each FILE to OWNER and/or GROUP.
With --reference, change the owner and group of each FILE to those of RFILE.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
  -h, --no-dereference   affect symbolic links instead of any referenced file
  -R, --recursive        operate on files and directories recursively
      --help        display this help and exit
      --version     output version information and exit

Owner is unchanged if missing.  Group is unchanged if missing, but changed
to login group if implied by a ':' following a symbolic OWNER.
OWNER and GROUP may be numeric as well as symbolic.

Examples:
  chown root /u        Change the owner of /u to "root".
  chown root:staff /u  Likewise, but also change its group to "staff".
  chown -hR root /u    Change the owner of /u and subfiles to "root".

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/chown>
or available locally via: info '(coreutils) chown invocation'
`;

export const chownCommand = defineCommand({
  name: "chown",
  summary: "change file owner and group",
  usage: "chown [OPTION]... [OWNER][:[GROUP]] FILE...",
  help: HELP,
  version: "chown (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "c", short: "c", long: "changes" },
    { name: "f", short: "f", long: "silent", aliases: ["quiet"] },
    { name: "v", short: "v", long: "verbose" },
    { name: "h", short: "h", long: "no-dereference" },
    { name: "R", short: "R", long: "recursive" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "chown", argv);
    if (big) return big;
    if (!operands.length) return { stdout: "", stderr: "chown: missing operand\nTry 'chown --help' for more information.\n", exitCode: 1 };
    const spec = operands[0] as string;
    if (operands.length === 1) return { stdout: "", stderr: `chown: missing operand after ${shq(spec)}\nTry 'chown --help' for more information.\n`, exitCode: 1 };
    const host = ctx.host;
    const [uPart, gPart] = spec.includes(":") ? [spec.slice(0, spec.indexOf(":")), spec.slice(spec.indexOf(":") + 1)] : spec.includes(".") && !host.userByName(spec) ? [spec.slice(0, spec.indexOf(".")), spec.slice(spec.indexOf(".") + 1)] : [spec, undefined];
    let uid = -1;
    let gid = -1;
    if (uPart) {
      const u = host.userByName(uPart);
      if (u) uid = u.uid;
      else if (/^\d+$/.test(uPart)) uid = Number(uPart);
      else return { stdout: "", stderr: `chown: invalid user: ${lq(spec)}\n`, exitCode: 1 };
    }
    if (gPart) {
      const g = host.groups.find((x) => x.name === gPart);
      if (g) gid = g.gid;
      else if (/^\d+$/.test(gPart)) gid = Number(gPart);
      else return { stdout: "", stderr: `chown: invalid group: ${lq(spec)}\n`, exitCode: 1 };
    } else if (gPart === "" && uPart) gid = host.userByName(uPart)?.gid ?? uid;
    let out = "";
    let err = "";
    let code = 0;
    const cred = ctx.cred as Cred;
    const desc = (u: number, g: number): string => (uPart ? host.userName(u) : "") + (gPart !== undefined ? `:${host.groupName(g)}` : "");
    const apply = (name: string, path: string): void => {
      let st: VStat;
      try {
        st = host.vfs.stat(path, cred);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        if (!o.f) err += `chown: cannot access ${shq(name)}: ${e.text}\n`;
        code = 1;
        return;
      }
      const nu = uid >= 0 ? uid : st.uid;
      const ng = gid >= 0 ? gid : st.gid;
      try {
        if (cred.uid !== 0 && (nu !== st.uid || (ng !== st.gid && !(st.uid === cred.uid && cred.gids.includes(ng))))) throw new VfsError("EPERM", path);
        if (cred.uid === 0) host.vfs.chown(path, uid, gid, cred);
        const changed = nu !== st.uid || ng !== st.gid;
        if (o.v || (o.c && changed)) out += changed ? `changed ownership of ${shq(name)} from ${desc(st.uid, st.gid)} to ${desc(nu, ng)}\n` : `ownership of ${shq(name)} retained as ${desc(nu, ng)}\n`;
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        if (!o.f) err += `chown: changing ownership of ${shq(name)}: ${e.text}\n`;
        code = 1;
      }
      if (o.R && st.type === "dir") recurse(ctx, path, name, apply);
    };
    for (const name of operands.slice(1)) apply(name, ctx.resolve(name));
    return { stdout: out, stderr: err, exitCode: code };
  },
});
