/**
 * chmod (GNU coreutils 9.1): octal and symbolic modes (u+x, go-w, a=r, +t, X), -R, -v/-c,
 * with "cannot access 'x'" and "changing permissions of 'x': Operation not permitted".
 */
import { VfsError, type Cred, type VStat } from "../../../engine/index.js";
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { argListTooLong, lq, modeString, shq } from "../common/fs/fs-common.js";

const HELP = `Usage: chmod [OPTION]... MODE[,MODE]... FILE...
  or:  chmod [OPTION]... OCTAL-MODE FILE...
  or:  chmod [OPTION]... --reference=RFILE FILE...
Change the mode of each FILE to MODE.
With --reference, change the mode of each FILE to that of RFILE.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
      --no-preserve-root  do not treat '/' specially (the default)
      --preserve-root    fail to operate recursively on '/'
      --reference=RFILE  use RFILE's mode instead of MODE values
  -R, --recursive        change files and directories recursively
      --help        display this help and exit
      --version     output version information and exit

Each MODE is of the form '[ugoa]*([-+=]([rwxXst]*|[ugo]))+|[-+=][0-7]+'.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/chmod>
or available locally via: info '(coreutils) chmod invocation'
`;

/** Applies an octal or symbolic mode to `base`; undefined when the mode is invalid. */
export function parseMode(spec: string, base: number, isDir: boolean): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) {
    const n = parseInt(spec, 8);
    return spec.length <= 3 ? (base & 0o7000 & (isDir ? 0o7000 : 0)) | n : n;
  }
  let mode = base & 0o7777;
  for (const clause of spec.split(",")) {
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1] || "a";
    let mask = 0;
    if (who.includes("u") || who.includes("a")) mask |= 0o4700;
    if (who.includes("g") || who.includes("a")) mask |= 0o2070;
    if (who.includes("o") || who.includes("a")) mask |= 0o1007;
    for (const op of (m[2] as string).match(/[-+=][^-+=]*/g) ?? []) {
      const kind = op[0];
      const perms = op.slice(1);
      let bits = 0;
      if (/^[ugo]$/.test(perms)) {
        const src = perms === "u" ? (mode >> 6) & 7 : perms === "g" ? (mode >> 3) & 7 : mode & 7;
        bits = (src << 6) | (src << 3) | src;
      } else {
        for (const p of perms) {
          if (p === "r") bits |= 0o444;
          else if (p === "w") bits |= 0o222;
          else if (p === "x") bits |= 0o111;
          else if (p === "X") {
            if (isDir || mode & 0o111) bits |= 0o111;
          } else if (p === "s") bits |= 0o6000;
          else if (p === "t") bits |= 0o1000;
        }
      }
      bits &= mask;
      if (kind === "+") mode |= bits;
      else if (kind === "-") mode &= ~bits;
      else mode = (mode & ~(mask & (isDir ? 0o1777 : 0o7777))) | bits;
    }
  }
  return mode & 0o7777;
}

function octal(m: number): string {
  return (m & 0o7777).toString(8).padStart(4, "0");
}

export const chmodCommand = defineCommand({
  name: "chmod",
  summary: "change file mode bits",
  usage: "chmod [OPTION]... MODE[,MODE]... FILE...",
  help: HELP,
  version: "chmod (GNU coreutils) 9.1",
  parse: "raw",
  completeOperands: "path",
  options: [],
  run(ctx, _o, _ops, argv) {
    const big = argListTooLong(ctx, "chmod", argv);
    if (big) return big;
    const flags = { R: false, v: false, c: false, f: false };
    const rest: string[] = [];
    let endOpts = false;
    for (const a of argv) {
      if (endOpts || !a.startsWith("-") || a === "-" || /^-[rwxXst]+$/.test(a) && rest.length === 0) {
        rest.push(a);
        continue;
      }
      if (a === "--") {
        endOpts = true;
        continue;
      }
      if (a === "--help") return { stdout: HELP };
      if (a === "--version") return { stdout: "chmod (GNU coreutils) 9.1\n" };
      if (a === "--recursive") flags.R = true;
      else if (a === "--verbose") flags.v = true;
      else if (a === "--changes") flags.c = true;
      else if (a === "--silent" || a === "--quiet") flags.f = true;
      else if (a === "--preserve-root" || a === "--no-preserve-root") continue;
      else if (a.startsWith("--")) return { stdout: "", stderr: `chmod: unrecognized option '${a}'\nTry 'chmod --help' for more information.\n`, exitCode: 1 };
      else {
        for (const ch of a.slice(1)) {
          if (ch in flags) flags[ch as keyof typeof flags] = true;
          else return { stdout: "", stderr: `chmod: invalid option -- '${ch}'\nTry 'chmod --help' for more information.\n`, exitCode: 1 };
        }
      }
    }
    if (rest.length === 0) return { stdout: "", stderr: "chmod: missing operand\nTry 'chmod --help' for more information.\n", exitCode: 1 };
    const spec = rest[0] as string;
    if (rest.length === 1) return { stdout: "", stderr: `chmod: missing operand after ${shq(spec)}\nTry 'chmod --help' for more information.\n`, exitCode: 1 };
    if (parseMode(spec, 0o644, false) === undefined) return { stdout: "", stderr: `chmod: invalid mode: ${lq(spec)}\nTry 'chmod --help' for more information.\n`, exitCode: 1 };
    let out = "";
    let err = "";
    let code = 0;
    const cred = ctx.cred as Cred;
    const apply = (name: string, path: string): void => {
      let st: VStat;
      try {
        st = ctx.host.vfs.stat(path, cred);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        if (!flags.f) err += `chmod: cannot access ${shq(name)}: ${e.text}\n`;
        code = 1;
        return;
      }
      const next = parseMode(spec, st.mode, st.type === "dir") as number;
      try {
        if (next !== st.mode) ctx.host.vfs.chmod(path, next, cred);
        else if (cred.uid !== 0 && cred.uid !== st.uid) throw new VfsError("EPERM", path);
        if (flags.v || (flags.c && next !== st.mode)) {
          out += next === st.mode ? `mode of ${shq(name)} retained as ${octal(next)} (${modeString({ type: st.type, mode: next }).slice(1)})\n` : `mode of ${shq(name)} changed from ${octal(st.mode)} (${modeString(st).slice(1)}) to ${octal(next)} (${modeString({ type: st.type, mode: next }).slice(1)})\n`;
        }
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        if (!flags.f) err += `chmod: changing permissions of ${shq(name)}: ${e.text}\n`;
        code = 1;
      }
      if (flags.R && st.type === "dir") recurse(ctx, path, name, apply);
    };
    for (const name of rest.slice(1)) apply(name, ctx.resolve(name));
    return { stdout: out, stderr: err, exitCode: code };
  },
});

/** Walks a directory's children for -R (not following symlinks into other trees). */
export function recurse(ctx: CommandContext, path: string, name: string, fn: (name: string, path: string) => void): void {
  let names: string[];
  try {
    names = ctx.host.vfs.readdir(path, ctx.cred as Cred).slice().sort();
  } catch {
    return;
  }
  for (const n of names) {
    const cp = `${path === "/" ? "" : path}/${n}`;
    try {
      if (ctx.host.vfs.lstat(cp, ctx.cred as Cred).type === "symlink") continue;
    } catch {
      continue;
    }
    fn(`${name.replace(/\/$/, "")}/${n}`, cp);
  }
}
