/**
 * More fault modules (group 2), written alongside the scenario library (fd exhaustion, 5xx
 * from a database lock chain, flaky DNS, lost egress, unreaped children in a cgroup, port
 * squatters, log forensics). Registered in registry.ts by spreading EXTRA_FAULTS_2 into
 * FAULTS. Each module keeps its incident going from the host's own state — a restart, a
 * killed process, an edited /etc/resolv.conf or a corrected route changes what it does next —
 * and writes the log lines a real service would write (journal and log files), so the
 * evidence a candidate finds is produced by the same model that the fix changes.
 */
import type { Host } from "../host/host.js";
import type { Proc, Service } from "../host/types.js";
import { civilFromEpochMs, MONTHS, pad } from "../time/calendar.js";
import { FaultParamError, type FaultDef } from "./fault-def.js";

type Params = Record<string, unknown>;

function str(p: Params, k: string, d?: string): string {
  const v = p[k];
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (d !== undefined) return d;
  throw new FaultParamError(`parameter "${k}" must be a string`);
}
function num(p: Params, k: string, d?: number): number {
  const v = p[k];
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  if (d !== undefined) return d;
  throw new FaultParamError(`parameter "${k}" must be a number`);
}
function bool(p: Params, k: string, d: boolean): boolean {
  const v = p[k];
  return typeof v === "boolean" ? v : d;
}

function unitOf(host: Host, name: string): Service {
  const svc = host.services.get(name.endsWith(".service") ? name : `${name}.service`);
  if (!svc) throw new FaultParamError(`service "${name}" is not defined`);
  return svc;
}

function live(p: Proc | undefined): p is Proc {
  return !!p && p.state !== "Z";
}

function procsMatching(host: Host, re: RegExp): Proc[] {
  return [...host.procs.values()].filter((p) => p.state !== "Z" && !p.transient && re.test(p.argv.join(" "))).sort((a, b) => a.pid - b.pid);
}

function regex(p: Params, k: string): RegExp {
  const s = str(p, k);
  try {
    return new RegExp(s);
  } catch {
    throw new FaultParamError(`parameter "${k}" is not a valid regular expression`);
  }
}

function readText(host: Host, path: string): string | undefined {
  try {
    return host.vfs.readFile(path);
  } catch {
    return undefined;
  }
}

function appendLine(host: Host, path: string, line: string): void {
  try {
    host.vfs.writeFile(path, line.endsWith("\n") ? line : line + "\n", { uid: 0, gids: [0] }, { append: true });
  } catch {
    /* a full or missing filesystem swallows the line, as on a real host */
  }
}

/** Time stamps in the formats services use; `{ts}` python logging, `{iso}`, `{errtime}` nginx error log, `{time}` nginx access log, `{pgtime}` PostgreSQL. */
function stamp(epochMs: number, kind: "ts" | "iso" | "errtime" | "time" | "pgtime" | "gunicorn"): string {
  const c = civilFromEpochMs(epochMs);
  const d = `${c.year}-${pad(c.month)}-${pad(c.day)}`;
  const t = `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
  switch (kind) {
    case "ts":
      return `${d} ${t},${pad(c.ms, 3)}`;
    case "iso":
      return `${d}T${t}.${pad(c.ms, 3)}Z`;
    case "errtime":
      return `${c.year}/${pad(c.month)}/${pad(c.day)} ${t}`;
    case "time":
      return `${pad(c.day)}/${MONTHS[c.month - 1]}/${c.year}:${t} +0000`;
    case "pgtime":
      return `${d} ${t}.${pad(c.ms, 3)} UTC`;
    case "gunicorn":
      return `[${d} ${t} +0000]`;
  }
}

/** Fills `{ts}`, `{iso}`, `{errtime}`, `{time}`, `{pgtime}`, `{gtime}` and any extra fields in a log line. */
function fill(line: string, epochMs: number, extra: Record<string, string | number> = {}): string {
  return line.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (k in extra) return String(extra[k]);
    if (k === "ts" || k === "iso" || k === "errtime" || k === "time" || k === "pgtime") return stamp(epochMs, k);
    if (k === "gtime") return stamp(epochMs, "gunicorn");
    return m;
  });
}

/** Weighted choice over "a=3,b=1" (values without a weight count 1). */
function weighted(host: Host, spec: string): string {
  const items = spec.split(",").map((x) => {
    const i = x.lastIndexOf("=");
    return i > 0 && Number.isFinite(Number(x.slice(i + 1))) ? ([x.slice(0, i), Number(x.slice(i + 1))] as const) : ([x, 1] as const);
  });
  const total = items.reduce((a, [, w]) => a + w, 0);
  let r = host.rng.next() * total;
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return items[items.length - 1]![0];
}

/** A process's next free fd number. */
function nextFd(p: Proc): number {
  let m = 2;
  for (const f of p.fds) if (f.fd > m) m = f.fd;
  return m + 1;
}

/** LimitNOFILE= from a unit file and its drop-ins (the last assignment wins, as in systemd). */
function limitNofileOf(host: Host, svc: Service): { soft: number; hard: number } | undefined {
  const texts: string[] = [readText(host, svc.fragmentPath) ?? svc.unitText];
  for (const dir of [`/etc/systemd/system/${svc.name}.d`, `/lib/systemd/system/${svc.name}.d`, `/run/systemd/system/${svc.name}.d`]) {
    try {
      for (const n of host.vfs.readdir(dir).sort()) if (n.endsWith(".conf")) texts.push(readText(host, `${dir}/${n}`) ?? "");
    } catch {
      /* no drop-in directory */
    }
  }
  const override = readText(host, `/etc/systemd/system/${svc.name}`);
  if (override) texts.splice(0, 1, override);
  let out: { soft: number; hard: number } | undefined;
  for (const t of texts) {
    for (const m of t.matchAll(/^\s*LimitNOFILE\s*=\s*(\S+)\s*$/gm)) {
      const [a, b] = m[1]!.split(":");
      const v = (s: string | undefined): number | undefined => (s === undefined ? undefined : s === "infinity" ? 1048576 : Number.isFinite(Number(s)) ? Math.min(1048576, Number(s)) : undefined);
      const soft = v(a);
      const hard = v(b) ?? soft;
      if (soft !== undefined && hard !== undefined) out = { soft, hard: Math.max(soft, hard) };
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// reachability, resolver: the engine-side view (the shell's tools have their own, richer one)

function ipInt(ip: string): number {
  return ip.split(".").reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
}
function inCidr(ip: string, cidr: string): boolean {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false;
  if (cidr === "default") return true;
  const [net, b] = cidr.split("/");
  const bits = b === undefined ? 32 : Number(b);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ipInt(ip) & mask) === (ipInt(net ?? "0.0.0.0") & mask);
}

/** Whether a packet to addr gets an answer: longest-prefix route, an up interface, a gateway that answers, an endpoint at the far end. */
export function egressReaches(host: Host, addr: string): boolean {
  let best: Host["net"]["routes"][number] | undefined;
  let bits = -1;
  for (const r of host.net.routes) {
    if (!inCidr(addr, r.dest)) continue;
    const b = r.dest === "default" ? 0 : Number(r.dest.split("/")[1] ?? 32);
    if (b > bits || (b === bits && (r.metric ?? 0) < (best?.metric ?? 0))) {
      best = r;
      bits = b;
    }
  }
  if (!best) return false;
  const iface = host.net.interfaces.find((i) => i.name === best!.dev);
  if (iface && !iface.up) return false;
  if (best.via && !host.net.endpoints.some((e) => e.addr === best!.via)) return false;
  return host.net.endpoints.some((e) => e.addr === addr);
}

/** How long a getaddrinfo() through /etc/resolv.conf takes right now (ms), and whether it answers. */
function lookupMs(host: Host): { ms: number; ok: boolean } {
  const text = readText(host, "/etc/resolv.conf") ?? "";
  const servers: string[] = [];
  let timeoutS = 5;
  let attempts = 2;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/[#;].*$/, "").trim();
    const [kw, ...rest] = line.split(/\s+/);
    if (kw === "nameserver" && rest[0] && servers.length < 3) servers.push(rest[0]);
    if (kw === "options")
      for (const o of rest) {
        const [k, v] = o.split(":");
        if (k === "timeout" && Number.isFinite(Number(v))) timeoutS = Math.min(30, Math.max(1, Number(v)));
        if (k === "attempts" && Number.isFinite(Number(v))) attempts = Math.min(5, Math.max(1, Number(v)));
      }
  }
  if (!servers.length) servers.push("127.0.0.1");
  let ms = 0;
  for (let a = 0; a < attempts; a++)
    for (const s of servers) {
      const ep = host.net.endpoints.find((e) => e.addr === s);
      if (!ep || ep.dns === "timeout" || !egressReaches(host, s)) {
        ms += timeoutS * 1000;
        continue;
      }
      ms += ep.rttMs;
      if (ep.dns === "ok" || ep.dns === undefined) return { ms, ok: true };
    }
  return { ms, ok: false };
}

// ------------------------------------------------------------------------------------------

export const EXTRA_FAULTS_2: Record<string, FaultDef> = {
  "socket-leak": {
    summary: "A service's main process leaks sockets (e.g. CLOSE-WAIT to an upstream it never closes) until RLIMIT_NOFILE, then logs 'Too many open files'; restarts start it over, and LimitNOFILE= in the unit or a drop-in applies to the next start.",
    params: {
      service: "unit (without .service) whose main process leaks; follows restarts",
      perSecond: "new sockets per second",
      startFds: "open fds the process already holds when the session starts (capped at its limit)",
      state: "TCP state of the leaked sockets (default CLOSE-WAIT)",
      local: "local addr:port of the leaked sockets (port 0 = ephemeral)",
      peer: "peer addr:port (port 0 = ephemeral)",
      message: "journal line written while at the limit ({ts}/{iso} time stamps allowed)",
      everyS: "seconds between error lines while at the limit (default 15)",
      logPath: "a log file the same error also goes to",
      logLine: "the line for logPath (default: message)",
      startMessage: "journal line the process writes when it (re)starts",
    },
    apply(host, p) {
      const svc = unitOf(host, str(p, "service"));
      const rate = num(p, "perSecond", 1);
      const startMessage = typeof p.startMessage === "string" ? p.startMessage : undefined;
      const state = str(p, "state", "CLOSE-WAIT");
      const [la, lpS] = str(p, "local", "127.0.0.1:0").split(/:(?=\d+$)/);
      const [pa, ppS] = str(p, "peer", "127.0.0.1:0").split(/:(?=\d+$)/);
      const lp = Number(lpS ?? 0);
      const pp = Number(ppS ?? 0);
      const message = str(p, "message", "accept4() failed: Too many open files");
      const everyMs = num(p, "everyS", 15) * 1000;
      const logPath = typeof p.logPath === "string" ? p.logPath : undefined;
      const logLine = str(p, "logLine", message);
      let carry = 0;
      let lastWarn = -Infinity;
      let seenPid = svc.mainPid;
      const open = (h: Host, proc: Proc): boolean => {
        if (proc.fds.length >= proc.nofileSoft) return false;
        const fd = nextFd(proc);
        const ino = h.net.nextIno++;
        proc.fds.push({ fd, path: `socket:[${ino}]`, mode: "u" });
        h.net.sockets.push({
          proto: "tcp", state: state as never, localAddr: la ?? "127.0.0.1", localPort: lp || 32768 + h.rng.int(0, 28000), peerAddr: pa ?? "127.0.0.1", peerPort: pp || 32768 + h.rng.int(0, 28000),
          recvQ: state === "CLOSE-WAIT" ? 1 : 0, sendQ: 0, pid: proc.pid, fd, ino,
        });
        return true;
      };
      const main = host.procs.get(svc.mainPid);
      if (live(main)) for (let i = main.fds.length; i < num(p, "startFds", 0); i++) if (!open(host, main)) break;
      return {
        type: "socket-leak",
        tick(h, dtMs) {
          const proc = h.procs.get(svc.mainPid);
          if (!live(proc) || svc.active !== "active") return;
          if (proc.pid !== seenPid) {
            // a new main process: systemd applies the unit's LimitNOFILE= at exec
            seenPid = proc.pid;
            const lim = limitNofileOf(h, svc);
            if (lim) {
              proc.nofileSoft = lim.soft;
              proc.nofileHard = lim.hard;
            }
            lastWarn = -Infinity;
            if (startMessage) {
              h.journalLog(svc.name, proc.comm, fill(startMessage, h.epochMs()), 6, proc.pid);
              if (logPath) appendLine(h, logPath, fill(startMessage, h.epochMs() - h.rng.int(0, 900)));
            }
          }
          carry += (rate * dtMs) / 1000;
          while (carry >= 1) {
            carry -= 1;
            if (!open(h, proc)) {
              carry = 0;
              if (h.nowMs - lastWarn >= everyMs) {
                lastWarn = h.nowMs;
                h.journalLog(svc.name, proc.comm, fill(message, h.epochMs()), 3, proc.pid);
                if (logPath) appendLine(h, logPath, fill(logLine, h.epochMs() - h.rng.int(0, 900)));
              }
              break;
            }
          }
        },
        active: (h) => {
          const proc = h.procs.get(svc.mainPid);
          return live(proc) && proc.fds.length >= proc.nofileSoft;
        },
      };
    },
  },

  "flaky-dns": {
    summary: "A nameserver answers only part of the time (overloaded/decommissioned resolver): lookups that hit it wait for the resolver timeout; an app with a shorter timeout of its own logs intermittent name-resolution failures.",
    params: {
      server: "address of the flaky nameserver (an endpoint in host.network.endpoints)",
      downRatio: "share of the time it does not answer (0..1, default 0.5)",
      minS: "shortest up/down phase in seconds (default 2); 0 = each query is dropped independently with downRatio (give the server an rttMs of a few ms so every query advances the clock)",
      maxS: "longest phase in seconds (default 9)",
      service: "an app (unit) that resolves a name every everyS seconds",
      lookup: "the name the app resolves (for its log line)",
      appTimeoutS: "the app's own resolve timeout: slower lookups fail (default 3)",
      everyS: "seconds between the app's lookups (default 6)",
      message: "journal line when a lookup fails ({name}, {ts}, {iso})",
      logPath: "a log file the failures also go to",
      logLine: "the line for logPath (default: message)",
    },
    apply(host, p) {
      const server = str(p, "server");
      const ep = host.net.endpoints.find((e) => e.addr === server);
      if (!ep) throw new FaultParamError(`nameserver "${server}" is not an endpoint of the host's network`);
      const down = Math.min(1, Math.max(0, num(p, "downRatio", 0.5)));
      const minMs = Math.max(0, num(p, "minS", 2) * 1000);
      const maxMs = Math.max(minMs, num(p, "maxS", 9) * 1000);
      let phaseEnd = 0;
      const svc = typeof p.service === "string" ? unitOf(host, p.service) : undefined;
      const name = str(p, "lookup", "api.internal");
      const appTimeoutMs = num(p, "appTimeoutS", 3) * 1000;
      const everyMs = num(p, "everyS", 6) * 1000;
      const message = str(p, "message", "getaddrinfo EAI_AGAIN {name}");
      const logPath = typeof p.logPath === "string" ? p.logPath : undefined;
      const logLine = str(p, "logLine", message);
      let nextLookup = host.nowMs + everyMs;
      const flip = (h: Host): void => {
        // minS 0: every step draws afresh, so consecutive queries see independent drops
        if (minMs > 0 && h.nowMs < phaseEnd) return;
        ep.dns = h.rng.next() < down ? "timeout" : "ok";
        phaseEnd = h.nowMs + minMs + h.rng.next() * (maxMs - minMs);
      };
      flip(host);
      return {
        type: "flaky-dns",
        tick(h) {
          flip(h);
          if (!svc || h.nowMs < nextLookup) return;
          nextLookup = h.nowMs + everyMs;
          const proc = h.procs.get(svc.mainPid);
          if (!live(proc)) return;
          const r = lookupMs(h);
          if (!r.ok || r.ms >= appTimeoutMs) {
            h.journalLog(svc.name, proc.comm, fill(message, h.epochMs(), { name }), 3, proc.pid);
            if (logPath) appendLine(h, logPath, fill(logLine, h.epochMs() - h.rng.int(0, 900), { name }));
          }
        },
        active: (h) => {
          const text = readText(h, "/etc/resolv.conf") ?? "";
          return new RegExp(`^\\s*nameserver\\s+${server.replace(/\./g, "\\.")}\\s*$`, "m").test(text);
        },
      };
    },
  },

  "default-route": {
    summary: "Replaces the host's default route (e.g. with one through a wrong gateway after a botched network change); the subnet router (.1) still answers.",
    params: { via: "gateway address", dev: "interface (default eth0)", proto: "route protocol shown by ip route (default static)", metric: "route metric (omitted when absent)" },
    apply(host, p) {
      const via = str(p, "via");
      const dev = str(p, "dev", "eth0");
      if (!host.net.interfaces.some((i) => i.name === dev)) throw new FaultParamError(`no interface "${dev}"`);
      // drop the profile's default route and its DHCP host route to the old gateway
      const oldGw = host.net.routes.find((r) => r.dest === "default")?.via;
      host.net.routes = host.net.routes.filter((r) => r.dest !== "default" && !(oldGw && r.dest === oldGw && r.proto === "dhcp"));
      host.net.routes.unshift({ dest: "default", via, dev, proto: str(p, "proto", "static"), ...(p.metric !== undefined ? { metric: num(p, "metric") } : {}) });
      return { type: "default-route", active: (h) => h.net.routes.some((r) => r.dest === "default" && r.via === via) };
    },
  },

  "needs-egress": {
    summary: "A service that must reach an outside address. Without a working path (default route, gateway) each attempt times out after failAfterS and it logs the error; it spools its work to a local directory meanwhile and drains the spool once the path works (or, with exitOnFail, exits and lets systemd restart it).",
    params: {
      service: "unit (without .service)",
      target: "address it must reach (an external endpoint)",
      failAfterS: "seconds an attempt waits before giving up (default 30)",
      message: "journal lines when an attempt fails ({ts}, {iso}, {batch}); several lines separated by \\n",
      okMessage: "journal line after a successful upload ({ts}, {batch}, {n})",
      logPath: "a log file the same lines also go to",
      spoolDir: "directory it spools batches to while it cannot upload",
      spoolEveryS: "a new batch every N seconds (default 60)",
      spoolStart: "batches already spooled when the session starts",
      sinceS: "how long ago the spooling started (their mtimes spread over it)",
      batchBytes: "size of a spooled batch (default 180000)",
      drainPerS: "batches uploaded per second once the path works (default 2)",
      exitOnFail: "exit with status 1 after a failed attempt (default false)",
    },
    apply(host, p) {
      const svc = unitOf(host, str(p, "service"));
      const target = str(p, "target");
      if (!host.net.endpoints.some((e) => e.addr === target)) throw new FaultParamError(`target "${target}" is not an endpoint of the host's network`);
      const failMs = num(p, "failAfterS", 30) * 1000;
      const message = str(p, "message", `connect to ${target}:443 failed: Connection timed out`);
      const ok = typeof p.okMessage === "string" ? p.okMessage : undefined;
      const logPath = typeof p.logPath === "string" ? p.logPath : undefined;
      const spoolDir = typeof p.spoolDir === "string" ? p.spoolDir : undefined;
      const spoolEveryMs = num(p, "spoolEveryS", 60) * 1000;
      const batchBytes = num(p, "batchBytes", 180000);
      const drainPerS = num(p, "drainPerS", 2);
      const exitOnFail = bool(p, "exitOnFail", false);
      const owner = host.userByName(svc.template.user);
      const cred = { uid: 0, gids: [0] };
      const batchName = (ms: number): string => {
        const c = civilFromEpochMs(ms);
        return `batch-${c.year}${pad(c.month)}${pad(c.day)}T${pad(c.hour)}${pad(c.minute)}${pad(c.second)}Z.jsonl.gz`;
      };
      const spool = (h: Host, epochMs: number): string | undefined => {
        if (!spoolDir) return undefined;
        const name = batchName(epochMs);
        const path = `${spoolDir}/${name}`;
        try {
          if (!h.vfs.exists(spoolDir)) h.vfs.mkdir(spoolDir, cred, { recursive: true, mode: 0o750, uid: owner?.uid ?? 0, gid: owner?.gid ?? 0 });
          if (h.vfs.exists(path)) return name;
          h.vfs.writeFile(path, "", cred, { mode: 0o640, uid: owner?.uid ?? 0, gid: owner?.gid ?? 0 });
          h.vfs.growFile(path, Math.round(batchBytes * (0.7 + h.rng.next() * 0.6)), cred);
          h.vfs.setMeta(path, { mtimeMs: epochMs });
        } catch {
          /* disk full: the batch is lost */
        }
        return name;
      };
      const spooled = (h: Host): string[] => {
        if (!spoolDir) return [];
        try {
          return h.vfs.readdir(spoolDir).filter((n) => n.startsWith("batch-")).sort();
        } catch {
          return [];
        }
      };
      const log = (h: Host, proc: Proc, line: string, prio: number, f: Record<string, string | number>): void => {
        const text = fill(line, h.epochMs() - h.rng.int(1, 400), f);
        h.journalLog(svc.name, proc.comm, text, prio, proc.pid);
        if (logPath) appendLine(h, logPath, text);
      };
      const n0 = num(p, "spoolStart", 0);
      const sinceMs = num(p, "sinceS", 3600) * 1000;
      for (let i = 0; i < n0; i++) spool(host, host.epochMs() - sinceMs + Math.floor((i * sinceMs) / Math.max(1, n0)));
      let attemptStart = host.nowMs;
      let nextBatch = host.nowMs + spoolEveryMs;
      let drainCarry = 0;
      let pid = svc.mainPid;
      return {
        type: "needs-egress",
        tick(h, dtMs) {
          const proc = h.procs.get(svc.mainPid);
          if (!live(proc) || svc.active !== "active") return;
          if (proc.pid !== pid) {
            pid = proc.pid;
            attemptStart = h.nowMs;
          }
          const reaches = egressReaches(h, target);
          if (h.nowMs >= nextBatch) {
            nextBatch = h.nowMs + spoolEveryMs;
            if (!reaches) spool(h, h.epochMs());
            else if (ok) log(h, proc, ok, 6, { batch: batchName(h.epochMs()), n: 40 + h.rng.int(0, 400) });
          }
          if (reaches) {
            attemptStart = h.nowMs;
            drainCarry += (drainPerS * dtMs) / 1000;
            for (const name of spooled(h)) {
              if (drainCarry < 1) break;
              drainCarry -= 1;
              try {
                h.vfs.unlink(`${spoolDir}/${name}`, cred);
              } catch {
                continue;
              }
              if (ok) log(h, proc, ok, 6, { batch: name, n: 40 + h.rng.int(0, 400) });
            }
            if (drainCarry > 1) drainCarry = 1;
            return;
          }
          if (h.nowMs - attemptStart < failMs) return;
          attemptStart = h.nowMs;
          const f = { batch: spooled(h)[0] ?? batchName(h.epochMs()) };
          for (const line of message.split("\n")) log(h, proc, line, 3, f);
          if (exitOnFail) h.exitProcess(proc, { status: 1, by: "egress timeout" });
        },
        active: (h) => !egressReaches(h, target),
      };
    },
  },

  "unreaped-children": {
    summary: "A service's main process forks a child per job and never reaps it: zombies fill the unit's cgroup up to TasksMax, then every fork fails with EAGAIN ('Resource temporarily unavailable'). Restarting the unit clears them; the leak resumes with the new process.",
    params: {
      service: "unit (without .service); its main process is the parent",
      tasksMax: "TasksMax= of the unit (pids.max of its cgroup)",
      count: "zombies at start (default: enough to fill the cgroup)",
      sinceS: "how long the zombies have been piling up (their start times spread over it)",
      perSecond: "jobs (forks) per second",
      child: "comm of the children (default: the parent's)",
      message: "journal line when a fork fails ({ts}, {iso}, {job})",
      everyS: "seconds between fork-failure lines (default 10)",
      logPath: "a log file the failures also go to",
      logLine: "the line for logPath (default: message)",
      okMessage: "journal line for a job that forked fine ({ts}, {job}, {ms})",
      okEveryS: "at most one okMessage per N seconds (default 20)",
    },
    apply(host, p) {
      const svc = unitOf(host, str(p, "service"));
      const tasksMax = num(p, "tasksMax");
      const okMessage = typeof p.okMessage === "string" ? p.okMessage : undefined;
      const okEveryMs = num(p, "okEveryS", 20) * 1000;
      let lastOk = -Infinity;
      svc.tasksMax = tasksMax;
      const rate = num(p, "perSecond", 0.5);
      const message = str(p, "message", "fork failed: [Errno 11] Resource temporarily unavailable");
      const everyMs = num(p, "everyS", 10) * 1000;
      const logPath = typeof p.logPath === "string" ? p.logPath : undefined;
      const logLine = str(p, "logLine", message);
      let job = 40000 + host.rng.int(0, 9000);
      let carry = 0;
      let lastWarn = -Infinity;
      const tasks = (h: Host): number => {
        let n = 0;
        for (const q of h.procs.values()) if (q.unit === svc.name && !q.transient) n += q.threads;
        return n;
      };
      const fork = (h: Host, parent: Proc, startMs?: number): boolean => {
        if (tasks(h) >= tasksMax) return false;
        const comm = str(p, "child", parent.comm);
        const c = h.spawn({ comm, argv: [], user: h.userName(parent.uid), rssKiB: 0, vszKiB: 0 }, parent.pid, { unit: svc.name, cgroup: parent.cgroup, ...(startMs !== undefined ? { startMs } : {}) });
        if (!c) return false;
        c.state = "Z";
        c.wchan = "-";
        c.exitStatus = 0;
        c.utimeTicks = 1 + h.rng.int(0, 40);
        c.stimeTicks = h.rng.int(0, 6);
        return true;
      };
      const main = host.procs.get(svc.mainPid);
      if (!live(main)) throw new FaultParamError(`service "${svc.name}" has no running main process`);
      main.neverReaps = true;
      const sinceMs = num(p, "sinceS", 3600) * 1000;
      const n = p.count !== undefined ? num(p, "count") : tasksMax;
      for (let i = 0; i < n; i++) if (!fork(host, main, Math.max(main.startMs, host.nowMs - sinceMs + Math.floor((i * sinceMs) / Math.max(1, n))))) break;
      return {
        type: "unreaped-children",
        tick(h, dtMs) {
          const parent = h.procs.get(svc.mainPid);
          if (!live(parent) || svc.active !== "active") return;
          parent.neverReaps = true;
          carry += (rate * dtMs) / 1000;
          while (carry >= 1) {
            carry -= 1;
            job++;
            if (fork(h, parent)) {
              if (okMessage && h.nowMs - lastOk >= okEveryMs) {
                lastOk = h.nowMs;
                const text = fill(okMessage, h.epochMs() - h.rng.int(1, 400), { job, ms: 800 + h.rng.int(0, 2600) });
                h.journalLog(svc.name, parent.comm, text, 6, parent.pid);
                if (logPath) appendLine(h, logPath, text);
              }
            } else {
              if (h.nowMs - lastWarn >= everyMs) {
                lastWarn = h.nowMs;
                const t = h.epochMs() - h.rng.int(1, 400);
                h.journalLog(svc.name, parent.comm, fill(message, t, { job }), 3, parent.pid);
                if (logPath) appendLine(h, logPath, fill(logLine, t, { job }));
              }
            }
          }
        },
        active: (h) => tasks(h) >= tasksMax,
      };
    },
  },

  "failed-start": {
    summary: "A service that could not start (e.g. its port is taken by a squatter): seeds the failed start in its journal the way systemd and the app log it, marks the unit failed, and makes later starts log the same error while the cause lasts.",
    params: {
      service: "unit (without .service)",
      message: "the app's error lines on start, separated by \\n ({gtime}, {ts}, {iso} time stamps)",
      failedAgoS: "when the failed start happened (seconds before the session)",
      mainProcess: "true (default): the failing process is the main process (Type=simple/notify); false: a control process (Type=forking)",
      lineGapMs: "time between the app's lines (default 3)",
      startFailure: "the line later failed starts log (default: the last message line without its time stamp)",
    },
    apply(host, p) {
      const svc = unitOf(host, str(p, "service"));
      const lines = str(p, "message").split("\n").filter(Boolean);
      const at = Math.max(0, host.nowMs - num(p, "failedAgoS", 600) * 1000);
      const main = bool(p, "mainProcess", true);
      const pid = 3000 + host.rng.int(0, 20000);
      const gap = num(p, "lineGapMs", 3);
      svc.startFailure = str(p, "startFailure", (lines[lines.length - 1] ?? "").replace(/^\{\w+\}\s*(\[\{pid\}\]\s*)?/, ""));
      const push = (ms: number, ident: string, message: string, priority: number, who?: number): void => void host.journal.push({ simMs: ms, unit: svc.name, ident, pid: who, priority, message });
      push(at, "systemd", `Starting ${svc.name} - ${svc.description}...`, 6, 1);
      lines.forEach((l, i) => push(at + 40 + i * gap, svc.template.comm, fill(l, host.bootEpochMs + at + 40 + i * gap, { pid }), /ERROR|emerg|FATAL|CRIT/i.test(l) ? 3 : 6, pid));
      const end = at + 60 + lines.length * gap;
      push(end, "systemd", `${svc.name}: ${main ? "Main" : "Control"} process exited, code=exited, status=1/FAILURE`, 4, 1);
      push(end, "systemd", `${svc.name}: Failed with result 'exit-code'.`, 4, 1);
      push(end, "systemd", `Failed to start ${svc.name} - ${svc.description}.`, 3, 1);
      host.journal.sort((a, b) => a.simMs - b.simMs);
      const running = host.procs.get(svc.mainPid);
      if (live(running)) {
        svc.active = "deactivating";
        for (const q of [...host.procs.values()]) if (q.unit === svc.name && q.state !== "Z") host.exitProcess(q, { signal: 15, clean: true, by: "systemd" });
      }
      svc.mainPid = 0;
      svc.active = "failed";
      svc.sub = "failed";
      svc.result = "exit-code";
      svc.sinceMs = end;
      return { type: "failed-start", active: (h) => h.services.get(svc.name)?.active !== "active" };
    },
  },

  "orphans-exit": {
    summary: "Worker processes that exit when their master goes (gunicorn/nginx workers notice the parent changed, PR_SET_PDEATHSIG): children matching a pattern exit once reparented to init.",
    params: { match: "regex over the command line of the workers", status: "their exit status (default 0)" },
    apply(host, p) {
      const re = regex(p, "match");
      const tracked = new Set(procsMatching(host, re).filter((q) => q.ppid !== 1).map((q) => q.pid));
      if (!tracked.size) throw new FaultParamError(`no child process matches /${re.source}/`);
      const status = num(p, "status", 0);
      return {
        type: "orphans-exit",
        tick(h) {
          for (const pid of [...tracked]) {
            const q = h.procs.get(pid);
            if (!live(q)) {
              tracked.delete(pid);
              continue;
            }
            if (q.ppid === 1) {
              tracked.delete(pid);
              h.exitProcess(q, { status, by: "parent exited" });
            }
          }
        },
      };
    },
  },

  "db-lock-wait": {
    summary: "A client holds a PostgreSQL transaction open (idle in transaction) with row locks; the API's queries queue behind it (backends 'waiting'), its workers and DB pool stay busy, nginx answers 504 for the affected requests. Ends when the holder or its backend goes; SIGKILL on a backend makes PostgreSQL restart every backend.",
    params: {
      holder: "regex over the command line of the client holding the transaction (e.g. a batch job)",
      holderBackend: "regex over the argv of its PostgreSQL backend (e.g. 'idle in transaction')",
      waiters: "regex over the argv of the waiting backends (e.g. ' waiting$')",
      service: "the API unit whose workers time out",
      workerTimeout: "journal line of the API when a worker times out ({pid}, {gtime}, {ts})",
      everyS: "seconds between 504s (default 8)",
      errorLog: "nginx error log to append upstream timeouts to",
      errorLine: "error log line ({errtime}, {client}, {id}, {n}, {pid})",
      accessLog: "nginx access log to append the 504s to",
      accessLine: "access log line ({time}, {client}, {id})",
      clients: "comma-separated client addresses for the log lines",
      holderError: "line the holder prints (to holderLog) when its connection is killed",
      holderLog: "the holder's log file",
      closeWaitPort: "local port whose CLOSE-WAIT sockets drain once the lock is gone",
      pgLog: "PostgreSQL log file for lock waits (log_lock_waits), terminations and crash restarts",
      lockSinceS: "how long the waiters have been waiting (their lock-wait log lines spread over it; default 1800)",
      statement: "the waiters' statement for the log ({id} is a random order id)",
      relation: "the locked table (default orders)",
      adoptInto: "unit whose main process adopts the backends into its cgroup (default postgresql)",
    },
    apply(host, p) {
      const holderRe = regex(p, "holder");
      const backendRe = regex(p, "holderBackend");
      const waitRe = regex(p, "waiters");
      if (!procsMatching(host, holderRe).length) throw new FaultParamError(`no process matches holder /${holderRe.source}/`);
      if (!procsMatching(host, backendRe).length) throw new FaultParamError(`no process matches holderBackend /${backendRe.source}/`);
      const svc = typeof p.service === "string" ? unitOf(host, p.service) : undefined;
      const everyMs = num(p, "everyS", 8) * 1000;
      const clients = str(p, "clients", "10.0.2.41").split(",").map((s) => s.trim()).filter(Boolean);
      const errorLog = typeof p.errorLog === "string" ? p.errorLog : undefined;
      const accessLog = typeof p.accessLog === "string" ? p.accessLog : undefined;
      const pgLog = typeof p.pgLog === "string" ? p.pgLog : undefined;
      const holderLog = typeof p.holderLog === "string" ? p.holderLog : undefined;
      const closeWaitPort = p.closeWaitPort !== undefined ? num(p, "closeWaitPort") : undefined;
      // PostgreSQL backends belong to the server's unit (a restart takes them down too)
      const pgUnit = host.services.get(`${str(p, "adoptInto", "postgresql")}.service`);
      if (pgUnit && pgUnit.mainPid) for (const q of host.procs.values()) if (q.ppid === pgUnit.mainPid && !q.unit) {
        q.unit = pgUnit.name;
        q.cgroup = `/system.slice/${pgUnit.name}`;
      }
      // log_lock_waits: each waiter logged once after deadlock_timeout (1 s)
      if (pgLog) {
        const holderPid = procsMatching(host, backendRe)[0]!.pid;
        const waiters = procsMatching(host, waitRe);
        const since = num(p, "lockSinceS", 1800) * 1000;
        const xid = 48000000 + host.rng.int(0, 900000);
        const rel = str(p, "relation", "orders");
        waiters.forEach((w, i) => {
          const at = host.epochMs() - since + Math.floor((i * since) / Math.max(1, waiters.length) / 2) + host.rng.int(0, 9000);
          const who = /^postgres: \S+: (\S+) (\S+) /.exec(w.argv.join(" "));
          const pre = `${stamp(at, "pgtime")} [${w.pid}] ${who ? `${who[1]}@${who[2]} ` : ""}`;
          const queue = waiters.slice(0, i + 1).map((x) => x.pid).join(", ");
          appendLine(host, pgLog, `${pre}LOG:  process ${w.pid} still waiting for ShareLock on transaction ${xid} after 1000.${pad(host.rng.int(40, 400), 3)} ms`);
          appendLine(host, pgLog, `${pre}DETAIL:  Process holding the lock: ${holderPid}. Wait queue: ${queue}.`);
          appendLine(host, pgLog, `${pre}CONTEXT:  while updating tuple (${host.rng.int(100, 900)},${host.rng.int(1, 40)}) in relation "${rel}"`);
          appendLine(host, pgLog, `${pre}STATEMENT:  ${str(p, "statement", "UPDATE orders SET status = 'confirmed' WHERE id = {id}").replace("{id}", String(5500000 + host.rng.int(0, 99999)))}`);
        });
      }
      let released = false;
      let next = host.nowMs + everyMs;
      let seenEvents = host.events.length;
      let pgLast = 0;
      const pg = (h: Host, pid: number, level: string, text: string): void => {
        if (!pgLog) return;
        pgLast = Math.max(pgLast + 1 + h.rng.int(0, 30), h.epochMs() - 900 + h.rng.int(0, 400));
        appendLine(h, pgLog, `${stamp(pgLast, "pgtime")} [${pid}] ${level}:  ${text}`);
      };
      const release = (h: Host): void => {
        released = true;
        for (const w of procsMatching(h, waitRe)) w.argv = [w.argv.join(" ").replace(/\s+\S+ waiting$/, " idle")];
        for (const q of procsMatching(h, backendRe)) h.exitProcess(q, { signal: 15, clean: true, by: "terminate" });
        for (const q of procsMatching(h, holderRe)) {
          if (holderLog) for (const l of str(p, "holderError", "psycopg2.OperationalError: terminating connection due to administrator command").split("\n")) appendLine(h, holderLog, fill(l, h.epochMs() - h.rng.int(1, 400)));
          h.exitProcess(q, { status: 1, by: "connection lost" });
        }
        if (closeWaitPort !== undefined) {
          const gone = new Set(h.net.sockets.filter((s) => s.state === "CLOSE-WAIT" && s.localPort === closeWaitPort).map((s) => s.ino));
          h.net.sockets = h.net.sockets.filter((s) => !gone.has(s.ino));
          for (const q of h.procs.values()) q.fds = q.fds.filter((f) => !gone.has(Number(/^socket:\[(\d+)\]$/.exec(f.path)?.[1] ?? -1)));
        }
      };
      return {
        type: "db-lock-wait",
        tick(h) {
          // what happened to the processes since the last step (signals, exits)
          for (; seenEvents < h.events.length; seenEvents++) {
            const e = h.events[seenEvents]!;
            if (e.type !== "process-exited" || e.comm !== "postgres") continue;
            const pm = h.services.get("postgresql.service");
            if (e.signal === 9) {
              pg(h, pm?.mainPid ?? 1, "LOG", `server process (PID ${e.pid}) was terminated by signal 9: Killed`);
              pg(h, pm?.mainPid ?? 1, "LOG", "terminating any other active server processes");
              for (const q of [...h.procs.values()]) if (q.comm === "postgres" && q.state !== "Z" && q.pid !== pm?.mainPid && /^postgres: \S+: \S+ \S+ (\[local\]|\S+\(\d+\)) /.test(q.argv.join(" "))) h.exitProcess(q, { signal: 3, by: "postmaster" });
              pg(h, pm?.mainPid ?? 1, "LOG", "all server processes terminated; reinitializing");
              pg(h, pm?.mainPid ?? 1, "LOG", "database system was not properly shut down; automatic recovery in progress");
              pg(h, pm?.mainPid ?? 1, "LOG", "database system is ready to accept connections");
            } else if (e.signal === 15) pg(h, e.pid, "FATAL", "terminating connection due to administrator command");
          }
          if (released) return;
          if (!procsMatching(h, holderRe).length || !procsMatching(h, backendRe).length) {
            release(h);
            return;
          }
          if (h.nowMs < next) return;
          next = h.nowMs + everyMs * (0.6 + h.rng.next() * 0.8);
          const client = clients[h.rng.int(0, clients.length - 1)]!;
          const id = 100000 + h.rng.int(0, 99999);
          const worker = svc ? [...h.procs.values()].filter((q) => q.unit === svc.name && q.state !== "Z" && q.pid !== svc.mainPid)[0] : undefined;
          const f = { client, id, pid: worker?.pid ?? 0, n: 100000 + h.rng.int(0, 899999) };
          if (errorLog) appendLine(h, errorLog, fill(str(p, "errorLine", '{errtime} [error] 912#912: *{id} upstream timed out (110: Connection timed out) while reading response header from upstream, client: {client}'), h.epochMs(), f));
          if (accessLog) appendLine(h, accessLog, fill(str(p, "accessLine", '{client} - - [{time}] "POST /api/orders/{id}/confirm HTTP/1.1" 504 562 "-" "okhttp/4.12.0"'), h.epochMs(), f));
          if (svc && worker && h.rng.next() < 0.5) h.journalLog(svc.name, worker.comm, fill(str(p, "workerTimeout", "{gtime} [{pid}] [CRITICAL] WORKER TIMEOUT (pid:{pid})"), h.epochMs(), f), 2, svc.mainPid);
        },
        active: () => !released,
      };
    },
  },

  "log-inject": {
    summary: "Merges generated lines into an existing log by time stamp (after files[].lines wrote the background traffic): a scanner's 404s, one endpoint's 5xx — correlations a single line template cannot express.",
    params: {
      path: "the log file (nginx access or error log format)",
      count: "lines to add",
      fromAgoS: "the first added line is this long before the session starts (default 3600)",
      toAgoS: "the last one this long before (default 0)",
      template: "line with {time} (access log) or {errtime} (error log), {ip}, {path}, {status}, {bytes}, {ua}, {ms}, {id} (the number in the path), {n} (another random number)",
      ips: "weighted client addresses: 'a=3,b=1'",
      paths: "weighted request paths ({id} inside is a random number)",
      statuses: "weighted statuses (default 404)",
      uas: "weighted user agents; '|' separates alternatives in place of ','",
      groups: "a list of groups of lines, each overriding the parameters above (one merge for all)",
    },
    apply(host, p) {
      const path = str(p, "path");
      const old = readText(host, path);
      if (old === undefined) throw new FaultParamError(`log "${path}" does not exist`);
      const now = host.epochMs();
      const added: { ms: number; line: string }[] = [];
      // one group from the top-level parameters, or several (`groups`, each overriding them): one merge pass
      const groups = Array.isArray(p.groups) ? (p.groups as unknown[]).map((g) => ({ ...p, ...(g && typeof g === "object" ? (g as Params) : {}) })) : [p];
      for (const g of groups) {
        const count = num(g, "count");
        const from = now - num(g, "fromAgoS", 3600) * 1000;
        const to = now - num(g, "toAgoS", 0) * 1000;
        const template = str(g, "template", '{ip} - - [{time}] "GET {path} HTTP/1.1" {status} {bytes} "-" "{ua}"');
        const ips = str(g, "ips", "203.0.113.7");
        const paths = str(g, "paths", "/");
        const statuses = str(g, "statuses", "404");
        const uas = str(g, "uas", "Mozilla/5.0 (compatible)");
        for (let i = 0; i < count; i++) {
          const ms = Math.floor(from + ((to - from) * (i + host.rng.next())) / Math.max(1, count));
          const id = String(host.rng.int(1000, 99999));
          const status = weighted(host, statuses);
          const f = { ip: weighted(host, ips), path: weighted(host, paths).replace("{id}", id), status, bytes: String(status === "499" ? 0 : host.rng.int(150, 9000)), ua: weighted(host, uas).replace(/\|/g, ","), ms: String(host.rng.int(2, 900)), id, n: String(host.rng.int(100000, 999999)) };
          added.push({ ms, line: fill(template, ms, f) });
        }
      }
      added.sort((a, b) => a.ms - b.ms);
      // merge by time stamp: nginx access "[22/Nov/2026:08:14:03" or error "2026/11/22 08:14:03"
      const mon = (m: string): number => MONTHS.indexOf(m as (typeof MONTHS)[number]) + 1;
      // cheap slicing instead of a regex per line: logs are tens of thousands of lines
      const key = (line: string): string | undefined => {
        const i = line.indexOf("[");
        if (i >= 0 && line[i + 3] === "/" && line[i + 7] === "/" && line[i + 12] === ":") {
          const m = mon(line.slice(i + 4, i + 7));
          if (m > 0) return line.slice(i + 8, i + 12) + pad(m) + line.slice(i + 1, i + 3) + line.slice(i + 13, i + 15) + line.slice(i + 16, i + 18) + line.slice(i + 19, i + 21);
        }
        if (line[4] === "/" && line[7] === "/" && line[10] === " " && line[13] === ":") return line.slice(0, 4) + line.slice(5, 7) + line.slice(8, 10) + line.slice(11, 13) + line.slice(14, 16) + line.slice(17, 19);
        return undefined;
      };
      const lines = old.split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      const adds = added.map((a) => ({ k: key(a.line) ?? "", line: a.line }));
      const out: string[] = [];
      let j = 0;
      for (const l of lines) {
        const k = key(l);
        while (k !== undefined && j < adds.length && adds[j]!.k < k) out.push(adds[j++]!.line);
        out.push(l);
      }
      while (j < adds.length) out.push(adds[j++]!.line);
      host.vfs.writeFile(path, out.join("\n") + "\n");
      return { type: "log-inject" };
    },
  },
};
