/**
 * Socket views shared by ss, netstat and lsof-like tools: which processes hold a socket
 * (a listening socket is inherited by the owner's forked workers: the engine's inheritsListenersOf),
 * what an unprivileged user may see of them, the family order
 * the kernel dumps them in, and /etc/services names for ports.
 */
import { inheritsListenersOf, type Cred, type Host, type Proc, type Socket } from "../../../engine/index.js";

/** Processes holding the socket, newest pid first (the order ss prints them). */
export function socketHolders(host: Host, s: Socket): { proc: Proc; fd: number }[] {
  if (s.pid === undefined) return [];
  const owner = host.procs.get(s.pid);
  if (!owner || owner.state === "Z") return [];
  const out: { proc: Proc; fd: number }[] = [{ proc: owner, fd: s.fd ?? 3 }];
  if (s.state === "LISTEN") {
    for (const p of host.procs.values()) if (inheritsListenersOf(p, owner)) out.push({ proc: p, fd: s.fd ?? 3 });
  }
  return out.sort((a, b) => b.proc.pid - a.proc.pid);
}

/** Holders an unprivileged user may see (their own processes only). */
export function visibleHolders(host: Host, s: Socket, cred: Cred): { proc: Proc; fd: number }[] {
  const all = socketHolders(host, s);
  return cred.uid === 0 ? all : all.filter((h) => h.proc.uid === cred.uid);
}

export function isV6(s: Socket): boolean {
  return s.proto === "tcp6" || s.proto === "udp6" || s.localAddr.includes(":");
}

export function isTcp(s: Socket): boolean {
  return s.proto === "tcp" || s.proto === "tcp6";
}

export function isUdp(s: Socket): boolean {
  return s.proto === "udp" || s.proto === "udp6";
}

/** Kernel dump order: IPv4 listeners, IPv4 connections, then the same for IPv6; TCP before UDP. */
export function dumpOrder(sockets: Socket[]): Socket[] {
  const rank = (s: Socket): number => (isUdp(s) ? 4 : 0) + (isV6(s) ? 2 : 0) + (s.state === "LISTEN" ? 0 : 1);
  return sockets
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map((x) => x.s);
}

export const SERVICES: Record<number, string> = {
  21: "ftp",
  22: "ssh",
  23: "telnet",
  25: "smtp",
  53: "domain",
  67: "bootps",
  68: "bootpc",
  80: "http",
  110: "pop3",
  111: "sunrpc",
  123: "ntp",
  143: "imap2",
  161: "snmp",
  389: "ldap",
  443: "https",
  465: "submissions",
  587: "submission",
  636: "ldaps",
  873: "rsync",
  993: "imaps",
  995: "pop3s",
  2049: "nfs",
  3306: "mysql",
  5432: "postgresql",
  5672: "amqp",
  6379: "redis",
  8080: "http-alt",
  9100: "jetdirect",
  11211: "memcache",
};

/** Address without brackets ("[::]" -> "::"). */
export function bare(addr: string): string {
  return addr.replace(/^\[|\]$/g, "");
}

/** The kernel's /proc/PID/cmdline first word, as netstat shows it (basename when absolute). */
export function netstatProgName(p: Proc): string {
  const a0 = p.argv[0] ?? p.comm;
  if (a0.startsWith("/")) return a0.slice(a0.lastIndexOf("/") + 1);
  return a0 || p.comm;
}
