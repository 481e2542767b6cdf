/**
 * ss (iproute2 6.1): socket listing from host.net.sockets with the real tool's column
 * renderer (ported from misc/ss.c render_calc_width/render: into a pipe every column is
 * padded to its widest token, so the header reads "Peer Address:PortProcess"; on a tty the
 * spare width is spread across the columns), -t -u -x -l -a -n -r -p -4 -6 -o -e -H -s,
 * `state X` / `exclude X` filters and sport/dport/src/dst expressions with and/or/not.
 * Non-root -p shows only the caller's own processes.
 *
 * Evidence keys: "net:listen" (listening sockets shown), "net:conns" (connection states),
 * "net:sock-procs" (owning processes shown), "net:port:N" (a filtered port), "net:summary".
 */
import type { Host, Socket, SocketState } from "../../../engine/index.js";
import { defineCommand, type CommandContext, type CommandResult } from "../../spec/define-command.js";
import { inCidr, isIPv4 } from "../common/net-model.js";
import { SERVICES, bare, dumpOrder, isTcp, isUdp, isV6, visibleHolders } from "../common/net-sockets.js";

const USAGE = `Usage: ss [ OPTIONS ]
       ss [ OPTIONS ] [ FILTER ]
   -h, --help          this message
   -V, --version       output version information
   -n, --numeric       don't resolve service names
   -r, --resolve       resolve host names
   -a, --all           display all sockets
   -l, --listening     display listening sockets
   -o, --options       show timer information
   -e, --extended      show detailed socket information
   -m, --memory        show socket memory usage
   -p, --processes     show process using socket
   -T, --threads       show thread using socket
   -i, --info          show internal TCP information
       --tipcinfo      show internal tipc socket information
   -s, --summary       show socket usage summary
       --tos           show tos and priority information
       --cgroup        show cgroup information
   -b, --bpf           show bpf filter socket information
   -E, --events        continually display sockets as they are destroyed
   -Z, --context       display task SELinux security contexts
   -z, --contexts      display task and socket SELinux security contexts
   -N, --net           switch to the specified network namespace name

   -4, --ipv4          display only IP version 4 sockets
   -6, --ipv6          display only IP version 6 sockets
   -0, --packet        display PACKET sockets
   -t, --tcp           display only TCP sockets
   -M, --mptcp         display only MPTCP sockets
   -S, --sctp          display only SCTP sockets
   -u, --udp           display only UDP sockets
   -d, --dccp          display only DCCP sockets
   -w, --raw           display only RAW sockets
   -x, --unix          display only Unix domain sockets
       --tipc          display only TIPC sockets
       --vsock         display only vsock sockets
       --xdp           display only XDP sockets
   -f, --family=FAMILY display sockets of type FAMILY
       FAMILY := {inet|inet6|link|unix|netlink|vsock|tipc|xdp|help}

   -K, --kill          forcibly close sockets, display what was closed
   -H, --no-header     Suppress header line
   -O, --oneline       socket's data printed on a single line
       --inet-sockopt  show various inet socket options

   -A, --query=QUERY, --socket=QUERY
       QUERY := {all|inet|tcp|mptcp|udp|raw|unix|unix_dgram|unix_stream|unix_seqpacket|packet|packet_raw|packet_dgram|netlink|dccp|sctp|vsock_stream|vsock_dgram|tipc|xdp}[,QUERY]

   -D, --diag=FILE     Dump raw information about TCP sockets to FILE
   -F, --filter=FILE   read filter information from FILE
       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]
       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}
         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}
          connected := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}
       synchronized := {established|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}
             bucket := {syn-recv|time-wait}
                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}
`;

// ----------------------------------------------------------------------------------------
// the column renderer (misc/ss.c)

type Align = "left" | "right";
interface Col {
  header: string;
  ldelim: string;
  align: Align;
  disabled: boolean;
}

const COLS: Omit<Col, "disabled">[] = [
  { header: "Netid", ldelim: "", align: "left" },
  { header: "State", ldelim: " ", align: "left" },
  { header: "Recv-Q", ldelim: " ", align: "left" },
  { header: "Send-Q", ldelim: " ", align: "left" },
  { header: "Local Address:", ldelim: " ", align: "right" },
  { header: "Port", ldelim: "", align: "left" },
  { header: "Peer Address:", ldelim: " ", align: "right" },
  { header: "Port", ldelim: "", align: "left" },
  { header: "Process", ldelim: "", align: "left" },
  { header: "", ldelim: "", align: "left" },
];

/**
 * Renders rows of 10 tokens (one per column; disabled columns ignored). `screenWidth`
 * undefined = not a tty (compact: widths are the widest token).
 */
export function renderSsTable(rows: string[][], disabled: boolean[], screenWidth: number | undefined): string {
  const n = COLS.length;
  const maxLen = new Array<number>(n).fill(0);
  for (const r of rows) for (let i = 0; i < n; i++) if (!disabled[i]) maxLen[i] = Math.max(maxLen[i]!, (r[i] ?? "").length);
  const width = new Array<number>(n).fill(0);
  const sw = screenWidth ?? Number.MAX_SAFE_INTEGER;
  let first = true;
  for (let i = 0; i < n; i++) {
    if (disabled[i]) continue;
    width[i] = !first && maxLen[i]! ? maxLen[i]! + COLS[i]!.ldelim.length : maxLen[i]!;
    width[i] = Math.min(width[i]!, sw);
    if (width[i]) first = false;
  }
  if (screenWidth !== undefined) {
    let len = 0;
    let linecols = 0;
    let eol = -1;
    for (let c = 0; c < n; c++) {
      if (!width[c]) continue;
      linecols++;
      len += width[c]!;
      let last = true;
      for (let t = c + 1; t < n; t++)
        if (width[t]) {
          last = false;
          break;
        }
      if (!last && len < sw) continue;
      if (len !== sw) {
        if (len > sw) {
          len -= width[c]!;
          c--;
          linecols--;
        }
        const pad = sw - len;
        const spacing = linecols > 0 ? Math.floor(pad / linecols) : 0;
        let rem = linecols > 0 ? pad % linecols : 0;
        for (let t = c; t > eol; t--) {
          if (!width[t]) continue;
          width[t]! += spacing;
          if (rem) {
            width[t]!++;
            rem--;
          }
        }
      }
      eol = c;
      len = 0;
      linecols = 0;
    }
  }
  let out = "";
  for (const r of rows) {
    let lineStarted = false;
    let line = "";
    for (let i = 0; i < n; i++) {
      if (disabled[i] || !width[i]) continue;
      const tok = r[i] ?? "";
      const col = COLS[i]!;
      let printed = 0;
      if (lineStarted) {
        line += col.ldelim;
        printed = col.ldelim.length;
      }
      lineStarted = true;
      if (col.align === "right") {
        const s = width[i]! - tok.length - printed;
        if (s > 0) {
          line += " ".repeat(s);
          printed += s;
        }
      }
      line += tok;
      printed += tok.length;
      if (col.align === "left") {
        const s = width[i]! - printed;
        if (s > 0) line += " ".repeat(s);
      }
    }
    out += line + "\n";
  }
  return out;
}

// ----------------------------------------------------------------------------------------
// filters

const STATE_BITS: Record<string, SocketState[]> = {
  established: ["ESTAB"],
  "syn-sent": ["SYN-SENT"],
  "syn-recv": ["SYN-RECV"],
  "fin-wait-1": ["FIN-WAIT-1"],
  "fin-wait-2": ["FIN-WAIT-2"],
  "time-wait": ["TIME-WAIT"],
  closed: ["UNCONN"],
  "close-wait": ["CLOSE-WAIT"],
  "last-ack": ["LAST-ACK"],
  listening: ["LISTEN"],
  listen: ["LISTEN"],
  closing: ["CLOSING"],
  all: ["ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING"],
  connected: ["ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSE-WAIT", "LAST-ACK", "CLOSING"],
  synchronized: ["ESTAB", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSE-WAIT", "LAST-ACK", "CLOSING"],
  bucket: ["SYN-RECV", "TIME-WAIT"],
  big: ["ESTAB", "SYN-SENT", "FIN-WAIT-1", "FIN-WAIT-2", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING"],
};

type Expr = (s: Socket) => boolean;

class FilterError extends Error {}

const PORT_BY_NAME: Record<string, number> = Object.fromEntries(Object.entries(SERVICES).map(([k, v]) => [v, Number(k)]));

function parsePortSpec(tok: string): number {
  const p = tok.startsWith(":") ? tok.slice(1) : tok;
  if (/^\d+$/.test(p)) return Number(p);
  if (PORT_BY_NAME[p] !== undefined) return PORT_BY_NAME[p]!;
  throw new FilterError(`Error: "${p}" does not look like a port.\n`);
}

function parseExpr(tokens: string[]): Expr | undefined {
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const cmpOps = new Set(["=", "==", "eq", "!=", "ne", "neq", ">", "gt", "<", "lt", ">=", "ge", "geq", "<=", "le", "leq"]);
  const primary = (): Expr => {
    const t = tokens[i++];
    if (t === undefined) throw new FilterError("");
    if (t === "(") {
      const e = orExpr();
      if (tokens[i] === ")") i++;
      return e;
    }
    if (t === "not" || t === "!") {
      const e = primary();
      return (s) => !e(s);
    }
    if (t === "sport" || t === "dport") {
      let op = "==";
      if (peek() && cmpOps.has(peek()!)) op = tokens[i++]!;
      const v = tokens[i++];
      if (v === undefined) throw new FilterError("");
      const port = parsePortSpec(v);
      const get = (s: Socket): number => (t === "sport" ? s.localPort : s.peerPort);
      switch (op) {
        case "!=":
        case "ne":
        case "neq":
          return (s) => get(s) !== port;
        case ">":
        case "gt":
          return (s) => get(s) > port;
        case "<":
        case "lt":
          return (s) => get(s) < port;
        case ">=":
        case "ge":
        case "geq":
          return (s) => get(s) >= port;
        case "<=":
        case "le":
        case "leq":
          return (s) => get(s) <= port;
        default:
          return (s) => get(s) === port;
      }
    }
    if (t === "src" || t === "dst") {
      let op = "==";
      if (peek() && cmpOps.has(peek()!)) op = tokens[i++]!;
      const v = tokens[i++];
      if (v === undefined) throw new FilterError("");
      let addr = v;
      let port: number | undefined;
      const m = /^(\[[^\]]*\]|[^:]*?)(?::([^:]+))?$/.exec(v);
      if (m && !v.startsWith("[") && v.split(":").length > 2) addr = v;
      else if (m) {
        addr = m[1]!;
        if (m[2] !== undefined) port = m[2] === "*" ? undefined : parsePortSpec(m[2]);
      }
      addr = bare(addr);
      const get = (s: Socket): [string, number] => (t === "src" ? [bare(s.localAddr), s.localPort] : [bare(s.peerAddr), s.peerPort]);
      const match = (s: Socket): boolean => {
        const [a, p] = get(s);
        if (port !== undefined && p !== port) return false;
        if (addr === "" || addr === "*") return true;
        if (addr.includes("/")) return inCidr(a, addr);
        if (isIPv4(addr)) return a === addr;
        return a === addr || (addr === "localhost" && a === "127.0.0.1");
      };
      return op === "!=" || op === "ne" || op === "neq" ? (s) => !match(s) : match;
    }
    throw new FilterError("");
  };
  const andExpr = (): Expr => {
    let e = primary();
    while (i < tokens.length && tokens[i] !== "or" && tokens[i] !== "|" && tokens[i] !== "||" && tokens[i] !== ")") {
      if (tokens[i] === "and" || tokens[i] === "&" || tokens[i] === "&&") i++;
      const r = primary();
      const l = e;
      e = (s) => l(s) && r(s);
    }
    return e;
  };
  const orExpr = (): Expr => {
    let e = andExpr();
    while (tokens[i] === "or" || tokens[i] === "|" || tokens[i] === "||") {
      i++;
      const r = andExpr();
      const l = e;
      e = (s) => l(s) || r(s);
    }
    return e;
  };
  if (!tokens.length) return undefined;
  const e = orExpr();
  if (i < tokens.length) throw new FilterError("");
  return e;
}

// ----------------------------------------------------------------------------------------

interface Flags {
  tcp: boolean;
  udp: boolean;
  unix: boolean;
  raw: boolean;
  listening: boolean;
  all: boolean;
  numeric: boolean;
  resolve: boolean;
  processes: boolean;
  summary: boolean;
  v4: boolean;
  v6: boolean;
  options: boolean;
  extended: boolean;
  noHeader: boolean;
  memory: boolean;
  info: boolean;
}

const LONGS: Record<string, keyof Flags | "help" | "version" | "ignore"> = {
  tcp: "tcp",
  udp: "udp",
  unix: "unix",
  raw: "raw",
  listening: "listening",
  all: "all",
  numeric: "numeric",
  resolve: "resolve",
  processes: "processes",
  threads: "processes",
  summary: "summary",
  ipv4: "v4",
  ipv6: "v6",
  options: "options",
  extended: "extended",
  "no-header": "noHeader",
  memory: "memory",
  info: "info",
  help: "help",
  version: "version",
  oneline: "ignore",
  context: "ignore",
  contexts: "ignore",
};

const SHORTS: Record<string, keyof Flags | "help" | "version" | "ignore"> = {
  t: "tcp",
  u: "udp",
  x: "unix",
  w: "raw",
  l: "listening",
  a: "all",
  n: "numeric",
  r: "resolve",
  p: "processes",
  T: "processes",
  s: "summary",
  "4": "v4",
  "6": "v6",
  o: "options",
  e: "extended",
  H: "noHeader",
  m: "memory",
  i: "info",
  h: "help",
  V: "version",
  O: "ignore",
  b: "ignore",
  "0": "ignore",
  M: "ignore",
  S: "ignore",
  d: "ignore",
};

function bad(msg: string): CommandResult {
  return { stdout: "", stderr: `${msg}\n${USAGE}`, exitCode: 255 };
}

function fmtAddr(host: Host, addr: string, v6: boolean, f: Flags): string {
  const a = bare(addr);
  if (f.resolve) {
    if (a === "127.0.0.1" || a === "::1") return "localhost";
    if (a === "0.0.0.0") return "0.0.0.0";
    const name = Object.entries(host.net.dnsRecords).find(([, v]) => v.includes(a))?.[0];
    if (name) return name;
    for (const i of host.net.interfaces) if (i.addrs.some((x) => x.addr === a)) return host.hostname;
  }
  if (v6 || a.includes(":")) return `[${a}]`;
  return a;
}

function fmtPort(port: number, f: Flags, wildcard: boolean): string {
  if (port === 0 && wildcard) return "*";
  if (!f.numeric && SERVICES[port]) return SERVICES[port]!;
  return String(port);
}

function timerText(s: Socket, ctx: CommandContext): string {
  const sec = (n: number): string => {
    const secs = n % 60;
    const mins = Math.floor(n / 60);
    if (mins) return mins > 9 ? `${mins}min` : secs ? `${mins}min${secs}sec` : `${mins}min`;
    return `${secs}sec`;
  };
  const seed = (s.ino * 2654435761) >>> 0;
  switch (s.state) {
    case "ESTAB":
      return ` timer:(keepalive,${sec(60 + (seed % 7000))},0)`;
    case "TIME-WAIT":
      return ` timer:(timewait,${sec(1 + (seed % 59))},0)`;
    case "FIN-WAIT-2":
      return ` timer:(timewait,${sec(1 + (seed % 59))},0)`;
    case "SYN-SENT":
      return ` timer:(on,${sec(1 + (seed % 3))},${Math.floor(ctx.host.nowMs / 1000) % 4})`;
    default:
      return "";
  }
}

function summary(ctx: CommandContext): CommandResult {
  const socks = ctx.host.net.sockets;
  const tcp = socks.filter(isTcp);
  const tw = tcp.filter((s) => s.state === "TIME-WAIT").length;
  const tcp4 = tcp.filter((s) => !isV6(s)).length;
  const tcp6 = tcp.length - tcp4;
  const alloc = tcp.length - tw + 1;
  const estab = tcp.filter((s) => s.state === "ESTAB" || s.state === "CLOSE-WAIT").length;
  const closed = alloc - (tcp4 + tcp6 - tw);
  const udp = socks.filter(isUdp);
  const udp4 = udp.filter((s) => !isV6(s)).length;
  const udp6 = udp.length - udp4;
  let owned = 0;
  for (const p of ctx.host.procs.values()) owned += p.fds.filter((f) => f.path.startsWith("socket:")).length;
  const total = owned + [...ctx.host.procs.values()].filter((p) => !p.kthread).length;
  const c = (n: number): string => String(n).padEnd(9);
  const out =
    `Total: ${total}\n` +
    `TCP:   ${alloc + tw} (estab ${estab}, closed ${closed}, orphaned 0, timewait ${tw})\n` +
    `\n` +
    `Transport Total     IP        IPv6\n` +
    `RAW\t  ${c(0)} ${c(0)} ${c(0)}\n` +
    `UDP\t  ${c(udp.length)} ${c(udp4)} ${c(udp6)}\n` +
    `TCP\t  ${c(tcp4 + tcp6)} ${c(tcp4)} ${c(tcp6)}\n` +
    `INET\t  ${c(tcp.length + udp.length)} ${c(tcp4 + udp4)} ${c(tcp6 + udp6)}\n` +
    `FRAG\t  ${c(0)} ${c(0)} ${c(0)}\n` +
    `\n`;
  return { stdout: out, evidence: ["net:summary", "net:conns"] };
}

export const ssCommand = defineCommand({
  name: "ss",
  summary: "another utility to investigate sockets",
  usage: "ss [ OPTIONS ] [ FILTER ]",
  options: [],
  parse: "raw",
  help: USAGE,
  run(ctx, _o, _ops, argv) {
    const f: Flags = { tcp: false, udp: false, unix: false, raw: false, listening: false, all: false, numeric: false, resolve: false, processes: false, summary: false, v4: false, v6: false, options: false, extended: false, noHeader: false, memory: false, info: false };
    const rest: string[] = [];
    const families: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a.startsWith("--") && a.length > 2) {
        const [name, val] = a.slice(2).split("=", 2) as [string, string | undefined];
        if (name === "family" || name === "query" || name === "socket") {
          const v = val ?? argv[++i];
          if (v === undefined) return bad(`ss: option '--${name}' requires an argument`);
          families.push(...v.split(","));
          continue;
        }
        const k = Object.keys(LONGS).filter((l) => l.startsWith(name));
        const key = LONGS[name] ?? (k.length === 1 ? LONGS[k[0]!] : undefined);
        if (!key) return bad(`ss: unrecognized option '${a}'`);
        if (key === "help") return { stdout: USAGE };
        if (key === "version") return { stdout: "ss utility, iproute2-6.1.0\n" };
        if (key !== "ignore") f[key] = true;
        continue;
      }
      if (a.startsWith("-") && a.length > 1) {
        for (let j = 1; j < a.length; j++) {
          const ch = a[j]!;
          if (ch === "f" || ch === "A") {
            const v = a.slice(j + 1) || argv[++i];
            if (v === undefined) return bad(`ss: option requires an argument -- '${ch}'`);
            families.push(...v.split(","));
            break;
          }
          if (ch === "N") {
            return { stdout: "", stderr: `Cannot open network namespace "${a.slice(j + 1) || argv[i + 1] || ""}": No such file or directory\n`, exitCode: 1 };
          }
          const key = SHORTS[ch];
          if (!key) return bad(`ss: invalid option -- '${ch}'`);
          if (key === "help") return { stdout: USAGE };
          if (key === "version") return { stdout: "ss utility, iproute2-6.1.0\n" };
          if (key !== "ignore") f[key] = true;
        }
        continue;
      }
      rest.push(a);
    }
    for (const fam of families) {
      if (fam === "inet") f.v4 = true;
      else if (fam === "inet6") f.v6 = true;
      else if (fam === "tcp") f.tcp = true;
      else if (fam === "udp") f.udp = true;
      else if (fam === "unix" || fam.startsWith("unix_")) f.unix = true;
      else if (fam === "raw") f.raw = true;
      else if (fam !== "all") return { stdout: "", stderr: `ss: "${fam}" is invalid family\n`, exitCode: 255 };
    }
    if (f.summary) return summary(ctx);

    // states
    let states: Set<SocketState>;
    if (f.all) states = new Set(STATE_BITS.all);
    else if (f.listening) states = new Set<SocketState>(["LISTEN", "UNCONN"]);
    else states = new Set<SocketState>(["ESTAB", "SYN-SENT", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "LAST-ACK", "CLOSING"]);
    // state / exclude keywords, then an expression
    let stateGiven = false;
    const exprTokens: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const t = rest[i]!;
      if (t === "state" || t === "exclude" || t === "excl") {
        const v = rest[++i];
        const bits = v === undefined ? undefined : STATE_BITS[v];
        if (!bits) return { stdout: "", stderr: `ss: wrong state name: ${v ?? ""}\n`, exitCode: 255 };
        if (t === "state") {
          if (!stateGiven) states = new Set();
          stateGiven = true;
          for (const b of bits) states.add(b);
        } else for (const b of bits) states.delete(b);
        continue;
      }
      // split glued parentheses
      for (const w of t.split(/\s+/)) for (const p of w.split(/([()])/)) if (p) exprTokens.push(p);
    }
    let expr: Expr | undefined;
    try {
      expr = parseExpr(exprTokens);
    } catch (e) {
      const msg = e instanceof FilterError ? e.message : "";
      return { stdout: "", stderr: msg ? `${msg}Cannot parse dst/src address.\n` : `${USAGE}`, exitCode: msg ? 1 : 255 };
    }

    const anyType = f.tcp || f.udp || f.unix || f.raw;
    const dbs = anyType ? [f.tcp && "tcp", f.udp && "udp", f.unix && "unix", f.raw && "raw"].filter(Boolean).length : 4;
    const showTcp = !anyType || f.tcp;
    const showUdp = !anyType || f.udp;
    const netidDisabled = dbs === 1;
    const stateDisabled = states.size === 1;

    const socks = dumpOrder(ctx.host.net.sockets).filter((s) => {
      if (isTcp(s) && !showTcp) return false;
      if (isUdp(s) && !showUdp) return false;
      if (s.proto === "unix") return false;
      if (f.v4 && !f.v6 && isV6(s)) return false;
      if (f.v6 && !f.v4 && !isV6(s)) return false;
      if (!states.has(s.state)) return false;
      if (expr && !expr(s)) return false;
      return true;
    });

    const rows: string[][] = [];
    if (!f.noHeader) rows.push(COLS.map((c) => c.header));
    let procsShown = false;
    for (const s of socks) {
      const v6 = isV6(s);
      const wildcardPeer = s.state === "LISTEN" || s.state === "UNCONN";
      let proc = "";
      if (f.processes) {
        const hs = visibleHolders(ctx.host, s, ctx.cred);
        if (hs.length) {
          proc = ` users:(${hs.map((h) => `("${h.proc.comm}",pid=${h.proc.pid},fd=${h.fd})`).join(",")})`;
          procsShown = true;
        }
      }
      if (f.options) proc += timerText(s, ctx);
      if (f.extended) {
        const uid = s.pid !== undefined ? (ctx.host.procs.get(s.pid)?.uid ?? 0) : 0;
        if (s.state !== "TIME-WAIT") proc += `${s.state === "LISTEN" ? "" : ""} uid:${uid} ino:${s.ino} sk:${(s.ino * 7919).toString(16).slice(-4)}${s.state === "LISTEN" ? "" : ` cgroup:${s.pid !== undefined ? (ctx.host.procs.get(s.pid)?.cgroup ?? "/") : "/"}`} <->`;
        else proc += ` ino:0 sk:${(s.ino * 7919).toString(16).slice(-4)}`;
      }
      const netid = isUdp(s) ? "udp" : "tcp";
      rows.push([
        netid,
        s.state,
        String(s.recvQ),
        String(s.state === "LISTEN" ? (s.backlog ?? s.sendQ) : s.sendQ),
        `${fmtAddr(ctx.host, s.localAddr, v6, f)}:`,
        fmtPort(s.localPort, f, false),
        `${fmtAddr(ctx.host, s.peerAddr, v6, f)}:`,
        fmtPort(s.peerPort, f, wildcardPeer),
        proc,
        "",
      ]);
    }
    const disabled = COLS.map((_, i) => (i === 0 ? netidDisabled : i === 1 ? stateDisabled : false));
    const stdout = renderSsTable(rows, disabled, ctx.isTty ? ctx.cols : undefined);
    const evidence: string[] = [];
    if (socks.some((s) => s.state === "LISTEN")) evidence.push("net:listen");
    if (socks.some((s) => s.state !== "LISTEN")) evidence.push("net:conns");
    if (procsShown) evidence.push("net:sock-procs");
    for (const t of exprTokens) if (/^:?\d+$/.test(t)) evidence.push(`net:port:${t.replace(":", "")}`);
    return { stdout, evidence };
  },
});
