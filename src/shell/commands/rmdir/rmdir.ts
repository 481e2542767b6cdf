/**
 * rmdir (GNU coreutils 9.1): removes empty directories (-p walks up the parents), with
 * "failed to remove 'x': Directory not empty" and -v "removing directory, 'x'".
 */
import { VfsError } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, shq } from "../common/fs/fs-common.js";

const HELP = `Usage: rmdir [OPTION]... DIRECTORY...
Remove the DIRECTORY(ies), if they are empty.

      --ignore-fail-on-non-empty
                    ignore each failure to remove a non-empty directory
  -p, --parents     remove DIRECTORY and its ancestors;
                    e.g., 'rmdir -p a/b' is similar to 'rmdir a/b a'

  -v, --verbose     output a diagnostic for every directory processed
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/rmdir>
or available locally via: info '(coreutils) rmdir invocation'
`;

export const rmdirCommand = defineCommand({
  name: "rmdir",
  summary: "remove empty directories",
  usage: "rmdir [OPTION]... DIRECTORY...",
  help: HELP,
  version: "rmdir (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "ignore", long: "ignore-fail-on-non-empty" },
    { name: "p", short: "p", long: "parents" },
    { name: "v", short: "v", long: "verbose" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "rmdir", argv);
    if (big) return big;
    if (!operands.length) return { stdout: "", stderr: "rmdir: missing operand\nTry 'rmdir --help' for more information.\n", exitCode: 1 };
    let out = "";
    let err = "";
    let code = 0;
    const one = (name: string): boolean => {
      if (o.v) out += `rmdir: removing directory, ${shq(name)}\n`;
      try {
        const st = ctx.host.vfs.lstat(ctx.resolve(name), ctx.cred);
        if (st.type !== "dir") throw new VfsError("ENOTDIR", name);
        ctx.act.unlink(ctx.resolve(name), { dir: true });
        return true;
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        if (e.code === "ENOTEMPTY" && o.ignore) return false;
        err += `rmdir: failed to remove ${shq(name)}: ${e.text}\n`;
        code = 1;
        return false;
      }
    };
    for (const name of operands) {
      if (!one(name)) continue;
      if (o.p) {
        let p = name.replace(/\/+$/, "");
        while (p.includes("/")) {
          p = p.slice(0, p.lastIndexOf("/")).replace(/\/+$/, "");
          if (!p) break;
          if (!one(p)) break;
        }
      }
    }
    return { stdout: out, stderr: err, exitCode: code };
  },
});
