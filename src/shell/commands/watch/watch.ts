/**
 * watch (procps-ng 4.0.2): runs a command every -n seconds of sim time. On an interactive
 * tty it is a full-screen program (header "Every 2.0s: CMD" with "host: date" right-aligned,
 * a blank line, then the output clipped to the screen); the session drives it. Elsewhere
 * (pipes, script mode) it prints each run's header and output until interrupted, so script
 * mode's auto-interrupt ends it. -n, -t (no title), -d (accepted), -x/--exec, -e, -g.
 *
 * The screen's `refresh()` runs the command again (async); `render()` is synchronous and
 * shows the latest output.
 *
 * Evidence keys: whatever the watched command reveals is not captured; "watch:CMD".
 */
import { ctime } from "../../../engine/index.js";
import { defineCommand, type CommandContext, type FullScreenProgram } from "../../spec/define-command.js";
import { shellQuote } from "../sudo/sudo.js";

const USAGE = `
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -C, --no-color         do not interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -q, --equexit <cycles>
                         exit when output from command does not change
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -r, --no-rerun         do not rerun program on window resize
  -t, --no-title         turn off header
  -w, --no-wrap          turn off line wrapping
  -x, --exec             pass command to exec instead of "sh -c"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
`;

export function watchHeader(ctx: CommandContext, intervalS: number, cmd: string, cols: number): string {
  const left = `Every ${intervalS.toFixed(1)}s: ${cmd}`;
  const right = `${ctx.host.hostname}: ${ctime(ctx.host.epochMs())}`;
  if (left.length + 1 + right.length <= cols) return left + " ".repeat(cols - left.length - right.length) + right;
  const room = cols - right.length - 1;
  if (room > 4) return left.slice(0, room - 3) + "..." + " " + right;
  return left.slice(0, cols);
}

function parseInterval(v: string): number | undefined {
  const n = Number(v.replace(",", "."));
  if (!Number.isFinite(n)) return undefined;
  return Math.max(0.1, n);
}

export const watchCommand = defineCommand({
  name: "watch",
  summary: "execute a program periodically, showing output fullscreen",
  usage: "watch [options] command",
  options: [
    { name: "interval", short: "n", long: "interval", arg: "required" },
    { name: "noTitle", short: "t", long: "no-title" },
    { name: "differences", short: "d", long: "differences", arg: "optional" },
    { name: "exec", short: "x", long: "exec" },
    { name: "errexit", short: "e", long: "errexit" },
    { name: "chgexit", short: "g", long: "chgexit" },
    { name: "beep", short: "b", long: "beep" },
    { name: "color", short: "c", long: "color" },
    { name: "noColor", short: "C", long: "no-color" },
    { name: "precise", short: "p", long: "precise" },
    { name: "noWrap", short: "w", long: "no-wrap" },
    { name: "help", short: "h", long: "help" },
    { name: "version", short: "v", long: "version" },
  ],
  parse: "posix",
  helpFlag: false,
  badOption: { kind: "usage", usage: USAGE },
  help: USAGE,
  async run(ctx, o, operands) {
    if (o.help) return { stdout: USAGE };
    if (o.version) return { stdout: "watch from procps-ng 4.0.2\n" };
    if (!operands.length) return { stdout: "", stderr: USAGE, exitCode: 1 };
    let intervalS = 2;
    if (typeof o.interval === "string") {
      const n = parseInterval(o.interval);
      if (n === undefined) return { stdout: "", stderr: `watch: failed to parse argument: '${o.interval}'\n`, exitCode: 1 };
      intervalS = n;
    }
    const line = o.exec ? operands.map(shellQuote).join(" ") : operands.join(" ");
    const title = !o.noTitle;
    const evidence = [`watch:${operands[0]}`];
    if (ctx.isTty && ctx.interactive) {
      let last = await ctx.exec(line);
      let busy = false;
      let lastRun = ctx.host.nowMs;
      const screen: FullScreenProgram & { refresh(): Promise<void> } = {
        intervalMs: intervalS * 1000,
        render(cols, rows) {
          if (!busy && ctx.host.nowMs - lastRun >= intervalS * 1000) void screen.refresh();
          const body = (last.stdout + last.stderr).split("\n").map((l) => l.slice(0, cols));
          const lines = title ? [watchHeader(ctx, intervalS, line, cols), "", ...body] : body;
          return lines.slice(0, rows).join("\n");
        },
        key(k) {
          if (k === "\x03" || k === "q") return "exit";
          return undefined;
        },
        async refresh() {
          busy = true;
          try {
            last = await ctx.exec(line);
            lastRun = ctx.host.nowMs;
          } finally {
            busy = false;
          }
        },
      };
      return { stdout: "", screen, evidence };
    }
    let out = "";
    let prev: string | undefined;
    for (;;) {
      const r = await ctx.exec(line);
      const text = (title ? `${watchHeader(ctx, intervalS, line, ctx.cols)}\n\n` : "") + r.stdout + r.stderr;
      if (!ctx.write(text + "\n")) out += text + "\n";
      if (o.errexit && r.exitCode !== 0) return { stdout: out, stderr: `watch: command exit with a non-zero status, press a key to exit\n`, exitCode: 8, evidence };
      if (o.chgexit && prev !== undefined && prev !== r.stdout) break;
      prev = r.stdout;
      if (!(await ctx.sleep(intervalS * 1000))) break;
    }
    return { stdout: out, evidence };
  },
});
