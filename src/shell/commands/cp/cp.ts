/**
 * cp (GNU coreutils 9.1): copies files and (with -r/-a) trees through the VFS, so copies take
 * real blocks and can hit ENOSPC; -p/-a keep mode, owner and times; -v/-n/-f; GNU's errors
 * ("cannot stat 'x'", "-r not specified; omitting directory 'd'", "missing file operand").
 */
import { VfsError, normalizePath, type Cred, type VStat } from "../../../engine/index.js";
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { argListTooLong, shq } from "../common/fs/fs-common.js";
import { writeThroughProcFd } from "../common/fs/proc-fd.js";

const HELP = `Usage: cp [OPTION]... [-T] SOURCE DEST
  or:  cp [OPTION]... SOURCE... DIRECTORY
  or:  cp [OPTION]... -t DIRECTORY SOURCE...
Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.

Mandatory arguments to long options are mandatory for short options too.
  -a, --archive                same as -dR --preserve=all
  -f, --force                  if an existing destination file cannot be
                                 opened, remove it and try again
  -i, --interactive            prompt before overwrite
  -n, --no-clobber             do not overwrite an existing file
  -p                           same as --preserve=mode,ownership,timestamps
  -R, -r, --recursive          copy directories recursively
  -t, --target-directory=DIRECTORY  copy all SOURCE arguments into DIRECTORY
  -T, --no-target-directory    treat DEST as a normal file
  -u, --update                 copy only when the SOURCE file is newer
                                 than the destination file or when the
                                 destination file is missing
  -v, --verbose                explain what is being done
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/cp>
or available locally via: info '(coreutils) cp invocation'
`;

/** Resolves SOURCE... DEST into (source, destination path, shown destination) pairs, or an error message. */
export function targets(ctx: CommandContext, tool: string, operands: string[], targetDir: string | undefined, noTarget: boolean): { pairs: [string, string, string][] } | { stderr: string } {
  const vfs = ctx.host.vfs;
  const isDir = (p: string): boolean => {
    try {
      return vfs.stat(p, ctx.cred as Cred).type === "dir";
    } catch {
      return false;
    }
  };
  if (targetDir !== undefined) {
    if (!isDir(ctx.resolve(targetDir))) return { stderr: `${tool}: target directory ${shq(targetDir)}: No such file or directory\n` };
    return { pairs: operands.map((s) => [s, normalizePath(ctx.resolve(targetDir), baseName(s)), `${targetDir.replace(/\/$/, "")}/${baseName(s)}`]) };
  }
  if (operands.length === 0) return { stderr: `${tool}: missing file operand\nTry '${tool} --help' for more information.\n` };
  if (operands.length === 1) return { stderr: `${tool}: missing destination file operand after ${shq(operands[0] as string)}\nTry '${tool} --help' for more information.\n` };
  const dest = operands[operands.length - 1] as string;
  const srcs = operands.slice(0, -1);
  const destPath = ctx.resolve(dest);
  if (!noTarget && isDir(destPath)) return { pairs: srcs.map((s) => [s, normalizePath(destPath, baseName(s)), `${dest.replace(/\/$/, "")}/${baseName(s)}`]) };
  if (srcs.length > 1) return { stderr: `${tool}: target ${shq(dest)} is not a directory\n` };
  return { pairs: [[srcs[0] as string, destPath, dest]] };
}

function baseName(s: string): string {
  const t = s.replace(/\/+$/, "");
  return t.slice(t.lastIndexOf("/") + 1) || "/";
}

export const cpCommand = defineCommand({
  name: "cp",
  summary: "copy files and directories",
  usage: "cp [OPTION]... [-T] SOURCE DEST",
  help: HELP,
  version: "cp (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "a", short: "a", long: "archive" },
    { name: "f", short: "f", long: "force" },
    { name: "i", short: "i", long: "interactive" },
    { name: "n", short: "n", long: "no-clobber" },
    { name: "p", short: "p" },
    { name: "preserve", long: "preserve", arg: "optional" },
    { name: "r", short: "r", long: "recursive" },
    { name: "R", short: "R" },
    { name: "d", short: "d" },
    { name: "t", short: "t", long: "target-directory", arg: "required" },
    { name: "T", short: "T", long: "no-target-directory" },
    { name: "u", short: "u", long: "update" },
    { name: "v", short: "v", long: "verbose" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "cp", argv);
    if (big) return big;
    const t = targets(ctx, "cp", operands, typeof o.t === "string" ? o.t : undefined, !!o.T);
    if ("stderr" in t) return { stdout: "", stderr: t.stderr, exitCode: 1 };
    const recursive = !!(o.r || o.R || o.a);
    const preserve = !!(o.a || o.p || o.preserve);
    const vfs = ctx.host.vfs;
    const cred = ctx.cred as Cred;
    let out = "";
    let err = "";
    let code = 0;
    const copy = (src: string, dst: string, shownSrc: string, shownDst: string, st: VStat): void => {
      if (st.type === "dir") {
        try {
          if (!vfs.exists(dst, cred)) vfs.mkdir(dst, cred, { mode: st.mode });
        } catch (e) {
          if (!(e instanceof VfsError)) throw e;
          err += `cp: cannot create directory ${shq(shownDst)}: ${e.text}\n`;
          code = 1;
          return;
        }
        if (o.v) out += `${shq(shownSrc)} -> ${shq(shownDst)}\n`;
        let names: string[] = [];
        try {
          names = vfs.readdir(src, cred).slice().sort();
        } catch (e) {
          if (!(e instanceof VfsError)) throw e;
          err += `cp: cannot access ${shq(shownSrc)}: ${e.text}\n`;
          code = 1;
        }
        for (const n of names) {
          const cs = `${src === "/" ? "" : src}/${n}`;
          let cst: VStat;
          try {
            cst = vfs.lstat(cs, cred);
            if (cst.type === "symlink" && !o.a && !o.d) cst = vfs.stat(cs, cred);
          } catch (e) {
            if (!(e instanceof VfsError)) throw e;
            err += `cp: cannot stat ${shq(`${shownSrc}/${n}`)}: ${e.text}\n`;
            code = 1;
            continue;
          }
          copy(cs, `${dst}/${n}`, `${shownSrc}/${n}`, `${shownDst}/${n}`, cst);
        }
        if (preserve) vfs.utimes(dst, st.mtimeMs, cred);
        return;
      }
      if (vfs.exists(dst, cred)) {
        if (o.n) return;
        if (o.u && vfs.stat(dst, cred).mtimeMs >= st.mtimeMs) return;
      }
      try {
        if (st.type === "symlink") {
          vfs.symlink(vfs.readlink(src, cred), dst, cred);
        } else {
          const data = vfs.readFile(src, cred);
          if (writeThroughProcFd(ctx, dst, Math.max(st.size, data.length), false)) {
            if (o.v) out += `${shq(shownSrc)} -> ${shq(shownDst)}\n`;
            return;
          }
          vfs.writeFile(dst, data, cred, { mode: preserve ? st.mode : st.mode & 0o777 });
          if (st.size > data.length && st.type === "file") vfs.truncate(dst, st.size, cred);
          if (preserve) {
            vfs.utimes(dst, st.mtimeMs, cred);
            if (cred.uid === 0) vfs.chown(dst, st.uid, st.gid, cred);
          }
          ctx.host.emit({ type: "file-written", simMs: ctx.host.nowMs, path: dst });
        }
        if (o.v) out += `${shq(shownSrc)} -> ${shq(shownDst)}\n`;
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        if (e.code === "EACCES" && e.path === src) err += `cp: cannot open ${shq(shownSrc)} for reading: ${e.text}\n`;
        else if (e.code === "ENOSPC") err += `cp: error writing ${shq(shownDst)}: ${e.text}\n`;
        else err += `cp: cannot create regular file ${shq(shownDst)}: ${e.text}\n`;
        code = 1;
      }
    };
    for (const [s, d, shown] of t.pairs) {
      const src = ctx.resolve(s);
      let st: VStat;
      try {
        st = vfs.stat(src, cred);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        err += `cp: cannot stat ${shq(s)}: ${e.text}\n`;
        code = 1;
        continue;
      }
      if (st.type === "dir" && !recursive) {
        err += `cp: -r not specified; omitting directory ${shq(s)}\n`;
        code = 1;
        continue;
      }
      if (normalizePath("/", src) === normalizePath("/", d)) {
        err += `cp: ${shq(s)} and ${shq(shown)} are the same file\n`;
        code = 1;
        continue;
      }
      if (st.type === "dir" && (d + "/").startsWith(src + "/")) {
        err += `cp: cannot copy a directory, ${shq(s)}, into itself, ${shq(shown)}\n`;
        code = 1;
        continue;
      }
      copy(src, d, s, shown, st);
    }
    return { stdout: out, stderr: err, exitCode: code };
  },
});
