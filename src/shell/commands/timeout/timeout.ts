/**
 * timeout (GNU coreutils 9.1): runs COMMAND under a sim-time deadline
 * (ctx.shell.withDeadline: streaming tools inside see themselves interrupted once the
 * duration has passed) and exits 124 when the deadline fired (--preserve-status keeps the
 * command's own status; -s/-k accepted). DURATION takes s/m/h/d suffixes and fractions.
 *
 * Evidence keys: "timeout:fired".
 */
import { defineCommand } from "../../spec/define-command.js";
import { shellQuote } from "../sudo/sudo.js";

const HELP = "Usage: timeout [OPTION] DURATION COMMAND [ARG]...\n  or:  timeout [OPTION]\nStart COMMAND, and kill it if still running after DURATION.\n\nMandatory arguments to long options are mandatory for short options too.\n      --preserve-status\n                 exit with the same status as COMMAND, even when the\n                   command times out\n      --foreground\n                 when not running timeout directly from a shell prompt,\n                   allow COMMAND to read from the TTY and get TTY signals;\n                   in this mode, children of COMMAND will not be timed out\n  -k, --kill-after=DURATION\n                 also send a KILL signal if COMMAND is still running\n                   this long after the initial signal was sent\n  -s, --signal=SIGNAL\n                 specify the signal to be sent on timeout;\n                   SIGNAL may be a name like 'HUP' or a number;\n                   see 'kill -l' for a list of signals\n  -v, --verbose  diagnose to stderr any signal sent upon timeout\n      --help        display this help and exit\n      --version     output version information and exit\n\nDURATION is a floating point number with an optional suffix:\n's' for seconds (the default), 'm' for minutes, 'h' for hours or 'd' for days.\nA duration of 0 disables the associated timeout.\n\nUpon timeout, send the TERM signal to COMMAND, if no other SIGNAL specified.\nThe TERM signal kills any process that does not block or catch that signal.\nIt may be necessary to use the KILL signal, since this signal can't be caught.\n\nEXIT status:\n  124  if COMMAND times out, and --preserve-status is not specified\n  125  if the timeout command itself fails\n  126  if COMMAND is found but cannot be invoked\n  127  if COMMAND cannot be found\n  137  if COMMAND (or timeout itself) is sent the KILL (9) signal (128+9)\n  -    the exit status of COMMAND otherwise\n\nGNU coreutils online help: <https://www.gnu.org/software/coreutils/>\nReport any translation bugs to <https://translationproject.org/team/>\nFull documentation <https://www.gnu.org/software/coreutils/timeout>\nor available locally via: info '(coreutils) timeout invocation'\n";

export function parseDuration(s: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"];
  return Number(m[1]) * mult * 1000;
}

const SIGNALS = new Set(["TERM", "KILL", "INT", "HUP", "QUIT", "USR1", "USR2", "9", "15", "2", "1", "3"]);

export const timeoutCommand = defineCommand({
  name: "timeout",
  summary: "run a command with a time limit",
  usage: "timeout [OPTION] DURATION COMMAND [ARG]...",
  options: [
    { name: "preserveStatus", long: "preserve-status" },
    { name: "foreground", long: "foreground" },
    { name: "kill", short: "k", long: "kill-after", arg: "required" },
    { name: "signal", short: "s", long: "signal", arg: "required" },
    { name: "verbose", short: "v", long: "verbose" },
  ],
  parse: "posix",
  badOption: { kind: "custom", render: (opt, long, missing) => ({ stderr: `${missing ? `timeout: option requires an argument -- '${opt}'` : long ? `timeout: unrecognized option '--${opt}'` : `timeout: invalid option -- '${opt}'`}\nTry 'timeout --help' for more information.\n`, exitCode: 125 }) },
  help: HELP,
  version: "timeout (GNU coreutils) 9.1",
  async run(ctx, o, operands) {
    if (operands.length < 2) return { stdout: "", stderr: `timeout: missing operand\nTry 'timeout --help' for more information.\n`, exitCode: 125 };
    const [dur, ...cmd] = operands as [string, ...string[]];
    const ms = parseDuration(dur);
    if (ms === undefined) return { stdout: "", stderr: `timeout: invalid time interval \u2018${dur}\u2019\nTry 'timeout --help' for more information.\n`, exitCode: 125 };
    let sig = "TERM";
    if (typeof o.signal === "string") {
      sig = o.signal.toUpperCase().replace(/^SIG/, "");
      if (!SIGNALS.has(sig)) return { stdout: "", stderr: `timeout: ${o.signal}: invalid signal\nTry 'timeout --help' for more information.\n`, exitCode: 125 };
    }
    const line = cmd.map(shellQuote).join(" ");
    const run = () => ctx.exec(line, { stdin: ctx.stdin });
    const { value: r, timedOut } = ms > 0 ? await ctx.shell.withDeadline(ms, run) : { value: await run(), timedOut: false };
    if (r.exitCode === 127 && /command not found/.test(r.stderr)) return { stdout: r.stdout, stderr: `timeout: failed to run command \u2018${cmd[0]}\u2019: No such file or directory\n`, exitCode: 127 };
    if (!timedOut) return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    const sigName = sig === "9" ? "KILL" : sig === "15" ? "TERM" : sig === "2" ? "INT" : sig;
    const verbose = o.verbose ? `timeout: sending signal ${sigName} to command \u2018${cmd[0]}\u2019\n` : "";
    const sigNum = { TERM: 15, KILL: 9, INT: 2, HUP: 1, QUIT: 3, USR1: 10, USR2: 12 }[sigName] ?? 15;
    return { stdout: r.stdout, stderr: r.stderr + verbose, exitCode: o.preserveStatus ? 128 + sigNum : sigName === "KILL" ? 137 : 124, evidence: ["timeout:fired"] };
  },
});
