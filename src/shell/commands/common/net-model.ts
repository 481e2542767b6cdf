/**
 * Shared network logic for the net tools (ping, curl, dig, host, nslookup, getent, ip, ss):
 * address helpers, the routing decision (longest prefix match over host.net.routes), the
 * reachability rule (connected subnets directly, everything else through a default route
 * whose gateway answers), and two resolvers that read /etc/resolv.conf, /etc/hosts and
 * /etc/nsswitch.conf from the VFS on every lookup: the glibc stub resolver (search list,
 * ndots, timeout:/attempts:, next server on SERVFAIL/REFUSED/timeout) and per-server DNS
 * queries for dig/host/nslookup. Lookups return the sim time they took; callers sleep it.
 */
import { ROOT, type Endpoint, type Host, type Route } from "../../../engine/index.js";

export function isIPv4(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  return !!m && m.slice(1).every((o) => Number(o) <= 255);
}

export function isIPv6(s: string): boolean {
  return /^[0-9a-fA-F:]+$/.test(s) && s.includes(":") && (s.match(/::/g) ?? []).length <= 1;
}

export function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export function prefixMask(bits: number): number {
  return bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
}

/** Whether an IPv4 address is inside "a.b.c.d/n" (a bare address means /32). */
export function inCidr(ip: string, cidr: string): boolean {
  if (!isIPv4(ip)) return false;
  const [net, bitsS] = cidr.split("/");
  if (!net || !isIPv4(net)) return false;
  const bits = bitsS === undefined ? 32 : Number(bitsS);
  const mask = prefixMask(bits);
  return (ipToInt(ip) & mask) === (ipToInt(net) & mask);
}

export function cidrBits(dest: string): number {
  if (dest === "default") return 0;
  const b = dest.split("/")[1];
  return b === undefined ? 32 : Number(b);
}

/** Reads a file as root (config files); undefined when missing. */
export function readConf(host: Host, path: string): string | undefined {
  try {
    return host.vfs.readFile(path, ROOT);
  } catch {
    return undefined;
  }
}

export function ownAddrs(host: Host): string[] {
  return host.net.interfaces.flatMap((i) => i.addrs.map((a) => a.addr));
}

export function isLocalAddr(host: Host, addr: string): boolean {
  return inCidr(addr, "127.0.0.0/8") || addr === "::1" || ownAddrs(host).includes(addr);
}

/** Primary global IPv4 address of the host. */
export function primaryIp(host: Host): string {
  for (const i of host.net.interfaces) for (const a of i.addrs) if (a.family === "inet" && a.scope === "global") return a.addr;
  return "127.0.0.1";
}

/** Longest-prefix route for an IPv4 destination (main table). */
export function routeFor(host: Host, addr: string): Route | undefined {
  let best: Route | undefined;
  let bestBits = -1;
  let bestMetric = Infinity;
  for (const r of host.net.routes) {
    const ok = r.dest === "default" ? true : inCidr(addr, r.dest);
    if (!ok) continue;
    const bits = cidrBits(r.dest);
    const metric = r.metric ?? 0;
    if (bits > bestBits || (bits === bestBits && metric < bestMetric)) {
      best = r;
      bestBits = bits;
      bestMetric = metric;
    }
  }
  return best;
}

export function endpointByAddr(host: Host, addr: string): Endpoint | undefined {
  return host.net.endpoints.find((e) => e.addr === addr) ?? host.net.endpoints.find((e) => e.host === addr);
}

export type Reach =
  | { ok: true; rttMs: number; endpoint?: Endpoint; local: boolean; route?: Route }
  | { ok: false; why: "ENETUNREACH" | "EHOSTUNREACH" | "timeout"; route?: Route };

/**
 * The reachability rule: local addresses always; a connected subnet (a route without via)
 * reaches endpoints on it; anything else needs a route via a gateway that is itself an
 * endpoint, and an endpoint at the destination (else packets vanish: timeout).
 */
export function reach(host: Host, addr: string): Reach {
  if (isLocalAddr(host, addr)) return { ok: true, rttMs: 0.04, local: true };
  if (!isIPv4(addr)) return { ok: false, why: "ENETUNREACH" };
  const r = routeFor(host, addr);
  if (!r) return { ok: false, why: "ENETUNREACH" };
  const ep = host.net.endpoints.find((e) => e.addr === addr);
  const iface = host.net.interfaces.find((i) => i.name === r.dev);
  if (iface && !iface.up) return { ok: false, why: "ENETUNREACH", route: r };
  if (!r.via) {
    if (!ep) return { ok: false, why: "EHOSTUNREACH", route: r };
    return { ok: true, rttMs: ep.rttMs, endpoint: ep, local: false, route: r };
  }
  const gw = host.net.endpoints.find((e) => e.addr === r.via);
  if (!gw) return { ok: false, why: "timeout", route: r };
  if (!ep) return { ok: false, why: "timeout", route: r };
  return { ok: true, rttMs: ep.rttMs, endpoint: ep, local: false, route: r };
}

// ---------------------------------------------------------------------------------------
// resolver configuration

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  ndots: number;
  timeoutS?: number;
  attempts?: number;
}

export function readResolvConf(host: Host): ResolvConf {
  const text = readConf(host, "/etc/resolv.conf") ?? "";
  const rc: ResolvConf = { nameservers: [], search: [], ndots: 1 };
  for (const raw of text.split("\n")) {
    const line = raw.replace(/[#;].*$/, "").trim();
    const [kw, ...rest] = line.split(/\s+/);
    if (kw === "nameserver" && rest[0] && rc.nameservers.length < 3) rc.nameservers.push(rest[0]);
    else if (kw === "search" || kw === "domain") rc.search = rest.filter(Boolean);
    else if (kw === "options")
      for (const o of rest) {
        const [k, v] = o.split(":");
        const n = Number(v);
        if (k === "ndots" && Number.isFinite(n)) rc.ndots = Math.min(15, Math.max(0, n));
        if (k === "timeout" && Number.isFinite(n)) rc.timeoutS = Math.min(30, Math.max(1, n));
        if (k === "attempts" && Number.isFinite(n)) rc.attempts = Math.min(5, Math.max(1, n));
      }
  }
  // glibc: no nameserver line means the local one
  if (rc.nameservers.length === 0) rc.nameservers.push("127.0.0.1");
  return rc;
}

/** /etc/hosts lookup (first matching line's address, all addresses for the name). */
export function hostsFile(host: Host): { addr: string; names: string[] }[] {
  const text = readConf(host, "/etc/hosts") ?? "";
  const out: { addr: string; names: string[] }[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const [addr, ...names] = line.split(/\s+/);
    if (addr && names.length) out.push({ addr, names });
  }
  return out;
}

export function hostsLookup(host: Host, name: string, family?: "inet" | "inet6"): { addrs: string[]; canon: string } | undefined {
  const lower = name.toLowerCase().replace(/\.$/, "");
  const hits = hostsFile(host).filter((h) => h.names.some((n) => n.toLowerCase() === lower) && (!family || (family === "inet" ? isIPv4(h.addr) : !isIPv4(h.addr))));
  if (!hits.length) return undefined;
  return { addrs: hits.map((h) => h.addr), canon: hits[0]!.names[0]! };
}

export function hostsSources(host: Host): string[] {
  const text = readConf(host, "/etc/nsswitch.conf") ?? "hosts: files dns";
  const m = /^hosts:\s*(.*)$/m.exec(text);
  if (!m) return ["files", "dns"];
  return m[1]!
    .replace(/\[[^\]]*\]/g, "")
    .split(/\s+/)
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------
// DNS

export type DnsOutcome =
  | { kind: "answer"; addrs: string[] }
  | { kind: "nxdomain" }
  | { kind: "nodata" }
  | { kind: "servfail" }
  | { kind: "refused" }
  | { kind: "timeout" }
  | { kind: "portunreach" }
  | { kind: "netunreach" };

export function dnsRecordsFor(host: Host, name: string): string[] | undefined {
  const key = name.toLowerCase().replace(/\.$/, "");
  for (const [k, v] of Object.entries(host.net.dnsRecords)) if (k.toLowerCase() === key) return v;
  return undefined;
}

/** Reverse record: a name whose records include addr. */
export function dnsReverse(host: Host, addr: string): string | undefined {
  for (const [k, v] of Object.entries(host.net.dnsRecords)) if (v.includes(addr) && k !== "localhost") return k;
  return undefined;
}

/** One query to one server; `rttMs` is the time until the reply (or the loss). */
export function queryServer(host: Host, server: string, name: string, type: "A" | "AAAA" | "PTR" = "A"): { outcome: DnsOutcome; rttMs: number } {
  let rtt = 0.5;
  const local = isLocalAddr(host, server);
  if (!local) {
    const r = reach(host, server);
    if (!r.ok) {
      if (r.why === "ENETUNREACH") return { outcome: { kind: "netunreach" }, rttMs: 0 };
      return { outcome: { kind: "timeout" }, rttMs: 0 };
    }
    rtt = r.rttMs;
  }
  const ep = host.net.endpoints.find((e) => e.addr === server);
  const mode = ep?.dns ?? (local ? undefined : ep ? undefined : "timeout");
  if (mode === undefined) {
    // something that answers nothing on port 53: ICMP port unreachable (local: nothing listens)
    if (!local || !host.net.sockets.some((s) => s.localPort === 53)) return { outcome: { kind: "portunreach" }, rttMs: rtt };
  }
  if (mode === "timeout") return { outcome: { kind: "timeout" }, rttMs: 0 };
  if (mode === "refused") return { outcome: { kind: "refused" }, rttMs: rtt };
  if (mode === "servfail") return { outcome: { kind: "servfail" }, rttMs: rtt };
  if (type === "PTR") {
    const n = dnsReverse(host, name);
    return { outcome: n ? { kind: "answer", addrs: [n] } : { kind: "nxdomain" }, rttMs: rtt };
  }
  const recs = dnsRecordsFor(host, name);
  if (!recs) return { outcome: { kind: "nxdomain" }, rttMs: rtt };
  const addrs = recs.filter((a) => (type === "A" ? isIPv4(a) : !isIPv4(a)));
  return { outcome: addrs.length ? { kind: "answer", addrs } : { kind: "nodata" }, rttMs: rtt };
}

export type LookupResult = { ok: true; addrs: string[]; canon: string; elapsedMs: number } | { ok: false; error: "NOTFOUND" | "AGAIN"; elapsedMs: number };

/**
 * getaddrinfo(): /etc/hosts and DNS in nsswitch order; DNS through the stub resolver with
 * the search list, ndots and the per-server timeout/attempts of resolv.conf.
 */
export function resolveHost(host: Host, name: string, family: "inet" | "inet6" = "inet"): LookupResult {
  if (isIPv4(name)) return { ok: true, addrs: [name], canon: name, elapsedMs: 0 };
  if (isIPv6(name)) return { ok: true, addrs: [name], canon: name, elapsedMs: 0 };
  let elapsed = 0;
  let again = false;
  for (const src of hostsSources(host)) {
    if (src === "files") {
      const h = hostsLookup(host, name, family);
      if (h) return { ok: true, addrs: h.addrs, canon: h.canon, elapsedMs: 0 };
    } else if (src === "dns") {
      const rc = readResolvConf(host);
      const timeoutMs = (rc.timeoutS ?? 5) * 1000;
      const attempts = rc.attempts ?? 2;
      const bare = name.replace(/\.$/, "");
      const dots = (bare.match(/\./g) ?? []).length;
      const candidates = name.endsWith(".") ? [bare] : dots >= rc.ndots ? [bare, ...rc.search.map((s) => `${bare}.${s}`)] : [...rc.search.map((s) => `${bare}.${s}`), bare];
      for (const cand of candidates) {
        let done = false;
        for (let a = 0; a < attempts && !done; a++) {
          for (const ns of rc.nameservers) {
            const q = queryServer(host, ns, cand, family === "inet" ? "A" : "AAAA");
            if (q.outcome.kind === "timeout") {
              elapsed += timeoutMs;
              continue;
            }
            elapsed += q.rttMs;
            if (q.outcome.kind === "answer") return { ok: true, addrs: q.outcome.addrs, canon: cand, elapsedMs: elapsed };
            if (q.outcome.kind === "nxdomain" || q.outcome.kind === "nodata") {
              done = true;
              break;
            }
          }
        }
        if (!done) again = true;
      }
    }
  }
  return { ok: false, error: again ? "AGAIN" : "NOTFOUND", elapsedMs: elapsed };
}

/** Which local listening socket accepts a connection to addr:port, if any. */
export function listenerFor(host: Host, addr: string, port: number): { pid?: number } | undefined {
  const v6 = addr.includes(":");
  return host.net.sockets.find((s) => {
    if (s.state !== "LISTEN" || s.localPort !== port) return false;
    const la = s.localAddr.replace(/^\[|\]$/g, "");
    if (la === "0.0.0.0" || la === "*") return !v6;
    if (la === "::" ) return true;
    return la === addr;
  });
}

/** bind9 tools (dig/host/nslookup): servers in order, `tries` per server, timeouts cost sim time. */
export interface DnsExchange {
  /** ";; communications error ..." lines printed before the answer */
  notes: string[];
  outcome: DnsOutcome;
  server?: string;
  rttMs: number;
  /** sim time spent, including timeouts */
  elapsedMs: number;
}

export function dnsExchange(host: Host, servers: string[], name: string, type: "A" | "AAAA" | "PTR", opts: { timeoutS?: number; tries?: number; defaultTries?: number } = {}): DnsExchange {
  const rc = readResolvConf(host);
  const timeoutMs = (opts.timeoutS ?? rc.timeoutS ?? 5) * 1000;
  const tries = opts.tries ?? rc.attempts ?? opts.defaultTries ?? 3;
  const notes: string[] = [];
  let elapsed = 0;
  for (const s of servers) {
    for (let t = 0; t < tries; t++) {
      const q = queryServer(host, s, name, type);
      if (q.outcome.kind === "timeout") {
        elapsed += timeoutMs;
        notes.push(`;; communications error to ${s}#53: timed out`);
        continue;
      }
      if (q.outcome.kind === "netunreach") {
        notes.push(`;; UDP setup with ${s}#53(${s}) for ${name} failed: network unreachable.`);
        break;
      }
      if (q.outcome.kind === "portunreach") {
        elapsed += q.rttMs;
        notes.push(`;; communications error to ${s}#53: connection refused`);
        break;
      }
      elapsed += q.rttMs;
      return { notes, outcome: q.outcome, server: s, rttMs: q.rttMs, elapsedMs: elapsed };
    }
  }
  return { notes, outcome: { kind: "timeout" }, rttMs: 0, elapsedMs: elapsed };
}

/** "15.2.0.10.in-addr.arpa" for 10.0.2.15. */
export function reverseName(addr: string): string {
  return `${addr.split(".").reverse().join(".")}.in-addr.arpa`;
}
