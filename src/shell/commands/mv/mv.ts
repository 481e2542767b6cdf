/**
 * mv (GNU coreutils 9.1): renames within the VFS (cross-mount moves re-account the blocks on
 * the destination), into a directory target, with -f/-n/-v and GNU's errors ("cannot stat
 * 'x'", "cannot move 'x' to 'y': Permission denied").
 */
import { VfsError, type Cred } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, shq } from "../common/fs/fs-common.js";
import { targets } from "../cp/cp.js";

const HELP = `Usage: mv [OPTION]... [-T] SOURCE DEST
  or:  mv [OPTION]... SOURCE... DIRECTORY
  or:  mv [OPTION]... -t DIRECTORY SOURCE...
Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.

Mandatory arguments to long options are mandatory for short options too.
  -f, --force                  do not prompt before overwriting
  -i, --interactive            prompt before overwrite
  -n, --no-clobber             do not overwrite an existing file
If you specify more than one of -i, -f, -n, only the final one takes effect.
  -t, --target-directory=DIRECTORY  move all SOURCE arguments into DIRECTORY
  -T, --no-target-directory    treat DEST as a normal file
  -u, --update                 move only when the SOURCE file is newer
                                 than the destination file or when the
                                 destination file is missing
  -v, --verbose                explain what is being done
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/mv>
or available locally via: info '(coreutils) mv invocation'
`;

export const mvCommand = defineCommand({
  name: "mv",
  summary: "move (rename) files",
  usage: "mv [OPTION]... [-T] SOURCE DEST",
  help: HELP,
  version: "mv (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "f", short: "f", long: "force" },
    { name: "i", short: "i", long: "interactive" },
    { name: "n", short: "n", long: "no-clobber" },
    { name: "t", short: "t", long: "target-directory", arg: "required" },
    { name: "T", short: "T", long: "no-target-directory" },
    { name: "u", short: "u", long: "update" },
    { name: "v", short: "v", long: "verbose" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "mv", argv);
    if (big) return big;
    const t = targets(ctx, "mv", operands, typeof o.t === "string" ? o.t : undefined, !!o.T);
    if ("stderr" in t) return { stdout: "", stderr: t.stderr, exitCode: 1 };
    const vfs = ctx.host.vfs;
    const cred = ctx.cred as Cred;
    let out = "";
    let err = "";
    let code = 0;
    for (const [s, d, shown] of t.pairs) {
      const src = ctx.resolve(s);
      try {
        vfs.lstat(src, cred);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        err += `mv: cannot stat ${shq(s)}: ${e.text}\n`;
        code = 1;
        continue;
      }
      if (vfs.exists(d, cred) && o.n) continue;
      if (src === d) {
        err += `mv: ${shq(s)} and ${shq(shown)} are the same file\n`;
        code = 1;
        continue;
      }
      try {
        ctx.act.rename(src, d);
        ctx.host.emit({ type: "file-written", simMs: ctx.host.nowMs, path: d });
        if (o.v) out += `renamed ${shq(s)} -> ${shq(shown)}\n`;
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        err += e.code === "EINVAL" ? `mv: cannot move ${shq(s)} to a subdirectory of itself, ${shq(shown)}\n` : e.code === "ENOSPC" ? `mv: error writing ${shq(shown)}: ${e.text}\n` : `mv: cannot move ${shq(s)} to ${shq(shown)}: ${e.text}\n`;
        code = 1;
      }
    }
    return { stdout: out, stderr: err, exitCode: code };
  },
});
