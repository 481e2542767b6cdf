/**
 * getent (glibc 2.36): hosts / ahosts / ahostsv4 through the nsswitch model (/etc/hosts,
 * then DNS with the resolver's search list and timeouts, which advance the sim clock),
 * passwd / group / services / shells from the /etc files. Exit 2 when a key is not found.
 *
 * Evidence keys: "dns:lookup:NAME:ok|fail", "users:passwd", "users:group".
 */
import { blockingWait } from "../common/wait.js";
import { defineCommand } from "../../spec/define-command.js";
import { hostsLookup, hostsSources, isIPv4, readConf, resolveHost } from "../common/net-model.js";

const USAGE = `Usage: getent [OPTION...] database [key ...]
Get entries from administrative database.

  -i, --no-idn               disable IDN encoding
  -s, --service=CONFIG       Service configuration to be used
  -?, --help                 Give this help list
      --usage                Give a short usage message
  -V, --version              Print program version

Mandatory or optional arguments to long options are also mandatory or optional
for any corresponding short options.

Supported databases:
ahosts ahostsv4 ahostsv6 aliases ethers group gshadow hosts initgroups
netgroup networks passwd protocols rpc services shadow

For bug reporting instructions, please see:
<https://www.gnu.org/software/libc/bugs.html>.
`;

function fileDb(text: string, keys: string[], byNumber: number): { out: string; missing: boolean } {
  const lines = text.split("\n").filter((l) => l && !l.startsWith("#"));
  if (!keys.length) return { out: lines.map((l) => l + "\n").join(""), missing: false };
  let out = "";
  let missing = false;
  for (const k of keys) {
    const hit = lines.find((l) => {
      const f = l.split(":");
      return f[0] === k || (/^\d+$/.test(k) && f[byNumber] === k);
    });
    if (hit) out += hit + "\n";
    else missing = true;
  }
  return { out, missing };
}

export const getentCommand = defineCommand({
  name: "getent",
  summary: "get entries from Name Service Switch libraries",
  usage: "getent [OPTION...] database [key ...]",
  options: [
    { name: "noIdn", short: "i", long: "no-idn" },
    { name: "service", short: "s", long: "service", arg: "required" },
    { name: "version", short: "V", long: "version" },
  ],
  help: USAGE,
  async run(ctx, o, operands) {
    if (o.version) return { stdout: "getent (Debian GLIBC 2.36-9+deb12u4) 2.36\n" };
    const [db, ...keys] = operands;
    if (!db) return { stdout: "", stderr: "getent: wrong number of arguments\nTry `getent --help' or `getent --usage' for more information.\n", exitCode: 1 };
    if (db === "passwd" || db === "group" || db === "shells" || db === "services" || db === "protocols" || db === "networks" || db === "shadow" || db === "gshadow") {
      if (db === "shadow" || db === "gshadow") {
        if (ctx.cred.uid !== 0) return { stdout: "", exitCode: keys.length ? 2 : 0 };
      }
      const path = db === "shells" ? "/etc/shells" : `/etc/${db}`;
      const text = readConf(ctx.host, path) ?? "";
      if (db === "services" || db === "protocols" || db === "networks" || db === "shells") {
        const lines = text.split("\n").filter((l) => l && !l.startsWith("#"));
        if (!keys.length) return { stdout: lines.map((l) => l + "\n").join("") };
        const hits = keys.map((k) => lines.find((l) => l.split(/\s+/).some((w) => w === k || w.split("/")[0] === k)));
        return { stdout: hits.filter(Boolean).map((l) => l + "\n").join(""), exitCode: hits.some((h) => !h) ? 2 : 0 };
      }
      const r = fileDb(text, keys, 2);
      return { stdout: r.out, exitCode: r.missing ? 2 : 0, evidence: [db === "passwd" ? "users:passwd" : "users:group"] };
    }
    if (db === "hosts" || db === "ahosts" || db === "ahostsv4" || db === "ahostsv6") {
      if (!keys.length) {
        if (db !== "hosts") return { stdout: "", exitCode: 0 };
        const text = readConf(ctx.host, "/etc/hosts") ?? "";
        return { stdout: text.split("\n").map((l) => l.replace(/#.*$/, "").trim()).filter(Boolean).map((l) => { const [a, ...n] = l.split(/\s+/); return `${a!.padEnd(15)} ${n.join(" ")}\n`; }).join("") };
      }
      let out = "";
      let missing = false;
      const evidence: string[] = [];
      for (const k of keys) {
        if (db === "hosts" && !isIPv4(k) && hostsSources(ctx.host).includes("files")) {
          const v6 = hostsLookup(ctx.host, k, "inet6");
          if (v6) {
            const names = (readConf(ctx.host, "/etc/hosts") ?? "").split("\n").map((l) => l.replace(/#.*$/, "").trim().split(/\s+/)).find((f) => f[0] === v6.addrs[0] && f.slice(1).includes(k));
            out += `${v6.addrs[0]!.padEnd(15)} ${(names?.slice(1) ?? [k]).join(" ")}\n`;
            continue;
          }
        }
        const r = resolveHost(ctx.host, k, db === "ahostsv6" ? "inet6" : "inet");
        if (r.elapsedMs > 0 && !(await blockingWait(ctx, r.elapsedMs))) return { stdout: out, exitCode: 130 };
        if (!r.ok) {
          missing = true;
          if (!isIPv4(k)) evidence.push(`dns:lookup:${k}:fail`);
          continue;
        }
        if (!isIPv4(k)) evidence.push(`dns:lookup:${k}:ok`);
        let canon = r.canon;
        let aliases = "";
        if (isIPv4(k)) {
          const line = (readConf(ctx.host, "/etc/hosts") ?? "").split("\n").map((l) => l.replace(/#.*$/, "").trim().split(/\s+/)).find((f) => f[0] === k);
          const dnsName = Object.entries(ctx.host.net.dnsRecords).find(([n, v]) => v.includes(k) && n !== "localhost")?.[0];
          if (line && line.length > 1) {
            canon = line[1]!;
            aliases = line.slice(2).join(" ");
          } else if (dnsName) canon = dnsName;
          else {
            missing = true;
            continue;
          }
        } else {
          const line = (readConf(ctx.host, "/etc/hosts") ?? "").split("\n").map((l) => l.replace(/#.*$/, "").trim().split(/\s+/)).find((f) => f.slice(1).includes(k));
          if (line) {
            canon = line[1]!;
            aliases = line.slice(2).join(" ");
          }
        }
        if (db === "hosts") for (const a of r.addrs) out += `${a.padEnd(15)} ${[canon, aliases].filter(Boolean).join(" ")}\n`;
        else
          for (const a of r.addrs) {
            out += `${a.padEnd(15)} STREAM ${canon}\n${a.padEnd(15)} DGRAM  \n${a.padEnd(15)} RAW    \n`;
          }
      }
      return { stdout: out, exitCode: missing ? 2 : 0, evidence };
    }
    return { stdout: "", stderr: `Unknown database: ${db}\nTry \`getent --help' or \`getent --usage' for more information.\n`, exitCode: 1 };
  },
});
