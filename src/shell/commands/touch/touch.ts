/**
 * touch (GNU coreutils 9.1): creates empty files or sets their times to the sim clock (never
 * the wall clock); -c no-create, -d DATE / -t STAMP / -r FILE. Creating a file needs a free
 * inode: an exhausted volume gives "touch: cannot touch 'x': No space left on device".
 */
import { VfsError, civilFromEpochMs, epochMsFromCivil, normalizePath, type Cred } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, lq, shq } from "../common/fs/fs-common.js";

const HELP = `Usage: touch [OPTION]... FILE...
Update the access and modification times of each FILE to the current time.

A FILE argument that does not exist is created empty, unless -c or -h
is supplied.

A FILE argument string of - is handled specially and causes touch to
change the times of the file associated with standard output.

Mandatory arguments to long options are mandatory for short options too.
  -a                     change only the access time
  -c, --no-create        do not create any files
  -d, --date=STRING      parse STRING and use it instead of current time
  -f                     (ignored)
  -h, --no-dereference   affect each symbolic link instead of any referenced
                         file (useful only on systems that can change the
                         timestamps of a symlink)
  -m                     change only the modification time
  -r, --reference=FILE   use this file's times instead of current time
  -t STAMP               use [[CC]YY]MMDDhhmm[.ss] instead of current time
      --time=WORD        change the specified time:
                           WORD is access, atime, or use: equivalent to -a
                           WORD is modify or mtime: equivalent to -m
      --help        display this help and exit
      --version     output version information and exit

Note that the -d and -t options accept different time-date formats.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/touch>
or available locally via: info '(coreutils) touch invocation'
`;

/** A small subset of GNU date parsing: ISO dates, @epoch, "now", "N units ago", "yesterday". */
export function parseDate(s: string, nowMs: number): number | undefined {
  const t = s.trim().toLowerCase();
  if (t === "now" || t === "") return nowMs;
  if (t === "yesterday") return nowMs - 86400000;
  if (t === "tomorrow") return nowMs + 86400000;
  let m = /^@(-?\d+)$/.exec(t);
  if (m) return Number(m[1]) * 1000;
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(?: ?(?:z|utc|\+0000|\+00:00))?$/.exec(t);
  if (m) return epochMsFromCivil(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  m = /^(-?\d+)?\s*(sec|second|min|minute|hour|day|week|month|year)s?(\s+ago)?$/.exec(t);
  if (m) {
    const unit: Record<string, number> = { sec: 1, second: 1, min: 60, minute: 60, hour: 3600, day: 86400, week: 604800, month: 2592000, year: 31536000 };
    const n = Number(m[1] ?? 1) * (unit[m[2] as string] ?? 1) * 1000;
    return m[3] ? nowMs - n : nowMs + n;
  }
  return undefined;
}

/** touch -t [[CC]YY]MMDDhhmm[.ss]. */
function parseStamp(s: string, nowMs: number): number | undefined {
  const m = /^(\d{2}|\d{4})?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(s);
  if (!m) return undefined;
  let year = civilYear(nowMs);
  if (m[1]) year = m[1].length === 4 ? Number(m[1]) : Number(m[1]) + (Number(m[1]) < 69 ? 2000 : 1900);
  return epochMsFromCivil(year, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
}

function civilYear(ms: number): number {
  return civilFromEpochMs(ms).year;
}

export const touchCommand = defineCommand({
  name: "touch",
  summary: "change file timestamps",
  usage: "touch [OPTION]... FILE...",
  help: HELP,
  version: "touch (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "a", short: "a" },
    { name: "c", short: "c", long: "no-create" },
    { name: "d", short: "d", long: "date", arg: "required" },
    { name: "f", short: "f" },
    { name: "h", short: "h", long: "no-dereference" },
    { name: "m", short: "m" },
    { name: "r", short: "r", long: "reference", arg: "required" },
    { name: "t", short: "t", arg: "required" },
    { name: "time", long: "time", arg: "required" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "touch", argv);
    if (big) return big;
    if (!operands.length) return { stdout: "", stderr: "touch: missing file operand\nTry 'touch --help' for more information.\n", exitCode: 1 };
    const vfs = ctx.host.vfs;
    const cred = ctx.cred as Cred;
    const now = ctx.host.epochMs();
    let when = now;
    if (typeof o.d === "string") {
      const t = parseDate(o.d, now);
      if (t === undefined) return { stdout: "", stderr: `touch: invalid date format ${lq(o.d)}\n`, exitCode: 1 };
      when = t;
    }
    if (typeof o.t === "string") {
      const t = parseStamp(o.t, now);
      if (t === undefined) return { stdout: "", stderr: `touch: invalid date format ${lq(o.t)}\n`, exitCode: 1 };
      when = t;
    }
    if (typeof o.r === "string") {
      try {
        when = vfs.stat(ctx.resolve(o.r), cred).mtimeMs;
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        return { stdout: "", stderr: `touch: failed to get attributes of ${shq(o.r)}: ${e.text}\n`, exitCode: 1 };
      }
    }
    let err = "";
    let code = 0;
    for (const name of operands) {
      const path = ctx.resolve(name);
      try {
        if (vfs.exists(path, cred)) {
          const st = vfs.stat(path, cred);
          if (cred.uid !== 0 && st.uid !== cred.uid) {
            const bits = cred.gids.includes(st.gid) ? (st.mode >> 3) & 7 : st.mode & 7;
            if (!(bits & 2) || when !== now) throw new VfsError(when !== now || !(bits & 2) ? (bits & 2 ? "EPERM" : "EACCES") : "EACCES", path);
          }
          vfs.utimes(path, when, cred);
        } else if (!o.c) {
          vfs.writeFile(path, "", cred);
          ctx.host.emit({ type: "file-written", simMs: ctx.host.nowMs, path: normalizePath("/", path) });
          if (when !== now) vfs.utimes(path, when, cred);
        }
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        err += e.code === "EPERM" ? `touch: setting times of ${shq(name)}: ${e.text}\n` : `touch: cannot touch ${shq(name)}: ${e.text}\n`;
        code = 1;
      }
    }
    return { stdout: "", stderr: err, exitCode: code };
  },
});
