/**
 * sort (GNU coreutils 9.1), a fast GNU-exact implementation (the interpreter library's is
 * too slow for 50,000-line logs): byte order (LANG=C.UTF-8 collates by code point), keys
 * -k POS1[,POS2] with per-key flags (bnrfhgMV), -t, global -n -r -f -b -h -g -V -M -u -s
 * -c/-C -o -z, GNU's last-resort whole-line comparison (skipped by -s and -u), and field
 * splitting where a field includes its leading blanks unless -b.
 */
import { badOptionMessage } from "../../spec/parse-options.js";
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { ERRNO_TEXT, readInput, splitLines } from "../common/text-input.js";

const HELP = "Usage: sort [OPTION]... [FILE]...\n  or:  sort [OPTION]... --files0-from=F\nWrite sorted concatenation of all FILE(s) to standard output.\n\nWith no FILE, or when FILE is -, read standard input.\n\nMandatory arguments to long options are mandatory for short options too.\nOrdering options:\n\n  -b, --ignore-leading-blanks  ignore leading blanks\n  -d, --dictionary-order      consider only blanks and alphanumeric characters\n  -f, --ignore-case           fold lower case to upper case characters\n  -g, --general-numeric-sort  compare according to general numerical value\n  -i, --ignore-nonprinting    consider only printable characters\n  -M, --month-sort            compare (unknown) < 'JAN' < ... < 'DEC'\n  -h, --human-numeric-sort    compare human readable numbers (e.g., 2K 1G)\n  -n, --numeric-sort          compare according to string numerical value\n  -R, --random-sort           shuffle, but group identical keys.  See shuf(1)\n      --random-source=FILE    get random bytes from FILE\n  -r, --reverse               reverse the result of comparisons\n      --sort=WORD             sort according to WORD:\n                                general-numeric -g, human-numeric -h, month -M,\n                                numeric -n, random -R, version -V\n  -V, --version-sort          natural sort of (version) numbers within text\n\nOther options:\n\n      --batch-size=NMERGE   merge at most NMERGE inputs at once;\n                            for more use temp files\n  -c, --check, --check=diagnose-first  check for sorted input; do not sort\n  -C, --check=quiet, --check=silent  like -c, but do not report first bad line\n      --compress-program=PROG  compress temporaries with PROG;\n                              decompress them with PROG -d\n      --debug               annotate the part of the line used to sort,\n                              and warn about questionable usage to stderr\n      --files0-from=F       read input from the files specified by\n                            NUL-terminated names in file F;\n                            If F is - then read names from standard input\n  -k, --key=KEYDEF          sort via a key; KEYDEF gives location and type\n  -m, --merge               merge already sorted files; do not sort\n  -o, --output=FILE         write result to FILE instead of standard output\n  -s, --stable              stabilize sort by disabling last-resort comparison\n  -S, --buffer-size=SIZE    use SIZE for main memory buffer\n  -t, --field-separator=SEP  use SEP instead of non-blank to blank transition\n  -T, --temporary-directory=DIR  use DIR for temporaries, not $TMPDIR or /tmp;\n                              multiple options specify multiple directories\n      --parallel=N          change the number of sorts run concurrently to N\n  -u, --unique              with -c, check for strict ordering;\n                              without -c, output only the first of an equal run\n  -z, --zero-terminated     line delimiter is NUL, not newline\n      --help        display this help and exit\n      --version     output version information and exit\n\nKEYDEF is F[.C][OPTS][,F[.C][OPTS]] for start and stop position, where F is a\nfield number and C a character position in the field; both are origin 1, and\nthe stop position defaults to the line's end.  If neither -t nor -b is in\neffect, characters in a field are counted from the beginning of the preceding\nwhitespace.  OPTS is one or more single-letter ordering options [bdfgiMhnRrV],\nwhich override global ordering options for that key.  If no key is given, use\nthe entire line as the key.  Use --debug to diagnose incorrect key usage.\n\nSIZE may be followed by the following multiplicative suffixes:\n% 1% of memory, b 1, K 1024 (default), and so on for M, G, T, P, E, Z, Y.\n\n*** WARNING ***\nThe locale specified by the environment affects sort order.\nSet LC_ALL=C to get the traditional sort order that uses\nnative byte values.\n\nGNU coreutils online help: <https://www.gnu.org/software/coreutils/>\nReport any translation bugs to <https://translationproject.org/team/>\nFull documentation <https://www.gnu.org/software/coreutils/sort>\nor available locally via: info '(coreutils) sort invocation'\n";

interface Key {
  sword: number; // 0-based field, or -1 for whole line
  schar: number; // 0-based char offset within field
  eword: number; // 0-based field, -1 = end of line
  echar: number; // chars within eword; 0 = to field end
  skipsb: boolean;
  skipeb: boolean;
  numeric: boolean;
  general: boolean;
  human: boolean;
  month: boolean;
  version: boolean;
  fold: boolean;
  reverse: boolean;
  ignoreNonprint: boolean;
  dictionary: boolean;
}

function parseKey(spec: string): Key | string {
  const m = /^(\d+)(?:\.(\d+))?([bdfghiMnrV]*)(?:,(\d+)(?:\.(\d+))?([bdfghiMnrV]*))?$/.exec(spec);
  if (!m) return `sort: invalid number at field start: invalid count at start of \u2018${spec}\u2019`;
  const sw = Number(m[1]);
  if (sw === 0) return `sort: field number is zero: invalid field specification \u2018${spec}\u2019`;
  const sc = m[2] !== undefined ? Number(m[2]) : 1;
  if (m[2] !== undefined && sc === 0) return `sort: character offset is zero: invalid field specification \u2018${spec}\u2019`;
  const f1 = m[3] ?? "";
  const f2 = m[6] ?? "";
  const flags = f1 + f2;
  const k: Key = {
    sword: sw - 1,
    schar: sc - 1,
    eword: m[4] !== undefined ? Number(m[4]) - 1 : -1,
    echar: m[5] !== undefined ? Number(m[5]) : 0,
    skipsb: f1.includes("b"),
    skipeb: f2.includes("b"),
    numeric: flags.includes("n"),
    general: flags.includes("g"),
    human: flags.includes("h"),
    month: flags.includes("M"),
    version: flags.includes("V"),
    fold: flags.includes("f"),
    reverse: flags.includes("r"),
    ignoreNonprint: flags.includes("i"),
    dictionary: flags.includes("d"),
  };
  if (m[4] !== undefined && Number(m[4]) === 0) return `sort: field number is zero: invalid field specification \u2018${spec}\u2019`;
  return k;
}

const isBlank = (c: number): boolean => c === 32 || c === 9;

/** Start/end offsets of a key in a line (GNU begfield/limfield). */
function keyRange(line: string, k: Key, tab: string | undefined): [number, number] {
  const len = line.length;
  let ptr = 0;
  // begfield
  let sword = k.sword;
  if (tab !== undefined) {
    while (ptr < len && sword-- > 0) {
      const i = line.indexOf(tab, ptr);
      ptr = i < 0 ? len : i + 1;
    }
  } else {
    while (ptr < len && sword-- > 0) {
      while (ptr < len && isBlank(line.charCodeAt(ptr))) ptr++;
      while (ptr < len && !isBlank(line.charCodeAt(ptr))) ptr++;
    }
  }
  if (k.skipsb) while (ptr < len && isBlank(line.charCodeAt(ptr))) ptr++;
  const beg = Math.min(ptr + k.schar, len);
  if (k.eword < 0) return [beg, len];
  // limfield
  ptr = 0;
  let eword = k.eword;
  const echar = k.echar;
  if (tab !== undefined) {
    while (ptr < len && eword-- > 0) {
      const i = line.indexOf(tab, ptr);
      ptr = i < 0 ? len : i + 1;
    }
  } else {
    while (ptr < len && eword-- > 0) {
      while (ptr < len && isBlank(line.charCodeAt(ptr))) ptr++;
      while (ptr < len && !isBlank(line.charCodeAt(ptr))) ptr++;
    }
  }
  if (echar !== 0) {
    if (k.skipeb) while (ptr < len && isBlank(line.charCodeAt(ptr))) ptr++;
    ptr = Math.min(ptr + echar, len);
  } else {
    if (tab !== undefined) {
      const i = line.indexOf(tab, ptr);
      ptr = i < 0 ? len : i;
    } else {
      while (ptr < len && isBlank(line.charCodeAt(ptr))) ptr++;
      while (ptr < len && !isBlank(line.charCodeAt(ptr))) ptr++;
    }
  }
  return [beg, Math.max(beg, ptr)];
}

/** GNU -n value of a key: leading blanks, optional '-', digits, optional fraction (no RegExp: the sandbox makes it slow). */
function numVal(s: string): number {
  let i = 0;
  const n = s.length;
  while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  let neg = false;
  if (i < n && s.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  let v = 0;
  let digits = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    digits++;
    i++;
  }
  if (i < n && s.charCodeAt(i) === 46) {
    i++;
    let scale = 0.1;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v += (c - 48) * scale;
      scale /= 10;
      digits++;
      i++;
    }
  }
  if (!digits) return 0;
  return neg ? -v : v;
}

function generalVal(s: string): number {
  const v = parseFloat(s.trim());
  return Number.isNaN(v) ? -Infinity : v;
}

const SUFFIX = " KMGTPEZYRQ";
function humanVal(s: string): number {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?([KMGTPEZYRQk]?)/.exec(s);
  if (!m || (!m[2] && !m[3])) return 0;
  const v = Number(`${m[2] || "0"}.${m[3] || "0"}`);
  const mag = m[4] ? SUFFIX.indexOf(m[4].toUpperCase()) : 0;
  const sign = m[1] ? -1 : 1;
  // GNU compares by suffix magnitude first, then by value
  return sign * (mag * 1e6 + Math.min(v, 999999.999));
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
function monthVal(s: string): number {
  const t = s.trimStart().slice(0, 3).toUpperCase();
  return MONTHS.indexOf(t) + 1;
}

/** gnulib filevercmp (coreutils 9.1 sort -V): Debian-style version order, suffixes last. */
function vorder(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) return 0;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c;
  if (c === 126) return -1;
  return c + 256;
}

const isDigit = (s: string, i: number): boolean => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a, i)) || (j < b.length && !isDigit(b, j))) {
      const ac = vorder(a, i);
      const bc = vorder(b, j);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a[i] === "0") i++;
    while (b[j] === "0") j++;
    while (isDigit(a, i) && isDigit(b, j)) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a, i)) return 1;
    if (isDigit(b, j)) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

function suffixStart(s: string): number {
  let end = s.length;
  for (;;) {
    const m = /(\.[A-Za-z~][A-Za-z0-9~]*)$/.exec(s.slice(0, end));
    if (!m || m.index === 0) return end;
    end = m.index;
  }
}

function versionCmp(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "") return -1;
  if (b === "") return 1;
  if (a === ".") return -1;
  if (b === ".") return 1;
  if (a === "..") return -1;
  if (b === "..") return 1;
  if (a[0] === "." && b[0] !== ".") return -1;
  if (a[0] !== "." && b[0] === ".") return 1;
  const aa = a[0] === "." && b[0] === "." ? a.slice(1) : a;
  const bb = a[0] === "." && b[0] === "." ? b.slice(1) : b;
  const ap = suffixStart(aa);
  const bp = suffixStart(bb);
  const d = ap === bp && aa.slice(0, ap) === bb.slice(0, bp) ? 0 : verrevcmp(aa.slice(0, ap), bb.slice(0, bp));
  const r = d || verrevcmp(aa, bb);
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

function byteCmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const sortCommand = defineCommand({
  name: "sort",
  summary: "sort lines of text files",
  // coreutils sort exits 2 on a bad option (the usual message otherwise)
  badOption: { kind: "custom", render: (opt, long, missingArg) => ({ ...badOptionMessage({ name: "sort" }, opt, long, missingArg), exitCode: 2 }) },
  usage: "sort [OPTION]... [FILE]...",
  options: [
    { name: "ignoreLeadingBlanks", short: "b", long: "ignore-leading-blanks" },
    { name: "dictionary", short: "d", long: "dictionary-order" },
    { name: "ignoreCase", short: "f", long: "ignore-case" },
    { name: "general", short: "g", long: "general-numeric-sort" },
    { name: "ignoreNonprinting", short: "i", long: "ignore-nonprinting" },
    { name: "month", short: "M", long: "month-sort" },
    { name: "human", short: "h", long: "human-numeric-sort" },
    { name: "numeric", short: "n", long: "numeric-sort" },
    { name: "random", short: "R", long: "random-sort" },
    { name: "reverse", short: "r", long: "reverse" },
    { name: "version", short: "V", long: "version-sort" },
    { name: "sortWord", long: "sort", arg: "required" },
    { name: "check", short: "c", long: "check", arg: "optional" },
    { name: "checkQuiet", short: "C" },
    { name: "key", short: "k", long: "key", arg: "required", multiple: true },
    { name: "merge", short: "m", long: "merge" },
    { name: "output", short: "o", long: "output", arg: "required" },
    { name: "stable", short: "s", long: "stable" },
    { name: "bufferSize", short: "S", long: "buffer-size", arg: "required" },
    { name: "fieldSep", short: "t", long: "field-separator", arg: "required" },
    { name: "tmpDir", short: "T", long: "temporary-directory", arg: "required" },
    { name: "parallel", long: "parallel", arg: "required" },
    { name: "unique", short: "u", long: "unique" },
    { name: "zero", short: "z", long: "zero-terminated" },
    { name: "debug", long: "debug" },
    { name: "versionInfo", long: "version" },
  ],
  help: HELP,
  async run(ctx, o, operands) {
    if (o.versionInfo) return { stdout: "sort (GNU coreutils) 9.1\n" };
    let tab: string | undefined;
    if (typeof o.fieldSep === "string") {
      if (o.fieldSep === "\\0") tab = "\0";
      else if (o.fieldSep.length !== 1) return { stdout: "", stderr: `sort: multi-character tab \u2018${o.fieldSep}\u2019\n`, exitCode: 2 };
      else tab = o.fieldSep;
    }
    const sw = typeof o.sortWord === "string" ? o.sortWord : "";
    const g = {
      numeric: !!o.numeric || sw === "numeric",
      general: !!o.general || sw === "general-numeric",
      human: !!o.human || sw === "human-numeric",
      month: !!o.month || sw === "month",
      version: !!o.version || sw === "version",
      fold: !!o.ignoreCase,
      reverse: !!o.reverse,
      skipb: !!o.ignoreLeadingBlanks,
      dictionary: !!o.dictionary,
      ignoreNonprint: !!o.ignoreNonprinting,
    };
    const keys: Key[] = [];
    for (const spec of (o.key as string[] | undefined) ?? []) {
      const k = parseKey(spec);
      if (typeof k === "string") return { stdout: "", stderr: `${k}\n`, exitCode: 2 };
      const hasFlags = /[a-zA-Z]/.test(spec);
      if (!hasFlags) {
        k.numeric = g.numeric;
        k.general = g.general;
        k.human = g.human;
        k.month = g.month;
        k.version = g.version;
        k.fold = g.fold;
        k.reverse = g.reverse;
        k.skipsb = g.skipb;
        k.skipeb = g.skipb;
        k.dictionary = g.dictionary;
        k.ignoreNonprint = g.ignoreNonprint;
      }
      keys.push(k);
    }
    const anyGlobal = g.numeric || g.general || g.human || g.month || g.version || g.fold || g.reverse || g.skipb || g.dictionary || g.ignoreNonprint;
    if (!keys.length && anyGlobal) keys.push({ sword: 0, schar: 0, eword: -1, echar: 0, skipsb: g.skipb, skipeb: g.skipb, numeric: g.numeric, general: g.general, human: g.human, month: g.month, version: g.version, fold: g.fold, reverse: g.reverse, dictionary: g.dictionary, ignoreNonprint: g.ignoreNonprint });

    const files = operands.length ? operands : ["-"];
    const sep = o.zero ? "\0" : "\n";
    let lines: string[] = [];
    for (const f of files) {
      const r = readInput(ctx, f);
      if ("errno" in r) return { stdout: "", stderr: r.errno === "EISDIR" ? `sort: read failed: ${f}: Is a directory\n` : `sort: cannot read: ${f}: ${ERRNO_TEXT[r.errno] ?? r.errno}\n`, exitCode: 2 };
      const ls = splitLines(r.text, sep);
      if (lines.length === 0) lines = ls;
      else for (const l of ls) lines.push(l);
    }
    const unique = !!o.unique;
    const stable = !!o.stable;
    const cmp = makeComparator(keys, tab, unique || stable, g.reverse);
    const check = o.check !== undefined || o.checkQuiet;
    if (check) {
      for (let i = 1; i < lines.length; i++) {
        const d = cmp(lines[i - 1]!, lines[i]!);
        if (d > 0 || (unique && d === 0)) {
          if (o.checkQuiet || o.check === "quiet" || o.check === "silent") return { stdout: "", exitCode: 1 };
          return { stdout: "", stderr: `sort: ${files[0] === "-" ? "-" : files[0]}:${i + 1}: disorder: ${lines[i]}\n`, exitCode: 1 };
        }
      }
      return { stdout: "" };
    }
    const sorted = sortLines(lines, keys, tab, unique || stable, g.reverse);
    let outLines = sorted;
    if (unique) {
      outLines = [];
      for (const l of sorted) if (!outLines.length || cmp(outLines[outLines.length - 1]!, l) !== 0) outLines.push(l);
    }
    const text = outLines.length ? outLines.join(sep) + sep : "";
    if (typeof o.output === "string") return writeOutput(ctx, o.output, text);
    return { stdout: text };
  },
});

async function writeOutput(ctx: CommandContext, file: string, text: string) {
  const w = await ctx.exec(`cat > '${file.replace(/'/g, `'\\''`)}'`, { stdin: text });
  if (w.exitCode !== 0) return { stdout: "", stderr: `sort: open failed: ${file}: ${/: ([^:\n]+)\n?$/.exec(w.stderr)?.[1] ?? "Permission denied"}\n`, exitCode: 2 };
  return { stdout: "" };
}

type Cmp = (a: string, b: string) => number;

function keyText(line: string, k: Key, tab: string | undefined): string {
  const [s, e] = keyRange(line, k, tab);
  let t = line.slice(s, e);
  if (k.dictionary) t = t.replace(/[^A-Za-z0-9 \t]/g, "");
  else if (k.ignoreNonprint) t = t.replace(/[^\x20-\x7e]/g, "");
  if (k.fold) t = t.toUpperCase();
  return t;
}

function makeComparator(keys: Key[], tab: string | undefined, noLastResort: boolean, reverse: boolean): Cmp {
  return (a, b) => {
    for (const k of keys) {
      const ta = keyText(a, k, tab);
      const tb = keyText(b, k, tab);
      let d: number;
      if (k.numeric) d = Math.sign(numVal(ta) - numVal(tb));
      else if (k.general) d = Math.sign(generalVal(ta) - generalVal(tb));
      else if (k.human) d = Math.sign(humanVal(ta) - humanVal(tb));
      else if (k.month) d = Math.sign(monthVal(ta) - monthVal(tb));
      else if (k.version) d = versionCmp(ta, tb);
      else d = byteCmp(ta, tb);
      if (d) return k.reverse ? -d : d;
    }
    if (noLastResort && keys.length) return 0;
    const d = byteCmp(a, b);
    return reverse ? -d : d;
  };
}

/** Decorate-sort-undecorate: key values computed once per line. */
function sortLines(lines: string[], keys: Key[], tab: string | undefined, noLastResort: boolean, reverse: boolean): string[] {
  if (!keys.length) {
    const copy = lines.slice();
    copy.sort(byteCmp);
    return reverse ? copy.reverse() : copy;
  }
  const n = lines.length;
  const kv: (number | string)[][] = keys.map(() => new Array<number | string>(n));
  keys.forEach((k, ki) => {
    const arr = kv[ki]!;
    for (let i = 0; i < n; i++) {
      const t = keyText(lines[i]!, k, tab);
      arr[i] = k.numeric ? numVal(t) : k.general ? generalVal(t) : k.human ? humanVal(t) : k.month ? monthVal(t) : t;
    }
  });
  const idx = new Array<number>(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((x, y) => {
    for (let ki = 0; ki < keys.length; ki++) {
      const k = keys[ki]!;
      const a = kv[ki]![x]!;
      const b = kv[ki]![y]!;
      let d: number;
      if (k.version) d = versionCmp(a as string, b as string);
      else d = a < b ? -1 : a > b ? 1 : 0;
      if (d) return k.reverse ? -d : d;
    }
    if (noLastResort) return x - y;
    const la = lines[x]!;
    const lb = lines[y]!;
    const d = la < lb ? -1 : la > lb ? 1 : 0;
    return (reverse ? -d : d) || x - y;
  });
  return idx.map((i) => lines[i]!);
}
