/**
 * uptime (procps-ng 4.0.2): time, uptime, users and the three load averages straight from
 * the kernel's fixed-point avenrun, plus -p (pretty) and -s (since).
 */
import { civilFromEpochMs, pad } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { prettyUptime, uptimeLine } from "../common/procps.js";

const USAGE = `
Usage:
 uptime [options]

Options:
 -p, --pretty   show uptime in pretty format
 -h, --help     display this help and exit
 -s, --since    system up since
 -V, --version  output version information and exit

For more details see uptime(1).
`;

export const uptimeCommand = defineCommand({
  name: "uptime",
  summary: "Tell how long the system has been running.",
  usage: "uptime [options]",
  options: [
    { name: "pretty", short: "p", long: "pretty" },
    { name: "since", short: "s", long: "since" },
    { name: "help", short: "h", long: "help" },
    { name: "version", short: "V", long: "version" },
  ],
  helpFlag: false,
  badOption: { kind: "usage", usage: USAGE },
  run(ctx, opts) {
    if (opts.help) return { stdout: USAGE };
    if (opts.version) return { stdout: "uptime from procps-ng 4.0.2\n" };
    if (opts.since) {
      const c = civilFromEpochMs(ctx.host.bootEpochMs);
      return { stdout: `${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}\n` };
    }
    if (opts.pretty) return { stdout: `${prettyUptime(ctx.host)}\n` };
    return { stdout: `${uptimeLine(ctx.host)}\n`, evidence: ["load"] };
  },
});
