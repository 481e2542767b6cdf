/**
 * nslookup (BIND 9.18), non-interactive: "Server:/Address:" of the nameserver that
 * answered, "Non-authoritative answer:" records, "** server can't find X: NXDOMAIN", and
 * the timeout notes of servers that did not answer (each timeout advances the sim clock).
 *
 * Evidence keys: "dns:query:NAME:STATUS", "dns:server:S:timeout".
 */
import { blockingWait } from "../common/wait.js";
import { defineCommand } from "../../spec/define-command.js";
import { dnsExchange, isIPv4, readResolvConf, reverseName } from "../common/net-model.js";
import { statusName } from "../dig/dig.js";

export const nslookupCommand = defineCommand({
  name: "nslookup",
  summary: "query Internet name servers interactively",
  usage: "nslookup [-option] [name | -] [server]",
  options: [],
  parse: "raw",
  async run(ctx, _o, _ops, argv) {
    let timeoutS: number | undefined;
    let tries: number | undefined;
    let qtype: "A" | "AAAA" = "A";
    const ops: string[] = [];
    for (const a of argv) {
      if (a.startsWith("-") && a.length > 1) {
        const [k, v] = a.slice(1).split("=", 2) as [string, string | undefined];
        if (k === "timeout") timeoutS = Math.max(1, Number(v) || 1);
        else if (k === "retry") tries = Math.max(1, Number(v) || 1);
        else if (k === "type" || k === "querytype" || k === "q") qtype = v?.toUpperCase() === "AAAA" ? "AAAA" : "A";
        else if (k === "version") return { stdout: "nslookup 9.18.24-1-Debian\n" };
        continue;
      }
      ops.push(a);
    }
    const name = ops[0];
    if (!name) return { stdout: "", stderr: "nslookup: interactive mode is not available here; give a name: nslookup NAME [SERVER]\n", exitCode: 1 };
    const rc = readResolvConf(ctx.host);
    const servers = ops[1] ? [ops[1]] : rc.nameservers;
    const rev = isIPv4(name);
    let qname = rev ? name : name.replace(/\.$/, "");
    if (!rev && !name.includes(".") && rc.search.length) qname = `${name}.${rc.search[0]}`;
    const ex = dnsExchange(ctx.host, servers, qname, rev ? "PTR" : qtype, { timeoutS, tries, defaultTries: 2 });
    if (ex.elapsedMs > 0 && !(await blockingWait(ctx, ex.elapsedMs))) return { stdout: "", exitCode: 130 };
    let out = ex.notes.map((n) => n + "\n").join("");
    const evidence = ex.notes.filter((n) => n.endsWith("timed out")).map((n) => `dns:server:${/to (\S+)#/.exec(n)?.[1] ?? ""}:timeout`);
    if (!ex.server) {
      evidence.push(`dns:query:${qname}:timeout`);
      return { stdout: out + ";; no servers could be reached\n\n", exitCode: 1, evidence };
    }
    out += `Server:\t\t${ex.server}\nAddress:\t${ex.server}#53\n\n`;
    const st = statusName(ex.outcome);
    evidence.push(`dns:query:${qname}:${st.toLowerCase()}`);
    if (ex.outcome.kind === "answer") {
      if (rev) out += ex.outcome.addrs.map((a) => `${reverseName(name)}\tname = ${a}.\n`).join("") + "\n";
      else out += `Non-authoritative answer:\n${ex.outcome.addrs.map((a) => `Name:\t${qname}\nAddress: ${a}\n`).join("")}\n`;
      return { stdout: out, evidence };
    }
    if (ex.outcome.kind === "nodata") return { stdout: out + `Non-authoritative answer:\n*** Can't find ${qname}: No answer\n\n`, evidence };
    out += `** server can't find ${rev ? reverseName(name) : qname}: ${st}\n\n`;
    return { stdout: out, exitCode: 1, evidence };
  },
});
