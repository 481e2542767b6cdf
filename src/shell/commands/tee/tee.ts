/**
 * tee (GNU coreutils 9.1): copies stdin to stdout and to each FILE (-a appends), through the
 * VFS with the caller's credentials, so ENOSPC / EACCES come back as "tee: x: ..." while the
 * other outputs still get the data.
 */
import { VfsError, normalizePath, type Cred } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong } from "../common/fs/fs-common.js";
import { writeThroughProcFd } from "../common/fs/proc-fd.js";

const HELP = `Usage: tee [OPTION]... [FILE]...
Copy standard input to each FILE, and also to standard output.

  -a, --append              append to the given FILEs, do not overwrite
  -i, --ignore-interrupts   ignore interrupt signals
  -p                        operate in a more appropriate MODE with pipes.
      --output-error[=MODE]   set behavior on write error.  See MODE below
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/tee>
or available locally via: info '(coreutils) tee invocation'
`;

export const teeCommand = defineCommand({
  name: "tee",
  summary: "read from standard input and write to standard output and files",
  usage: "tee [OPTION]... [FILE]...",
  help: HELP,
  version: "tee (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "a", short: "a", long: "append" },
    { name: "i", short: "i", long: "ignore-interrupts" },
    { name: "p", short: "p" },
    { name: "oe", long: "output-error", arg: "optional" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "tee", argv);
    if (big) return big;
    let err = "";
    let code = 0;
    for (const f of operands) {
      if (f === "-") continue;
      const path = ctx.resolve(f);
      try {
        if (writeThroughProcFd(ctx, normalizePath("/", path), ctx.stdin.length, !!o.a)) continue;
        ctx.host.vfs.writeFile(path, ctx.stdin, ctx.cred as Cred, { append: !!o.a });
        ctx.host.emit({ type: "file-written", simMs: ctx.host.nowMs, path: normalizePath("/", path) });
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        err += `tee: ${f}: ${e.text}\n`;
        code = 1;
      }
    }
    return { stdout: ctx.stdin, stderr: err, exitCode: code };
  },
});
