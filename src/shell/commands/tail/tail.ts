/**
 * tail (GNU coreutils 9.1): the last lines or bytes (-n N, -n +K from line K, -c), headers
 * for several files, and -f/-F following: the file is re-read as the sim clock advances
 * (one second per poll) and appended data is printed until Ctrl-C. Huge sparse logs (a
 * stat size beyond the stored data) show the stored data only.
 */
import { type Cred } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, errnoText, parseSize, readOperand, shq } from "../common/fs/fs-common.js";
import { parseHeadTail } from "../head/head.js";

const HELP = `Usage: tail [OPTION]... [FILE]...
Print the last 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[+]NUM       output the last NUM bytes; or use -c +NUM to
                             output starting with byte NUM of each file
  -f, --follow[={name|descriptor}]
                           output appended data as the file grows;
                             an absent option argument means 'descriptor'
  -F                       same as --follow=name --retry
  -n, --lines=[+]NUM       output the last NUM lines, instead of the last 10;
                             or use -n +NUM to skip NUM-1 lines at the start
      --retry              keep trying to open a file if it is inaccessible
  -q, --quiet, --silent    never output headers giving file names
  -s, --sleep-interval=N   with -f, sleep for approximately N seconds
                             (default 1.0) between iterations
  -v, --verbose            always output headers giving file names
      --help        display this help and exit
      --version     output version information and exit

NUM may have a multiplier suffix:
b 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024,
GB 1000*1000*1000, G 1024*1024*1024, and so on for T, P, E, Z, Y, R, Q.
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/tail>
or available locally via: info '(coreutils) tail invocation'
`;

/** The last n lines/bytes, or from line/byte n on (`from`). */
function tailPart(text: string, lines: boolean, n: number, from: boolean): string {
  if (!lines) return from ? text.slice(Math.max(0, n - 1)) : n === 0 ? "" : text.slice(-n);
  if (from) {
    let pos = 0;
    for (let k = 1; k < n; k++) {
      const nl = text.indexOf("\n", pos);
      if (nl < 0) return "";
      pos = nl + 1;
    }
    return text.slice(pos);
  }
  if (n === 0) return "";
  let end = text.length;
  if (text.endsWith("\n")) end--;
  let start = end;
  for (let k = 0; k < n; k++) {
    const nl = text.lastIndexOf("\n", start - 1);
    if (nl < 0) return text;
    start = nl;
  }
  return text.slice(start + 1);
}

export const tailCommand = defineCommand({
  name: "tail",
  summary: "output the last part of files",
  usage: "tail [OPTION]... [FILE]...",
  help: HELP,
  parse: "raw",
  completeOperands: "path",
  options: [],
  async run(ctx, _o, _operands, argv) {
    const big = argListTooLong(ctx, "tail", argv);
    if (big) return big;
    const a = parseHeadTail("tail", argv);
    if (a === "help") return { stdout: HELP };
    if (a === "version") return { stdout: "tail (GNU coreutils) 9.1\n" };
    if ("stderr" in a) return { stdout: "", ...a };
    const from = a.count.startsWith("+");
    const n = parseSize(a.count.replace(/^[+-]/, ""));
    if (n === undefined) return { stdout: "", stderr: `tail: invalid number of ${a.lines ? "lines" : "bytes"}: ‘${a.count}’\n`, exitCode: 1 };
    const files = a.files.length ? a.files : ["-"];
    const headers = a.verbose || (files.length > 1 && !a.quiet);
    let out = "";
    let err = "";
    let code = 0;
    let first = true;
    const emit = (s: string): void => {
      if (!s) return;
      if (!ctx.write(s)) out += s;
    };
    const warn = (s: string): void => {
      err += s;
    };
    const state = new Map<string, { len: number; ok: boolean }>();
    const evidence: string[] = [];
    for (const f of files) {
      const r = readOperand(ctx, f);
      if ("code" in r) {
        if (r.code === "EISDIR") {
          if (headers) emit(`${first ? "" : "\n"}==> ${f} <==\n`);
          first = false;
          warn(`tail: error reading ${shq(f)}: Is a directory\n`);
        } else warn(`tail: cannot open ${shq(f)} for reading: ${errnoText(r.code)}\n`);
        code = 1;
        state.set(f, { len: 0, ok: false });
        continue;
      }
      if (f !== "-") evidence.push(`log:${ctx.resolve(f)}`);
      if (headers) emit(`${first ? "" : "\n"}==> ${f === "-" ? "standard input" : f} <==\n`);
      first = false;
      emit(tailPart(r.text, a.lines, n, from));
      state.set(f, { len: r.text.length, ok: true });
    }
    if (a.follow) {
      const followed = files.filter((f) => f !== "-" && (state.get(f)?.ok || a.retry));
      if (files.includes("-") && files.length === 1) {
        // following a pipe: nothing more will arrive
      } else if (followed.length === 0 && !a.retry) {
        warn("tail: no files remaining\n");
      } else {
        let last = files[files.length - 1];
        while (await ctx.sleep(1000)) {
          for (const f of followed) {
            const s = state.get(f) as { len: number; ok: boolean };
            let text: string | undefined;
            try {
              const path = ctx.resolve(f);
              ctx.host.vfs.stat(path, ctx.cred as Cred);
              text = ctx.host.vfs.readFile(path, ctx.cred as Cred);
            } catch {
              if (s.ok && a.follow === "name") warn(`tail: ${shq(f)} has become inaccessible: No such file or directory\n`);
              s.ok = false;
              continue;
            }
            if (!s.ok) {
              if (a.follow === "name") warn(`tail: ${shq(f)} has appeared;  following new file\n`);
              s.ok = true;
              s.len = 0;
            }
            if (text.length < s.len) {
              warn(`tail: ${f}: file truncated\n`);
              s.len = 0;
            }
            if (text.length > s.len) {
              if (headers && last !== f) emit(`\n==> ${f} <==\n`);
              last = f;
              emit(text.slice(s.len));
              s.len = text.length;
            }
          }
          if (ctx.interrupted()) break;
        }
        return { stdout: out, stderr: err, exitCode: 130, evidence };
      }
    }
    return { stdout: out, stderr: err, exitCode: code, evidence };
  },
});
