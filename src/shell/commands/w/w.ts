/**
 * w (procps-ng 4.0.2): the uptime line, then one row per login session: USER TTY FROM
 * LOGIN@ IDLE JCPU PCPU WHAT. JCPU is the CPU time of everything on that terminal; PCPU
 * prints "?" as procps 4.0.2 does; WHAT is the terminal's foreground command (this w, or
 * the shell). -h no header, -s short, -f toggles FROM, -i, -o old style, -u accepted.
 */
import { civilFromEpochMs, pad, WEEKDAYS, MONTHS } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { uptimeLine } from "../common/procps.js";
import { argsOf, snapshot, HZ } from "../ps/proc-view.js";

const HELP = "\nUsage:\n w [options] [user]\n\nOptions:\n -h, --no-header     do not print header\n -u, --no-current    ignore current process username\n -s, --short         short format\n -f, --from          show remote hostname field\n -o, --old-style     old style output\n -i, --ip-addr       display IP address instead of hostname (if possible)\n\n     --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see w(1).\n";

function ival7(secs: number, centi: number): string {
  if (secs >= 48 * 3600) return ` ${String(Math.floor(secs / 86400)).padStart(2)}days`;
  if (secs >= 3600) return ` ${String(Math.floor(secs / 3600)).padStart(2)}:${pad(Math.floor(secs / 60) % 60)}m`;
  if (secs > 60) return ` ${String(Math.floor(secs / 60)).padStart(2)}:${pad(secs % 60)} `;
  return ` ${String(secs).padStart(2)}.${pad(centi)}s`;
}

export const wCommand = defineCommand({
  name: "w",
  summary: "Show who is logged on and what they are doing.",
  usage: "w [options] [user]",
  options: [
    { name: "noHeader", short: "h", long: "no-header" },
    { name: "noCurrent", short: "u", long: "no-current" },
    { name: "short", short: "s", long: "short" },
    { name: "from", short: "f", long: "from" },
    { name: "old", short: "o", long: "old-style" },
    { name: "ip", short: "i", long: "ip-addr" },
    { name: "help", long: "help" },
    { name: "version", short: "V", long: "version" },
  ],
  helpFlag: false,
  badOption: { kind: "usage", usage: HELP },
  run(ctx, o, ops) {
    if (o.help) return { stdout: HELP };
    if (o.version) return { stdout: "w from procps-ng 4.0.2\n" };
    const host = ctx.host;
    const showFrom = !o.from;
    const long = !o.short;
    let out = "";
    if (!o.noHeader) {
      out += `${uptimeLine(host)}\n`;
      out += `${"USER".padEnd(8)} TTY      ${showFrom ? "FROM".padEnd(15) : ""}${long ? "  LOGIN@   IDLE   JCPU   PCPU WHAT" : "   IDLE WHAT"}\n`;
    }
    const tasks = snapshot(ctx, { comm: "w", argv: ["w"], rssKiB: 3700, vszKiB: 9000, shrKiB: 3100 });
    const nowEpoch = host.epochMs();
    for (const l of host.logins) {
      if (ops[0] && l.user !== ops[0]) continue;
      const onTty = tasks.filter((t) => t.tty === l.tty);
      const jcpu = onTty.reduce((a, t) => a + t.ticks, 0);
      const fg = onTty.filter((t) => t.pgid === t.tpgid && t.state !== "Z").sort((a, b) => b.pid - a.pid)[0] ?? onTty.find((t) => t.pid === l.pid);
      const what = fg ? argsOf(fg) : "-";
      let line = `${l.user.slice(0, 8).padEnd(9)}${l.tty.slice(0, 8).padEnd(9)}`;
      if (showFrom) line += l.from.slice(0, 16).padEnd(16);
      if (long) {
        const logEpoch = host.bootEpochMs + l.loginMs;
        const lt = civilFromEpochMs(logEpoch);
        const nt = civilFromEpochMs(nowEpoch);
        if (nowEpoch - logEpoch > 12 * 3600000 && lt.yearDay !== nt.yearDay) {
          if (nowEpoch - logEpoch > 6 * 86400000) line += ` ${pad(lt.day)}${MONTHS[lt.month - 1]}${pad(lt.year % 100)}`;
          else line += ` ${WEEKDAYS[lt.weekday]}${pad(lt.hour)}  `;
        } else line += ` ${pad(lt.hour)}:${pad(lt.minute)}  `;
        line += ival7(0, 0);
        line += ival7(Math.floor(jcpu / HZ), jcpu % HZ);
        line += "   ?   ";
      } else line += ival7(0, 0);
      line += ` ${what}`;
      out += line + "\n";
    }
    return { stdout: out, evidence: ["users", "load"] };
  },
});
