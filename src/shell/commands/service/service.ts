/**
 * service (Debian init-system-helpers): the thin SysV-style wrapper that hands
 * `service UNIT ACTION` to systemctl (start, stop, restart, reload, status, force-reload,
 * try-restart), plus --status-all and --help, with the wrapper's own usage errors.
 */
import { defineCommand } from "../../spec/define-command.js";
import { allUnits } from "../systemctl/units.js";

const USAGE = "Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n";

export const serviceCommand = defineCommand({
  name: "service",
  summary: "Run a System V init script (systemd wrapper).",
  usage: "service SCRIPT COMMAND [OPTIONS]",
  help: USAGE,
  parse: "raw",
  options: [],
  completeOperands: "service",
  async run(ctx, _opts, operands) {
    const [name, action, ...rest] = operands;
    if (!name || name === "--help" || name === "-h") return { stdout: "", stderr: USAGE, exitCode: name ? 0 : 1 };
    if (name === "--version") return { stdout: "service ver. 1.65.2\n" };
    if (name === "--status-all") {
      const lines = allUnits(ctx.host).map((u) => ` [ ${u.active === "active" ? "+" : "-"} ]  ${u.name.replace(/\.service$/, "")}\n`);
      return { stdout: lines.join("") };
    }
    if (!action) return { stdout: "", stderr: USAGE, exitCode: 1 };
    const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;
    const verb = action === "force-reload" ? "reload-or-restart" : action === "--full-restart" ? "restart" : action;
    if (!["start", "stop", "restart", "reload", "status", "reload-or-restart", "try-restart"].includes(verb)) {
      return { stdout: "", stderr: `Usage: /etc/init.d/${name} {start|stop|restart|reload|force-reload|status}\n`, exitCode: 1 };
    }
    const extra = verb === "status" ? " --no-pager" : "";
    const r = await ctx.exec(`systemctl ${verb}${extra} ${quote(name)} ${rest.map(quote).join(" ")}`.trimEnd());
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, evidence: verb === "status" ? [`unit:${name.replace(/\.service$/, "")}:status`] : [] };
  },
});
