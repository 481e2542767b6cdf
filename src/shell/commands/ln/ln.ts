/**
 * ln (GNU coreutils 9.1): hard links and symbolic links (-s), -f replacing the destination,
 * -n/-T, -v, into a directory target, with GNU's "failed to create symbolic link 'b': File
 * exists" / "failed to create hard link 'b' => 'a': ..." messages.
 */
import { VfsError, normalizePath, type Cred } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, shq } from "../common/fs/fs-common.js";

const HELP = `Usage: ln [OPTION]... [-T] TARGET LINK_NAME
  or:  ln [OPTION]... TARGET
  or:  ln [OPTION]... TARGET... DIRECTORY
  or:  ln [OPTION]... -t DIRECTORY TARGET...
In the 1st form, create a link to TARGET with the name LINK_NAME.
In the 2nd form, create a link to TARGET in the current directory.
In the 3rd and 4th forms, create links to each TARGET in DIRECTORY.
Create hard links by default, symbolic links with --symbolic.
By default, each destination (name of new link) should not already exist.
When creating hard links, each TARGET must exist.  Symbolic links
can hold arbitrary text; if later resolved, a relative link is
interpreted in relation to its parent directory.

Mandatory arguments to long options are mandatory for short options too.
  -f, --force                 remove existing destination files
  -n, --no-dereference        treat LINK_NAME as a normal file if
                                it is a symbolic link to a directory
  -r, --relative              with -s, create links relative to link location
  -s, --symbolic              make symbolic links instead of hard links
  -t, --target-directory=DIRECTORY  specify the DIRECTORY in which to create
                                the links
  -T, --no-target-directory   treat LINK_NAME as a normal file always
  -v, --verbose               print name of each linked file
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/ln>
or available locally via: info '(coreutils) ln invocation'
`;

export const lnCommand = defineCommand({
  name: "ln",
  summary: "make links between files",
  usage: "ln [OPTION]... [-T] TARGET LINK_NAME",
  help: HELP,
  version: "ln (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "f", short: "f", long: "force" },
    { name: "n", short: "n", long: "no-dereference" },
    { name: "r", short: "r", long: "relative" },
    { name: "s", short: "s", long: "symbolic" },
    { name: "t", short: "t", long: "target-directory", arg: "required" },
    { name: "T", short: "T", long: "no-target-directory" },
    { name: "v", short: "v", long: "verbose" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "ln", argv);
    if (big) return big;
    const vfs = ctx.host.vfs;
    const cred = ctx.cred as Cred;
    if (!operands.length) return { stdout: "", stderr: "ln: missing file operand\nTry 'ln --help' for more information.\n", exitCode: 1 };
    const isDir = (p: string, follow: boolean): boolean => {
      try {
        return (follow ? vfs.stat(p, cred) : vfs.lstat(p, cred)).type === "dir";
      } catch {
        return false;
      }
    };
    const base = (s: string): string => s.replace(/\/+$/, "").slice(s.replace(/\/+$/, "").lastIndexOf("/") + 1);
    let pairs: [string, string][];
    if (typeof o.t === "string") pairs = operands.map((s) => [s, `${o.t}/${base(s)}`]);
    else if (operands.length === 1) pairs = [[operands[0] as string, base(operands[0] as string)]];
    else {
      const dest = operands[operands.length - 1] as string;
      if (!o.T && isDir(ctx.resolve(dest), !o.n)) pairs = operands.slice(0, -1).map((s) => [s, `${dest.replace(/\/$/, "")}/${base(s)}`]);
      else if (operands.length > 2) return { stdout: "", stderr: `ln: target ${shq(dest)} is not a directory\n`, exitCode: 1 };
      else pairs = [[operands[0] as string, dest]];
    }
    let out = "";
    let err = "";
    let code = 0;
    for (const [target, link] of pairs) {
      const lp = ctx.resolve(link);
      try {
        if (!o.s) vfs.stat(ctx.resolve(target), cred);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        err += `ln: failed to access ${shq(target)}: ${e.text}\n`;
        code = 1;
        continue;
      }
      try {
        if (o.f) {
          try {
            const st = vfs.lstat(lp, cred);
            if (st.type === "dir") throw new VfsError("EISDIR", lp);
            ctx.act.unlink(lp);
          } catch (e) {
            if (!(e instanceof VfsError) || e.code !== "ENOENT") throw e;
          }
        }
        if (o.s) vfs.symlink(target, lp, cred);
        else {
          if (isDir(ctx.resolve(target), true)) {
            err += `ln: ${shq(target)}: hard link not allowed for directory\n`;
            code = 1;
            continue;
          }
          vfs.link(ctx.resolve(target), lp, cred);
        }
        ctx.host.emit({ type: "file-written", simMs: ctx.host.nowMs, path: normalizePath("/", lp) });
        if (o.v) out += `${shq(link)} ${o.s ? "->" : "=>"} ${shq(target)}\n`;
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        err += o.s ? `ln: failed to create symbolic link ${shq(link)}: ${e.text}\n` : `ln: failed to create hard link ${shq(link)}${e.code === "EEXIST" ? "" : ` => ${shq(target)}`}: ${e.text}\n`;
        code = 1;
      }
    }
    return { stdout: out, stderr: err, exitCode: code };
  },
});
