/**
 * wc (GNU coreutils 9.1): lines, words, characters and bytes per file plus a total, with
 * GNU's column width rule (digits of the summed file sizes; at least 7 when stdin or a
 * non-regular file is involved; unpadded for one count of one input). Fast on the huge
 * listings piped in from ls/find over million-entry directories.
 */
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, errnoText, readOperand } from "../common/fs/fs-common.js";

const HELP = `Usage: wc [OPTION]... [FILE]...
  or:  wc [OPTION]... --files0-from=F
Print newline, word, and byte counts for each FILE, and a total line if
more than one FILE is specified.  A word is a non-zero-length sequence of
printable characters delimited by white space.

With no FILE, or when FILE is -, read standard input.

The options below may be used to select which counts are printed, always in
the following order: newline, word, character, byte, maximum line length.
  -c, --bytes            print the byte counts
  -m, --chars            print the character counts
  -l, --lines            print the newline counts
  -L, --max-line-length  print the maximum display width
  -w, --words            print the word counts
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/wc>
or available locally via: info '(coreutils) wc invocation'
`;

interface Counts {
  l: number;
  w: number;
  m: number;
  c: number;
  L: number;
}

function utf8Len(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Counts in one pass (lines via indexOf, words only when asked). */
function count(text: string, want: { w: boolean; m: boolean; c: boolean; L: boolean }): Counts {
  let l = 0;
  let p = -1;
  while ((p = text.indexOf("\n", p + 1)) !== -1) l++;
  let w = 0;
  if (want.w) {
    let inWord = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const space = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x3000;
      if (space) inWord = false;
      else if (!inWord) {
        inWord = true;
        w++;
      }
    }
  }
  let L = 0;
  if (want.L) for (const line of text.split("\n")) L = Math.max(L, line.replace(/\t/g, "        ").length);
  const ascii = want.c || want.m ? !/[^\x00-\x7f]/.test(text) : true;
  const c = want.c ? (ascii ? text.length : utf8Len(text)) : 0;
  const m = want.m ? (ascii ? text.length : [...text].length) : 0;
  return { l, w, m, c, L };
}

export const wcCommand = defineCommand({
  name: "wc",
  summary: "print newline, word, and byte counts for each file",
  usage: "wc [OPTION]... [FILE]...",
  help: HELP,
  version: "wc (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "c", short: "c", long: "bytes" },
    { name: "m", short: "m", long: "chars" },
    { name: "l", short: "l", long: "lines" },
    { name: "L", short: "L", long: "max-line-length" },
    { name: "w", short: "w", long: "words" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "wc", argv);
    if (big) return big;
    const none = !o.c && !o.m && !o.l && !o.L && !o.w;
    const want = { l: none || !!o.l, w: none || !!o.w, m: !!o.m, c: none || !!o.c, L: !!o.L };
    const files = operands.length ? operands : ["-"];
    const rows: { c: Counts; name: string }[] = [];
    let err = "";
    let code = 0;
    let sizeSum = 0;
    let minWidth = 1;
    const errors: Map<number, string> = new Map();
    for (const f of files) {
      const r = readOperand(ctx, f);
      if ("code" in r) {
        const msg = `wc: ${f}: ${errnoText(r.code)}\n`;
        code = 1;
        if (r.code === "EISDIR") {
          minWidth = 7;
          errors.set(rows.length, msg);
          rows.push({ c: { l: 0, w: 0, m: 0, c: 0, L: 0 }, name: f });
        } else err += msg;
        continue;
      }
      if (r.regular) sizeSum += r.size;
      else minWidth = 7;
      rows.push({ c: count(r.text, want), name: f === "-" && !operands.length ? "" : f });
    }
    const nCounts = [want.l, want.w, want.m, want.c, want.L].filter(Boolean).length;
    const width = files.length === 1 && nCounts === 1 ? 1 : Math.max(minWidth, String(sizeSum).length);
    const fmt = (c: Counts, name: string): string => {
      const cols: number[] = [];
      if (want.l) cols.push(c.l);
      if (want.w) cols.push(c.w);
      if (want.m) cols.push(c.m);
      if (want.c) cols.push(c.c);
      if (want.L) cols.push(c.L);
      return cols.map((v) => String(v).padStart(width)).join(" ") + (name ? ` ${name}` : "") + "\n";
    };
    let out = "";
    rows.forEach((r, i) => {
      if (errors.has(i)) err += errors.get(i);
      out += fmt(r.c, r.name);
    });
    if (files.length > 1) {
      const t = rows.reduce((a, r) => ({ l: a.l + r.c.l, w: a.w + r.c.w, m: a.m + r.c.m, c: a.c + r.c.c, L: Math.max(a.L, r.c.L) }), { l: 0, w: 0, m: 0, c: 0, L: 0 });
      out += fmt(t, "total");
    }
    const evidence = rows.some((r) => r.c.l >= 10000) ? ["dir-count"] : [];
    return { stdout: out, stderr: err, exitCode: code, evidence };
  },
});
