/**
 * head (GNU coreutils 9.1): the first lines (-n N, -n -N = all but the last N) or bytes (-c)
 * of each file or stdin, "==> name <==" headers for several files (-q/-v), the obsolete
 * "-5" form, and GNU's errors ("cannot open 'x' for reading: ...", "error reading 'd': Is a
 * directory", "invalid number of lines: ‘x’").
 */
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, errnoText, parseSize, readOperand, shq } from "../common/fs/fs-common.js";

const HELP = `Usage: head [OPTION]... [FILE]...
Print the first 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[-]NUM       print the first NUM bytes of each file;
                             with the leading '-', print all but the last
                             NUM bytes of each file
  -n, --lines=[-]NUM       print the first NUM lines instead of the first 10;
                             with the leading '-', print all but the last
                             NUM lines of each file
  -q, --quiet, --silent    never print headers giving file names
  -v, --verbose            always print headers giving file names
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

NUM may have a multiplier suffix:
b 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024,
GB 1000*1000*1000, G 1024*1024*1024, and so on for T, P, E, Z, Y, R, Q.
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/head>
or available locally via: info '(coreutils) head invocation'
`;

export interface HeadTailArgs {
  lines: boolean;
  count: string;
  quiet: boolean;
  verbose: boolean;
  follow: "" | "name" | "descriptor";
  retry: boolean;
  files: string[];
}

/** Parses head/tail argv by hand (the obsolete -N / +N forms need it). */
export function parseHeadTail(name: "head" | "tail", argv: string[]): HeadTailArgs | { stderr: string; exitCode: number } | "help" | "version" {
  const a: HeadTailArgs = { lines: true, count: "10", quiet: false, verbose: false, follow: "", retry: false, files: [] };
  const bad = (msg: string) => ({ stderr: `${name}: ${msg}\nTry '${name} --help' for more information.\n`, exitCode: 1 });
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i] as string;
    if (s === "--") {
      a.files.push(...argv.slice(i + 1));
      break;
    }
    if (i === 0 && /^-\d+[a-z]*$/.test(s) && argv.length >= 1) {
      const m = /^-(\d+)([cbkmlfq]*)$/.exec(s);
      if (m) {
        a.count = m[1] as string;
        if (m[2]?.includes("c")) a.lines = false;
        if (m[2]?.includes("f")) a.follow = "descriptor";
        continue;
      }
    }
    if (name === "tail" && i === 0 && /^\+\d+$/.test(s)) {
      a.count = s;
      continue;
    }
    if (s.startsWith("--")) {
      const [k, v] = s.includes("=") ? [s.slice(2, s.indexOf("=")), s.slice(s.indexOf("=") + 1)] : [s.slice(2), undefined];
      const need = (): string | undefined => v ?? argv[++i];
      if (k === "help") return "help";
      if (k === "version") return "version";
      if (k === "lines" || k === "bytes") {
        const val = need();
        if (val === undefined) return bad(`option '--${k}' requires an argument`);
        a.lines = k === "lines";
        a.count = val;
      } else if (k === "quiet" || k === "silent") a.quiet = true;
      else if (k === "verbose") a.verbose = true;
      else if (name === "tail" && k === "follow") a.follow = v === "name" ? "name" : "descriptor";
      else if (name === "tail" && k === "retry") a.retry = true;
      else if (name === "tail" && (k === "sleep-interval" || k === "pid" || k === "max-unchanged-stats")) need();
      else return bad(`unrecognized option '${s}'`);
      continue;
    }
    if (s.startsWith("-") && s.length > 1) {
      for (let j = 1; j < s.length; j++) {
        const ch = s[j] as string;
        if (ch === "n" || ch === "c") {
          const rest = s.slice(j + 1);
          const val = rest || argv[++i];
          if (val === undefined) return bad(`option requires an argument -- '${ch}'`);
          a.lines = ch === "n";
          a.count = val;
          break;
        }
        if (ch === "q") a.quiet = true;
        else if (ch === "v") a.verbose = true;
        else if (ch === "z") continue;
        else if (name === "tail" && ch === "f") a.follow = a.follow || "descriptor";
        else if (name === "tail" && ch === "F") {
          a.follow = "name";
          a.retry = true;
        } else if (name === "tail" && ch === "s") {
          if (!s.slice(j + 1)) i++;
          break;
        } else if (/\d/.test(ch)) {
          a.count = s.slice(j);
          break;
        } else return bad(`invalid option -- '${ch}'`);
      }
      continue;
    }
    a.files.push(s);
  }
  return a;
}

export const headCommand = defineCommand({
  name: "head",
  summary: "output the first part of files",
  usage: "head [OPTION]... [FILE]...",
  help: HELP,
  parse: "raw",
  completeOperands: "path",
  options: [],
  run(ctx, _o, _operands, argv) {
    const big = argListTooLong(ctx, "head", argv);
    if (big) return big;
    const a = parseHeadTail("head", argv);
    if (a === "help") return { stdout: HELP };
    if (a === "version") return { stdout: "head (GNU coreutils) 9.1\n" };
    if ("stderr" in a) return { stdout: "", ...a };
    const neg = a.count.startsWith("-");
    const n = parseSize(neg ? a.count.slice(1) : a.count);
    if (n === undefined) return { stdout: "", stderr: `head: invalid number of ${a.lines ? "lines" : "bytes"}: ‘${a.count}’\n`, exitCode: 1 };
    const files = a.files.length ? a.files : ["-"];
    const headers = a.verbose || (files.length > 1 && !a.quiet);
    let out = "";
    let err = "";
    let code = 0;
    let first = true;
    for (const f of files) {
      const r = readOperand(ctx, f);
      if ("code" in r) {
        if (r.code === "EISDIR") {
          if (headers) out += `${first ? "" : "\n"}==> ${f} <==\n`;
          first = false;
          err += `head: error reading ${shq(f)}: Is a directory\n`;
        } else err += `head: cannot open ${shq(f)} for reading: ${errnoText(r.code)}\n`;
        code = 1;
        continue;
      }
      if (headers) out += `${first ? "" : "\n"}==> ${f === "-" ? "standard input" : f} <==\n`;
      first = false;
      out += headPart(r.text, a.lines, n, neg);
    }
    return { stdout: out, stderr: err, exitCode: code };
  },
});

/** The first n lines/bytes (or all but the last n with `neg`). */
export function headPart(text: string, lines: boolean, n: number, neg: boolean): string {
  if (!lines) return neg ? text.slice(0, Math.max(0, text.length - n)) : text.slice(0, n);
  if (!neg) {
    let pos = 0;
    for (let k = 0; k < n; k++) {
      const nl = text.indexOf("\n", pos);
      if (nl < 0) return text;
      pos = nl + 1;
    }
    return text.slice(0, pos);
  }
  if (n === 0) return text;
  let end = text.length;
  if (text.endsWith("\n")) end--;
  for (let k = 0; k < n; k++) {
    const nl = text.lastIndexOf("\n", end - 1);
    if (nl < 0) return "";
    end = nl;
  }
  return text.slice(0, end + 1);
}
