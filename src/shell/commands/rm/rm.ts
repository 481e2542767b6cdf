/**
 * rm (GNU coreutils 9.1): removes files (and trees with -r), through the host so a file still
 * held open by a process keeps its blocks (deleted-but-open), with GNU's messages ("cannot
 * remove 'x': Is a directory", the "/" failsafe, -v "removed 'x'"), -f silence, -i prompts
 * answered from stdin, and the shell's ARG_MAX failure for a huge glob. Synthetic
 * million-entry directories are emptied in one bulk operation.
 */
import { VfsError, type Cred, type VStat } from "../../../engine/index.js";
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { argListTooLong, shq, tryStat } from "../common/fs/fs-common.js";

const HELP = `Usage: rm [OPTION]... [FILE]...
Remove (unlink) the FILE(s).

  -f, --force           ignore nonexistent files and arguments, never prompt
  -i                    prompt before every removal
  -I                    prompt once before removing more than three files, or
                          when removing recursively; less intrusive than -i,
                          while still giving protection against most mistakes
      --interactive[=WHEN]  prompt according to WHEN: never, once (-I), or
                          always (-i); without WHEN, prompt always
      --one-file-system  when removing a hierarchy recursively, skip any
                          directory that is on a file system different from
                          that of the corresponding command line argument
      --no-preserve-root  do not treat '/' specially
      --preserve-root[=all]  do not remove '/' (default);
                              with 'all', reject any command line argument
                              on a separate device from its parent
  -r, -R, --recursive   remove directories and their contents recursively
  -d, --dir             remove empty directories
  -v, --verbose         explain what is being done
      --help        display this help and exit
      --version     output version information and exit

By default, rm does not remove directories.  Use the --recursive (-r or -R)
option to remove each listed directory, too, along with all of its contents.

To remove a file whose name starts with a '-', for example '-foo',
use one of these commands:
  rm -- -foo

  rm ./-foo

Note that if you use rm to remove a file, it might be possible to recover
some of its contents, given sufficient expertise and/or time.  For greater
assurance that the contents are truly unrecoverable, consider using shred(1).

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/rm>
or available locally via: info '(coreutils) rm invocation'
`;

const KIND: Record<string, string> = { file: "regular file", dir: "directory", symlink: "symbolic link", chr: "character special file", fifo: "fifo", sock: "socket" };

export const rmCommand = defineCommand({
  name: "rm",
  summary: "remove files or directories",
  usage: "rm [OPTION]... [FILE]...",
  help: HELP,
  version: "rm (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "f", short: "f", long: "force" },
    { name: "i", short: "i" },
    { name: "I", short: "I" },
    { name: "interactive", long: "interactive", arg: "optional" },
    { name: "r", short: "r", long: "recursive" },
    { name: "R", short: "R" },
    { name: "d", short: "d", long: "dir" },
    { name: "v", short: "v", long: "verbose" },
    { name: "nopreserve", long: "no-preserve-root" },
    { name: "preserve", long: "preserve-root", arg: "optional" },
    { name: "onefs", long: "one-file-system" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "rm", argv);
    if (big) return big;
    const force = !!o.f;
    const recursive = !!(o.r || o.R);
    const verbose = !!o.v;
    const interactive = (!!o.i || o.interactive === true || o.interactive === "always") && !force;
    if (!operands.length) {
      if (force) return { stdout: "" };
      return { stdout: "", stderr: "rm: missing operand\nTry 'rm --help' for more information.\n", exitCode: 1 };
    }
    let out = "";
    let err = "";
    let code = 0;
    const answers = ctx.stdin.split("\n");
    const ask = (q: string): boolean => {
      err += q;
      const a = answers.shift() ?? "";
      return /^[yY]/.test(a);
    };
    const cred = ctx.cred as Cred;
    const fail = (name: string, e: unknown): void => {
      if (!(e instanceof VfsError)) throw e;
      if (force && e.code === "ENOENT") return;
      err += `rm: cannot remove ${shq(name)}: ${e.text}\n`;
      code = 1;
    };
    const removeTree = (name: string, path: string, st: VStat): boolean => {
      if (st.type !== "dir") {
        if (interactive && !ask(`rm: remove ${KIND[st.type] ?? "file"} ${shq(name)}? `)) return false;
        try {
          ctx.act.unlink(path);
          if (verbose) out += `removed ${shq(name)}\n`;
          return true;
        } catch (e) {
          fail(name, e);
          return false;
        }
      }
      if (interactive && !ask(`rm: descend into directory ${shq(name)}? `)) return false;
      let ok = true;
      const dyn = safe(() => ctx.host.vfs.dynamicAt(path, cred));
      const uniform = dyn?.uniformFileStat?.();
      if (!canWrite(st, cred) && !isEmptyDir(ctx, path)) {
        // children can't be unlinked without write permission on the directory
      } else if (dyn && uniform && !interactive && !verbose) {
        try {
          ctx.act.deleteDirEntries(path, () => true);
        } catch {
          /* fall back to per-entry deletion below */
        }
      }
      let names: string[];
      try {
        names = ctx.host.vfs.readdir(path, cred);
      } catch (e) {
        fail(name, e);
        return false;
      }
      for (const n of names.slice().sort()) {
        const cp = `${path === "/" ? "" : path}/${n}`;
        const cn = `${name.endsWith("/") ? name.slice(0, -1) : name}/${n}`;
        const cst = tryStat(ctx, cp, false);
        if (!("type" in cst)) {
          fail(cn, cst);
          ok = false;
          continue;
        }
        if (!removeTree(cn, cp, cst)) ok = false;
      }
      if (!ok) return false;
      if (interactive && !ask(`rm: remove directory ${shq(name)}? `)) return false;
      try {
        ctx.act.unlink(path, { dir: true });
        if (verbose) out += `removed directory ${shq(name)}\n`;
        return true;
      } catch (e) {
        fail(name, e);
        return false;
      }
    };
    for (const name of operands) {
      const path = ctx.resolve(name);
      const base = name.replace(/\/+$/, "").split("/").pop();
      if (base === "." || base === "..") {
        err += recursive ? `rm: refusing to remove '.' or '..' directory: skipping ${shq(name)}\n` : `rm: cannot remove ${shq(name)}: Is a directory\n`;
        code = 1;
        continue;
      }
      if (path === "/" && recursive && !o.nopreserve) {
        err += `rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`;
        code = 1;
        continue;
      }
      const st = tryStat(ctx, path, false);
      if (!("type" in st)) {
        fail(name, st);
        continue;
      }
      if (st.type === "dir" && !recursive) {
        if (o.d) {
          if (interactive && !ask(`rm: remove directory ${shq(name)}? `)) continue;
          try {
            ctx.act.unlink(path, { dir: true });
            if (verbose) out += `removed directory ${shq(name)}\n`;
          } catch (e) {
            fail(name, e);
          }
          continue;
        }
        err += `rm: cannot remove ${shq(name)}: Is a directory\n`;
        code = 1;
        continue;
      }
      removeTree(name, path, st);
    }
    return { stdout: out, stderr: err, exitCode: code };
  },
});

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function canWrite(st: VStat, cred: Cred): boolean {
  if (cred.uid === 0) return true;
  const bits = st.uid === cred.uid ? (st.mode >> 6) & 7 : cred.gids.includes(st.gid) ? (st.mode >> 3) & 7 : st.mode & 7;
  return (bits & 3) === 3;
}

function isEmptyDir(ctx: CommandContext, path: string): boolean {
  try {
    return ctx.host.vfs.countEntries(path, ctx.cred as Cred) === 0;
  } catch {
    return false;
  }
}
