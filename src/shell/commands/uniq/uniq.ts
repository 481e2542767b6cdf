/**
 * uniq (GNU coreutils 9.1), fast: adjacent duplicate lines with -c ("%7d " counts), -d,
 * -D, -u, -i, -f N, -s N, -w N, -z, an optional input and output file.
 */
import { defineCommand } from "../../spec/define-command.js";
import { ERRNO_TEXT, readInput, splitLines } from "../common/text-input.js";

const HELP = "Usage: uniq [OPTION]... [INPUT [OUTPUT]]\nFilter adjacent matching lines from INPUT (or standard input),\nwriting to OUTPUT (or standard output).\n\nWith no options, matching lines are merged to the first occurrence.\n\nMandatory arguments to long options are mandatory for short options too.\n  -c, --count           prefix lines by the number of occurrences\n  -d, --repeated        only print duplicate lines, one for each group\n  -D                    print all duplicate lines\n      --all-repeated[=METHOD]  like -D, but allow separating groups\n                                 with an empty line;\n                                 METHOD={none(default),prepend,separate}\n  -f, --skip-fields=N   avoid comparing the first N fields\n      --group[=METHOD]  show all items, separating groups with an empty line;\n                          METHOD={separate(default),prepend,append,both}\n  -i, --ignore-case     ignore differences in case when comparing\n  -s, --skip-chars=N    avoid comparing the first N characters\n  -u, --unique          only print unique lines\n  -z, --zero-terminated     line delimiter is NUL, not newline\n  -w, --check-chars=N   compare no more than N characters in lines\n      --help        display this help and exit\n      --version     output version information and exit\n\nA field is a run of blanks (usually spaces and/or TABs), then non-blank\ncharacters.  Fields are skipped before chars.\n\nNote: 'uniq' does not detect repeated lines unless they are adjacent.\nYou may want to sort the input first, or use 'sort -u' without 'uniq'.\n\nGNU coreutils online help: <https://www.gnu.org/software/coreutils/>\nReport any translation bugs to <https://translationproject.org/team/>\nFull documentation <https://www.gnu.org/software/coreutils/uniq>\nor available locally via: info '(coreutils) uniq invocation'\n";

export const uniqCommand = defineCommand({
  name: "uniq",
  summary: "report or omit repeated lines",
  usage: "uniq [OPTION]... [INPUT [OUTPUT]]",
  options: [
    { name: "count", short: "c", long: "count" },
    { name: "repeated", short: "d", long: "repeated" },
    { name: "allRepeated", short: "D", long: "all-repeated", arg: "optional" },
    { name: "skipFields", short: "f", long: "skip-fields", arg: "required" },
    { name: "group", long: "group", arg: "optional" },
    { name: "ignoreCase", short: "i", long: "ignore-case" },
    { name: "skipChars", short: "s", long: "skip-chars", arg: "required" },
    { name: "unique", short: "u", long: "unique" },
    { name: "zero", short: "z", long: "zero-terminated" },
    { name: "checkChars", short: "w", long: "check-chars", arg: "required" },
  ],
  help: HELP,
  version: "uniq (GNU coreutils) 9.1",
  async run(ctx, o, operands) {
    if (operands.length > 2) return { stdout: "", stderr: `uniq: extra operand \u2018${operands[2]}\u2019\nTry 'uniq --help' for more information.\n`, exitCode: 1 };
    const num = (v: unknown, what: string): number | string => {
      if (v === undefined) return 0;
      if (!/^\d+$/.test(String(v))) return `uniq: ${String(v)}: invalid number of ${what}\n`;
      return Number(v);
    };
    const sf = num(o.skipFields, "fields to skip");
    const sc = num(o.skipChars, "bytes to skip");
    const wc = o.checkChars === undefined ? Infinity : num(o.checkChars, "bytes to compare");
    for (const v of [sf, sc, wc]) if (typeof v === "string") return { stdout: "", stderr: v, exitCode: 1 };
    if (o.count && (o.allRepeated !== undefined)) return { stdout: "", stderr: "uniq: printing all duplicated lines and repeat counts is meaningless\nTry 'uniq --help' for more information.\n", exitCode: 1 };
    const input = operands[0] ?? "-";
    const r = readInput(ctx, input);
    if ("errno" in r) return { stdout: "", stderr: `uniq: ${input}: ${ERRNO_TEXT[r.errno] ?? r.errno}\n`, exitCode: 1 };
    const sep = o.zero ? "\0" : "\n";
    const lines = splitLines(r.text, sep);
    const skipF = sf as number;
    const skipC = sc as number;
    const width = wc as number;
    const fold = !!o.ignoreCase;
    const simple = skipF === 0 && skipC === 0 && width === Infinity && !fold;
    const keyOf = (l: string): string => {
      let p = 0;
      for (let f = 0; f < skipF; f++) {
        while (p < l.length && (l[p] === " " || l[p] === "\t")) p++;
        while (p < l.length && l[p] !== " " && l[p] !== "\t") p++;
      }
      let k = l.slice(p + skipC);
      if (width !== Infinity) k = k.slice(0, width);
      return fold ? k.toLowerCase() : k;
    };
    const out: string[] = [];
    const dOnly = !!o.repeated;
    const uOnly = !!o.unique;
    const all = o.allRepeated !== undefined;
    const count = !!o.count;
    let i = 0;
    const n = lines.length;
    while (i < n) {
      const first = lines[i]!;
      const k = simple ? first : keyOf(first);
      let j = i + 1;
      if (simple) while (j < n && lines[j] === first) j++;
      else while (j < n && keyOf(lines[j]!) === k) j++;
      const c = j - i;
      if (all) {
        if (c > 1) for (let t = i; t < j; t++) out.push(lines[t]!);
      } else if ((dOnly && c > 1) || (uOnly && c === 1) || (!dOnly && !uOnly)) {
        if (!(dOnly && uOnly)) out.push(count ? `${String(c).padStart(7)} ${first}` : first);
      }
      i = j;
    }
    const text = out.length ? out.join(sep) + sep : "";
    if (operands[1] !== undefined && operands[1] !== "-") {
      const w = await ctx.exec(`cat > '${operands[1].replace(/'/g, `'\\''`)}'`, { stdin: text });
      if (w.exitCode !== 0) return { stdout: "", stderr: `uniq: ${operands[1]}: Permission denied\n`, exitCode: 1 };
      return { stdout: "" };
    }
    return { stdout: text };
  },
});
