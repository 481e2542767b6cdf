/**
 * /proc/net: dev (interface counters), tcp/tcp6 and udp/udp6 (socket tables with
 * little-endian hex addresses, kernel state codes, queue sizes, owner uid and inode; IPv4
 * lines padded to the kernel's fixed width), and route (the IPv4 FIB as netstat -r reads it).
 */
import type { Host } from "../host/host.js";
import type { Socket, SocketState } from "../host/types.js";
import { hashStr } from "./proc-ids.js";

export function renderNetDev(host: Host): string {
  let s = "Inter-|   Receive                                                |  Transmit\n";
  s += " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";
  const f = (n: number, w: number): string => String(Math.max(0, Math.floor(n))).padStart(w);
  for (const i of host.net.interfaces) {
    const mcast = i.name === "lo" ? 0 : Math.floor(i.rxPackets / 900);
    s += `${i.name.padStart(6)}:${f(i.rxBytes, 8)} ${f(i.rxPackets, 7)} ${f(i.rxErrors, 4)} ${f(i.rxDropped, 4)} ${f(0, 4)} ${f(0, 5)} ${f(0, 10)} ${f(mcast, 9)} ${f(i.txBytes, 8)} ${f(i.txPackets, 7)} ${f(i.txErrors, 4)} ${f(i.txDropped, 4)} ${f(0, 4)} ${f(0, 5)} ${f(0, 7)} ${f(0, 10)}\n`;
  }
  return s;
}

const STATE_CODE: Record<SocketState, number> = {
  ESTAB: 0x01, "SYN-SENT": 0x02, "SYN-RECV": 0x03, "FIN-WAIT-1": 0x04, "FIN-WAIT-2": 0x05, "TIME-WAIT": 0x06, UNCONN: 0x07, "CLOSE-WAIT": 0x08, "LAST-ACK": 0x09, LISTEN: 0x0a, CLOSING: 0x0b,
};

const hex = (n: number, w: number): string => (n >>> 0).toString(16).toUpperCase().padStart(w, "0");

function bare(addr: string): string {
  return addr.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
}

/** IPv4 as the kernel prints __be32 on little-endian x86: 127.0.0.1 -> 0100007F. */
function hex4(addr: string): string {
  const a = bare(addr);
  const parts = /^\d+\.\d+\.\d+\.\d+$/.test(a) ? a.split(".").map(Number) : [0, 0, 0, 0];
  return hex(((parts[3]! << 24) | (parts[2]! << 16) | (parts[1]! << 8) | parts[0]!) >>> 0, 8);
}

/** IPv6 as four little-endian 32-bit words; "*", "::" -> zeros; v4 addresses become v4-mapped. */
function hex6(addr: string): string {
  let a = bare(addr);
  if (a === "*" || a === "" || a === "0.0.0.0") a = "::";
  const words = new Array<number>(8).fill(0);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(a)) {
    const p = a.split(".").map(Number);
    words[5] = 0xffff;
    words[6] = (p[0]! << 8) | p[1]!;
    words[7] = (p[2]! << 8) | p[3]!;
  } else {
    const [head, tail] = a.includes("::") ? a.split("::") : [a, undefined];
    const h = head ? head.split(":").filter(Boolean) : [];
    const t = tail ? tail.split(":").filter(Boolean) : [];
    h.forEach((x, i) => (words[i] = parseInt(x, 16) || 0));
    t.forEach((x, i) => (words[8 - t.length + i] = parseInt(x, 16) || 0));
  }
  let s = "";
  for (let i = 0; i < 8; i += 2) {
    const b = [words[i]! >> 8, words[i]! & 255, words[i + 1]! >> 8, words[i + 1]! & 255];
    s += hex(((b[3]! << 24) | (b[2]! << 16) | (b[1]! << 8) | b[0]!) >>> 0, 8);
  }
  return s;
}

function ownerUid(host: Host, s: Socket): number {
  return s.pid !== undefined ? (host.procs.get(s.pid)?.uid ?? 0) : 0;
}

/** The kernel's hashed %pK pointer: stable per socket. */
function pointer(s: Socket): string {
  return ("0000000" + hashStr(`sk:${s.ino}`).toString(16)).slice(-8).padStart(16, "0");
}

function tcpTail(s: Socket): string {
  if (s.state === "LISTEN") return "100 0 0 10 0";
  if (s.state === "ESTAB") return "20 4 30 10 -1";
  return "20 4 0 10 -1";
}

function tcpRows(host: Host, v6: boolean): string[] {
  const rows: string[] = [];
  const socks = host.net.sockets.filter((s) => s.proto === (v6 ? "tcp6" : "tcp"));
  socks.forEach((s, i) => {
    const st = STATE_CODE[s.state] ?? 0x07;
    const a = v6 ? hex6 : hex4;
    const local = `${a(s.localAddr)}:${hex(s.localPort, 4)}`;
    const peer = `${a(s.peerAddr)}:${hex(s.peerPort, 4)}`;
    const sl = String(i).padStart(4);
    if (s.state === "TIME-WAIT") {
      rows.push(`${sl}: ${local} ${peer} ${hex(st, 2)} 00000000:00000000 03:${hex(0x1000 + (s.ino % 0x1f00), 8)} 00000000 ${String(0).padStart(5)} ${String(0).padStart(8)} 0 3 0000000000000000`);
      return;
    }
    const tx = s.state === "LISTEN" ? 0 : s.sendQ;
    const rx = s.recvQ;
    const timer = s.state === "ESTAB" && tx > 0 ? `01:${hex(20, 8)}` : s.state === "ESTAB" ? `02:${hex(0x9c4 + (s.ino % 4000), 8)}` : "00:00000000";
    rows.push(`${sl}: ${local} ${peer} ${hex(st, 2)} ${hex(tx, 8)}:${hex(rx, 8)} ${timer} 00000000 ${String(ownerUid(host, s)).padStart(5)} ${String(0).padStart(8)} ${s.ino} ${s.state === "LISTEN" ? 1 : 2} ${pointer(s)} ${tcpTail(s)}`);
  });
  return rows;
}

export function renderNetTcp(host: Host): string {
  const head = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
  return [head, ...tcpRows(host, false)].map((l) => l.padEnd(149) + "\n").join("");
}

export function renderNetTcp6(host: Host): string {
  const head = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
  return [head, ...tcpRows(host, true)].map((l) => l + "\n").join("");
}

function udpRows(host: Host, v6: boolean): string[] {
  const socks = host.net.sockets.filter((s) => s.proto === (v6 ? "udp6" : "udp"));
  const slotOf = (s: Socket): number => (s.localPort * 31) % 512;
  return [...socks].sort((x, y) => slotOf(x) - slotOf(y)).map((s) => {
    const a = v6 ? hex6 : hex4;
    const st = s.state === "ESTAB" ? 0x01 : 0x07;
    const slot = String(slotOf(s)).padStart(5);
    return `${slot}: ${a(s.localAddr)}:${hex(s.localPort, 4)} ${a(s.peerAddr)}:${hex(s.peerPort, 4)} ${hex(st, 2)} ${hex(s.sendQ, 8)}:${hex(s.recvQ, 8)} 00:00000000 00000000 ${String(ownerUid(host, s)).padStart(5)} ${String(0).padStart(8)} ${s.ino} 2 ${pointer(s)} 0`;
  });
}

export function renderNetUdp(host: Host): string {
  const head = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops";
  return [head, ...udpRows(host, false)].map((l) => l.padEnd(127) + "\n").join("");
}

export function renderNetUdp6(host: Host): string {
  const head = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops";
  return [head, ...udpRows(host, true)].map((l) => l + "\n").join("");
}

export function renderNetRoute(host: Host): string {
  const head = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";
  const rows: string[] = [head];
  for (const r of host.net.routes) {
    if (r.dest.includes(":")) continue;
    const [net, bitsText] = r.dest === "default" ? ["0.0.0.0", "0"] : r.dest.includes("/") ? r.dest.split("/") : [r.dest, "32"];
    const bits = Number(bitsText);
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    const maskAddr = [24, 16, 8, 0].map((sh) => (mask >>> sh) & 255).join(".");
    let flags = 0x0001;
    if (r.via) flags |= 0x0002;
    if (bits === 32) flags |= 0x0004;
    rows.push(`${r.dev}\t${hex4(net!)}\t${hex4(r.via ?? "0.0.0.0")}\t${hex(flags, 4)}\t0\t0\t${r.metric ?? 0}\t${hex4(maskAddr)}\t0\t0\t0`);
  }
  return rows.map((l) => l.padEnd(127) + "\n").join("");
}
