/**
 * mkdir (GNU coreutils 9.1): creates directories (-p parents, -m mode, -v), charging an inode
 * and a block on the mount, so an inode-exhausted volume fails with GNU's
 * "mkdir: cannot create directory ‘x’: No space left on device" (note the ‘’ quotes).
 */
import { VfsError, type Cred } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, lq, shq } from "../common/fs/fs-common.js";
import { parseMode } from "../chmod/chmod.js";

const HELP = `Usage: mkdir [OPTION]... DIRECTORY...
Create the DIRECTORY(ies), if they do not already exist.

Mandatory arguments to long options are mandatory for short options too.
  -m, --mode=MODE   set file mode (as in chmod), not a=rwx - umask
  -p, --parents     no error if existing, make parent directories as needed,
                    with their file modes unaffected by any -m option.
  -v, --verbose     print a message for each created directory
  -Z                   set SELinux security context of each created directory
                         to the default type
      --context[=CTX]  like -Z, or if CTX is specified then set the SELinux
                         or SMACK security context to CTX
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/mkdir>
or available locally via: info '(coreutils) mkdir invocation'
`;

export const mkdirCommand = defineCommand({
  name: "mkdir",
  summary: "make directories",
  usage: "mkdir [OPTION]... DIRECTORY...",
  help: HELP,
  version: "mkdir (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "m", short: "m", long: "mode", arg: "required" },
    { name: "p", short: "p", long: "parents" },
    { name: "v", short: "v", long: "verbose" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "mkdir", argv);
    if (big) return big;
    if (!operands.length) return { stdout: "", stderr: "mkdir: missing operand\nTry 'mkdir --help' for more information.\n", exitCode: 1 };
    let mode = 0o755;
    if (typeof o.m === "string") {
      const m = parseMode(o.m, 0o777, true);
      if (m === undefined) return { stdout: "", stderr: `mkdir: invalid mode ${lq(o.m)}\n`, exitCode: 1 };
      mode = m;
    }
    const vfs = ctx.host.vfs;
    const cred = ctx.cred as Cred;
    let out = "";
    let err = "";
    let code = 0;
    for (const name of operands) {
      const path = ctx.resolve(name);
      try {
        if (o.p) {
          const parts = name.split("/").filter((x) => x && x !== ".");
          let cur = name.startsWith("/") ? "" : "";
          let shown = name.startsWith("/") ? "/" : "";
          let abs = name.startsWith("/") ? "" : ctx.cwd === "/" ? "" : ctx.cwd;
          for (const part of parts) {
            shown = shown && !shown.endsWith("/") ? `${shown}/${part}` : `${shown}${part}`;
            abs = part === ".." ? abs.slice(0, abs.lastIndexOf("/")) : `${abs}/${part}`;
            cur = abs || "/";
            if (vfs.exists(cur, cred)) {
              if (vfs.stat(cur, cred).type !== "dir") throw Object.assign(new VfsError("ENOTDIR", shown), { shown });
              continue;
            }
            try {
              vfs.mkdir(cur, cred, { mode: cur === path ? mode : 0o755 });
            } catch (e) {
              if (e instanceof VfsError) throw Object.assign(e, { shown });
              throw e;
            }
            if (o.v) out += `mkdir: created directory ${shq(shown)}\n`;
          }
        } else {
          vfs.mkdir(path, cred, { mode });
          if (o.v) out += `mkdir: created directory ${shq(name)}\n`;
        }
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        const shown = (e as VfsError & { shown?: string }).shown ?? name;
        err += `mkdir: cannot create directory ${lq(shown)}: ${e.text}\n`;
        code = 1;
      }
    }
    return { stdout: out, stderr: err, exitCode: code };
  },
});
