/**
 * grep (GNU grep 3.8), GNU-exact where candidates look: -G/-E/-F/-P, several -e/-f patterns
 * (a line matches if any pattern does, -v inverts the whole set), -i -w -x -v -c -l -L -n -b
 * -h/-H -o -q -s -m, context (-A/-B/-C/-NUM with "--" group separators), -r/-R with
 * --include/--exclude/--exclude-dir (paths joined the way fts does: no double slash),
 * --color with GNU's SGR sequences (auto = when stdout is the terminal), binary files
 * ("binary file matches" on stderr), and grep's own error wording and exit status 2.
 *
 * Evidence: none of its own (what a candidate greps for is judged from the command line).
 */
import { VfsError, type Cred, type VStat } from "../../../engine/index.js";
import { defineCommand, type CommandContext, type CommandResult, type OptionSpec } from "../../spec/define-command.js";
import { parseOptions } from "../../spec/parse-options.js";
import { errnoText } from "../common/fs/fs-common.js";
import { globRe } from "../common/fnmatch.js";
import { readInput } from "../common/text-input.js";
import { PosixRegexError, posixToJs } from "../common/posix-regex.js";

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

const HELP = `Usage: grep [OPTION]... PATTERNS [FILE]...
Search for PATTERNS in each FILE.
Example: grep -i 'hello world' menu.h main.c
PATTERNS can contain multiple patterns separated by newlines.

Pattern selection and interpretation:
  -E, --extended-regexp     PATTERNS are extended regular expressions
  -F, --fixed-strings       PATTERNS are strings
  -G, --basic-regexp        PATTERNS are basic regular expressions
  -P, --perl-regexp         PATTERNS are Perl regular expressions
  -e, --regexp=PATTERNS     use PATTERNS for matching
  -f, --file=FILE           take PATTERNS from FILE
  -i, --ignore-case         ignore case distinctions in patterns and data
      --no-ignore-case      do not ignore case distinctions (default)
  -w, --word-regexp         match only whole words
  -x, --line-regexp         match only whole lines
  -z, --null-data           a data line ends in 0 byte, not newline

Miscellaneous:
  -s, --no-messages         suppress error messages
  -v, --invert-match        select non-matching lines
  -V, --version             display version information and exit
      --help                display this help text and exit

Output control:
  -m, --max-count=NUM       stop after NUM selected lines
  -b, --byte-offset         print the byte offset with output lines
  -n, --line-number         print line number with output lines
      --line-buffered       flush output on every line
  -H, --with-filename       print file name with output lines
  -h, --no-filename         suppress the file name prefix on output
      --label=LABEL         use LABEL as the standard input file name prefix
  -o, --only-matching       show only nonempty parts of lines that match
  -q, --quiet, --silent     suppress all normal output
      --binary-files=TYPE   assume that binary files are TYPE;
                            TYPE is 'binary', 'text', or 'without-match'
  -a, --text                equivalent to --binary-files=text
  -I                        equivalent to --binary-files=without-match
  -d, --directories=ACTION  how to handle directories;
                            ACTION is 'read', 'recurse', or 'skip'
  -D, --devices=ACTION      how to handle devices, FIFOs and sockets;
                            ACTION is 'read' or 'skip'
  -r, --recursive           like --directories=recurse
  -R, --dereference-recursive  likewise, but follow all symlinks
      --include=GLOB        search only files that match GLOB (a file pattern)
      --exclude=GLOB        skip files that match GLOB
      --exclude-from=FILE   skip files that match any file pattern from FILE
      --exclude-dir=GLOB    skip directories that match GLOB
  -L, --files-without-match  print only names of FILEs with no selected lines
  -l, --files-with-matches  print only names of FILEs with selected lines
  -c, --count               print only a count of selected lines per FILE
  -T, --initial-tab         make tabs line up (if needed)
  -Z, --null                print 0 byte after FILE name

Context control:
  -B, --before-context=NUM  print NUM lines of leading context
  -A, --after-context=NUM   print NUM lines of trailing context
  -C, --context=NUM         print NUM lines of output context
  -NUM                      same as --context=NUM
      --group-separator=SEP  print SEP on line between matches with context
      --no-group-separator  do not print separator for matches with context
      --color[=WHEN],
      --colour[=WHEN]       use markers to highlight the matching strings;
                            WHEN is 'always', 'never', or 'auto'
  -U, --binary              do not strip CR characters at EOL (MSDOS/Windows)

When FILE is '-', read standard input.  With no FILE, read '.' if
recursive, '-' otherwise.  With fewer than two FILEs, assume -h.
Exit status is 0 if any line is selected, 1 otherwise;
if any error occurs and -q is not given, the exit status is 2.

Report bugs to: bug-grep@gnu.org
GNU grep home page: <https://www.gnu.org/software/grep/>
General help using GNU software: <https://www.gnu.org/gethelp/>
`;

const VERSION = `grep (GNU grep) 3.8
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Mike Haertel and others; see
<https://git.sv.gnu.org/cgit/grep.git/tree/AUTHORS>.

grep -P uses PCRE2 10.42
`;

// in GNU grep's long_options order: getopt lists ambiguous prefixes in this order
const OPTIONS: OptionSpec[] = [
  { name: "G", short: "G", long: "basic-regexp" },
  { name: "E", short: "E", long: "extended-regexp" },
  { name: "F", long: "fixed-regexp" },
  { name: "F", short: "F", long: "fixed-strings" },
  { name: "P", short: "P", long: "perl-regexp" },
  { name: "after", short: "A", long: "after-context", arg: "required" },
  { name: "before", short: "B", long: "before-context", arg: "required" },
  { name: "binaryFiles", long: "binary-files", arg: "required" },
  { name: "byteOffset", short: "b", long: "byte-offset" },
  { name: "context", short: "C", long: "context", arg: "required" },
  { name: "color", long: "color", arg: "optional" },
  { name: "color", long: "colour", arg: "optional" },
  { name: "count", short: "c", long: "count" },
  { name: "devices", short: "D", long: "devices", arg: "required" },
  { name: "directories", short: "d", long: "directories", arg: "required" },
  { name: "deref", short: "R", long: "dereference-recursive" },
  { name: "exclude", long: "exclude", arg: "required", multiple: true },
  { name: "excludeFrom", long: "exclude-from", arg: "required", multiple: true },
  { name: "excludeDir", long: "exclude-dir", arg: "required", multiple: true },
  { name: "file", short: "f", long: "file", arg: "required", multiple: true },
  { name: "filesWith", short: "l", long: "files-with-matches" },
  { name: "filesWithout", short: "L", long: "files-without-match" },
  { name: "groupSeparator", long: "group-separator", arg: "required" },
  { name: "include", long: "include", arg: "required", multiple: true },
  { name: "ignoreCase", short: "i", long: "ignore-case" },
  { name: "noIgnoreCase", long: "no-ignore-case" },
  { name: "initialTab", short: "T", long: "initial-tab" },
  { name: "label", long: "label", arg: "required" },
  { name: "lineBuffered", long: "line-buffered" },
  { name: "lineNumber", short: "n", long: "line-number" },
  { name: "line", short: "x", long: "line-regexp" },
  { name: "maxCount", short: "m", long: "max-count", arg: "required" },
  { name: "noFilename", short: "h", long: "no-filename" },
  { name: "noGroupSeparator", long: "no-group-separator" },
  { name: "noMessages", short: "s", long: "no-messages" },
  { name: "null", short: "Z", long: "null" },
  { name: "nullData", short: "z", long: "null-data" },
  { name: "only", short: "o", long: "only-matching" },
  { name: "quiet", short: "q", long: "quiet" },
  { name: "recursive", short: "r", long: "recursive" },
  { name: "regexp", short: "e", long: "regexp", arg: "required", multiple: true },
  { name: "invert", short: "v", long: "invert-match" },
  { name: "quiet", long: "silent" },
  { name: "text", short: "a", long: "text" },
  { name: "binary", short: "U", long: "binary" },
  { name: "unixByteOffsets", short: "u", long: "unix-byte-offsets" },
  { name: "version", short: "V", long: "version" },
  { name: "withFilename", short: "H", long: "with-filename" },
  { name: "word", short: "w", long: "word-regexp" },
  { name: "ignoreCase", short: "y" },
  { name: "I", short: "I" },
];

// GNU grep's default GREP_COLORS: ms=01;31:mc=01;31:sl=:cx=:fn=35:ln=32:bn=32:se=36
const SGR = (code: string, s: string): string => `\x1b[${code}m\x1b[K${s}\x1b[m\x1b[K`;

/** Thrown to stop with grep's exit status 2 and a message. */
class GrepFail extends Error {
  constructor(
    readonly stderr: string,
    readonly code = 2,
  ) {
    super(stderr);
  }
}

interface Matcher {
  /** does the line match (before -v) */
  test(line: string): boolean;
  /** the non-empty matches in the line, left to right, for -o and --color */
  spans(line: string): [number, number][];
}

function compile(patterns: string[], mode: "G" | "E" | "F" | "P", icase: boolean, word: boolean, line: boolean): Matcher {
  const flags = icase ? "i" : "";
  const regexes: RegExp[] = [];
  for (const p of patterns) {
    let src: string;
    try {
      if (mode === "F") src = p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      else if (mode === "P") src = p;
      else src = posixToJs(p, mode === "E");
    } catch (e) {
      if (e instanceof PosixRegexError) throw new GrepFail(`grep: ${e.message}\n`);
      throw e;
    }
    if (line) src = `^(?:${src})$`;
    else if (word) src = `(?<!\\w)(?:${src})(?!\\w)`;
    try {
      regexes.push(new RegExp(src, flags + "g"));
    } catch {
      throw new GrepFail(mode === "P" ? "grep: unmatched parentheses\n" : "grep: Invalid regular expression\n");
    }
  }
  const fixedPlain = mode === "F" && !icase && !word && !line ? patterns : undefined;
  return {
    test(l) {
      if (fixedPlain) {
        for (const p of fixedPlain) if (l.includes(p)) return true;
        return false;
      }
      for (const re of regexes) {
        re.lastIndex = 0;
        if (re.test(l)) return true;
      }
      return false;
    },
    spans(l) {
      const out: [number, number][] = [];
      let pos = 0;
      while (pos <= l.length) {
        let best: [number, number] | undefined;
        for (const re of regexes) {
          re.lastIndex = pos;
          let m = re.exec(l);
          // skip empty matches: -o and --color show only non-empty parts
          while (m && m[0] === "") {
            if (re.lastIndex >= l.length) {
              m = null;
              break;
            }
            re.lastIndex = m.index + 1;
            m = re.exec(l);
          }
          if (m && (!best || m.index < best[0] || (m.index === best[0] && m.index + m[0].length > best[1]))) best = [m.index, m.index + m[0].length];
        }
        if (!best) break;
        out.push(best);
        pos = best[1];
      }
      return out;
    },
  };
}

function num(v: unknown, what: "context" | "max"): number {
  const s = String(v);
  if (what === "context") {
    if (!/^\d+$/.test(s)) throw new GrepFail(`grep: ${s}: invalid context length argument\n`);
    return Math.min(Number(s), Number.MAX_SAFE_INTEGER);
  }
  if (!/^-?\d+$/.test(s)) throw new GrepFail("grep: invalid max count\n");
  const n = Number(s);
  return n < 0 ? Infinity : n;
}

const COLOR_WHEN: Record<string, "always" | "never" | "auto"> = { always: "always", yes: "always", force: "always", never: "never", no: "never", none: "never", auto: "auto", tty: "auto", "if-tty": "auto" };

export const grepCommand = defineCommand({
  name: "grep",
  summary: "print lines that match patterns",
  usage: "grep [OPTION]... PATTERNS [FILE]...",
  options: OPTIONS,
  parse: "raw",
  help: HELP,
  completeOperands: "path",
  run(ctx, _o, _operands, argv) {
    try {
      return grep(ctx, argv);
    } catch (e) {
      if (e instanceof GrepFail) return { stdout: "", stderr: e.stderr, exitCode: e.code };
      throw e;
    }
  },
});

function grep(ctx: CommandContext, rawArgv: string[]): CommandResult {
  // -NUM is --context=NUM (getopt sees digits as options; only whole "-5" words here)
  const dd = rawArgv.indexOf("--");
  const argv = rawArgv.map((a, i) => ((dd < 0 || i < dd) && /^-\d+$/.test(a) ? `--context=${a.slice(1)}` : a));
  const parsed = parseOptions({ ...grepCommand, badOption: { kind: "usage", usage: USAGE, exitCode: 2 } }, argv);
  if (parsed.ok === "help") return { stdout: HELP, exitCode: 0 };
  if (parsed.ok === "version") return { stdout: VERSION, exitCode: 0 };
  if (!parsed.ok) return { stdout: "", stderr: parsed.stderr, exitCode: parsed.exitCode };
  const o = parsed.opts;
  const operands = [...parsed.operands];
  if (o.version) return { stdout: VERSION, exitCode: 0 };

  const matchers = (["G", "E", "F", "P"] as const).filter((m) => o[m]);
  if (matchers.length > 1) throw new GrepFail("grep: conflicting matchers specified\n");
  const mode = matchers[0] ?? "G";

  let color: "always" | "never" | "auto" = "never";
  if (o.color !== undefined) {
    const w = o.color === true ? "auto" : COLOR_WHEN[String(o.color)];
    if (!w) return { stdout: HELP, exitCode: 0 };
    color = w;
  }
  const useColor = color === "always" || (color === "auto" && ctx.isTty);

  let binaryFiles = "binary";
  if (o.binaryFiles !== undefined) {
    if (!["binary", "text", "without-match"].includes(String(o.binaryFiles))) throw new GrepFail("grep: unknown binary-files type\n");
    binaryFiles = String(o.binaryFiles);
  }
  if (o.text) binaryFiles = "text";
  if (o.I) binaryFiles = "without-match";

  let directories = "read";
  if (o.directories !== undefined) {
    const d = String(o.directories);
    if (!["read", "recurse", "skip"].includes(d)) {
      throw new GrepFail(`grep: invalid argument \u2018${d}\u2019 for \u2018--directories\u2019\nValid arguments are:\n  - \u2018read\u2019\n  - \u2018recurse\u2019\n  - \u2018skip\u2019\n${USAGE}`, 1);
    }
    directories = d;
  }
  if (o.recursive || o.deref) directories = "recurse";

  const before = o.before !== undefined ? num(o.before, "context") : o.context !== undefined ? num(o.context, "context") : 0;
  const after = o.after !== undefined ? num(o.after, "context") : o.context !== undefined ? num(o.context, "context") : 0;
  if (o.before !== undefined && o.context !== undefined) num(o.context, "context");
  const maxCount = o.maxCount !== undefined ? num(o.maxCount, "max") : Infinity;

  const patterns: string[] = [];
  const es = (o.regexp as string[] | undefined) ?? [];
  const fs = (o.file as string[] | undefined) ?? [];
  for (const e of es) patterns.push(...e.split("\n"));
  for (const f of fs) {
    const r = readInput(ctx, f);
    if ("errno" in r) throw new GrepFail(`grep: ${f}: ${errnoText(r.errno)}\n`);
    const lines = r.text.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    patterns.push(...lines);
  }
  if (es.length === 0 && fs.length === 0) {
    const p = operands.shift();
    if (p === undefined) return { stdout: "", stderr: USAGE, exitCode: 2 };
    patterns.push(...p.split("\n"));
  }
  const icase = !!o.ignoreCase && !o.noIgnoreCase;
  // -f of an empty file and no -e: nothing can match
  const matcher = patterns.length === 0 ? { test: () => false, spans: () => [] as [number, number][] } : compile(patterns, mode, icase, !!o.word, !!o.line);

  const recursive = directories === "recurse";
  const files = operands.length ? operands : [recursive ? "." : "-"];
  const implicitDot = recursive && operands.length === 0;
  const showNames = o.noFilename ? false : o.withFilename ? true : files.length > 1 || (recursive && !(files.length === 1 && isRegularFile(ctx, files[0]!)));
  const quiet = !!o.quiet;
  const silent = !!o.noMessages;
  const invert = !!o.invert;
  const sep = o.nullData ? "\0" : "\n";
  const groupSep = o.noGroupSeparator ? undefined : o.groupSeparator !== undefined ? String(o.groupSeparator) : "--";
  const includes = ((o.include as string[] | undefined) ?? []).map((g) => globRe(g, false));
  const excludes = ((o.exclude as string[] | undefined) ?? []).map((g) => globRe(g, false));
  for (const f of (o.excludeFrom as string[] | undefined) ?? []) {
    const r = readInput(ctx, f);
    if ("errno" in r) throw new GrepFail(`grep: ${f}: ${errnoText(r.errno)}\n`);
    for (const g of r.text.split("\n")) if (g) excludes.push(globRe(g, false));
  }
  const excludeDirs = ((o.excludeDir as string[] | undefined) ?? []).map((g) => globRe(g, false));

  const out: string[] = [];
  const err: string[] = [];
  let anySelected = false;
  let trouble = false;
  let printedSomething = false;

  const c = (code: string, s: string): string => (useColor ? SGR(code, s) : s);
  const sepC = (ch: string): string => c("36", ch);

  const searchText = (name: string, text: string): void => {
    const label = name === "-" ? (o.label !== undefined ? String(o.label) : "(standard input)") : name;
    const isBinary = binaryFiles !== "text" && text.includes("\0") && !o.nullData;
    if (isBinary && binaryFiles === "without-match") return;
    const lines = text === "" ? [] : text.split(sep);
    if (lines.length && lines[lines.length - 1] === "") lines.pop();
    const offsets: number[] = [];
    if (o.byteOffset) {
      let off = 0;
      for (const l of lines) {
        offsets.push(off);
        off += utf8Len(l) + 1;
      }
    }
    let count = 0;
    let lastOut = -1; // last line index printed (match or context) in this file
    let afterLeft = 0;
    const fileName = (): string => c("35", label);
    const prefix = (i: number, s: ":" | "-", at = 0): string => {
      let p = "";
      if (showNames) p += fileName() + (o.null ? "\0" : sepC(s));
      if (o.lineNumber) p += c("32", o.initialTab ? String(i + 1).padStart(4) : String(i + 1)) + sepC(s);
      if (o.byteOffset) p += c("32", String(offsets[i]! + (at ? utf8Len(lines[i]!.slice(0, at)) : 0))) + sepC(s);
      if (o.initialTab && p) p += "\t";
      return p;
    };
    /** a group separator before line i when it doesn't continue what was printed last */
    const groupBreak = (i: number): void => {
      if ((before > 0 || after > 0) && groupSep !== undefined && (lastOut >= 0 ? i > lastOut + 1 : printedSomething)) out.push(sepC(groupSep) + "\n");
      lastOut = i;
      printedSomething = true;
    };
    const listOnly = o.filesWith || o.filesWithout || o.count || quiet;
    for (let i = 0; i < lines.length; i++) {
      if (count >= maxCount) break;
      const l = lines[i]!;
      const selected = matcher.test(l) !== invert;
      if (!selected) {
        if (afterLeft > 0 && !listOnly && !isBinary) {
          groupBreak(i);
          out.push(prefix(i, "-") + l + sep);
          afterLeft--;
        }
        continue;
      }
      count++;
      anySelected = true;
      if (quiet) return;
      if (listOnly) {
        if (o.filesWith || o.filesWithout) break;
        continue;
      }
      if (isBinary) break;
      for (let k = Math.max(lastOut + 1, i - before); k < i; k++) {
        groupBreak(k);
        out.push(prefix(k, "-") + lines[k] + sep);
      }
      if (!o.only || !invert) groupBreak(i);
      if (o.only) {
        if (!invert) for (const [a, b] of matcher.spans(l)) out.push(prefix(i, ":", a) + c("01;31", l.slice(a, b)) + sep);
      } else if (useColor && !invert) {
        let s = "";
        let p = 0;
        for (const [a, b] of matcher.spans(l)) {
          s += l.slice(p, a) + SGR("01;31", l.slice(a, b));
          p = b;
        }
        out.push(prefix(i, ":") + s + l.slice(p) + sep);
      } else out.push(prefix(i, ":") + l + sep);
      afterLeft = after;
    }
    if (quiet) return;
    if (o.count) out.push((showNames ? fileName() + (o.null ? "\0" : sepC(":")) : "") + String(count) + "\n");
    if (o.filesWith && count > 0) out.push(fileName() + (o.null ? "\0" : "\n"));
    if (o.filesWithout && count === 0) out.push(fileName() + (o.null ? "\0" : "\n"));
    if (isBinary && count > 0 && !o.count && !o.filesWith && !o.filesWithout) err.push(`grep: ${label}: binary file matches\n`);
  };

  const complain = (msg: string): void => {
    trouble = true;
    if (!silent) err.push(msg);
  };

  const walk = (display: string, abs: string, top: boolean): void => {
    if (ctx.interrupted()) return;
    let st: VStat;
    try {
      st = top || o.deref ? ctx.host.vfs.stat(abs, ctx.cred as Cred) : ctx.host.vfs.lstat(abs, ctx.cred as Cred);
    } catch (e) {
      if (e instanceof VfsError) return complain(`grep: ${display}: ${errnoText(e.code)}\n`);
      throw e;
    }
    if (st.type === "symlink") return; // -r skips symlinks found while recursing
    const base = display.slice(display.lastIndexOf("/") + 1);
    if (st.type === "dir") {
      if (!(top && implicitDot) && excludeDirs.some((r) => r.test(base))) return;
      let names: string[];
      try {
        names = ctx.host.vfs.readdir(abs, ctx.cred as Cred);
      } catch (e) {
        if (e instanceof VfsError) return complain(`grep: ${display}: ${errnoText(e.code)}\n`);
        throw e;
      }
      for (const n of names) {
        const childDisplay = implicitDot && top ? n : display.endsWith("/") ? display + n : `${display}/${n}`;
        walk(childDisplay, abs === "/" ? `/${n}` : `${abs}/${n}`, false);
        if (quiet && anySelected) return;
      }
      return;
    }
    if (st.type !== "file" && !top) return; // devices, fifos, sockets are skipped when recursing
    if (includes.length && !includes.some((r) => r.test(base))) return;
    if (excludes.some((r) => r.test(base))) return;
    searchFile(display, abs);
  };

  const searchFile = (display: string, abs: string): void => {
    try {
      searchText(display, ctx.host.vfs.readFile(abs, ctx.cred as Cred));
    } catch (e) {
      if (e instanceof VfsError) return complain(`grep: ${display}: ${errnoText(e.code)}\n`);
      throw e;
    }
  };

  for (const f of files) {
    if (quiet && anySelected) break;
    if (f === "-") {
      searchText("-", ctx.stdin);
      continue;
    }
    const abs = ctx.resolve(f);
    if (recursive) {
      walk(implicitDot ? "." : f, abs, true);
      continue;
    }
    let st: VStat;
    try {
      st = ctx.host.vfs.stat(abs, ctx.cred as Cred);
    } catch (e) {
      if (e instanceof VfsError) {
        complain(`grep: ${f}: ${errnoText(e.code)}\n`);
        continue;
      }
      throw e;
    }
    if (st.type === "dir") {
      if (directories === "skip") continue;
      complain(`grep: ${f}: Is a directory\n`);
      continue;
    }
    if (includes.length && !includes.some((r) => r.test(f.slice(f.lastIndexOf("/") + 1)))) continue;
    if (excludes.some((r) => r.test(f.slice(f.lastIndexOf("/") + 1)))) continue;
    searchFile(f, abs);
  }
  const exitCode = quiet && anySelected ? 0 : trouble ? 2 : anySelected ? 0 : 1;
  return { stdout: out.join(""), stderr: err.join(""), exitCode };
}

function isRegularFile(ctx: CommandContext, f: string): boolean {
  if (f === "-") return true;
  try {
    return ctx.host.vfs.stat(ctx.resolve(f), ctx.cred as Cred).type !== "dir";
  } catch {
    return true;
  }
}

function utf8Len(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
