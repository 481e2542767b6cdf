/**
 * hostname (net-tools/hostname 3.23): the host's name; -s, -f (canonical name from
 * /etc/hosts), -d (domain), -i (addresses of the name), -I (all global addresses).
 * Setting the name is refused for non-root like the real tool.
 *
 * Evidence keys: "net:addrs" for -i/-I.
 */
import { defineCommand } from "../../spec/define-command.js";
import { hostsLookup } from "../common/net-model.js";

const HELP = "Usage: hostname [-b] {hostname|-F file}         set host name (from file)\n       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name\n       hostname                                 display host name\n\n       {yp,nis,}domainname {nisdomain|-F file}  set NIS domain name (from file)\n       {yp,nis,}domainname                      display NIS domain name\n\n       dnsdomainname                            display dns domain name\n\n       hostname -V|--version|-h|--help          print info and exit\n\nProgram name:\n       {yp,nis,}domainname=hostname -y\n       dnsdomainname=hostname -d\n\nProgram options:\n    -a, --alias            alias names\n    -A, --all-fqdns        all long host names (FQDNs)\n    -b, --boot             set default hostname if none available\n    -d, --domain           DNS domain name\n    -f, --fqdn, --long     long host name (FQDN)\n    -F, --file             read host name or NIS domain name from given file\n    -i, --ip-address       addresses for the host name\n    -I, --all-ip-addresses all addresses for the host\n    -s, --short            short host name\n    -y, --yp, --nis        NIS/YP domain name\n\nDescription:\n   This command can get or set the host name or the NIS domain name. You can\n   also get the DNS domain or the FQDN (fully qualified domain name).\n   Unless you are using bind or NIS for host lookups you can change the\n   FQDN (Fully Qualified Domain Name) and the DNS domain name (which is\n   part of the FQDN) in the /etc/hosts file.\n";

export const hostnameCommand = defineCommand({
  name: "hostname",
  summary: "show or set the system's host name",
  usage: "hostname [-a|-A|-d|-f|-i|-I|-s|-y]",
  options: [
    { name: "alias", short: "a", long: "alias" },
    { name: "allFqdns", short: "A", long: "all-fqdns" },
    { name: "boot", short: "b", long: "boot" },
    { name: "domain", short: "d", long: "domain" },
    { name: "fqdn", short: "f", long: "fqdn", aliases: ["long"] },
    { name: "file", short: "F", long: "file", arg: "required" },
    { name: "ip", short: "i", long: "ip-address" },
    { name: "allIps", short: "I", long: "all-ip-addresses" },
    { name: "short", short: "s", long: "short" },
    { name: "yp", short: "y", long: "yp", aliases: ["nis"] },
    { name: "version", short: "V", long: "version" },
  ],
  badOption: { kind: "usage", usage: HELP, exitCode: 255 }, // net-tools: the getopt message, then the usage
  help: HELP,
  run(ctx, o, operands) {
    const h = ctx.host;
    if (o.version) return { stdout: "", stderr: "hostname 3.23+nmu1\n" };
    if (operands.length || o.file) {
      if (ctx.cred.uid !== 0) return { stdout: "", stderr: "hostname: you must be root to change the host name\n", exitCode: 1 };
      return { stdout: "", stderr: "hostname: changing the host name is not supported in this simulator (edit /etc/hostname)\n", exitCode: 1 };
    }
    const name = h.hostname;
    const canon = hostsLookup(h, name, "inet")?.canon ?? name;
    if (o.short) return { stdout: `${name.split(".")[0]}\n` };
    if (o.fqdn || o.allFqdns) return { stdout: `${canon}${o.allFqdns ? " " : ""}\n` };
    if (o.domain) return { stdout: `${canon.includes(".") ? canon.slice(canon.indexOf(".") + 1) : ""}\n` };
    if (o.yp) return { stdout: "", stderr: "hostname: Local domain name not set\n", exitCode: 1 };
    if (o.alias) return { stdout: "\n" };
    if (o.ip) {
      const a = hostsLookup(h, name, "inet")?.addrs ?? [];
      if (!a.length) return { stdout: "", stderr: "hostname: Name or service not known\n", exitCode: 1 };
      return { stdout: a.join(" ") + "\n", evidence: ["net:addrs"] };
    }
    if (o.allIps) {
      const addrs = h.net.interfaces.filter((i) => i.up && i.name !== "lo").flatMap((i) => i.addrs.filter((a) => a.scope === "global").map((a) => a.addr));
      return { stdout: addrs.map((a) => a + " ").join("") + "\n", evidence: ["net:addrs"] };
    }
    return { stdout: `${name}\n` };
  },
});
