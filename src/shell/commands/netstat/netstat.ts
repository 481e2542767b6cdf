/**
 * netstat (net-tools 2.10): the connection table (-t -u -a -l -n -p -e -W), the routing
 * table (-r), the interface table (-i) and a minimal protocol summary (-s), rendered with
 * the tool's fixed printf widths. Without -n, ports and well-known addresses are named.
 * Non-root -p prints the "Not all processes could be identified" notice on stderr and "-"
 * for processes the user does not own.
 *
 * Evidence keys: "net:listen", "net:conns", "net:sock-procs", "net:routes", "net:ifaces",
 * "net:tcp-stats".
 */
import type { Host } from "../../../engine/index.js";
import { defineCommand, type CommandContext, type CommandResult } from "../../spec/define-command.js";
import { cidrBits, intToIp, prefixMask } from "../common/net-model.js";
import { SERVICES, bare, dumpOrder, isTcp, isUdp, isV6, netstatProgName, visibleHolders } from "../common/net-sockets.js";

const USAGE = `usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}
       netstat [-vWnNcaeol] [<Socket> ...]
       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }

        -r, --route              display routing table
        -i, --interfaces         display interface table
        -g, --groups             display multicast group memberships
        -s, --statistics         display networking statistics (like SNMP)
        -M, --masquerade         display masqueraded connections

        -v, --verbose            be verbose
        -W, --wide               don't truncate IP addresses
        -n, --numeric            don't resolve names
        --numeric-hosts          don't resolve host names
        --numeric-ports          don't resolve port names
        --numeric-users          don't resolve user names
        -N, --symbolic           resolve hardware names
        -e, --extend             display other/more information
        -p, --programs           display PID/Program name for sockets
        -o, --timers             display timers
        -c, --continuous         continuous listing

        -l, --listening          display listening server sockets
        -a, --all                display all sockets (default: connected)
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB
        -Z, --context            display SELinux security context for sockets

  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}
           {-x|--unix} --ax25 --ipx --netrom
  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) 
    ddp (Appletalk DDP) x25 (CCITT X.25) 
`;

const STATE_NAMES: Record<string, string> = {
  ESTAB: "ESTABLISHED",
  "SYN-SENT": "SYN_SENT",
  "SYN-RECV": "SYN_RECV",
  "FIN-WAIT-1": "FIN_WAIT1",
  "FIN-WAIT-2": "FIN_WAIT2",
  "TIME-WAIT": "TIME_WAIT",
  UNCONN: "",
  "CLOSE-WAIT": "CLOSE_WAIT",
  "LAST-ACK": "LAST_ACK",
  LISTEN: "LISTEN",
  CLOSING: "CLOSING",
};

function hostName(host: Host, addr: string, numeric: boolean): string {
  const a = bare(addr);
  if (numeric) return a === "::" ? "::" : a;
  if (a === "0.0.0.0" || a === "::") return a === "::" ? "[::]" : "0.0.0.0";
  if (a === "127.0.0.1" || a === "::1") return "localhost";
  for (const i of host.net.interfaces) if (i.addrs.some((x) => x.addr === a)) return host.hostname;
  const n = Object.entries(host.net.dnsRecords).find(([, v]) => v.includes(a))?.[0];
  return n ?? a;
}

function addrPort(host: Host, addr: string, port: number, numericHost: boolean, numericPort: boolean, wide: boolean): string {
  const h = hostName(host, addr, numericHost);
  const p = port === 0 ? "*" : !numericPort && SERVICES[port] ? SERVICES[port]! : String(port);
  let hs = h;
  // net-tools truncates the host part so "host:port" fits in 23 columns
  if (!wide && hs.length + 1 + p.length > 23) hs = hs.slice(0, Math.max(0, 22 - p.length));
  return `${hs}:${p}`;
}

function connections(ctx: CommandContext, o: Record<string, unknown>): CommandResult {
  const numeric = !!o.numeric;
  const nh = numeric || !!o.numericHosts;
  const np = numeric || !!o.numericPorts;
  const wide = !!o.wide;
  const anyType = !!(o.tcp || o.udp || o.raw || o.unix);
  const wantTcp = !anyType || !!o.tcp;
  const wantUdp = !anyType || !!o.udp;
  const onlyV4 = !!o.inet && !o.inet6;
  const onlyV6 = !!o.inet6 && !o.inet;
  const listening = !!o.listening;
  const all = !!o.all;
  const head = all ? "servers and established" : listening ? "only servers" : "w/o servers";
  let stdout = `Active Internet connections (${head})\n`;
  const wcol = (s: string): string => (wide ? s : s.padEnd(23));
  const ext = !!o.extend;
  const prog = !!o.programs;
  const timers = !!o.timers;
  stdout += `Proto Recv-Q Send-Q ${wcol("Local Address")} ${wcol("Foreign Address")} State      ${ext ? " User       Inode     " : ""}${prog ? " PID/Program name    " : ""}${timers ? " Timer" : ""}\n`;
  let hidden = false;
  let procsShown = false;
  const list = dumpOrder(ctx.host.net.sockets).filter((s) => {
    if (isTcp(s) && !wantTcp) return false;
    if (isUdp(s) && !wantUdp) return false;
    if (s.proto === "unix") return false;
    if (onlyV4 && isV6(s)) return false;
    if (onlyV6 && !isV6(s)) return false;
    const listen = s.state === "LISTEN" || s.state === "UNCONN";
    if (all) return true;
    return listening ? listen : !listen;
  });
  for (const s of list) {
    const proto = `${isUdp(s) ? "udp" : "tcp"}${isV6(s) ? "6" : ""}`;
    const la = addrPort(ctx.host, s.localAddr, s.localPort, nh, np, wide);
    const pa = addrPort(ctx.host, s.peerAddr, s.peerPort, nh, np, wide);
    const st = isUdp(s) && s.state === "UNCONN" ? "" : (STATE_NAMES[s.state] ?? s.state);
    let line = `${proto.padEnd(4)}  ${String(s.recvQ).padStart(6)} ${String(s.state === "LISTEN" ? 0 : s.sendQ).padStart(6)} ${wcol(la)} ${wcol(pa)} ${st.padEnd(11)}`;
    if (ext) {
      const owner = s.pid !== undefined ? ctx.host.procs.get(s.pid) : undefined;
      const uid = owner ? owner.uid : 0;
      const user = numeric ? String(uid) : ctx.host.userName(uid);
      line += ` ${user.padEnd(10)} ${String(s.state === "TIME-WAIT" ? 0 : s.ino).padEnd(10)}`;
    }
    if (prog) {
      const all = s.pid !== undefined && ctx.host.procs.has(s.pid) && s.state !== "TIME-WAIT";
      const vis = visibleHolders(ctx.host, s, ctx.cred);
      const owner = s.pid !== undefined ? ctx.host.procs.get(s.pid) : undefined;
      const shownProc = owner && vis.some((h) => h.proc.pid === owner.pid) ? owner : undefined;
      if (all && !shownProc) hidden = true;
      const text = shownProc ? `${shownProc.pid}/${netstatProgName(shownProc)}`.slice(0, 19) : "-";
      if (shownProc) procsShown = true;
      line += ` ${text.padEnd(19)} `;
    }
    if (timers) {
      const t = s.state === "ESTAB" ? `keepalive (${(((s.ino * 37) % 7000) + 60).toFixed(2)}/0/0)` : s.state === "TIME-WAIT" ? `timewait (${((s.ino * 13) % 59 + 1).toFixed(2)}/0/0)` : "off (0.00/0/0)";
      line += `${prog ? "" : " "}${t}`;
    }
    stdout += line + "\n";
  }
  if (ctx.cred.uid !== 0 && prog) hidden = hidden || list.some((s) => s.pid !== undefined);
  const evidence: string[] = [];
  if (list.some((s) => s.state === "LISTEN")) evidence.push("net:listen");
  if (list.some((s) => s.state !== "LISTEN")) evidence.push("net:conns");
  if (procsShown) evidence.push("net:sock-procs");
  return {
    stdout,
    stderr: hidden && prog ? "(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)\n" : "",
    evidence,
  };
}

function routes(ctx: CommandContext, numeric: boolean, ext: boolean): CommandResult {
  let out = "Kernel IP routing table\n";
  out += ext ? "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n" : "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n";
  const named = (a: string, isDest: boolean): string => {
    if (numeric) return a;
    if (a === "0.0.0.0") return isDest ? "default" : "0.0.0.0";
    for (const [k, v] of Object.entries(ctx.host.net.dnsRecords)) if (v.includes(a) && k !== "localhost") return k;
    if (a === "10.0.2.1" || ctx.host.net.routes.some((r) => r.dest === "default" && r.via === a)) return "_gateway";
    return a;
  };
  // the kernel's table order: default first, then by prefix
  for (const r of ctx.host.net.routes) {
    if (r.dest.includes(":")) continue;
    const bits = cidrBits(r.dest);
    const dest = r.dest === "default" ? "0.0.0.0" : r.dest.split("/")[0]!;
    const gw = r.via ?? "0.0.0.0";
    const mask = intToIp(prefixMask(bits));
    const flags = `U${r.via ? "G" : ""}${bits === 32 ? "H" : ""}`;
    const d = named(dest, true).slice(0, 15).padEnd(15);
    const g = (r.via ? named(gw, false) : numeric ? "0.0.0.0" : "0.0.0.0").slice(0, 15).padEnd(15);
    if (ext) out += `${d} ${g} ${mask.padEnd(15)} ${flags.padEnd(5)} ${String(r.metric ?? 0).padEnd(6)} 0 ${"0".padStart(8)} ${r.dev}\n`;
    else out += `${d} ${g} ${mask.padEnd(15)} ${flags.padEnd(5)} ${"0".padStart(5)} 0 ${"0".padStart(10)} ${r.dev}\n`;
  }
  return { stdout: out, evidence: ["net:routes"] };
}

function interfaces(ctx: CommandContext): CommandResult {
  let out = "Kernel Interface table\n";
  out += "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n";
  const sorted = [...ctx.host.net.interfaces].sort((a, b) => (a.name === "lo" ? 1 : 0) - (b.name === "lo" ? 1 : 0));
  for (const i of sorted) {
    if (!i.up) continue;
    const flg = i.name === "lo" ? "LRU" : "BMRU";
    out += `${i.name.padEnd(15)} ${String(i.mtu).padStart(5)} ${String(i.rxPackets).padStart(8)} ${String(i.rxErrors).padStart(6)} ${String(i.rxDropped).padStart(6)} ${"0".padEnd(6)} ${String(i.txPackets).padStart(8)} ${String(i.txErrors).padStart(6)} ${String(i.txDropped).padStart(6)} ${"0".padStart(6)} ${flg}\n`;
  }
  return { stdout: out, evidence: ["net:ifaces"] };
}

function statistics(ctx: CommandContext): CommandResult {
  const t = ctx.host.net.tcp;
  const estab = ctx.host.net.sockets.filter((s) => isTcp(s) && (s.state === "ESTAB" || s.state === "CLOSE-WAIT")).length;
  const rx = ctx.host.net.interfaces.reduce((a, i) => a + i.rxPackets, 0);
  const tx = ctx.host.net.interfaces.reduce((a, i) => a + i.txPackets, 0);
  const out =
    `Ip:\n    Forwarding: 2\n    ${rx} total packets received\n    0 forwarded\n    0 incoming packets discarded\n    ${rx} incoming packets delivered\n    ${tx} requests sent out\n    OutTransmits: ${tx}\n` +
    `Icmp:\n    0 ICMP messages received\n    0 input ICMP message failed\n    ICMP input histogram:\n    0 ICMP messages sent\n    0 ICMP messages failed\n    ICMP output histogram:\n` +
    `Tcp:\n    ${t.activeOpens} active connection openings\n    ${t.passiveOpens} passive connection openings\n    ${t.attemptFails} failed connection attempts\n    ${t.estabResets} connection resets received\n    ${estab} connections established\n    ${t.inSegs} segments received\n    ${t.outSegs} segments sent out\n    ${t.retransSegs} segments retransmitted\n    ${t.inErrs} bad segments received\n    ${t.outRsts} resets sent\n` +
    `Udp:\n    0 packets received\n    0 packets to unknown port received\n    0 packet receive errors\n    0 packets sent\n    0 receive buffer errors\n    0 send buffer errors\n` +
    `UdpLite:\nTcpExt:\n    ${ctx.host.net.sockets.filter((s) => s.state === "TIME-WAIT").length} TCP sockets finished time wait in fast timer\n`;
  return { stdout: out, evidence: ["net:tcp-stats"] };
}

export const netstatCommand = defineCommand({
  name: "netstat",
  summary: "Print network connections, routing tables, interface statistics",
  usage: "netstat [-vWnNcaeol] [<Socket> ...]",
  options: [
    { name: "route", short: "r", long: "route" },
    { name: "interfaces", short: "i", long: "interfaces" },
    { name: "statistics", short: "s", long: "statistics" },
    { name: "groups", short: "g", long: "groups" },
    { name: "verbose", short: "v", long: "verbose" },
    { name: "wide", short: "W", long: "wide" },
    { name: "numeric", short: "n", long: "numeric" },
    { name: "numericHosts", long: "numeric-hosts" },
    { name: "numericPorts", long: "numeric-ports" },
    { name: "numericUsers", long: "numeric-users" },
    { name: "symbolic", short: "N", long: "symbolic" },
    { name: "extend", short: "e", long: "extend" },
    { name: "programs", short: "p", long: "programs" },
    { name: "timers", short: "o", long: "timers" },
    { name: "continuous", short: "c", long: "continuous" },
    { name: "listening", short: "l", long: "listening" },
    { name: "all", short: "a", long: "all" },
    { name: "fib", short: "F", long: "fib" },
    { name: "cache", short: "C", long: "cache" },
    { name: "tcp", short: "t", long: "tcp" },
    { name: "udp", short: "u", long: "udp" },
    { name: "udplite", short: "U", long: "udplite" },
    { name: "raw", short: "w", long: "raw" },
    { name: "unix", short: "x", long: "unix" },
    { name: "inet", short: "4", long: "inet" },
    { name: "inet6", short: "6", long: "inet6" },
    { name: "help", short: "h", long: "help" },
    { name: "version", short: "V", long: "version" },
  ],
  helpFlag: false,
  badOption: { kind: "usage", usage: USAGE, exitCode: 3 },
  help: USAGE,
  async run(ctx, o) {
    if (o.help) return { stdout: USAGE };
    if (o.version) return { stdout: "net-tools 2.10\nFred Baumgarten, Alan Cox, Bernd Eckenfels, Phil Blundell, Tuan Hoang, Brian Micek and others\n+NEW_ADDRT +RTF_IRTT +RTF_REJECT +FW_MASQUERADE +I18N +SELINUX\n" };
    if (o.route) return routes(ctx, !!o.numeric, !!o.extend);
    if (o.interfaces) return interfaces(ctx);
    if (o.statistics) return statistics(ctx);
    if (!o.continuous) return connections(ctx, o);
    // -c: reprint every second until interrupted
    let out = "";
    const ev: string[] = [];
    for (;;) {
      const r = connections(ctx, o);
      ev.push(...(r.evidence ?? []));
      if (!ctx.write(r.stdout)) out += r.stdout;
      if (!(await ctx.sleep(1000))) break;
    }
    return { stdout: out, evidence: ev };
  },
});

