/**
 * truncate (GNU coreutils 9.1): sets file sizes (-s N, +N, -N, <N, >N with K/M/G suffixes),
 * -c no-create. On /proc/PID/fd/N it truncates the file the process holds open — the classic
 * way to free a deleted-but-open log without restarting its writer.
 */
import { VfsError, type Cred } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, lq, parseSize, shq } from "../common/fs/fs-common.js";

const HELP = `Usage: truncate OPTION... FILE...
Shrink or extend the size of each FILE to the specified size

A FILE argument that does not exist is created.

If a FILE is larger than the specified size, the extra data is lost.
If a FILE is shorter, it is extended and the sparse extended part (hole)
reads as zero bytes.

Mandatory arguments to long options are mandatory for short options too.
  -c, --no-create        do not create any files
  -o, --io-blocks        treat SIZE as number of IO blocks instead of bytes
  -r, --reference=RFILE  base size on RFILE
  -s, --size=SIZE        set or adjust the file size by SIZE bytes
      --help        display this help and exit
      --version     output version information and exit

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E,Z,Y,R,Q (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

SIZE may also be prefixed by one of the following modifying characters:
'+' extend by, '-' reduce by, '<' at most, '>' at least,
'/' round down to multiple of, '%' round up to multiple of.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/truncate>
or available locally via: info '(coreutils) truncate invocation'
`;

export const truncateCommand = defineCommand({
  name: "truncate",
  summary: "shrink or extend the size of a file to the specified size",
  usage: "truncate OPTION... FILE...",
  help: HELP,
  version: "truncate (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "c", short: "c", long: "no-create" },
    { name: "o", short: "o", long: "io-blocks" },
    { name: "r", short: "r", long: "reference", arg: "required" },
    { name: "s", short: "s", long: "size", arg: "required" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "truncate", argv);
    if (big) return big;
    const vfs = ctx.host.vfs;
    const cred = ctx.cred as Cred;
    if (typeof o.s !== "string" && typeof o.r !== "string") return { stdout: "", stderr: "truncate: you must specify either ‘--size’ or ‘--reference’\nTry 'truncate --help' for more information.\n", exitCode: 1 };
    if (!operands.length) return { stdout: "", stderr: "truncate: missing file operand\nTry 'truncate --help' for more information.\n", exitCode: 1 };
    let op = "";
    let amount = 0;
    if (typeof o.s === "string") {
      const m = /^([-+<>/%]?)\s*(.*)$/.exec(o.s) as RegExpExecArray;
      op = m[1] as string;
      const n = parseSize(m[2] as string);
      if (n === undefined) return { stdout: "", stderr: `truncate: Invalid number: ${lq(o.s)}\n`, exitCode: 1 };
      amount = o.o ? n * 4096 : n;
      if ((op === "/" || op === "%") && amount === 0) return { stdout: "", stderr: "truncate: division by zero\n", exitCode: 1 };
    }
    let refSize: number | undefined;
    if (typeof o.r === "string") {
      try {
        refSize = vfs.stat(ctx.resolve(o.r), cred).size;
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        return { stdout: "", stderr: `truncate: cannot stat ${shq(o.r)}: ${e.text}\n`, exitCode: 1 };
      }
    }
    let err = "";
    let code = 0;
    const evidence: string[] = [];
    for (const name of operands) {
      const path = ctx.resolve(name);
      const fdm = /^\/proc\/(\d+|self)\/fd\/(\d+)$/.exec(path);
      let cur = 0;
      let exists = true;
      try {
        if (fdm) {
          const p = ctx.host.procs.get(fdm[1] === "self" ? ctx.pid : Number(fdm[1]));
          if (!p || !p.fds.some((f) => f.fd === Number(fdm[2]))) throw new VfsError("ENOENT", path);
        } else cur = vfs.stat(path, cred).size;
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        if (e.code !== "ENOENT" || fdm) {
          err += `truncate: cannot open ${shq(name)} for writing: ${e.text}\n`;
          code = 1;
          continue;
        }
        exists = false;
      }
      if (fdm) {
        const pid = fdm[1] === "self" ? ctx.pid : Number(fdm[1]);
        const fd = ctx.host.procs.get(pid)?.fds.find((f) => f.fd === Number(fdm[2]));
        if (fd) cur = fd.sizeBytes ?? cur;
      }
      const base = refSize ?? cur;
      let size = typeof o.s === "string" ? amount : base;
      if (typeof o.s === "string") {
        if (op === "+") size = base + amount;
        else if (op === "-") size = Math.max(0, base - amount);
        else if (op === "<") size = Math.min(base, amount);
        else if (op === ">") size = Math.max(base, amount);
        else if (op === "/") size = Math.floor(base / amount) * amount;
        else if (op === "%") size = Math.ceil(base / amount) * amount;
      }
      if (!exists && o.c) continue;
      try {
        if (fdm) {
          const pid = fdm[1] === "self" ? ctx.pid : Number(fdm[1]);
          const fd = ctx.host.procs.get(pid)?.fds.find((f) => f.fd === Number(fdm[2]));
          if (!fd) throw new VfsError("ENOENT", path);
          if (fd.path.startsWith("socket:") || fd.path.startsWith("pipe:") || fd.path.startsWith("anon_inode:")) throw new VfsError("EINVAL", path);
          if (!ctx.act.truncateFd(pid, fd.fd, size)) throw new VfsError("EACCES", path);
          if (fd.deleted) evidence.push("open-files:deleted");
          continue;
        }
        if (!exists) vfs.writeFile(path, "", cred);
        vfs.truncate(path, size, cred);
        ctx.host.emit({ type: "file-truncated", simMs: ctx.host.nowMs, path, bytes: Math.max(0, cur - size) });
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        err += e.code === "EISDIR" ? `truncate: cannot open ${shq(name)} for writing: Is a directory\n` : e.code === "ENOSPC" || e.code === "EFBIG" as string ? `truncate: failed to truncate ${shq(name)} at ${size} bytes: ${e.text}\n` : `truncate: cannot open ${shq(name)} for writing: ${e.text}\n`;
        code = 1;
      }
    }
    return { stdout: "", stderr: err, exitCode: code, evidence };
  },
});
