/**
 * dig (BIND 9.18): queries the nameservers of /etc/resolv.conf in order (or @server), each
 * `tries` times with `time` seconds per try (resolv.conf timeout:/attempts:, +time= +tries=),
 * printing ";; communications error to S#53: timed out" per lost try and advancing the sim
 * clock; prints the full HEADER/QUESTION/ANSWER/stats layout (tab-aligned like bind's
 * master-file style), +short, +noall +answer, -x, and REFUSED/SERVFAIL/NXDOMAIN statuses.
 * dig does not apply the search list (unless +search).
 *
 * Evidence keys: "dns:query:NAME:STATUS" (noerror/nxdomain/servfail/refused/timeout),
 * "dns:server:S:timeout" for each server that timed out.
 */
import { ctime } from "../../../engine/index.js";
import { blockingWait } from "../common/wait.js";
import { defineCommand } from "../../spec/define-command.js";
import { dnsExchange, isIPv4, readResolvConf, reverseName, type DnsOutcome } from "../common/net-model.js";

export const DIG_VERSION = "9.18.24-1-Debian";

/** Pads a field with tabs to the next multiple-of-8 column >= `col`. */
export function tabTo(s: string, col: number): string {
  let len = s.length;
  let out = s;
  do {
    out += "\t";
    len = (Math.floor(len / 8) + 1) * 8;
  } while (len < col);
  return out;
}

function wireLen(name: string): number {
  const n = name.replace(/\.$/, "");
  return n ? n.length + 2 : 1;
}

export function statusName(o: DnsOutcome): string {
  switch (o.kind) {
    case "answer":
    case "nodata":
      return "NOERROR";
    case "nxdomain":
      return "NXDOMAIN";
    case "servfail":
      return "SERVFAIL";
    case "refused":
      return "REFUSED";
    default:
      return "SERVFAIL";
  }
}

const HELP = `Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}
            {global-d-opt} host [@local-server] {local-d-opt}
            [ host [@local-server] {local-d-opt} [...]]
Where:  domain	  is in the Domain Name System
        q-class  is one of (in,hs,ch,...) [default: in]
        q-type   is one of (a,any,mx,ns,soa,hinfo,axfr,txt,...) [default:a]
                 (Use ixfr=version for type ixfr)
        q-opt    is one of:
                 -4                  (use IPv4 query transport only)
                 -6                  (use IPv6 query transport only)
                 -b address[#port]   (bind to source address/port)
                 -c class            (specify query class)
                 -f filename         (batch mode)
                 -k keyfile          (specify tsig key file)
                 -m                  (enable memory usage debugging)
                 -p port             (specify port number)
                 -q name             (specify query name)
                 -r                  (do not read ~/.digrc)
                 -t type             (specify query type)
                 -u                  (display times in usec instead of msec)
                 -x dot-notation     (shortcut for reverse lookups)
                 -y [hmac:]name:key  (specify named base64 tsig key)
        d-opt    is of the form +keyword[=value], where keyword is:
                 +[no]all            (Set or clear all display flags)
                 +[no]answer         (Control display of answer section)
                 +[no]cmd            (Control display of command line -
                                      global option)
                 +[no]short          (Display nothing except short
                                      form of answers - global option)
                 +[no]stats          (Control display of statistics)
                 +[no]question       (Control display of question section)
                 +[no]comments       (Control display of packet header
                                      and section name comments)
                 +[no]search         (Set whether to use searchlist)
                 +time=###           (Set query timeout) [5]
                 +tries=###          (Set number of UDP attempts) [3]
        global d-opts and servers (before host name) affect all queries.
        local d-opts and servers (after host name) affect only that lookup.
        -h                           (print help and exit)
        -v                           (print version and exit)
`;

export const digCommand = defineCommand({
  name: "dig",
  summary: "DNS lookup utility",
  usage: "dig [@server] [name] [type] [+options]",
  options: [],
  parse: "raw",
  help: HELP,
  async run(ctx, _o, _ops, argv) {
    let server: string | undefined;
    let name: string | undefined;
    let type = "A";
    let short = false;
    const show = { cmd: true, comments: true, question: true, answer: true, stats: true, authority: true, additional: true };
    let timeS: number | undefined;
    let tries: number | undefined;
    let search = false;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a.startsWith("@")) server = a.slice(1);
      else if (a.startsWith("+")) {
        const [k0, v] = a.slice(1).split("=", 2) as [string, string | undefined];
        const no = k0.startsWith("no");
        const k = no ? k0.slice(2) : k0;
        if (k === "short") short = !no;
        else if (k === "all") for (const key of Object.keys(show) as (keyof typeof show)[]) show[key] = !no;
        else if (k in show) show[k as keyof typeof show] = !no;
        else if (k === "time" || k === "timeout") timeS = Math.max(1, Number(v) || 1);
        else if (k === "tries") tries = Math.max(1, Number(v) || 1);
        else if (k === "retry") tries = Math.max(0, Number(v) || 0) + 1;
        else if (k === "search") search = !no;
        else if (["tcp", "vc", "recurse", "trace", "dnssec", "multiline", "ttlid", "cookie", "edns", "nsid", "identify", "ttlunits", "class"].includes(k)) void 0;
        else return { stdout: "", stderr: `Invalid option: ${a}\n${HELP}`, exitCode: 1 };
      } else if (a === "-x") {
        const v = argv[++i];
        if (!v || !isIPv4(v)) return { stdout: "", stderr: `Invalid IP address ${v ?? ""}\n`, exitCode: 1 };
        name = v;
        type = "PTR";
      } else if (a === "-t") type = (argv[++i] ?? "A").toUpperCase();
      else if (a === "-q") name = argv[++i];
      else if (a === "-p" || a === "-b" || a === "-c" || a === "-k" || a === "-y") i++;
      else if (a === "-h") return { stdout: HELP };
      else if (a === "-v") return { stdout: "", stderr: `DiG ${DIG_VERSION}\n` };
      else if (a === "-4" || a === "-6" || a === "-r" || a === "-u" || a === "-m") void 0;
      else if (a.startsWith("-")) return { stdout: "", stderr: `Invalid option: ${a}\n${HELP}`, exitCode: 1 };
      else if (/^(A|AAAA|MX|NS|TXT|CNAME|SOA|PTR|ANY|SRV|CAA)$/i.test(a) && name !== undefined) type = a.toUpperCase();
      else if (/^(IN|CH|HS)$/i.test(a) && name !== undefined) void 0;
      else name = a;
    }
    const cmdline = argv.join(" ");
    const rc = readResolvConf(ctx.host);
    const servers = server ? [server] : rc.nameservers;
    if (name === undefined) {
      name = ".";
      type = "NS";
    }
    let qname = type === "PTR" && isIPv4(name) ? reverseName(name) + "." : name.endsWith(".") ? name : `${name}.`;
    if (search && !name.endsWith(".") && rc.search.length && !name.includes(".")) qname = `${name}.${rc.search[0]}.`;
    const qtype = type === "PTR" ? "PTR" : type === "AAAA" ? "AAAA" : "A";
    const ex = dnsExchange(ctx.host, servers, type === "PTR" && isIPv4(name) ? name : qname.replace(/\.$/, ""), qtype, { timeoutS: timeS, tries });
    if (ex.elapsedMs > 0 && !(await blockingWait(ctx, ex.elapsedMs))) return { stdout: ex.notes.map((n) => n + "\n").join(""), exitCode: 130 };
    const evidence = ex.notes.filter((n) => n.endsWith("timed out")).map((n) => `dns:server:${/to (\S+)#/.exec(n)?.[1] ?? ""}:timeout`);
    let out = ex.notes.map((n) => n + "\n").join("");
    const bare = qname.replace(/\.$/, "");
    if (!ex.server) {
      evidence.push(`dns:query:${bare}:timeout`);
      if (short) return { stdout: out + ";; no servers could be reached\n", exitCode: 9, evidence: [...new Set(evidence)] };
      if (show.cmd) out += `\n; <<>> DiG ${DIG_VERSION} <<>> ${cmdline}\n${server ? "; (1 server found)\n" : ""};; global options: +cmd\n`;
      out += ";; no servers could be reached\n";
      return { stdout: out, exitCode: 9, evidence: [...new Set(evidence)] };
    }
    const o = ex.outcome;
    const status = statusName(o);
    evidence.push(`dns:query:${bare}:${status.toLowerCase()}`);
    const answers = o.kind === "answer" && (type === "A" || type === "AAAA" || type === "PTR" || type === "ANY") ? o.addrs : [];
    const ttl = 300 - (Math.floor(ctx.host.epochMs() / 1000) % 300);
    const rrType = type === "PTR" ? "PTR" : type === "AAAA" ? "AAAA" : "A";
    const rdata = (a: string): string => (type === "PTR" ? `${a.replace(/\.$/, "")}.` : a);
    if (short) {
      out += answers.map((a) => rdata(a) + "\n").join("");
      return { stdout: out, evidence: [...new Set(evidence)] };
    }
    const id = ctx.host.rng.int(1, 65535);
    const refused = o.kind === "refused";
    if (show.cmd) out += `\n; <<>> DiG ${DIG_VERSION} <<>> ${cmdline}\n${server ? "; (1 server found)\n" : ""};; global options: +cmd\n`;
    if (show.comments) {
      out += `;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}\n`;
      out += `;; flags: qr rd${refused ? "" : " ra"}; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: 0, ADDITIONAL: 1\n`;
      if (refused) out += `;; WARNING: recursion requested but not available\n`;
      out += `\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n`;
    }
    if (show.question) out += `${show.comments ? ";; QUESTION SECTION:\n" : ""}${tabTo(`;${qname}`, 32)}IN\t${type}\n`;
    if (show.answer && answers.length) {
      if (show.comments || show.question) out += "\n";
      if (show.comments) out += ";; ANSWER SECTION:\n";
      for (const a of answers) out += `${tabTo(qname, 24)}${ttl}\tIN\t${rrType}\t${rdata(a)}\n`;
    }
    const size = 12 + wireLen(qname) + 4 + 11 + answers.reduce((s, a) => s + 12 + (rrType === "A" ? 4 : rrType === "AAAA" ? 16 : wireLen(rdata(a))), 0);
    if (show.stats) {
      out += `\n;; Query time: ${Math.max(0, Math.round(ex.rttMs))} msec\n;; SERVER: ${ex.server}#53(${ex.server}) (UDP)\n;; WHEN: ${ctime(ctx.host.epochMs()).replace(/ (\d{4})$/, " UTC $1")}\n;; MSG SIZE  rcvd: ${size}\n\n`;
    } else if (show.comments || show.question || answers.length) out += "";
    return { stdout: out, evidence: [...new Set(evidence)] };
  },
});
