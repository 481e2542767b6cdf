/**
 * More fault modules (group 3), written alongside the scenario library (deleted-open-file,
 * disk-full-logs). Registered in registry.ts by spreading EXTRA_FAULTS_3 into FAULTS. Each
 * keeps its incident going from the host's own state: a writer logs ENOSPC only while its
 * filesystem is really full; a chatty service grows its log only while its config keeps the
 * verbose level on, and only until the filesystem is full — so what the candidate changes is
 * what ends the incident.
 */
import type { Host } from "../host/host.js";
import type { Proc } from "../host/types.js";
import { civilFromEpochMs, MONTHS, pad } from "../time/calendar.js";
import { FaultParamError, type FaultDef } from "./fault-def.js";
import { lineList, live, num, optRegex, readText, str, unitOf } from "./fault-params.js";

/** `{pgtime}` PostgreSQL, `{ts}` python logging, `{iso}` ISO-8601, `{time}` nginx access log, plus extra fields. */
function stamp(line: string, epochMs: number, extra: Record<string, string | number>): string {
  const c = civilFromEpochMs(epochMs);
  const d = `${c.year}-${pad(c.month)}-${pad(c.day)}`;
  const t = `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
  return line.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (k in extra) return String(extra[k]);
    if (k === "pgtime") return `${d} ${t}.${pad(c.ms, 3)} UTC`;
    if (k === "ts") return `${d} ${t},${pad(c.ms, 3)}`;
    if (k === "iso") return `${d}T${t}.${pad(c.ms, 3)}Z`;
    if (k === "time") return `${pad(c.day)}/${MONTHS[c.month - 1]}/${c.year}:${t} +0000`;
    return m;
  });
}

function appendAsRoot(host: Host, path: string, text: string): void {
  try {
    host.vfs.writeFile(path, text, { uid: 0, gids: [0] }, { append: true });
  } catch {
    /* a full or missing filesystem swallows the line, as on a real host */
  }
}

export const EXTRA_FAULTS_3: Record<string, FaultDef> = {
  "enospc-log": {
    summary:
      "A writer that logs to a file of its own (not the journal), e.g. PostgreSQL on Debian, appends 'No space left on device' errors to it while a filesystem has no space left for unprivileged writers.",
    params: {
      mount: "mountpoint that is full",
      logPath: "the log file the lines go to (on a filesystem with room, or written by root as the logging collector does)",
      message: "lines ({pgtime}, {ts}, {iso}, {time}, {pid} a process of `comm`, {n} a random number); several separated by \\n",
      comm: "the writing processes' comm, for {pid} (default postgres)",
      everyS: "mean seconds between errors while full (default 30)",
      freeBelowMiB: "counts as full when the space free for non-root is below this (default 1)",
    },
    apply(host, p) {
      const target = str(p, "mount");
      if (!host.mounts.some((m) => m.target === target)) throw new FaultParamError(`mount "${target}" is not in the host's mounts`);
      const logPath = str(p, "logPath");
      const msgs = lineList(p, "message", "");
      if (!msgs.length) throw new FaultParamError(`parameter "message" must have at least one line`);
      const comm = str(p, "comm", "postgres");
      const everyMs = num(p, "everyS", 30) * 1000;
      const belowKiB = num(p, "freeBelowMiB", 1) * 1024;
      const full = (h: Host): boolean => {
        const m = h.mounts.find((x) => x.target === target && !x.detached);
        return !!m && h.freeKiB(m, false) < belowKiB;
      };
      let next = 0;
      return {
        type: "enospc-log",
        tick(h) {
          if (h.nowMs < next || !full(h)) return;
          next = h.nowMs + everyMs * (0.7 + h.rng.next() * 0.6);
          const procs = [...h.procs.values()].filter((q) => q.comm === comm && live(q)).sort((a, b) => a.pid - b.pid);
          if (!procs.length) return;
          const by = procs[h.rng.int(0, procs.length - 1)]!;
          const n = h.rng.int(100000, 999999);
          const at = h.epochMs() - h.rng.int(0, 999);
          appendAsRoot(h, logPath, msgs.map((l) => stamp(l, at, { pid: by.pid, n }) + "\n").join(""));
        },
        active: full,
      };
    },
  },

  "chatty-log": {
    summary:
      "A service's ordinary logging: it writes sample lines to its log file and grows it (faster while a verbose level is on in its config, re-read at start and on reload), until the filesystem has no room left for unprivileged writers. It writes through its open file: a log renamed away (mv, logrotate without copytruncate) keeps getting the lines under its new name and a deleted one gets them unseen, until a reload or restart reopens the log at its path.",
    params: {
      service: "unit (without .service) that logs; follows restarts",
      logPath: "its log file",
      config: "its config file (re-read at start and on reload)",
      verboseWhen: "regex (multiline) over the config: the verbose level (DEBUG, TRACE) is on when it matches",
      verboseGrowKBps: "log growth while verbose (KB/s)",
      baseGrowKBps: "log growth otherwise (KB/s, default 0: only the sample lines)",
      verboseLines: "lines written while verbose, a few each second ({ts}, {iso}, {time}, {pgtime}, {n} a random number, {id} a hex id), separated by \\n",
      baseLines: "lines written now and then, separated by \\n",
      baseEveryS: "mean seconds between base lines (default 20)",
      reloadLine: "line written when it re-reads its config on reload ({level}: verbose or base level name)",
      verboseName: "level name for {level} while verbose (default DEBUG)",
      baseName: "level name for {level} otherwise (default INFO)",
      fillToFreeMiB: "grow the log at the start so the filesystem has only this much (MiB) left for unprivileged writers (default: leave its size as declared)",
    },
    apply(host, p) {
      const svc = unitOf(host, str(p, "service"));
      const logPath = str(p, "logPath");
      const config = typeof p.config === "string" ? p.config : undefined;
      const verboseRe = optRegex(p, "verboseWhen");
      if (verboseRe && !config) throw new FaultParamError(`parameter "verboseWhen" needs "config"`);
      const vGrow = num(p, "verboseGrowKBps", 0) * 1000;
      const bGrow = num(p, "baseGrowKBps", 0) * 1000;
      const vLines = lineList(p, "verboseLines", "{ts} DEBUG request {id} handled");
      const bLines = lineList(p, "baseLines", "{ts} INFO still alive");
      const baseEveryMs = num(p, "baseEveryS", 20) * 1000;
      const reloadLine = typeof p.reloadLine === "string" ? p.reloadLine : undefined;
      const vName = str(p, "verboseName", "DEBUG");
      const bName = str(p, "baseName", "INFO");
      const mountOf = (h: Host) => h.mounts.find((m) => m.target === h.vfs.mountOf(logPath) && !m.detached);
      if (!mountOf(host)) throw new FaultParamError(`no mount holds "${logPath}"`);
      let verbose = false;
      const configure = (h: Host): void => {
        verbose = !!verboseRe && verboseRe.test((config && readText(h, config)) ?? "");
      };
      configure(host);
      if (p.fillToFreeMiB !== undefined && host.vfs.exists(logPath)) {
        const m = mountOf(host)!;
        const extra = (host.freeKiB(m, false) - num(p, "fillToFreeMiB") * 1024) * 1024;
        if (extra > 0) host.vfs.growFile(logPath, Math.floor(extra));
      }
      let seenPid = live(host.procs.get(svc.mainPid)) ? svc.mainPid : 0;
      let seenEvents = host.events.length;
      let carry = 0;
      let baseAt = 0;
      // the file it writes is the one its fd points at (it follows a rename)
      let fdNum = -1;
      const fdOf = (proc: Proc): Proc["fds"][number] | undefined => proc.fds.find((f) => f.fd === fdNum) ?? proc.fds.find((f) => f.path === logPath);
      const track = (proc: Proc): void => {
        let fd = proc.fds.find((f) => f.path === logPath);
        if (!fd) {
          fd = { fd: Math.max(2, ...proc.fds.map((f) => f.fd)) + 1, path: logPath, mode: "w" };
          proc.fds.push(fd);
        }
        fdNum = fd.fd;
      };
      const where = (h: Host, proc: Proc): string | undefined => {
        const fd = fdOf(proc);
        return fd && !fd.deleted && h.vfs.exists(fd.path) ? fd.path : undefined;
      };
      const write = (h: Host, path: string, line: string, atMs: number): void => {
        appendAsRoot(h, path, stamp(line, atMs, { n: h.rng.int(1000, 99999), id: (h.rng.next() * 0xffffffff >>> 0).toString(16).padStart(8, "0") }) + "\n");
      };
      const first = host.procs.get(svc.mainPid);
      if (live(first)) track(first);
      return {
        type: "chatty-log",
        tick(h, dtMs) {
          let reload = false;
          for (; seenEvents < h.events.length; seenEvents++) {
            const e = h.events[seenEvents]!;
            if (e.type === "service-reloaded" && e.unit === svc.name) reload = true;
            if (e.type === "signal-sent" && e.effect === "reload" && e.pid === svc.mainPid) reload = true;
          }
          const proc = h.procs.get(svc.mainPid);
          if (!live(proc) || svc.active !== "active") return;
          if (proc.pid !== seenPid || reload) {
            if (proc.pid !== seenPid) track(proc);
            seenPid = proc.pid;
            configure(h);
            // it opens its log again at its path (O_CREAT): a log renamed away is left behind
            const fd = fdOf(proc);
            if (fd && !fd.deleted && fd.path !== logPath) fd.path = logPath;
            try {
              if (!h.vfs.exists(logPath) && !(fd && fd.deleted)) h.vfs.writeFile(logPath, "", { uid: 0, gids: [0] }, { uid: proc.uid, gid: proc.gid });
            } catch {
              /* no room: it logs nowhere */
            }
            if (fd) fd.sizeBytes = fd.offset = h.vfs.exists(logPath) ? h.vfs.sizeOf(logPath) : 0;
            const at = where(h, proc);
            if (reload && reloadLine && at) write(h, at, reloadLine.replace("{level}", verbose ? vName : bName), h.epochMs());
          }
          const path = where(h, proc);
          if (!path) return;
          // the bulk of the growth, up to what an unprivileged writer may use
          const m = mountOf(h);
          const want = Math.floor(((verbose ? vGrow : bGrow) * dtMs) / 1000);
          if (m && want > 0) {
            const room = Math.max(0, h.freeKiB(m, proc.uid === 0) - 4) * 1024;
            const n = Math.min(want, room);
            if (n > 0) {
              h.vfs.growFile(path, n);
              const fd = fdOf(proc);
              if (fd) fd.sizeBytes = fd.offset = h.vfs.sizeOf(path);
              proc.wchar += n;
            }
          }
          // a sample of what it writes (nothing lands once the filesystem is full for it)
          if (m && h.freeKiB(m, proc.uid === 0) < 4) return;
          carry += dtMs / 1000;
          while (carry >= 1) {
            carry -= 1;
            if (verbose) {
              const at = [h.rng.int(0, 999), h.rng.int(0, 999)].sort((a, b) => a - b);
              for (const ms of at) write(h, path, vLines[h.rng.int(0, vLines.length - 1)]!, h.epochMs() - 1000 + ms);
            }
            if (h.nowMs >= baseAt) {
              baseAt = h.nowMs + baseEveryMs * (0.5 + h.rng.next());
              write(h, path, bLines[h.rng.int(0, bLines.length - 1)]!, h.epochMs() - h.rng.int(0, 999));
            }
          }
        },
        active: () => verbose,
      };
    },
  },
};
