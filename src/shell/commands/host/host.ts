/**
 * host (BIND 9.18): short lookups through the resolv.conf nameservers (or a given server),
 * "NAME has address A", reverse "in-addr.arpa domain name pointer", the NXDOMAIN/SERVFAIL/
 * REFUSED "not found" lines and the timeout notes; timeouts advance the sim clock.
 *
 * Evidence keys: "dns:query:NAME:STATUS", "dns:server:S:timeout".
 */
import { blockingWait } from "../common/wait.js";
import { defineCommand } from "../../spec/define-command.js";
import { dnsExchange, isIPv4, readResolvConf, reverseName } from "../common/net-model.js";
import { statusName } from "../dig/dig.js";

const USAGE = `Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]
            [-R number] [-m flag] [-p port] hostname [server]
       -a is equivalent to -v -t ANY
       -A is like -a but omits RRSIG, NSEC, NSEC3
       -c specifies query class for non-IN data
       -C compares SOA records on authoritative nameservers
       -d is equivalent to -v
       -l lists all hosts in a domain, using AXFR
       -m set memory debugging flag (trace|record|usage)
       -N changes the number of dots allowed before root lookup is done
       -p specifies the port on the server to query
       -r disables recursive processing
       -R specifies number of retries for UDP packets
       -s a SERVFAIL response should stop query
       -t specifies the query type
       -T enables TCP/IP mode
       -U enables UDP mode
       -v enables verbose output
       -V print version number and exit
       -w specifies to wait forever for a reply
       -W specifies how long to wait for a reply
       -4 use IPv4 query transport only
       -6 use IPv6 query transport only
`;

const CODES: Record<string, string> = { NXDOMAIN: "3(NXDOMAIN)", SERVFAIL: "2(SERVFAIL)", REFUSED: "5(REFUSED)" };

export const hostCommand = defineCommand({
  name: "host",
  summary: "DNS lookup utility",
  usage: "host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time] [-R number] [-m flag] [-p port] hostname [server]",
  options: [
    { name: "type", short: "t", arg: "required" },
    { name: "wait", short: "W", arg: "required" },
    { name: "retries", short: "R", arg: "required" },
    { name: "verbose", short: "v" },
    { name: "all", short: "a" },
    { name: "d", short: "d" },
    { name: "tcp", short: "T" },
    { name: "v4", short: "4" },
    { name: "v6", short: "6" },
    { name: "version", short: "V" },
    { name: "r", short: "r" },
    { name: "s", short: "s" },
  ],
  helpFlag: false,
  badOption: { kind: "custom", render: () => ({ stderr: USAGE, exitCode: 1 }) },
  help: USAGE,
  async run(ctx, o, operands) {
    if (o.version) return { stdout: "", stderr: "host 9.18.24-1-Debian\n" };
    const name = operands[0];
    if (!name) return { stdout: "", stderr: USAGE, exitCode: 1 };
    const server = operands[1];
    const rc = readResolvConf(ctx.host);
    const servers = server ? [server] : rc.nameservers;
    const wait = o.wait !== undefined ? Math.max(1, Number(o.wait) || 1) : undefined;
    const tries = o.retries !== undefined ? Math.max(1, Number(o.retries) || 1) : undefined;
    let out = server ? `Using domain server:\nName: ${server}\nAddress: ${server}#53\nAliases: \n\n` : "";
    const rev = isIPv4(name);
    let qname = rev ? name : name.replace(/\.$/, "");
    if (!rev && !name.endsWith(".") && !name.includes(".") && rc.search.length) qname = `${name}.${rc.search[0]}`;
    const types: ("A" | "AAAA" | "PTR")[] = rev ? ["PTR"] : typeof o.type === "string" ? [o.type.toUpperCase() === "AAAA" ? "AAAA" : "A"] : ["A", "AAAA"];
    const evidence: string[] = [];
    let exitCode = 0;
    for (const t of types) {
      const ex = dnsExchange(ctx.host, servers, qname, t, { timeoutS: wait, tries, defaultTries: 2 });
      if (ex.elapsedMs > 0 && !(await blockingWait(ctx, ex.elapsedMs))) return { stdout: out, exitCode: 130 };
      out += ex.notes.map((n) => n + "\n").join("");
      for (const n of ex.notes) if (n.endsWith("timed out")) evidence.push(`dns:server:${/to (\S+)#/.exec(n)?.[1] ?? ""}:timeout`);
      const shown = rev ? reverseName(name) : qname;
      if (!ex.server) {
        out += ";; no servers could be reached\n";
        evidence.push(`dns:query:${shown}:timeout`);
        return { stdout: out, exitCode: 1, evidence };
      }
      const st = statusName(ex.outcome);
      evidence.push(`dns:query:${shown}:${st.toLowerCase()}`);
      if (ex.outcome.kind === "answer") {
        for (const a of ex.outcome.addrs) out += rev ? `${shown} domain name pointer ${a}.\n` : `${qname} has ${t === "AAAA" ? "IPv6 address" : "address"} ${a}\n`;
      } else if (ex.outcome.kind !== "nodata") {
        out += `Host ${rev ? shown + "." : qname} not found: ${CODES[st] ?? st}\n`;
        exitCode = 1;
        break;
      }
    }
    return { stdout: out, exitCode, evidence: [...new Set(evidence)] };
  },
});
