/**
 * ip (iproute2 6.1): `addr`, `link` (with -s/-s -s statistics sized like print_stats64),
 * `route` (show, get ADDR, add/del/replace through ctx.act.routeAdd/routeDel with the
 * kernel's RTNETLINK errors), `neigh`, plus -4/-6, -br(ief), -c(olor), -o(neline) and the
 * object-name prefix matching of the real tool (`ip a`, `ip r`, `ip l`, `ip n`).
 *
 * Evidence keys: "net:addrs", "net:links", "net:link-stats", "net:routes",
 * "net:route-get:ADDR", "net:route-added:DEST", "net:route-deleted:DEST", "net:neigh".
 */
import type { Host, NetInterface, Route } from "../../../engine/index.js";
import { defineCommand, type CommandContext, type CommandResult } from "../../spec/define-command.js";
import { cidrBits, inCidr, intToIp, ipToInt, isIPv4, isLocalAddr, prefixMask, primaryIp, routeFor } from "../common/net-model.js";

const HELP = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |
                   macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

const OBJECTS = ["address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour", "ntable", "ntbl", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tuntap", "tap", "token", "tcpmetrics", "tcp_metrics", "monitor", "xfrm", "mroute", "mrule", "netns", "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam", "help", "stats"];

const ROUTE_USAGE = `Usage: ip route { list | flush } SELECTOR
       ip route save SELECTOR
       ip route restore
       ip route showdump
       ip route get [ ROUTE_GET_FLAGS ] ADDRESS
                            [ from ADDRESS iif STRING ]
                            [ oif STRING ] [ tos TOS ]
                            [ mark NUMBER ] [ vrf NAME ]
                            [ uid NUMBER ] [ ipproto PROTOCOL ]
                            [ sport NUMBER ] [ dport NUMBER ]
       ip route { add | del | change | append | replace } ROUTE
SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]
            [ table TABLE_ID ] [ vrf NAME ] [ proto RTPROTO ]
            [ type TYPE ] [ scope SCOPE ]
ROUTE := NODE_SPEC [ INFO_SPEC ]
NODE_SPEC := [ TYPE ] PREFIX [ tos TOS ]
             [ table TABLE_ID ] [ proto RTPROTO ]
             [ scope SCOPE ] [ metric METRIC ]
             [ ttl-propagate { enabled | disabled } ]
INFO_SPEC := { NH | nhid ID } OPTIONS FLAGS [ nexthop NH ]...
NH := [ encap ENCAPTYPE ENCAPHDR ] [ via [ FAMILY ] ADDRESS ]
      [ dev STRING ] [ weight NUMBER ] NHFLAGS
`;

interface Opts {
  family?: "inet" | "inet6";
  brief: boolean;
  stats: number;
  color: boolean;
  oneline: boolean;
  details: boolean;
}

const matches = (word: string, full: string): boolean => word.length > 0 && full.startsWith(word);

const C = { ifname: "36", inet: "35", inet6: "34", up: "32", down: "31", mac: "33" };

function paint(o: Opts, code: string, s: string): string {
  return o.color ? `\x1b[${code}m${s}\x1b[0m` : s;
}

function ifIndex(host: Host, i: NetInterface): number {
  return host.net.interfaces.indexOf(i) + 1;
}

function flagsOf(i: NetInterface): string {
  if (i.name === "lo") return i.up ? "<LOOPBACK,UP,LOWER_UP>" : "<LOOPBACK>";
  return i.up ? "<BROADCAST,MULTICAST,UP,LOWER_UP>" : "<BROADCAST,MULTICAST>";
}

function operState(i: NetInterface): string {
  if (i.name === "lo") return i.up ? "UNKNOWN" : "DOWN";
  return i.up ? "UP" : "DOWN";
}

function qdisc(i: NetInterface): string {
  return i.name === "lo" ? "noqueue" : i.up ? "pfifo_fast" : "noop";
}

function linkHead(host: Host, i: NetInterface, o: Opts, mode: boolean): string {
  const st = operState(i);
  const stc = st === "UP" ? paint(o, C.up, st) : st === "DOWN" ? paint(o, C.down, st) : st;
  return `${ifIndex(host, i)}: ${paint(o, C.ifname, i.name)}: ${flagsOf(i)} mtu ${i.mtu} qdisc ${qdisc(i)} state ${stc}${mode ? " mode DEFAULT" : ""} group default qlen 1000\n`;
}

function linkLine(i: NetInterface, o: Opts): string {
  return i.name === "lo" ? `    link/loopback ${i.mac} brd 00:00:00:00:00:00\n` : `    link/ether ${paint(o, C.mac, i.mac)} brd ff:ff:ff:ff:ff:ff\n`;
}

function dhcpLease(host: Host): number | undefined {
  if (!host.net.routes.some((r) => r.proto === "dhcp")) return undefined;
  return 86400 - (Math.floor(host.nowMs / 1000) % 43200);
}

function addrLines(host: Host, i: NetInterface, o: Opts): string {
  let out = "";
  const lease = dhcpLease(host);
  for (const a of i.addrs) {
    if (o.family && a.family !== o.family) continue;
    const addr = paint(o, a.family === "inet" ? C.inet : C.inet6, a.addr);
    if (a.family === "inet") {
      const dyn = a.scope === "global" && lease !== undefined && i.name !== "lo";
      out += `    inet ${addr}/${a.prefix}${a.brd ? ` brd ${a.brd}` : ""} scope ${a.scope}${dyn ? " dynamic" : ""} ${i.name}\n`;
      out += dyn ? `       valid_lft ${lease}sec preferred_lft ${lease}sec\n` : `       valid_lft forever preferred_lft forever\n`;
    } else {
      out += `    inet6 ${addr}/${a.prefix} scope ${a.scope} \n`;
      out += `       valid_lft forever preferred_lft forever\n`;
    }
  }
  return out;
}

function statsBlock(i: NetInterface, level: number): string {
  const cols = ["*X errors:".length, "packets".length, "errors".length, "dropped".length, "heartbt".length, "overrun".length, "compressed".length, "otherhost".length];
  const size = (vals: number[]): void => {
    vals.forEach((v, k) => {
      const len = String(Math.max(0, Math.floor(v))).length;
      if (len > cols[k]!) cols[k] = len;
    });
  };
  const mcast = Math.floor(i.rxPackets / 1000);
  size([i.rxBytes, i.rxPackets, i.rxErrors, i.rxDropped, 0, mcast, 0, 0]);
  if (level > 1) size([0, 0, 0, 0, 0, 0, 0, 0]);
  size([i.txBytes, i.txPackets, i.txErrors, i.txDropped, 0, 0, 0, 0]);
  const num = (w: number, v: number): string => `${String(Math.floor(v)).padStart(w)} `;
  const hdr = (w: number, s: string): string => s.padStart(w);
  let out = `    RX: ${hdr(cols[0]! - 4, "bytes")} ${hdr(cols[1]!, "packets")} ${hdr(cols[2]!, "errors")} ${hdr(cols[3]!, "dropped")} ${hdr(cols[4]!, "missed")} ${hdr(cols[5]!, "mcast")} ${hdr(cols[6]!, "")}\n`;
  out += `    ${num(cols[0]!, i.rxBytes)}${num(cols[1]!, i.rxPackets)}${num(cols[2]!, i.rxErrors)}${num(cols[3]!, i.rxDropped)}${num(cols[4]!, 0)}${num(cols[5]!, mcast)}\n`;
  if (level > 1) {
    out += `    RX errors:${"".padStart(cols[0]! - 10)} ${hdr(cols[1]!, "length")} ${hdr(cols[2]!, "crc")} ${hdr(cols[3]!, "frame")} ${hdr(cols[4]!, "fifo")} ${hdr(cols[5]!, "overrun")}\n`;
    out += `${"".padStart(cols[0]! + 5)}${num(cols[1]!, 0)}${num(cols[2]!, 0)}${num(cols[3]!, 0)}${num(cols[4]!, 0)}${num(cols[5]!, 0)}\n`;
  }
  out += `    TX: ${hdr(cols[0]! - 4, "bytes")} ${hdr(cols[1]!, "packets")} ${hdr(cols[2]!, "errors")} ${hdr(cols[3]!, "dropped")} ${hdr(cols[4]!, "carrier")} ${hdr(cols[5]!, "collsns")} ${hdr(cols[6]!, "")}\n`;
  out += `    ${num(cols[0]!, i.txBytes)}${num(cols[1]!, i.txPackets)}${num(cols[2]!, i.txErrors)}${num(cols[3]!, i.txDropped)}${num(cols[4]!, 0)}${num(cols[5]!, 0)}\n`;
  if (level > 1) {
    out += `    TX errors:${"".padStart(cols[0]! - 10)} ${hdr(cols[1]!, "aborted")} ${hdr(cols[2]!, "fifo")} ${hdr(cols[3]!, "window")} ${hdr(cols[4]!, "heartbt")} ${hdr(cols[5]!, "transns")}\n`;
    out += `${"".padStart(cols[0]! + 5)}${num(cols[1]!, 0)}${num(cols[2]!, 0)}${num(cols[3]!, 0)}${num(cols[4]!, 0)}${num(cols[5]!, 2)}\n`;
  }
  return out;
}

function oneline(text: string): string {
  // -o: each record on one line, continuation lines joined with "\"
  const recs: string[] = [];
  for (const l of text.split("\n")) {
    if (!l) continue;
    if (/^\d+: /.test(l) || recs.length === 0) recs.push(l);
    else recs[recs.length - 1] += `\\${l}`;
  }
  return recs.map((r) => r + "\n").join("");
}

function selectIfaces(ctx: CommandContext, args: string[]): NetInterface[] | CommandResult {
  let dev: string | undefined;
  let upOnly = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === "show" || a === "list" || a === "lst" || a === "sh" || a === "ls" || a === "s") continue;
    if (a === "dev") {
      dev = args[++k];
      continue;
    }
    if (a === "up") {
      upOnly = true;
      continue;
    }
    dev = a;
  }
  let list = ctx.host.net.interfaces;
  if (dev !== undefined) {
    list = list.filter((i) => i.name === dev);
    if (!list.length) return { stdout: "", stderr: `Device "${dev}" does not exist.\n`, exitCode: 1 };
  }
  if (upOnly) list = list.filter((i) => i.up);
  return list;
}

function addrCmd(ctx: CommandContext, o: Opts, args: string[]): CommandResult {
  const sub = args[0];
  if (sub && ["add", "del", "delete", "change", "replace", "flush"].some((w) => matches(sub, w))) {
    if (ctx.cred.uid !== 0) return { stdout: "", stderr: "RTNETLINK answers: Operation not permitted\n", exitCode: 2 };
    return { stdout: "", stderr: "RTNETLINK answers: Operation not supported\n", exitCode: 2 };
  }
  const sel = selectIfaces(ctx, args);
  if (!Array.isArray(sel)) return sel;
  let out = "";
  for (const i of sel) {
    if (o.brief) {
      const addrs = i.addrs.filter((a) => !o.family || a.family === o.family);
      if (o.family && !addrs.length) continue;
      const st = operState(i);
      const stc = st === "UP" ? paint(o, C.up, st.padEnd(15)) : st === "DOWN" ? paint(o, C.down, st.padEnd(15)) : st.padEnd(15);
      out += `${paint(o, C.ifname, i.name.padEnd(17))}${stc}${addrs.map((a) => `${paint(o, a.family === "inet" ? C.inet : C.inet6, a.addr)}/${a.prefix} `).join("")}\n`;
      continue;
    }
    const body = addrLines(ctx.host, i, o);
    if (o.family && !body) continue;
    if (o.oneline) {
      const ls = body.split("\n").filter(Boolean);
      for (let k = 0; k + 1 < ls.length; k += 2) out += `${ifIndex(ctx.host, i)}: ${i.name}${ls[k]!.replace(/^ {4}/, "    ")}\\${ls[k + 1]}\n`;
      continue;
    }
    let rec = linkHead(ctx.host, i, o, false);
    if (o.family) rec = rec.replace(` qdisc ${qdisc(i)}`, "").replace(" group default", "");
    if (!o.family) rec += linkLine(i, o);
    rec += body;
    out += rec;
  }
  return { stdout: out, evidence: ["net:addrs"] };
}

function linkCmd(ctx: CommandContext, o: Opts, args: string[]): CommandResult {
  const sub = args[0];
  if (sub && ["set", "add", "delete", "del"].some((w) => matches(sub, w))) {
    if (ctx.cred.uid !== 0) return { stdout: "", stderr: "RTNETLINK answers: Operation not permitted\n", exitCode: 2 };
    return { stdout: "", stderr: "RTNETLINK answers: Operation not supported\n", exitCode: 2 };
  }
  const sel = selectIfaces(ctx, args);
  if (!Array.isArray(sel)) return sel;
  let out = "";
  for (const i of sel) {
    if (o.brief) {
      const st = operState(i);
      const stc = st === "UP" ? paint(o, C.up, st.padEnd(15)) : st === "DOWN" ? paint(o, C.down, st.padEnd(15)) : st.padEnd(15);
      out += `${paint(o, C.ifname, i.name.padEnd(17))}${stc}${paint(o, C.mac, `${i.mac} `)}${flagsOf(i)} \n`;
      continue;
    }
    let rec = linkHead(ctx.host, i, o, true) + linkLine(i, o);
    if (o.stats) rec += statsBlock(i, o.stats);
    out += o.oneline ? oneline(rec) : rec;
  }
  return { stdout: out, evidence: o.stats ? ["net:links", "net:link-stats"] : ["net:links"] };
}

function routeSortKey(r: Route): [number, number] {
  if (r.dest === "default") return [0, 0];
  const [net] = r.dest.split("/");
  return [ipToInt(net!), cidrBits(r.dest)];
}

export function formatRoute(r: Route): string {
  let s = r.dest;
  if (r.via) s += ` via ${r.via}`;
  s += ` dev ${r.dev}`;
  if (r.proto && r.proto !== "boot") s += ` proto ${r.proto}`;
  if (r.scope && r.scope !== "global") s += ` scope ${r.scope}`;
  if (r.src) s += ` src ${r.src}`;
  if (r.metric !== undefined && r.metric !== 0) s += ` metric ${r.metric}`;
  return s + " \n";
}

function normDest(d: string): string | undefined {
  if (d === "default" || d === "0.0.0.0/0" || d === "0/0" || d === "all" || d === "any") return "default";
  const m = /^(\d+(?:\.\d+){0,3})(?:\/(\d+))?$/.exec(d);
  if (!m) return undefined;
  const parts = m[1]!.split(".");
  while (parts.length < 4) parts.push("0");
  const ip = parts.join(".");
  if (!isIPv4(ip)) return undefined;
  const bits = m[2] === undefined ? 32 : Number(m[2]);
  if (bits > 32) return undefined;
  const net = intToIp(ipToInt(ip) & prefixMask(bits));
  return bits === 32 ? net : `${net}/${bits}`;
}

function routeCmd(ctx: CommandContext, o: Opts, args: string[]): CommandResult {
  const sub = args[0] ?? "show";
  const rest = args.slice(1);
  if (["show", "list", "lst"].some((w) => matches(sub, w))) {
    if (o.family === "inet6") {
      const ll = ctx.host.net.interfaces.filter((i) => i.up && i.addrs.some((a) => a.family === "inet6" && a.scope === "link"));
      return { stdout: ll.map((i) => `fe80::/64 dev ${i.name} proto kernel metric 256 pref medium\n`).join(""), evidence: ["net:routes"] };
    }
    let routes = [...ctx.host.net.routes].sort((a, b) => {
      const ka = routeSortKey(a);
      const kb = routeSortKey(b);
      return ka[0] - kb[0] || ka[1] - kb[1] || (a.metric ?? 0) - (b.metric ?? 0);
    });
    for (let k = 0; k < rest.length; k++) {
      if (rest[k] === "dev") {
        const d = rest[++k];
        if (!ctx.host.net.interfaces.some((i) => i.name === d)) return { stdout: "", stderr: `Cannot find device "${d ?? ""}"\n`, exitCode: 1 };
        routes = routes.filter((r) => r.dev === d);
      } else if (rest[k] === "table") k++;
      else if (rest[k] === "default") routes = routes.filter((r) => r.dest === "default");
    }
    const stdout = routes.map((r) => (rest.includes("dev") ? formatRoute(r).replace(/ dev \S+/, "") : formatRoute(r))).join("");
    return { stdout, evidence: ["net:routes"] };
  }
  if (matches(sub, "get")) {
    const target = rest.find((a) => !["fibmatch", "from", "iif", "oif", "to"].includes(a));
    if (!target) return { stdout: "", stderr: ROUTE_USAGE, exitCode: 255 };
    if (!isIPv4(target)) return { stdout: "", stderr: `Error: any valid prefix is expected rather than "${target}".\n`, exitCode: 1 };
    const uid = ctx.cred.uid;
    if (isLocalAddr(ctx.host, target)) {
      const src = inCidr(target, "127.0.0.0/8") ? "127.0.0.1" : target;
      return { stdout: `local ${target} dev lo src ${src} uid ${uid} \n    cache <local> \n`, evidence: [`net:route-get:${target}`] };
    }
    const r = routeFor(ctx.host, target);
    if (!r) return { stdout: "", stderr: "RTNETLINK answers: Network is unreachable\n", exitCode: 2, evidence: [`net:route-get:${target}`] };
    const src = r.src ?? primaryIp(ctx.host);
    return { stdout: `${target}${r.via ? ` via ${r.via}` : ""} dev ${r.dev} src ${src} uid ${uid} \n    cache \n`, evidence: [`net:route-get:${target}`, "net:routes"] };
  }
  const isAdd = ["add", "append", "replace", "change"].some((w) => matches(sub, w));
  const isDel = matches(sub, "delete");
  if (isAdd || isDel) {
    let dest: string | undefined;
    const r: Route = { dest: "", dev: "" };
    for (let k = 0; k < rest.length; k++) {
      const a = rest[k]!;
      const v = rest[k + 1];
      if (a === "via") {
        if (v === undefined || !isIPv4(v)) return { stdout: "", stderr: `Error: inet address is expected rather than "${v ?? ""}".\n`, exitCode: 1 };
        r.via = v;
        k++;
      } else if (a === "dev" || a === "oif") {
        r.dev = v ?? "";
        k++;
      } else if (a === "metric" || a === "priority" || a === "preference") {
        r.metric = Number(v);
        k++;
      } else if (a === "proto" || a === "protocol") {
        r.proto = v;
        k++;
      } else if (a === "scope") {
        r.scope = v;
        k++;
      } else if (a === "src") {
        r.src = v;
        k++;
      } else if (a === "table" || a === "mtu" || a === "onlink") {
        if (a !== "onlink") k++;
      } else if (a === "to" || a === "unicast") continue;
      else if (dest === undefined) {
        const d = normDest(a);
        if (!d) return { stdout: "", stderr: `Error: inet prefix is expected rather than "${a}".\n`, exitCode: 1 };
        dest = d;
      } else return { stdout: "", stderr: `Error: either "to" is duplicate, or "${a}" is a garbage.\n`, exitCode: 1 };
    }
    if (dest === undefined) return { stdout: "", stderr: ROUTE_USAGE, exitCode: 255 };
    if (r.dev && !ctx.host.net.interfaces.some((i) => i.name === r.dev)) return { stdout: "", stderr: `Cannot find device "${r.dev}"\n`, exitCode: 1 };
    if (isDel) {
      const res = ctx.act.routeDel(dest);
      if (res === "EPERM") return { stdout: "", stderr: "RTNETLINK answers: Operation not permitted\n", exitCode: 2 };
      if (res === "ESRCH") return { stdout: "", stderr: "RTNETLINK answers: No such process\n", exitCode: 2 };
      return { stdout: "", evidence: [`net:route-deleted:${dest}`] };
    }
    r.dest = dest;
    if (!r.dev) {
      if (r.via) {
        const onLink = ctx.host.net.routes.find((x) => x.dest !== "default" && !x.via && inCidr(r.via!, x.dest));
        r.dev = onLink?.dev ?? "eth0";
      } else {
        if (ctx.cred.uid !== 0) return { stdout: "", stderr: "RTNETLINK answers: Operation not permitted\n", exitCode: 2 };
        return { stdout: "", stderr: "Error: Device for nexthop is not up.\n", exitCode: 2 };
      }
    }
    if (r.via && ctx.cred.uid === 0 && !ctx.host.net.routes.some((x) => x.dest !== "default" && !x.via && inCidr(r.via!, x.dest))) return { stdout: "", stderr: "Error: Nexthop has invalid gateway.\n", exitCode: 2 };
    if (!r.via && !r.scope) r.scope = "link";
    if (r.proto === undefined) r.proto = "boot";
    if (matches(sub, "replace") || matches(sub, "change")) {
      if (ctx.cred.uid === 0 && ctx.host.net.routes.some((x) => x.dest === dest)) ctx.act.routeDel(dest);
    }
    const res = ctx.act.routeAdd(r);
    if (res === "EPERM") return { stdout: "", stderr: "RTNETLINK answers: Operation not permitted\n", exitCode: 2 };
    if (res === "EEXIST") return { stdout: "", stderr: "RTNETLINK answers: File exists\n", exitCode: 2 };
    if (res === "ENETUNREACH") return { stdout: "", stderr: "Error: Nexthop has invalid gateway.\n", exitCode: 2 };
    return { stdout: "", evidence: [`net:route-added:${dest}`] };
  }
  if (matches(sub, "flush")) {
    if (ctx.cred.uid !== 0) return { stdout: "", stderr: "Failed to send flush request: Operation not permitted\n", exitCode: 2 };
    return { stdout: "", stderr: "", exitCode: 0 };
  }
  if (matches(sub, "help")) return { stdout: "", stderr: ROUTE_USAGE, exitCode: 255 };
  return { stdout: "", stderr: `Command "${sub}" is unknown, try "ip route help".\n`, exitCode: 255 };
}

function neighCmd(ctx: CommandContext, o: Opts): CommandResult {
  let out = "";
  if (o.family === "inet6") return { stdout: "" };
  for (const r of ctx.host.net.routes) {
    if (r.dest !== "default" || !r.via) continue;
    const gw = ctx.host.net.endpoints.find((e) => e.addr === r.via);
    const last = r.via.split(".").map((x) => Number(x).toString(16).padStart(2, "0"));
    out += gw ? `${r.via} dev ${r.dev} lladdr 52:55:${last.join(":")} REACHABLE \n` : `${r.via} dev ${r.dev} FAILED \n`;
  }
  for (const e of ctx.host.net.endpoints) {
    if (ctx.host.net.routes.some((r) => r.via === e.addr) || !isIPv4(e.addr) || isLocalAddr(ctx.host, e.addr)) continue;
    const r = routeFor(ctx.host, e.addr);
    if (!r || r.via) continue;
    const last = e.addr.split(".").map((x) => Number(x).toString(16).padStart(2, "0"));
    out += `${e.addr} dev ${r.dev} lladdr 52:55:${last.join(":")} STALE \n`;
  }
  return { stdout: out, evidence: ["net:neigh"] };
}

export const ipCommand = defineCommand({
  name: "ip",
  summary: "show / manipulate routing, network devices, interfaces and tunnels",
  usage: "ip [ OPTIONS ] OBJECT { COMMAND | help }",
  options: [],
  parse: "raw",
  help: HELP,
  run(ctx, _o, _ops, argv) {
    const o: Opts = { brief: false, stats: 0, color: false, oneline: false, details: false };
    let k = 0;
    for (; k < argv.length; k++) {
      const a = argv[k]!;
      if (!a.startsWith("-")) break;
      const opt = a.replace(/^--?/, "");
      if (a === "--") {
        k++;
        break;
      }
      if (opt === "4") o.family = "inet";
      else if (opt === "6") o.family = "inet6";
      else if (opt === "0") void 0;
      else if (matches(opt, "Version") || opt === "V") return { stdout: "ip utility, iproute2-6.1.0, libbpf 1.1.2\n" };
      else if (matches(opt, "help")) return { stdout: "", stderr: HELP, exitCode: 255 };
      else if (matches(opt, "brief") && opt.length >= 2) o.brief = true;
      else if (matches(opt, "stats") || matches(opt, "statistics")) o.stats++;
      else if (matches(opt, "details")) o.details = true;
      else if (matches(opt, "oneline")) o.oneline = true;
      else if (opt === "c" || matches(opt, "color") || matches(opt, "colour") || opt.startsWith("color=") || opt.startsWith("colour=")) {
        const v = opt.split("=")[1] ?? "always";
        o.color = v === "always" || (v === "auto" && ctx.isTty);
      } else if (matches(opt, "family") && opt.length >= 1 && opt[0] === "f") {
        const fam = argv[++k];
        if (fam === "inet") o.family = "inet";
        else if (fam === "inet6") o.family = "inet6";
        else if (fam !== "link") return { stdout: "", stderr: `Error: argument "${fam ?? ""}" is wrong: invalid protocol family\n`, exitCode: 255 };
      } else if (matches(opt, "resolve") || matches(opt, "Numeric") || matches(opt, "human-readable") || opt === "iec" || matches(opt, "all") || matches(opt, "timestamp") || matches(opt, "pretty")) void 0;
      else if (matches(opt, "json")) return { stdout: "", stderr: "ip: JSON output is not available in this simulator\n", exitCode: 1 };
      else if (matches(opt, "netns")) return { stdout: "", stderr: `Cannot open network namespace "${argv[k + 1] ?? ""}": No such file or directory\n`, exitCode: 1 };
      // iproute2 takes --opt as -opt, and names it so
      else return { stdout: "", stderr: `Option "${a.startsWith("--") ? a.slice(1) : a}" is unknown, try "ip -help".\n`, exitCode: 255 };
    }
    const objWord = argv[k];
    const args = argv.slice(k + 1);
    if (objWord === undefined) return { stdout: "", stderr: HELP, exitCode: 255 };
    const obj = OBJECTS.find((x) => matches(objWord, x));
    if (!obj) return { stdout: "", stderr: `Object "${objWord}" is unknown, try "ip help".\n`, exitCode: 1 };
    if (args[0] === "help") return { stdout: "", stderr: obj === "route" ? ROUTE_USAGE : HELP, exitCode: 255 };
    switch (obj) {
      case "address":
        return addrCmd(ctx, o, args);
      case "link":
        return linkCmd(ctx, o, args);
      case "route":
        return routeCmd(ctx, o, args);
      case "neighbor":
      case "neighbour":
        return neighCmd(ctx, o);
      case "help":
        return { stdout: "", stderr: HELP, exitCode: 255 };
      case "rule":
        return { stdout: "0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n" };
      case "netns":
        return { stdout: "" };
      default:
        return { stdout: "", stderr: `ip ${obj}: not available in this simulator\n`, exitCode: 1 };
    }
  },
});
