/**
 * More fault modules (group 1), written alongside the scenario library (cpu-runaway,
 * iowait-logging, deleted-open-file). Registered in registry.ts by spreading EXTRA_FAULTS_1
 * into FAULTS. Each module keeps its incident going from the host's own state: a cron job
 * starts a new runaway copy only while its cron line is enabled and no copy holds the lock; a
 * logger fsyncs only while its config file says so (re-read on restart or reload); a service
 * logs ENOSPC only while its filesystem is really full — so the fix a candidate applies is
 * what ends the incident, and a fix that does not hold shows up when the grader waits.
 */
import type { Host } from "../host/host.js";
import type { Proc, Service } from "../host/types.js";
import { civilFromEpochMs, MONTHS, pad, syslogStamp } from "../time/calendar.js";
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
function regex(p: Params, k: string, d?: string): RegExp {
  const s = str(p, k, d);
  try {
    return new RegExp(s, "m");
  } catch {
    throw new FaultParamError(`parameter "${k}" is not a valid regular expression`);
  }
}
function lines(p: Params, k: string, d: string): string[] {
  return str(p, k, d).split("\n").filter((l) => l !== "");
}

function unitOf(host: Host, name: string): Service {
  const svc = host.services.get(name.endsWith(".service") ? name : `${name}.service`);
  if (!svc) throw new FaultParamError(`service "${name}" is not defined`);
  return svc;
}

function live(p: Proc | undefined): p is Proc {
  return !!p && p.state !== "Z";
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

/** `{ts}` python logging time, `{iso}` ISO-8601, `{syslog}` syslog time, `{errtime}` nginx error log, `{time}` nginx access log, `{pgtime}` PostgreSQL, plus extra fields. */
function fill(line: string, epochMs: number, extra: Record<string, string | number> = {}): string {
  const c = civilFromEpochMs(epochMs);
  const d = `${c.year}-${pad(c.month)}-${pad(c.day)}`;
  const t = `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
  return line.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (k in extra) return String(extra[k]);
    if (k === "ts") return `${d} ${t},${pad(c.ms, 3)}`;
    if (k === "iso") return `${d}T${t}.${pad(c.ms, 3)}Z`;
    if (k === "syslog") return syslogStamp(epochMs);
    if (k === "errtime") return `${c.year}/${pad(c.month)}/${pad(c.day)} ${t}`;
    if (k === "pgtime") return `${d} ${t}.${pad(c.ms, 3)} UTC`;
    if (k === "time") return `${pad(c.day)}/${MONTHS[c.month - 1]}/${c.year}:${t} +0000`;
    return m;
  });
}

/** Whether a cron file has an enabled (uncommented) line matching `re`. */
function cronLineEnabled(host: Host, path: string, re: RegExp): boolean {
  const text = readText(host, path);
  if (text === undefined) return false;
  return text.split("\n").some((l) => !/^\s*#/.test(l) && l.trim() !== "" && re.test(l));
}

/** Inserts lines into /var/log/syslog in time order (same-month stamps compare as text). */
function mergeSyslog(host: Host, add: string[]): void {
  const text = readText(host, "/var/log/syslog");
  if (text === undefined || !add.length) return;
  const out = text.split("\n");
  if (out[out.length - 1] === "") out.pop();
  for (const l of add) {
    const key = l.slice(0, 15);
    let i = out.length;
    while (i > 0 && out[i - 1]!.slice(0, 15) > key && out[i - 1]!.slice(0, 3) === key.slice(0, 3)) i--;
    out.splice(i, 0, l);
  }
  try {
    host.vfs.writeFile("/var/log/syslog", out.join("\n") + "\n", { uid: 0, gids: [0] });
  } catch {
    /* leave it */
  }
}

export const EXTRA_FAULTS_1: Record<string, FaultDef> = {
  "cron-runaway": {
    summary:
      "A cron job (run through flock -n, so one copy at a time) that never finishes since a bad deploy: each copy spins on CPU. Killing the copy frees the CPU until the next cron run starts a new one; disabling its cron line (comment it out or remove the file) stops that. Killing its sh or flock parent leaves the spinner running (reparented to init).",
    params: {
      cronFile: "the cron file holding the job's line (e.g. /etc/cron.d/sitemap); the job runs only while an uncommented line matches `match`",
      match: "regex a cron line must match to count as the job (default: the comm)",
      everyMin: "the job's period in minutes (its cron schedule */N); it runs at minute offset `offsetMin` (default 0)",
      offsetMin: "minute offset of the schedule (0..everyMin-1)",
      comm: "command name of the spinning process",
      argv: "its command line",
      user: "its owner",
      demand: "CPUs it burns (default 1: one thread pinned)",
      threads: "its threads (default 1)",
      rssMiB: "its resident memory",
      lockPath: "the flock lock file (default /run/lock/<comm>.lock)",
      startedAgoS: "age of the copy already running when the session starts (0 = none)",
      startLines: "lines the job writes to logPath when it starts ({ts}, {iso}; separated by \\n)",
      historyRuns: "earlier, healthy runs already in logPath before the current copy started (default 0)",
      historyLines: "the lines of one healthy run ({ts}, {ms} a duration in ms; separated by \\n), written a few seconds apart",
      logPath: "the job's own log file",
    },
    apply(host, p) {
      const cronFile = str(p, "cronFile");
      const comm = str(p, "comm");
      const re = regex(p, "match", comm.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      const everyMin = Math.max(1, Math.round(num(p, "everyMin", 10)));
      const offsetMin = Math.round(num(p, "offsetMin", 0)) % everyMin;
      const argv = str(p, "argv", comm).split(" ");
      const user = str(p, "user", "root");
      const demand = num(p, "demand", 1);
      const threads = Math.max(1, Math.round(num(p, "threads", 1)));
      const rssKiB = num(p, "rssMiB", 38) * 1024;
      const lockPath = str(p, "lockPath", `/run/lock/${comm}.lock`);
      const cmd = `flock -n ${lockPath} ${argv.join(" ")}`;
      const logPath = typeof p.logPath === "string" ? p.logPath : undefined;
      const startLines = lines(p, "startLines", "");
      const cron = [...host.procs.values()].filter((q) => q.comm === "cron" && q.state !== "Z").sort((a, b) => a.pid - b.pid)[0];
      if (!cron) throw new FaultParamError("no cron process on the host");
      let copy: { sh: number; flock: number; spin: number } | undefined;

      const start = (h: Host, ageS: number): void => {
        const since = Math.max(0, h.nowMs - ageS * 1000);
        const sh = h.spawn({ comm: "sh", argv: ["/bin/sh", "-c", cmd], user, rssKiB: 1000, vszKiB: 2580, shrKiB: 900, wchan: "do_wait" }, cron.pid, { startMs: since, statFlags: "s" });
        if (!sh) return;
        const fl = h.spawn({ comm: "flock", argv: ["flock", "-n", lockPath, ...argv], user, rssKiB: 1020, vszKiB: 5480, shrKiB: 920, wchan: "do_wait" }, sh.pid, { startMs: since });
        if (!fl) return;
        const spin = h.spawn({ comm, argv, user, rssKiB, vszKiB: rssKiB * 2.4, shrKiB: Math.min(rssKiB, 9800), cpuDemand: demand, threads, sysFrac: 0.01, wchan: "-", syscalls: [] }, fl.pid, { startMs: since });
        if (!spin) return;
        spin.utimeTicks = Math.min(demand, threads) * ageS * 100 * 0.99;
        spin.stimeTicks = Math.min(demand, threads) * ageS * 100 * 0.01;
        spin.nivcsw = Math.round(ageS * 250);
        spin.state = "R";
        fl.fds.push({ fd: 3, path: lockPath, mode: "r" });
        spin.fds.push({ fd: 3, path: lockPath, mode: "r" });
        if (logPath) {
          spin.fds.push({ fd: 4, path: logPath, mode: "w" });
          for (const l of startLines) appendLine(h, logPath, fill(l, h.epochMs() - ageS * 1000 + h.rng.int(5, 900)));
        }
        copy = { sh: sh.pid, flock: fl.pid, spin: spin.pid };
      };

      const periodMs = everyMin * 60000;
      const nextRun = (h: Host): number => {
        // the next wall-clock minute boundary that is offsetMin past a multiple of everyMin
        const e = h.epochMs();
        const minute = Math.floor(e / 60000);
        let m = minute + 1;
        while ((m % everyMin + everyMin) % everyMin !== offsetMin) m++;
        return h.nowMs + (m * 60000 - e);
      };
      // the copy already running started at a cron run: align its age to the schedule
      let age = num(p, "startedAgoS", 0);
      if (age > 0) {
        const e = host.epochMs();
        let m = Math.floor((e - age * 1000) / 60000);
        while ((m % everyMin + everyMin) % everyMin !== offsetMin) m--;
        age = Math.max(1, Math.floor((e - (m * 60000 + 1000)) / 1000));
        const history = lines(p, "historyLines", "");
        if (logPath && history.length)
          for (let k = Math.round(num(p, "historyRuns", 0)); k >= 1; k--) {
            let at = m * 60000 - k * periodMs + 1000 + host.rng.int(0, 400);
            const ms = host.rng.int(11000, 17000);
            for (const l of history) {
              appendLine(host, logPath, fill(l, at, { ms }));
              at += Math.floor(ms / Math.max(1, history.length - 1));
            }
          }
        start(host, age);
        // cron logged every run so far: the healthy ones and the ones flock turned away
        const runs: number[] = [];
        for (let k = Math.round(num(p, "historyRuns", 0)); k >= 1; k--) runs.push(m * 60000 - k * periodMs);
        for (let at = m * 60000; at <= e; at += periodMs) runs.push(at);
        const sys: string[] = [];
        const shPid = copy?.sh ?? 1000;
        for (const [i, at] of runs.entries()) {
          // PIDs grow with time: earlier runs below the current copy's, later ones freshly allocated
          const pid = at < m * 60000 ? Math.max(300, shPid - (runs.length - i) * 7 - host.rng.int(0, 5)) : at === m * 60000 ? shPid - 1 : (host.allocPid() ?? shPid + i);
          const t = at + 1000 + host.rng.int(0, 300);
          host.journal.push({ simMs: host.nowMs - (e - t), unit: "cron.service", ident: "CRON", pid, priority: 6, message: `(${user}) CMD (${cmd})` });
          sys.push(`${syslogStamp(t)} ${host.hostname} CRON[${pid}]: (${user}) CMD (${cmd})`);
        }
        host.journal.sort((a, b) => a.simMs - b.simMs);
        mergeSyslog(host, sys);
      }
      let next = nextRun(host);
      return {
        type: "cron-runaway",
        tick(h) {
          // the spinner gone (killed): flock and its sh exit with it
          if (copy && !live(h.procs.get(copy.spin))) {
            for (const pid of [copy.flock, copy.sh]) {
              const q = h.procs.get(pid);
              if (live(q)) h.exitProcess(q, { status: 1, by: "child exited" });
            }
            copy = undefined;
          }
          if (h.nowMs < next) return;
          next = nextRun(h);
          if (!cronLineEnabled(h, cronFile, re)) return;
          const pid = h.allocPid() ?? 0;
          h.journalLog("cron.service", "CRON", `(${user}) CMD (${cmd})`, 6, pid);
          appendLine(h, "/var/log/syslog", `${syslogStamp(h.epochMs())} ${h.hostname} CRON[${pid}]: (${user}) CMD (${cmd})`);
          // flock -n: a copy still holding the lock makes the new run exit at once
          const holder = [...h.procs.values()].some((q) => q.comm === comm && q.state !== "Z" && q.argv.join(" ") === argv.join(" "));
          if (!holder) start(h, 0);
        },
        active: (h) => [...h.procs.values()].some((q) => q.comm === comm && q.state !== "Z" && q.cpuDemand > 0),
      };
    },
  },

  "sync-debug-logging": {
    summary:
      "A service whose logging config (re-read at start and on reload) turns on DEBUG and an fsync after every line: while both are on, it floods its log and the disk with tiny synchronous writes (iowait, await, %util up; it sits in D). Turning either off in the config and restarting or reloading the service ends the storm.",
    params: {
      service: "unit (without .service) that logs; follows restarts",
      config: "its config file",
      syncWhen: "regex (multiline) over the config: fsync per line is on when it matches",
      debugWhen: "regex over the config: DEBUG level is on when it matches",
      device: "block device the log lives on",
      syncWriteMBps: "device write rate while DEBUG+fsync (MB/s; each write is a small synchronous request plus a flush)",
      debugWriteMBps: "device write rate with DEBUG but no fsync (buffered)",
      baseWriteMBps: "device write rate otherwise",
      logPath: "the log file",
      debugGrowKBps: "log growth with DEBUG on (KB/s)",
      baseGrowKBps: "log growth otherwise (KB/s)",
      debugLines: "DEBUG lines written (a sample each second; {ts}, {iso}, {n} a request id), separated by \\n",
      infoLines: "INFO lines written now and then, separated by \\n",
      reloadLine: "line logged when it re-reads its config on reload ({level}, {fsync})",
    },
    apply(host, p) {
      const svc = unitOf(host, str(p, "service"));
      const config = str(p, "config");
      const syncRe = regex(p, "syncWhen");
      const debugRe = regex(p, "debugWhen");
      const device = str(p, "device");
      if (!host.disks.some((d) => d.name === device)) throw new FaultParamError(`device "${device}" is not in the host's disks`);
      const syncBps = num(p, "syncWriteMBps", 6) * 1e6;
      const debugBps = num(p, "debugWriteMBps", 0.8) * 1e6;
      const baseBps = num(p, "baseWriteMBps", 0.05) * 1e6;
      const logPath = str(p, "logPath");
      const debugGrow = num(p, "debugGrowKBps", 180) * 1000;
      const baseGrow = num(p, "baseGrowKBps", 2) * 1000;
      const debugLines = lines(p, "debugLines", "{ts} DEBUG request id={n} handled");
      const infoLines = lines(p, "infoLines", "{ts} INFO processed batch");
      const reloadLine = str(p, "reloadLine", "{ts} INFO configuration reloaded (level={level}, fsync={fsync})");
      const base = { cpuDemand: svc.template.cpuDemand ?? 0.05, sysFrac: svc.template.sysFrac ?? 0.1 };
      let debug = false;
      let sync = false;
      let seenPid = 0;
      let seenEvents = host.events.length;
      let carry = 0;
      let infoAt = 0;
      const configure = (h: Host, proc: Proc, reload: boolean): void => {
        const text = readText(h, config) ?? "";
        debug = debugRe.test(text);
        sync = syncRe.test(text);
        proc.ioDevice = device;
        proc.syncWrites = sync && debug;
        proc.writeBps = debug ? (sync ? syncBps : debugBps) : baseBps;
        proc.cpuDemand = debug ? Math.max(base.cpuDemand, sync ? 0.14 : 0.2) : base.cpuDemand;
        proc.sysFrac = debug && sync ? 0.55 : base.sysFrac;
        if (!proc.syncWrites && proc.wchan === "jbd2_log_wait_commit") proc.wchan = "do_epoll_wait";
        if (!proc.syncWrites && proc.state === "D") proc.state = "S";
        let fd = proc.fds.find((f) => f.path === logPath && !f.deleted);
        if (!fd) {
          fd = { fd: Math.max(2, ...proc.fds.map((f) => f.fd)) + 1, path: logPath, mode: "w" };
          proc.fds.push(fd);
        }
        fd.growBps = debug ? debugGrow : baseGrow;
        proc.syscalls = debug
          ? [
              { call: `write(${fd.fd}, "${fill(debugLines[0]!, h.epochMs(), { n: "7f3a" }).slice(0, 32)}"..., 212)`, ret: "212", durS: 0.000018, weight: 4 },
              ...(sync ? [{ call: `fsync(${fd.fd})`, ret: "0", durS: 0.026, weight: 4 }] : []),
              { call: "recvfrom(9, \"\\27\\3\\3\\0\\263\"..., 16384, 0, NULL, NULL)", ret: "184", durS: 0.000012, weight: 1 },
              { call: "epoll_wait(5, [{events=EPOLLIN, data={u32=9, u64=9}}], 64, 1000)", ret: "1", durS: 0.00004, weight: 1 },
            ]
          : [
              { call: "epoll_wait(5, [{events=EPOLLIN, data={u32=9, u64=9}}], 64, 1000)", ret: "1", durS: 0.21, weight: 4 },
              { call: "recvfrom(9, \"\\27\\3\\3\\0\\263\"..., 16384, 0, NULL, NULL)", ret: "184", durS: 0.000012, weight: 2 },
              { call: `write(${fd.fd}, "${fill(infoLines[0]!, h.epochMs()).slice(0, 32)}"..., 96)`, ret: "96", durS: 0.000015, weight: 1 },
            ];
        if (reload) appendLine(h, logPath, fill(reloadLine, h.epochMs(), { level: debug ? "DEBUG" : "INFO", fsync: sync ? "true" : "false" }));
      };
      const main = host.procs.get(svc.mainPid);
      if (live(main)) {
        configure(host, main, false);
        seenPid = main.pid;
      }
      return {
        type: "sync-debug-logging",
        tick(h, dtMs) {
          // an fsync wait lasts milliseconds: a signal that arrived during one is taken at once,
          // and a logger systemd skipped while it was in D (stop/restart) exits right after
          for (const q of [...h.procs.values()]) {
            if (q.unit !== svc.name || !live(q) || q.blockedOn) continue;
            if (q.pendingSignal !== undefined) h.unblock(q);
            const again = h.procs.get(q.pid);
            if (live(again) && again.pid !== svc.mainPid && again.syncWrites) h.exitProcess(again, { signal: 15, clean: true, by: "systemd" });
          }
          // once the device has room again, nobody waits on it: tasks that went to D in the queue
          // (the storm's own and its victims') come out of it
          const dev = h.disks.find((d) => d.name === device);
          if (dev && dev.util < 0.85)
            for (const q of h.procs.values())
              if (q.ioDevice === device && q.state === "D" && !q.blockedOn && (q.wchan === "io_schedule" || q.wchan === "jbd2_log_wait_commit")) {
                q.state = q.cpuDemand >= 0.5 ? "R" : "S";
                q.wchan = q.cpuDemand >= 0.5 ? "-" : "do_epoll_wait";
              }
          let reload = false;
          for (; seenEvents < h.events.length; seenEvents++) {
            const e = h.events[seenEvents]!;
            if (e.type === "service-reloaded" && e.unit === svc.name) reload = true;
            if (e.type === "signal-sent" && e.effect === "reload" && e.pid === svc.mainPid) reload = true;
          }
          const proc = h.procs.get(svc.mainPid);
          if (!live(proc) || svc.active !== "active") return;
          if (proc.pid !== seenPid) {
            seenPid = proc.pid;
            configure(h, proc, false);
          } else if (reload) configure(h, proc, true);
          // what strace shows it writing carries the current time, as its log lines do
          const w = proc.syscalls?.[0];
          if (debug && w && w.call.startsWith("write(")) proc.syscalls![0] = { ...w, call: w.call.replace(/"[^"]*"/, `"${fill(debugLines[0]!, h.epochMs() - h.rng.int(0, 999), { n: "7f3a" }).slice(0, 32)}"`) };
          // a sample of what the log gets (the bulk is fd growth)
          carry += dtMs / 1000;
          while (carry >= 1) {
            carry -= 1;
            if (debug) {
              const at = [h.rng.int(0, 999), h.rng.int(0, 999), h.rng.int(0, 999)].sort((a, b) => a - b);
              for (const ms of at) appendLine(h, logPath, fill(debugLines[h.rng.int(0, debugLines.length - 1)]!, h.epochMs() - 1000 + ms, { n: (h.rng.next() * 0xffffffff >>> 0).toString(16).padStart(8, "0") }));
            }
            if (h.nowMs >= infoAt) {
              infoAt = h.nowMs + 15000 + h.rng.int(0, 15000);
              appendLine(h, logPath, fill(infoLines[h.rng.int(0, infoLines.length - 1)]!, h.epochMs() - h.rng.int(0, 999), { n: h.rng.int(80, 420) }));
            }
          }
        },
        active: (h) => {
          const proc = h.procs.get(svc.mainPid);
          return live(proc) && !!proc.syncWrites;
        },
      };
    },
  },

  "slow-disk-errors": {
    summary: "While a block device is saturated (%util above a threshold), a victim writes timeout lines now and then: nginx upstream timeouts, slow commits, worker timeouts — intermittent, as the queue comes and goes.",
    params: {
      device: "block device to watch",
      utilAbove: "counts as saturated above this utilisation (0..1, default 0.9)",
      logPath: "log file the lines go to",
      unit: "or: unit (without .service) whose journal gets the lines",
      ident: "journal identifier (default: the unit's main process comm)",
      lines: "candidate lines, one picked each time ({ts}, {iso}, {errtime}, {time}, {pgtime}, {n} a growing request/connection id, {ms} a duration, {ip} a client, {pid} a PID, {worker} a worker of the unit); separated by \\n",
      everyS: "mean seconds between lines while saturated (default 30)",
      priority: "journal priority (default 4)",
    },
    apply(host, p) {
      const device = str(p, "device");
      if (!host.disks.some((d) => d.name === device)) throw new FaultParamError(`device "${device}" is not in the host's disks`);
      const utilAbove = num(p, "utilAbove", 0.9);
      const logPath = typeof p.logPath === "string" ? p.logPath : undefined;
      const svc = typeof p.unit === "string" ? unitOf(host, p.unit) : undefined;
      if (!logPath && !svc) throw new FaultParamError('give "logPath" or "unit"');
      const ls = lines(p, "lines", "{errtime} [error] 912#912: *{n} upstream timed out (110: Connection timed out) while reading response header from upstream");
      const everyMs = num(p, "everyS", 30) * 1000;
      const priority = num(p, "priority", 4);
      const clients = ["10.0.3.17", "10.0.3.22", "10.0.4.9", "10.0.3.41", "10.0.5.130"];
      let next = host.nowMs + host.rng.next() * everyMs;
      return {
        type: "slow-disk-errors",
        tick(h) {
          if (h.nowMs < next) return;
          next = h.nowMs + everyMs * (0.3 + h.rng.next() * 1.4);
          const d = h.disks.find((x) => x.name === device);
          if (!d || d.util <= utilAbove) return;
          // ids grow with time like nginx connection numbers; PIDs stay in the host's range
          const workers = svc ? [...h.procs.values()].filter((q) => q.unit === svc.name && q.state !== "Z" && q.pid !== svc.mainPid).map((q) => q.pid) : [];
          const extra = {
            n: 400000 + Math.floor(h.nowMs / 1000) * 3 + h.rng.int(0, 2),
            ms: h.rng.int(1200, 9800),
            ip: clients[h.rng.int(0, clients.length - 1)]!,
            pid: h.rng.int(1000, Math.max(1001, h.nextPid - 1)),
            worker: workers.length ? workers[h.rng.int(0, workers.length - 1)]! : h.rng.int(1000, Math.max(1001, h.nextPid - 1)),
          };
          const line = fill(ls[h.rng.int(0, ls.length - 1)]!, h.epochMs() - h.rng.int(0, 900), extra);
          if (logPath) appendLine(h, logPath, line);
          if (svc) {
            const proc = h.procs.get(svc.mainPid);
            if (live(proc)) h.journalLog(svc.name, str(p, "ident", proc.comm), line, priority, proc.pid);
          }
        },
        active: (h) => (h.disks.find((x) => x.name === device)?.util ?? 0) > utilAbove,
      };
    },
  },

  "deleted-log-fill": {
    summary:
      "A service's main process keeps writing a log that was deleted (rm'd while open): the inode stays allocated, df counts it and du cannot see it, until the filesystem is full for unprivileged writers. Truncating it through /proc/PID/fd/N, a reload that reopens logs (onHup: reload) or a restart releases the space; a restarted process recreates the log at its path.",
    params: {
      service: "unit (without .service) whose main process holds the file",
      path: "the deleted file's former path (the process's log)",
      fd: "its fd number (default: the fd the process has open on path, else the next free one)",
      growBps: "bytes per second it keeps writing",
      headroomMiB: "space (MiB) still free for unprivileged writers when the session's warmup starts; growth fills it (default 64)",
      sizeBytes: "or: the size it holds, in bytes (instead of filling the filesystem)",
    },
    apply(host, p) {
      const svc = unitOf(host, str(p, "service"));
      const path = str(p, "path");
      const proc = host.procs.get(svc.mainPid);
      if (!live(proc)) throw new FaultParamError(`service "${svc.name}" has no running main process`);
      const target = host.vfs.mountOf(path);
      const m = host.mounts.find((x) => x.target === target);
      if (!m) throw new FaultParamError(`no mount holds "${path}"`);
      const existing = proc.fds.find((f) => f.path === path);
      const fdNum = Math.round(num(p, "fd", existing?.fd ?? Math.max(2, ...proc.fds.map((f) => f.fd)) + 1));
      proc.fds = proc.fds.filter((f) => f.fd !== fdNum && f.path !== path);
      try {
        if (host.vfs.exists(path)) host.vfs.unlink(path, { uid: 0, gids: [0] });
      } catch {
        /* nothing to remove */
      }
      const growBps = num(p, "growBps", 200000);
      const size =
        p.sizeBytes !== undefined ? num(p, "sizeBytes") : Math.max(0, (host.freeKiB(m, proc.uid === 0) - num(p, "headroomMiB", 64) * 1024) * 1024);
      proc.fds.push({ fd: fdNum, path, mode: "w", deleted: true, sizeBytes: Math.floor(size), mount: target, ino: 131000 + host.rng.int(0, 9000), growBps });
      proc.fds.sort((a, b) => a.fd - b.fd);
      let seenPid = proc.pid;
      return {
        type: "deleted-log-fill",
        tick(h) {
          const main = h.procs.get(svc.mainPid);
          if (!live(main) || main.pid === seenPid) return;
          // a new process opens its log again (O_CREAT): the file is back at its path
          seenPid = main.pid;
          try {
            if (!h.vfs.exists(path)) h.vfs.writeFile(path, "", { uid: 0, gids: [0] }, { uid: main.uid, gid: main.gid });
          } catch {
            /* a full filesystem: the app logs nowhere */
          }
        },
        active: (h) => h.heldDeletedKiB(target) > 0,
      };
    },
  },

  "enospc-errors": {
    summary: "A service that writes to a filesystem logs 'No space left on device' errors (journal and its log) while that filesystem has no space left for unprivileged writers.",
    params: {
      service: "unit (without .service) that logs the errors",
      mount: "mountpoint it writes to",
      message: "journal line ({ts}, {iso}, {n} a random number); several separated by \\n",
      everyS: "seconds between errors while full (default 20)",
      logPath: "a log file the same lines also go to",
      freeBelowMiB: "counts as full when the space free for non-root is below this (default 1)",
    },
    apply(host, p) {
      const svc = unitOf(host, str(p, "service"));
      const target = str(p, "mount");
      if (!host.mounts.some((m) => m.target === target)) throw new FaultParamError(`mount "${target}" is not in the host's mounts`);
      const msgs = lines(p, "message", "OSError: [Errno 28] No space left on device");
      const everyMs = num(p, "everyS", 20) * 1000;
      const logPath = typeof p.logPath === "string" ? p.logPath : undefined;
      const belowKiB = num(p, "freeBelowMiB", 1) * 1024;
      let next = 0;
      const full = (h: Host): boolean => {
        const m = h.mounts.find((x) => x.target === target && !x.detached);
        return !!m && h.freeKiB(m, false) < belowKiB;
      };
      return {
        type: "enospc-errors",
        tick(h) {
          if (h.nowMs < next || !full(h)) return;
          next = h.nowMs + everyMs * (0.7 + h.rng.next() * 0.6);
          const proc = h.procs.get(svc.mainPid);
          if (!live(proc)) return;
          const worker = [...h.procs.values()].filter((q) => q.unit === svc.name && q.state !== "Z" && q.pid !== svc.mainPid).sort((a, b) => a.pid - b.pid);
          const by = worker.length ? worker[h.rng.int(0, worker.length - 1)]! : proc;
          const n = h.rng.int(100000, 999999);
          for (const l of msgs) {
            h.journalLog(svc.name, proc.comm, fill(l, h.epochMs(), { n, pid: by.pid }), 3, by.pid);
            if (logPath) appendLine(h, logPath, fill(l, h.epochMs(), { n, pid: by.pid }));
          }
        },
        active: full,
      };
    },
  },
};
