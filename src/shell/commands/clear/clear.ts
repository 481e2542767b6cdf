/**
 * clear (ncurses 6.4): homes the cursor, clears the screen and the scrollback
 * (ESC[H ESC[2J ESC[3J), -x keeps the scrollback.
 */
import { defineCommand } from "../../spec/define-command.js";

const USAGE = `Usage: clear [options]

Options:
  -T TERM     use this instead of $TERM
  -V          print curses-version
  -x          do not try to clear scrollback
`;

export const clearCommand = defineCommand({
  name: "clear",
  summary: "clear the terminal screen",
  usage: "clear [options]",
  options: [
    { name: "term", short: "T", arg: "required" },
    { name: "version", short: "V" },
    { name: "x", short: "x" },
  ],
  badOption: { kind: "custom", render: (opt) => ({ stderr: `clear: invalid option -- '${opt}'\n${USAGE}`, exitCode: 1 }) },
  help: USAGE,
  run(_ctx, o) {
    if (o.version) return { stdout: "ncurses 6.4.20221231\n" };
    return { stdout: o.x ? "\x1b[H\x1b[2J" : "\x1b[H\x1b[2J\x1b[3J" };
  },
});
