/**
 * logger (util-linux 2.38.1): writes a message to the journal through ctx.act.journal, with
 * -t TAG (default: the user name), -p FACILITY.LEVEL or a number, -i (adds the pid), -s (also
 * to stderr), and the message from operands or stdin lines. Visible with journalctl -t TAG.
 */
import { defineCommand } from "../../spec/define-command.js";

const LEVELS = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];
const ALIASES: Record<string, string> = { panic: "emerg", error: "err", warn: "warning" };
const FACILITIES = ["kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7", "security"];

export const loggerCommand = defineCommand({
  name: "logger",
  summary: "Enter messages into the system log.",
  usage: "logger [options] [<message>]",
  version: "logger from util-linux 2.38.1",
  options: [
    { name: "tag", short: "t", long: "tag", arg: "required", description: "mark every line with this tag" },
    { name: "priority", short: "p", long: "priority", arg: "required", description: "mark given message with this priority" },
    { name: "id", short: "i", long: "id", arg: "optional", description: "log the logger command's PID" },
    { name: "stderr", short: "s", long: "stderr", description: "output message to standard error as well" },
    { name: "file", short: "f", long: "file", arg: "required", description: "log the contents of this file" },
    { name: "skipEmpty", short: "e", long: "skip-empty", description: "do not log empty lines when processing files" },
    { name: "noAct", long: "no-act", description: "do everything except the write the log" },
    { name: "journald", long: "journald", arg: "optional", description: "write journald entry" },
  ],
  async run(ctx, opts, operands) {
    let prio = 5;
    if (typeof opts.priority === "string") {
      const p = opts.priority;
      if (/^\d+$/.test(p)) prio = Number(p) & 7;
      else {
        const [fac, lvlRaw] = p.includes(".") ? p.split(".") : ["user", p];
        const lvl = ALIASES[lvlRaw ?? ""] ?? lvlRaw ?? "";
        if (!FACILITIES.includes(fac ?? "") && p.includes(".")) return { stdout: "", stderr: `logger: unknown facility name: ${fac}\n`, exitCode: 1 };
        const i = LEVELS.indexOf(lvl);
        if (i < 0) return { stdout: "", stderr: `logger: unknown priority name: ${lvlRaw}\n`, exitCode: 1 };
        prio = i;
      }
    }
    const tag = typeof opts.tag === "string" ? opts.tag : ctx.userName;
    let lines: string[];
    if (operands.length) lines = [operands.join(" ")];
    else if (typeof opts.file === "string") {
      const r = await ctx.exec(`cat '${opts.file.replace(/'/g, "'\\''")}'`);
      if (r.exitCode !== 0) return { stdout: "", stderr: `logger: failed to open ${opts.file}: No such file or directory\n`, exitCode: 1 };
      lines = r.stdout.split("\n").filter((l, i, a) => i < a.length - 1 || l);
    } else lines = ctx.stdin.split("\n").filter((l, i, a) => i < a.length - 1 || l);
    if (opts.skipEmpty) lines = lines.filter((l) => l.trim());
    let stderr = "";
    for (const l of lines) {
      if (!opts.noAct) ctx.act.journal(tag, l, prio);
      if (opts.stderr) stderr += `<${8 + prio}>${l}\n`.replace(/^<\d+>/, `${tag}${opts.id !== undefined ? `[${ctx.pid}]` : ""}: `);
    }
    return { stdout: "", stderr };
  },
});
