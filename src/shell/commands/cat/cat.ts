/**
 * cat (GNU coreutils 9.1): concatenates files and stdin ("-"), with -n/-b numbering, -s
 * squeezing, -E/-T/-v and their -A/-e/-t combinations, and GNU's per-file error messages
 * ("cat: x: Permission denied", "cat: d: Is a directory") that don't stop the other files.
 */
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, errnoText, readOperand } from "../common/fs/fs-common.js";

const HELP = `Usage: cat [OPTION]... [FILE]...
Concatenate FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.

  -A, --show-all           equivalent to -vET
  -b, --number-nonblank    number nonempty output lines, overrides -n
  -e                       equivalent to -vE
  -E, --show-ends          display $ at end of each line
  -n, --number             number all output lines
  -s, --squeeze-blank      suppress repeated empty output lines
  -t                       equivalent to -vT
  -T, --show-tabs          display TAB characters as ^I
  -u                       (ignored)
  -v, --show-nonprinting   use ^ and M- notation, except for LFD and TAB
      --help        display this help and exit
      --version     output version information and exit

Examples:
  cat f - g  Output f's contents, then standard input, then g's contents.
  cat        Copy standard input to standard output.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/cat>
or available locally via: info '(coreutils) cat invocation'
`;

/** cat -v notation for one character code. */
function visible(c: number, tabs: boolean): string {
  if (c === 9) return tabs ? "^I" : "\t";
  if (c < 32) return "^" + String.fromCharCode(c + 64);
  if (c === 127) return "^?";
  if (c < 128) return String.fromCharCode(c);
  if (c < 160) return "M-^" + String.fromCharCode(c - 128 + 64);
  if (c === 255) return "M-^?";
  if (c < 256) return "M-" + String.fromCharCode(c - 128);
  return String.fromCodePoint(c);
}

export const catCommand = defineCommand({
  name: "cat",
  summary: "concatenate files and print on the standard output",
  usage: "cat [OPTION]... [FILE]...",
  help: HELP,
  version: "cat (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "A", short: "A", long: "show-all" },
    { name: "b", short: "b", long: "number-nonblank" },
    { name: "e", short: "e" },
    { name: "E", short: "E", long: "show-ends" },
    { name: "n", short: "n", long: "number" },
    { name: "s", short: "s", long: "squeeze-blank" },
    { name: "t", short: "t" },
    { name: "T", short: "T", long: "show-tabs" },
    { name: "u", short: "u" },
    { name: "v", short: "v", long: "show-nonprinting" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "cat", argv);
    if (big) return big;
    const ends = !!(o.A || o.e || o.E);
    const tabs = !!(o.A || o.t || o.T);
    const nonprint = !!(o.A || o.e || o.t || o.v);
    const numberNonblank = !!o.b;
    const number = !!o.n || numberNonblank;
    const squeeze = !!o.s;
    const plain = !ends && !tabs && !nonprint && !number && !squeeze;
    const files = operands.length ? operands : ["-"];
    let out = "";
    let err = "";
    let code = 0;
    let lineNo = 0;
    let prevBlank = false;
    let atLineStart = true;
    const evidence: string[] = [];
    for (const f of files) {
      const r = readOperand(ctx, f);
      if ("code" in r) {
        err += `cat: ${f}: ${errnoText(r.code)}\n`;
        code = 1;
        continue;
      }
      if (f !== "-" && f.startsWith("/proc/")) evidence.push(`file:${ctx.resolve(f)}`);
      if (plain) {
        out += r.text;
        continue;
      }
      const parts = r.text.split("\n");
      const endsWithNl = r.text.endsWith("\n");
      if (endsWithNl) parts.pop();
      parts.forEach((line, i) => {
        const complete = i < parts.length - 1 || endsWithNl;
        const blank = line === "" && atLineStart;
        if (squeeze && blank && prevBlank && complete) return;
        let s = "";
        if (atLineStart && number && !(numberNonblank && line === "")) s += `${String(++lineNo).padStart(6)}\t`;
        let body = line;
        if (nonprint || tabs) {
          let b = "";
          for (const ch of line) {
            const c = ch.codePointAt(0) as number;
            b += nonprint ? visible(c, tabs) : c === 9 ? "^I" : ch;
          }
          body = b;
        }
        s += body;
        if (complete) s += (ends ? "$" : "") + "\n";
        out += s;
        if (complete) prevBlank = blank;
        atLineStart = complete;
      });
    }
    return { stdout: out, stderr: err, exitCode: code, evidence };
  },
});
