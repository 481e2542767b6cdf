/**
 * lsof (4.95.0): open files of the simulated processes — cwd/rtd/txt/mem entries, numbered fds
 * (regular files with their size and inode, deleted ones with NLINK 0 and " (deleted)", char
 * devices, pipes, eventpoll, and TCP sockets resolved through host.net with LISTEN/ESTABLISHED
 * names). Selection: -p (with ^exclusions), -u, -c, -i [46][tcp|udp][@host][:port], -d, +L1,
 * +D/file operands, -a (AND), -t (pids only), -n/-P (names are always numeric here). Column
 * widths are computed from the printed rows as lsof does. A non-root user sees other users'
 * processes only as "unknown ... (readlink: Permission denied)" rows, like the real tool.
 */
import { type Host, type OpenFd, type Proc, VfsError, openFdsOf } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";

const HELP = `lsof 4.95.0
 latest revision: https://github.com/lsof-org/lsof
 latest FAQ: https://github.com/lsof-org/lsof/blob/master/00FAQ
 latest (non-formatted) man page: https://github.com/lsof-org/lsof/blob/master/Lsof.8
 usage: [-?abhKlnNoOPRtUvVX] [+|-c c] [+|-d s] [+D D] [+|-E] [+|-e s] [+|-f[gG]]
 [-F [f]] [-g [s]] [-i [i]] [+|-L [l]] [+m [m]] [+|-M] [-o [o]] [-p s]
 [+|-r [t]] [-s [p:s]] [-S [t]] [-T [t]] [-u s] [+|-w] [-x [fl]] [--] [names]
Defaults in parentheses; comma-separated set (s) items; dash-separated ranges.
  -?|-h list help          -a AND selections (OR)     -b avoid kernel blocks
  -c c  cmd c ^c /c/[bix]  +c w  COMMAND width (9)    +d s  dir s files
  -d s  select by FD set   +D D  dir D tree *SLOW?*   -i select IPv[46] files
  -K [i] list|(i)gn tasKs  -l list UID numbers        -n no host names
  -N select NFS files      -o list file offset        -O no overhead *RISKY*
  -P no port names         -R list paRent PID         -s list file size
  -t terse listing         -T disable TCP/TPI info    -U select Unix socket
  -v list version info     -V verbose search          +|-w  Warnings (+)
  -X skip TCP&UDP* files   -Z Z context [Z]           -- end option scan
  -E display endpoint info              +E display endpoint info and files
  +f|-f  +filesystem or -file names     +|-f[gG] flaGs
  -F [f] select fields; -F? for help
  +|-L [l] list (+) suppress (-) link counts < l (0 = all; default = 0)
                                        +m [m] use|create mount supplement
  +|-M   portMap registration (-)       -o o   o 0t offset digits (8)
  -p s   exclude(^)|select PIDs         -S [t] t second stat timeout (15)
  -T qs TCP/TPI Q,St (s) info
  -g [s] exclude(^)|select and print process group IDs
  -i i   select by IPv[46] address: [46][proto][@host|addr][:svc_list|port_list]
  +|-r [t[m<fmt>]] repeat every t seconds (15);  + until no files, - forever.
       An optional suffix to t is m<fmt>; m must separate t from <fmt> and
      <fmt> is an strftime(3) format for the marker line.
  -s p:s  exclude(^)|select protocol (p = TCP|UDP) states by name(s).
  -u s   exclude(^)|select login|UID set s
  -x [fl] cross over +d|+D File systems or symbolic Links
  names  select named files or files on named file systems
Anyone can list all files; /dev warnings disabled; kernel ID check disabled.
`;

const SHORT_USAGE =
  "lsof 4.95.0\n latest revision: https://github.com/lsof-org/lsof\n latest FAQ: https://github.com/lsof-org/lsof/blob/master/00FAQ\n latest (non-formatted) man page: https://github.com/lsof-org/lsof/blob/master/Lsof.8\n usage: [-?abhKlnNoOPRtUvVX] [+|-c c] [+|-d s] [+D D] [+|-E] [+|-e s] [+|-f[gG]]\n [-F [f]] [-g [s]] [-i [i]] [+|-L [l]] [+m [m]] [+|-M] [-o [o]] [-p s]\n [+|-r [t]] [-s [p:s]] [-S [t]] [-T [t]] [-u s] [+|-w] [-x [fl]] [--] [names]\nUse the ``-h'' option to get more help information.\n";

interface Row {
  command: string;
  pid: number;
  user: string;
  fd: string;
  mode: string;
  type: string;
  device: string;
  size: string;
  nlink: string;
  node: string;
  name: string;
  /** for selection */
  proc: Proc;
  inet?: { proto: string; v6: boolean; local: string; localPort: number; peer?: string; peerPort?: number; state: string };
  path?: string;
  deleted?: boolean;
  nlinkNum?: number;
}

const STATE: Record<string, string> = { LISTEN: "LISTEN", ESTAB: "ESTABLISHED", "TIME-WAIT": "TIME_WAIT", "CLOSE-WAIT": "CLOSE_WAIT", "FIN-WAIT-1": "FIN_WAIT1", "FIN-WAIT-2": "FIN_WAIT2", "SYN-SENT": "SYN_SENT", "SYN-RECV": "SYN_RECV", "LAST-ACK": "LAST_ACK", CLOSING: "CLOSING", UNCONN: "" };

function deviceOf(host: Host, mountTarget: string): string {
  const m = host.mounts.find((x) => x.target === mountTarget);
  if (!m) return "0,22";
  if (m.source.startsWith("/dev/")) {
    const dev = m.source.slice(5);
    for (const d of host.disks) {
      if (d.name === dev) return `${d.major},${d.minor}`;
      const part = d.partitions?.find((p) => p.name === dev);
      if (part) return `${d.major},${part.minor}`;
    }
    return "254,1";
  }
  return `0,${26 + host.mounts.indexOf(m)}`;
}

function statSafe(host: Host, path: string): { ino: number; size: number; nlink: number; mount: string; type: string } | undefined {
  try {
    const m = host.mounts.find((x) => x.target === host.vfs.mountOf(path));
    if (m?.hung) return undefined;
    const s = host.vfs.stat(path);
    return { ino: s.ino, size: s.size, nlink: s.nlink, mount: s.mount, type: s.type };
  } catch (e) {
    if (e instanceof VfsError) return undefined;
    throw e;
  }
}

const LIBS: [string, number, number][] = [
  ["/usr/lib/x86_64-linux-gnu/libc.so.6", 1926232, 339380],
  ["/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", 215000, 338944],
];

function exeOf(p: Proc): string {
  if (p.exe) return p.exe;
  const a0 = p.argv[0] ?? "";
  if (a0.startsWith("/")) return a0;
  if (p.comm === "bash") return "/usr/bin/bash";
  if (p.comm === "sshd") return "/usr/sbin/sshd";
  if (p.comm === "nginx") return "/usr/sbin/nginx";
  if (p.comm === "postgres") return "/usr/lib/postgresql/15/bin/postgres";
  if (p.comm === "gunicorn" || p.comm === "python3") return "/usr/bin/python3.11";
  return `/usr/bin/${p.comm}`;
}

function rowsOf(host: Host, p: Proc, visible: boolean): Row[] {
  const user = host.userName(p.uid);
  const base = { command: p.comm.slice(0, 9), pid: p.pid, user, proc: p, mode: "", nlink: "" };
  if (!visible) {
    return [
      { ...base, fd: "cwd", type: "unknown", device: "", size: "", node: "", name: `/proc/${p.pid}/cwd (readlink: Permission denied)` },
      { ...base, fd: "rtd", type: "unknown", device: "", size: "", node: "", name: `/proc/${p.pid}/root (readlink: Permission denied)` },
      { ...base, fd: "txt", type: "unknown", device: "", size: "", node: "", name: `/proc/${p.pid}/exe (readlink: Permission denied)` },
      { ...base, fd: "NOFD", type: "", device: "", size: "", node: "", name: `/proc/${p.pid}/fd (opendir: Permission denied)` },
    ];
  }
  const rows: Row[] = [];
  const dirRow = (fd: string, path: string): Row => {
    const st = statSafe(host, path);
    return { ...base, fd, type: "DIR", device: deviceOf(host, st?.mount ?? "/"), size: String(st?.size ?? 4096), node: String(st?.ino ?? 2), name: path, path, nlinkNum: st?.nlink ?? 2 };
  };
  rows.push(dirRow("cwd", p.cwd ?? "/"));
  rows.push(dirRow("rtd", "/"));
  if (p.kthread) {
    rows.push({ ...base, fd: "txt", type: "unknown", device: "", size: "", node: "", name: `/proc/${p.pid}/exe` });
    return rows;
  }
  const exe = exeOf(p);
  const st = statSafe(host, exe);
  rows.push({ ...base, fd: "txt", type: "REG", device: deviceOf(host, st?.mount ?? "/"), size: String(st?.size || 1265648), node: String(st?.ino ?? 260104), name: exe, path: exe, nlinkNum: 1 });
  for (const [path, size, ino] of LIBS) rows.push({ ...base, fd: "mem", type: "REG", device: deviceOf(host, "/"), size: String(size), node: String(ino), name: path, path, nlinkNum: 1 });
  for (const f of [...openFdsOf(host, p)].sort((a, b) => a.fd - b.fd)) rows.push(fdRow(host, base, f));
  return rows;
}

function fdRow(host: Host, base: Omit<Row, "fd" | "type" | "device" | "size" | "node" | "name">, f: OpenFd): Row {
  const r = { ...base, fd: String(f.fd), mode: f.mode };
  let m = /^socket:\[(\d+)\]$/.exec(f.path);
  if (m) {
    const ino = Number(m[1]);
    const s = host.net.sockets.find((x) => x.ino === ino);
    if (s && s.proto !== "unix") {
      const v6 = s.proto.endsWith("6") || s.localAddr.includes(":");
      const any = (a: string): boolean => a === "0.0.0.0" || a === "[::]" || a === "::" || a === "*";
      const fmtA = (a: string): string => (any(a) ? "*" : v6 && !a.startsWith("[") ? `[${a}]` : a);
      const proto = s.proto.startsWith("udp") ? "UDP" : "TCP";
      const st = STATE[s.state] ?? s.state;
      const local = `${fmtA(s.localAddr)}:${s.localPort}`;
      const peer = s.state === "LISTEN" || s.state === "UNCONN" ? "" : `->${fmtA(s.peerAddr)}:${s.peerPort}`;
      return { ...r, type: v6 ? "IPv6" : "IPv4", device: String(ino), size: "0t0", node: proto, name: `${local}${peer}${st ? ` (${st})` : ""}`, inet: { proto, v6, local: s.localAddr, localPort: s.localPort, peer: peer ? s.peerAddr : undefined, peerPort: peer ? s.peerPort : undefined, state: st } };
    }
    return { ...r, type: "unix", device: `0x${(0xffff8c4a00000000n + BigInt(ino) * 0x400n).toString(16)}`, size: "0t0", node: String(ino), name: "type=STREAM (CONNECTED)" };
  }
  m = /^pipe:\[(\d+)\]$/.exec(f.path);
  if (m) return { ...r, type: "FIFO", device: "0,13", size: "0t0", node: m[1]!, name: "pipe" };
  m = /^anon_inode:\[?([^\]]+)\]?$/.exec(f.path);
  if (m) return { ...r, type: "a_inode", device: "0,14", size: "0", node: "1057", name: `[${m[1]}]` };
  if (f.path.startsWith("/dev/")) {
    const pts = /^\/dev\/pts\/(\d+)$/.exec(f.path);
    if (pts) return { ...r, type: "CHR", device: `136,${pts[1]}`, size: "0t0", node: String(Number(pts[1]) + 3), name: f.path };
    const known: Record<string, [string, string]> = { "/dev/null": ["1,3", "4"], "/dev/zero": ["1,5", "5"], "/dev/urandom": ["1,9", "8"], "/dev/random": ["1,8", "7"], "/dev/tty": ["5,0", "11"] };
    const k = known[f.path];
    if (k) return { ...r, type: "CHR", device: k[0], size: "0t0", node: k[1], name: f.path };
  }
  if (f.deleted) {
    return { ...r, type: "REG", device: deviceOf(host, f.mount ?? host.vfs.mountOf(f.path)), size: String(Math.floor(f.sizeBytes ?? 0)), node: String(f.ino ?? 0), name: `${f.path} (deleted)`, path: f.path, deleted: true, nlinkNum: 0, nlink: "0" };
  }
  const st = statSafe(host, f.path);
  return { ...r, type: st?.type === "dir" ? "DIR" : "REG", device: deviceOf(host, st?.mount ?? host.vfs.mountOf(f.path)), size: String(st?.size ?? Math.floor(f.sizeBytes ?? 0)), node: String(st?.ino ?? f.ino ?? 0), name: f.path, path: f.path, nlinkNum: st?.nlink ?? 1 };
}

function render(rows: Row[], withNlink: boolean): string {
  const w = {
    command: Math.max(7, ...rows.map((r) => r.command.length)),
    pid: Math.max(3, ...rows.map((r) => String(r.pid).length)),
    user: Math.max(4, ...rows.map((r) => r.user.length)),
    fd: Math.max(4, ...rows.map((r) => r.fd.length)),
    type: Math.max(4, ...rows.map((r) => r.type.length)),
    device: Math.max(6, ...rows.map((r) => r.device.length)),
    size: Math.max(8, ...rows.map((r) => r.size.length)),
    nlink: 5,
    node: Math.max(4, ...rows.map((r) => r.node.length)),
  };
  const line = (c: string, pid: string, user: string, fd: string, mode: string, type: string, dev: string, size: string, nlink: string, node: string, name: string): string => {
    const fdCol = fd === "NOFD" ? fd.padStart(w.fd) + "   " : fd.padStart(w.fd) + (mode || " ") + "  ";
    return `${c.padEnd(w.command)} ${pid.padStart(w.pid)} ${user.padStart(w.user)} ${fdCol}${type.padStart(w.type)} ${dev.padStart(w.device)} ${size.padStart(w.size)} ${withNlink ? nlink.padStart(w.nlink) + " " : ""}${node.padStart(w.node)} ${name}`;
  };
  let out = line("COMMAND", "PID", "USER", "FD", " ", "TYPE", "DEVICE", "SIZE/OFF", "NLINK", "NODE", "NAME") + "\n";
  for (const r of rows) {
    if (r.type === "unknown" || r.fd === "NOFD") {
      out += line(r.command, String(r.pid), r.user, r.fd, " ", r.type, "", "", "", "", r.name) + "\n";
      continue;
    }
    out += line(r.command, String(r.pid), r.user, r.fd, r.mode, r.type, r.device, r.size, r.nlink || (r.nlinkNum !== undefined ? String(r.nlinkNum) : ""), r.node, r.name) + "\n";
  }
  return out;
}

interface InetSel {
  v?: 4 | 6;
  proto?: string;
  host?: string;
  port?: number;
}

function parseInet(spec: string): InetSel | undefined {
  const m = /^([46])?(tcp|udp|TCP|UDP)?(?:@([^:]+))?(?::(\w+))?$/.exec(spec);
  if (!m) return undefined;
  const services: Record<string, number> = { http: 80, https: 443, ssh: 22, postgresql: 5432, mysql: 3306, domain: 53, smtp: 25 };
  const port = m[4] === undefined ? undefined : /^\d+$/.test(m[4]) ? Number(m[4]) : services[m[4]];
  if (m[4] !== undefined && port === undefined) return undefined;
  return { v: m[1] ? (Number(m[1]) as 4 | 6) : undefined, proto: m[2]?.toUpperCase(), host: m[3]?.replace(/^\[|\]$/g, ""), port };
}

export const lsofCommand = defineCommand({
  name: "lsof",
  summary: "List open files.",
  usage: "lsof [options] [names]",
  help: HELP,
  parse: "raw",
  options: [],
  run(ctx, _o, argv) {
    const host = ctx.host;
    const err = (m: string): { stdout: string; stderr: string; exitCode: number } => ({ stdout: "", stderr: m, exitCode: 1 });
    let pids: { inc: number[]; exc: number[] } | undefined;
    let users: { inc: string[]; exc: string[] } | undefined;
    const cmds: string[] = [];
    let inet: InetSel[] | undefined;
    let linkMax: number | undefined;
    let terse = false;
    let and = false;
    let fdSel: string[] | undefined;
    let dirTree: string | undefined;
    let dirOnly: string | undefined;
    const names: string[] = [];
    // -s PROTO:STATE[,STATE] (^STATE excludes): which TCP/UDP states the network files may be in
    const stateSel: Record<string, { inc: string[]; exc: string[] }> = {};
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const next = (): string | undefined => argv[++i];
      if (a === "--") {
        names.push(...argv.slice(i + 1));
        break;
      }
      if (a === "-h" || a === "-?" || a === "--help") return { stdout: "", stderr: HELP, exitCode: 0 };
      if (a === "-v") return { stdout: "", stderr: "lsof version information:\n    revision: 4.95.0\n    latest revision: https://github.com/lsof-org/lsof\n", exitCode: 0 };
      if (a === "-p") {
        const v = next();
        if (!v) return err("lsof: -p not followed by a PID list\n" + SHORT_USAGE);
        pids ??= { inc: [], exc: [] };
        for (const x of v.split(",")) {
          const neg = x.startsWith("^");
          const n = Number(neg ? x.slice(1) : x);
          if (!/^\^?\d+$/.test(x)) return err(`lsof: illegal process ID: ${x}\n${SHORT_USAGE}`);
          (neg ? pids.exc : pids.inc).push(n);
        }
      } else if (a === "-u") {
        const v = next();
        if (!v) return err("lsof: -u not followed by a login list\n" + SHORT_USAGE);
        users ??= { inc: [], exc: [] };
        for (const x of v.split(",")) (x.startsWith("^") ? users.exc : users.inc).push(x.replace(/^\^/, ""));
      } else if (a === "-c") {
        const v = next();
        if (!v) return err("lsof: -c not followed by a command\n" + SHORT_USAGE);
        cmds.push(v);
      } else if (a.startsWith("-i")) {
        inet ??= [];
        const spec = a.length > 2 ? a.slice(2) : argv[i + 1] && /^([46]|tcp|udp|TCP|UDP|@|:)/.test(argv[i + 1]!) ? next()! : "";
        if (spec) {
          const s = parseInet(spec);
          if (!s) return err(`lsof: unacceptable Internet address: ${spec}\n` + SHORT_USAGE);
          inet.push(s);
        } else inet.push({});
      } else if (a.startsWith("+L") || a === "-L" || a.startsWith("-L")) {
        if (a.startsWith("+L")) {
          const v = a.length > 2 ? a.slice(2) : argv[i + 1] && /^\d+$/.test(argv[i + 1]!) ? next()! : "0";
          linkMax = Number(v);
        }
      } else if (a === "-d") {
        const v = next();
        if (!v) return err("lsof: -d not followed by an FD list\n" + SHORT_USAGE);
        fdSel = v.split(",");
      } else if (a === "+D" || a === "+d") {
        const v = next();
        if (!v) return err(`lsof: ${a} not followed by a directory path\n` + SHORT_USAGE);
        if (a === "+D") dirTree = ctx.resolve(v).replace(/\/$/, "") || "/";
        else dirOnly = ctx.resolve(v).replace(/\/$/, "") || "/";
      } else if ((a.startsWith("-s") && a.length > 2) || (a === "-s" && /^[A-Za-z]+:/.test(argv[i + 1] ?? ""))) {
        const spec = a.length > 2 ? a.slice(2) : next()!;
        const m = /^([A-Za-z]+):(.*)$/.exec(spec);
        const proto = m?.[1]!.toUpperCase();
        if (!m || (proto !== "TCP" && proto !== "UDP")) return err(`lsof: unknown -s protocol: "${spec}"\n` + SHORT_USAGE);
        const sel = (stateSel[proto] ??= { inc: [], exc: [] });
        for (const raw of m[2]!.split(",")) {
          const neg = raw.startsWith("^");
          const name = (neg ? raw.slice(1) : raw).toUpperCase();
          const known = proto === "TCP" ? Object.values(STATE).filter(Boolean).concat(["CLOSED"]) : ["UNBOUND", "IDLE"];
          if (!known.includes(name)) return err(`lsof: unknown ${proto} state name: ${neg ? raw.slice(1) : raw}\n` + SHORT_USAGE);
          (neg ? sel.exc : sel.inc).push(name);
        }
      } else if (/^-[a-zA-Z]+$/.test(a)) {
        for (const ch of a.slice(1)) {
          if (ch === "t") terse = true;
          else if (ch === "a") and = true;
          else if ("nPlbwNRUXVKoOsT".includes(ch)) continue;
          else return err(`lsof: illegal option character: ${ch}\n` + SHORT_USAGE);
        }
      } else if (a.startsWith("+") && a.length > 1) {
        if (!/^\+[cwfr]/.test(a)) return err(`lsof: illegal option character: ${a[1]}\n` + SHORT_USAGE);
      } else names.push(a);
    }
    const root = ctx.cred.uid === 0;
    const procs = [...host.procs.values()].filter((p) => p.state !== "Z").sort((a, b) => a.pid - b.pid);
    const uidOf = (u: string): number | undefined => (/^\d+$/.test(u) ? Number(u) : host.userByName(u)?.uid);
    if (users) for (const u of [...users.inc, ...users.exc]) if (uidOf(u) === undefined) return err(`lsof: can't get UID for ${u}\n${SHORT_USAGE}`);
    const procSel = (p: Proc): boolean[] => {
      const tests: boolean[] = [];
      if (pids?.inc.length) tests.push(pids.inc.includes(p.pid));
      if (users?.inc.length) tests.push(users.inc.map(uidOf).includes(p.uid));
      if (cmds.length) tests.push(cmds.some((c) => p.comm.startsWith(c)));
      return tests;
    };
    const excluded = (p: Proc): boolean => !!(pids?.exc.includes(p.pid) || users?.exc.map(uidOf).includes(p.uid));
    const fileSel = (r: Row): boolean[] => {
      const tests: boolean[] = [];
      if (inet) tests.push(!!r.inet && inet.some((s) => (!s.v || (s.v === 6) === r.inet!.v6) && (!s.proto || s.proto === r.inet!.proto) && (s.port === undefined || r.inet!.localPort === s.port || r.inet!.peerPort === s.port) && (!s.host || r.inet!.local === s.host || r.inet!.peer === s.host)));
      if (linkMax !== undefined && linkMax > 0) tests.push(r.nlinkNum !== undefined && r.nlinkNum < linkMax && (r.type === "REG" || r.type === "DIR"));
      if (fdSel) tests.push(fdSel.some((f) => f === r.fd || (/^\d+-\d+$/.test(f) && Number(r.fd) >= Number(f.split("-")[0]) && Number(r.fd) <= Number(f.split("-")[1]))));
      if (dirTree) tests.push(!!r.path && (r.path === dirTree || r.path.startsWith(dirTree + "/")) && r.fd !== "rtd");
      if (dirOnly) tests.push(!!r.path && r.path.slice(0, r.path.lastIndexOf("/")) === dirOnly && r.fd !== "rtd");
      if (names.length) tests.push(!!r.path && names.some((n) => {
        const abs = ctx.resolve(n);
        return r.path === abs || (host.vfs.isMountpoint(abs) && host.vfs.mountOf(r.path!) === abs);
      }));
      return tests;
    };
    for (const n of names) {
      const abs = ctx.resolve(n);
      if (!host.vfs.exists(abs) && !procs.some((p) => p.fds.some((f) => f.path === abs))) return { stdout: "", stderr: `lsof: status error on ${n}: No such file or directory\n` + SHORT_USAGE, exitCode: 1 };
    }
    /** a network file in a state -s didn't select is never listed, whatever else selects it */
    const stateRejected = (r: Row): boolean => {
      const sel = r.inet && stateSel[r.inet.proto];
      if (!sel) return false;
      const st = r.inet!.state || (r.inet!.proto === "UDP" ? "IDLE" : "CLOSED");
      return (sel.inc.length > 0 && !sel.inc.includes(st)) || sel.exc.includes(st);
    };
    const rows: Row[] = [];
    const evidence = new Set<string>();
    for (const p of procs) {
      if (p.pid === ctx.pid || excluded(p)) continue;
      const visible = root || p.uid === ctx.cred.uid;
      const pt = procSel(p);
      const all = rowsOf(host, p, visible);
      for (const r of all) {
        if (stateRejected(r)) continue;
        const tests = [...pt, ...fileSel(r)];
        let keep = !tests.length || (and ? tests.every(Boolean) : tests.some(Boolean));
        if (!visible && (inet || linkMax || names.length || dirTree || dirOnly || fdSel)) keep = false;
        if (keep) rows.push(r);
      }
    }
    if (!rows.length) return { stdout: "", exitCode: 1 };
    for (const r of rows) {
      if (r.deleted) evidence.add("open-files:deleted");
      if (r.inet?.state === "LISTEN") evidence.add(`listen:${r.inet.localPort}`);
    }
    if (pids?.inc.length) for (const pid of pids.inc) if (rows.some((r) => r.pid === pid && /^\d+$/.test(r.fd))) evidence.add(`fd-count:${pid}`);
    if (terse) return { stdout: [...new Set(rows.map((r) => r.pid))].map((p) => `${p}\n`).join(""), evidence: [...evidence] };
    return { stdout: render(rows, linkMax !== undefined), evidence: [...evidence] };
  },
});
