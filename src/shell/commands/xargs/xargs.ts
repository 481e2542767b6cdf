/**
 * xargs (GNU findutils 4.9): builds command lines from stdin items (blank/newline separated
 * with quotes and backslashes, or -0 / -d) and runs them through ctx.exec: -n N, -L N,
 * -I REPL (one line per command), -r, -t, -x, -s accepted, -P ignored (runs in order).
 * Exit 123 when a command failed, 127/126 like GNU, and echo as the default command.
 */
import { defineCommand } from "../../spec/define-command.js";
import { shellQuote } from "../sudo/sudo.js";

const HELP = "Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nRun COMMAND with arguments INITIAL-ARGS and more arguments read from input.\n\nMandatory and optional arguments to long options are also\nmandatory or optional for the corresponding short option.\n  -0, --null                   items are separated by a null, not whitespace;\n                                 disables quote and backslash processing and\n                                 logical EOF processing\n  -a, --arg-file=FILE          read arguments from FILE, not standard input\n  -d, --delimiter=CHARACTER    items in input stream are separated by CHARACTER,\n                                 not by whitespace; disables quote and backslash\n                                 processing and logical EOF processing\n  -E END                       set logical EOF string; if END occurs as a line\n                                 of input, the rest of the input is ignored\n                                 (ignored if -0 or -d was specified)\n  -e, --eof[=END]              equivalent to -E END if END is specified;\n                                 otherwise, there is no end-of-file string\n  -I R                         same as --replace=R\n  -i, --replace[=R]            replace R in INITIAL-ARGS with names read\n                                 from standard input, split at newlines;\n                                 if R is unspecified, assume {}\n  -L, --max-lines=MAX-LINES    use at most MAX-LINES non-blank input lines per\n                                 command line\n  -l[MAX-LINES]                similar to -L but defaults to at most one non-\n                                 blank input line if MAX-LINES is not specified\n  -n, --max-args=MAX-ARGS      use at most MAX-ARGS arguments per command line\n  -o, --open-tty               Reopen stdin as /dev/tty in the child process\n                                 before executing the command; useful to run an\n                                 interactive application.\n  -P, --max-procs=MAX-PROCS    run at most MAX-PROCS processes at a time\n  -p, --interactive            prompt before running commands\n      --process-slot-var=VAR   set environment variable VAR in child processes\n  -r, --no-run-if-empty        if there are no arguments, then do not run COMMAND;\n                                 if this option is not given, COMMAND will be\n                                 run at least once\n  -s, --max-chars=MAX-CHARS    limit length of command line to MAX-CHARS\n      --show-limits            show limits on command-line length\n  -t, --verbose                print commands before executing them\n  -x, --exit                   exit if the size (see -s) is exceeded\n      --help                   display this help and exit\n      --version                output version information and exit\n\nPlease see also the documentation at https://www.gnu.org/software/findutils/.\nYou can report (and track progress on fixing) bugs in the \"xargs\"\nprogram via the GNU findutils bug-reporting page at\nhttps://savannah.gnu.org/bugs/?group=findutils or, if\nyou have no web access, by sending email to <bug-findutils@gnu.org>.\n";

function splitItems(text: string): string[] | string {
  const items: string[] = [];
  let cur = "";
  let has = false;
  let q: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === q) q = undefined;
      else if (c === "\n") return `xargs: unmatched ${q === "'" ? "single" : "double"} quote; by default quotes are special to xargs unless you use the -0 option`;
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') {
      q = c;
      has = true;
      continue;
    }
    if (c === "\\" && i + 1 < text.length) {
      cur += text[++i];
      has = true;
      continue;
    }
    if (c === " " || c === "\t" || c === "\n") {
      if (has || cur) items.push(cur);
      cur = "";
      has = false;
      continue;
    }
    cur += c;
    has = true;
  }
  if (q) return `xargs: unmatched ${q === "'" ? "single" : "double"} quote; by default quotes are special to xargs unless you use the -0 option`;
  if (has || cur) items.push(cur);
  return items;
}

export const xargsCommand = defineCommand({
  name: "xargs",
  summary: "build and execute command lines from standard input",
  usage: "xargs [OPTION]... COMMAND [INITIAL-ARGS]...",
  options: [
    { name: "null", short: "0", long: "null" },
    { name: "argFile", short: "a", long: "arg-file", arg: "required" },
    { name: "delimiter", short: "d", long: "delimiter", arg: "required" },
    { name: "eof", short: "E", arg: "required" },
    { name: "replace", short: "I", long: "replace", aliases: ["replace"], arg: "required" },
    { name: "replaceI", short: "i", arg: "optional" },
    { name: "maxLines", short: "L", long: "max-lines", arg: "required" },
    { name: "maxArgs", short: "n", long: "max-args", arg: "required" },
    { name: "maxProcs", short: "P", long: "max-procs", arg: "required" },
    { name: "interactive", short: "p", long: "interactive" },
    { name: "noRunIfEmpty", short: "r", long: "no-run-if-empty" },
    { name: "maxChars", short: "s", long: "max-chars", arg: "required" },
    { name: "showLimits", long: "show-limits" },
    { name: "verbose", short: "t", long: "verbose" },
    { name: "exit", short: "x", long: "exit" },
    { name: "openTty", short: "o", long: "open-tty" },
    { name: "processSlotVar", long: "process-slot-var", arg: "required" },
  ],
  parse: "posix",
  help: HELP,
  version: "xargs (GNU findutils) 4.9.0",
  async run(ctx, o, operands) {
    const cmd = operands.length ? operands : ["echo"];
    let input = ctx.stdin;
    if (typeof o.argFile === "string") {
      try {
        input = ctx.host.vfs.readFile(ctx.resolve(o.argFile), ctx.cred);
      } catch {
        return { stdout: "", stderr: `xargs: ${o.argFile}: No such file or directory\n`, exitCode: 1 };
      }
    }
    const repl = typeof o.replace === "string" ? o.replace : o.replaceI !== undefined ? (typeof o.replaceI === "string" && o.replaceI ? o.replaceI : "{}") : undefined;
    let items: string[];
    let byLine = repl !== undefined || o.maxLines !== undefined;
    if (o.null) items = input.split("\0").filter((x, i, a) => !(i === a.length - 1 && x === ""));
    else if (typeof o.delimiter === "string") {
      const d = o.delimiter === "\\n" ? "\n" : o.delimiter === "\\t" ? "\t" : o.delimiter;
      items = input.split(d);
      if (items[items.length - 1] === "" || items[items.length - 1] === "\n") items.pop();
    } else if (repl !== undefined) {
      items = input.split("\n").map((l) => l.replace(/^[ \t]+/, "")).filter((l) => l !== "");
      byLine = true;
    } else {
      const s = splitItems(input);
      if (typeof s === "string") return { stdout: "", stderr: s + "\n", exitCode: 1 };
      items = s;
    }
    if (typeof o.eof === "string") {
      const k = items.indexOf(o.eof);
      if (k >= 0) items = items.slice(0, k);
    }
    let per = Infinity;
    if (o.maxArgs !== undefined) {
      const n = Number(o.maxArgs);
      if (!Number.isInteger(n) || n < 1) return { stdout: "", stderr: `xargs: value ${String(o.maxArgs)} for -n option should be >= 1\n`, exitCode: 1 };
      per = n;
    }
    if (o.maxLines !== undefined) per = Math.max(1, Number(o.maxLines) || 1);
    if (repl !== undefined) per = 1;
    void byLine;
    const batches: string[][] = [];
    if (!items.length) {
      if (!o.noRunIfEmpty && repl === undefined) batches.push([]);
    } else for (let i = 0; i < items.length; i += per === Infinity ? items.length : per) batches.push(items.slice(i, per === Infinity ? items.length : i + per));
    let stdout = "";
    let stderr = "";
    let exitCode = 0;
    for (const b of batches) {
      let argv: string[];
      if (repl !== undefined) argv = cmd.map((a) => a.split(repl).join(b[0] ?? ""));
      else argv = [...cmd, ...b];
      if (o.verbose) stderr += argv.join(" ") + "\n";
      const r = await ctx.exec(argv.map(shellQuote).join(" "));
      stdout += r.stdout;
      stderr += r.stderr;
      if (r.exitCode === 127 && /command not found/.test(r.stderr)) {
        stderr = stderr.replace(/^-?bash: (?:line \d+: )?(\S+): command not found\n?$/m, "xargs: $1: No such file or directory\n");
        return { stdout, stderr, exitCode: 127 };
      }
      if (r.exitCode === 255) return { stdout, stderr: stderr + `xargs: ${cmd[0]}: exited with status 255; aborting\n`, exitCode: 124 };
      if (r.exitCode !== 0) exitCode = 123;
      if (ctx.interrupted()) break;
    }
    return { stdout, stderr, exitCode };
  },
});
