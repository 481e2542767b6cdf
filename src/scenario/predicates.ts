/**
 * Evaluating resolution predicates and invariants over a host: what "fixed" means for a
 * scenario and what must stay true. Each evaluation returns whether it holds and a short
 * reason the report can show ("service api is failed", "/var/lib/php inodes at 100%").
 */
import type { Host } from "../engine/index.js";
import type { PredicateT } from "./schema.js";
import { parseDuration } from "./duration.js";

export interface PredicateContext {
  /** sim ms when the session started (restarts count from here; host.events holds what happened since) */
  sessionStartMs: number;
}

export interface PredicateOutcome {
  ok: boolean;
  reason: string;
}

const unitName = (u: string): string => (u.endsWith(".service") ? u : `${u}.service`);

function procMatches(host: Host, q: { comm?: string; args?: string; user?: string }): number {
  const re = q.args ? new RegExp(q.args) : undefined;
  let n = 0;
  for (const p of host.procs.values()) {
    if (p.state === "Z" || p.kthread) continue;
    if (q.comm && p.comm !== q.comm.slice(0, 15)) continue;
    if (re && !re.test(p.argv.join(" "))) continue;
    if (q.user && host.userName(p.uid) !== q.user) continue;
    n++;
  }
  return n;
}

function describeProc(q: { comm?: string; args?: string; user?: string }): string {
  return [q.comm, q.args ? `/${q.args}/` : "", q.user ? `(user ${q.user})` : ""].filter(Boolean).join(" ");
}

export function evaluatePredicate(host: Host, p: PredicateT, ctx: PredicateContext): PredicateOutcome {
  const parts: PredicateOutcome[] = [];
  const add = (ok: boolean, yes: string, no: string): void => void parts.push({ ok, reason: ok ? yes : no });
  if (p.all) {
    const r = p.all.map((x) => evaluatePredicate(host, x, ctx));
    const failed = r.filter((x) => !x.ok);
    parts.push({ ok: failed.length === 0, reason: failed.length ? failed.map((x) => x.reason).join("; ") : r.map((x) => x.reason).join("; ") });
  }
  if (p.any) {
    const r = p.any.map((x) => evaluatePredicate(host, x, ctx));
    const good = r.find((x) => x.ok);
    parts.push({ ok: !!good, reason: good ? good.reason : r.map((x) => x.reason).join(" and ") });
  }
  if (p.not) {
    const r = evaluatePredicate(host, p.not, ctx);
    parts.push({ ok: !r.ok, reason: r.ok ? `not expected: ${r.reason}` : r.reason });
  }
  if (p.processRunning) {
    const n = procMatches(host, p.processRunning);
    add(n > 0, `${describeProc(p.processRunning)} is running`, `${describeProc(p.processRunning)} is not running`);
  }
  if (p.processNotRunning) {
    const n = procMatches(host, p.processNotRunning);
    add(n === 0, `${describeProc(p.processNotRunning)} is no longer running`, `${describeProc(p.processNotRunning)} is still running (${n})`);
  }
  if (p.serviceActive) {
    const s = host.services.get(unitName(p.serviceActive));
    const ok = !!s && s.active === "active" && s.mainPid > 0 && host.procs.has(s.mainPid);
    add(ok, `${p.serviceActive} is active`, `${p.serviceActive} is ${s ? `${s.active} (${s.sub})` : "missing"}`);
  }
  if (p.serviceState) {
    const s = host.services.get(unitName(p.serviceState.unit));
    add(s?.active === p.serviceState.state, `${p.serviceState.unit} is ${p.serviceState.state}`, `${p.serviceState.unit} is ${s?.active ?? "missing"}, expected ${p.serviceState.state}`);
  }
  if (p.serviceRestartsAtMost) {
    const u = unitName(p.serviceRestartsAtMost.unit);
    const n = host.events.filter((e) => e.type === "service-started" && e.unit === u && e.simMs >= ctx.sessionStartMs).length;
    add(n <= p.serviceRestartsAtMost.restarts, `${p.serviceRestartsAtMost.unit} restarted ${n} time(s)`, `${p.serviceRestartsAtMost.unit} kept restarting (${n} restarts)`);
  }
  if (p.fileExists) add(host.vfs.exists(p.fileExists), `${p.fileExists} exists`, `${p.fileExists} is missing`);
  if (p.fileMissing) add(!host.vfs.exists(p.fileMissing), `${p.fileMissing} is gone`, `${p.fileMissing} still exists`);
  const contains = (path: string, pattern: string): boolean | undefined => {
    try {
      return new RegExp(pattern, "m").test(host.vfs.readFile(path));
    } catch {
      return undefined;
    }
  };
  if (p.fileContains) {
    const r = contains(p.fileContains.path, p.fileContains.pattern);
    add(r === true, `${p.fileContains.path} has the expected setting`, r === undefined ? `${p.fileContains.path} is missing` : `${p.fileContains.path} does not contain /${p.fileContains.pattern}/`);
  }
  if (p.fileNotContains) {
    const r = contains(p.fileNotContains.path, p.fileNotContains.pattern);
    add(r === false, `${p.fileNotContains.path} no longer has /${p.fileNotContains.pattern}/`, r === undefined ? `${p.fileNotContains.path} is missing` : `${p.fileNotContains.path} still contains /${p.fileNotContains.pattern}/`);
  }
  if (p.diskUsageBelow) {
    const m = host.mounts.find((x) => x.target === p.diskUsageBelow!.mount && !x.detached);
    const pct = !m ? 100 : p.diskUsageBelow.inodes ? (m.inodesTotal ? (host.inodesUsed(m) / m.inodesTotal) * 100 : 0) : (host.usedKiB(m) / m.sizeKiB) * 100;
    const what = p.diskUsageBelow.inodes ? "inode" : "space";
    add(pct < p.diskUsageBelow.pct, `${p.diskUsageBelow.mount} ${what} usage is ${pct.toFixed(0)}%`, `${p.diskUsageBelow.mount} ${what} usage is still ${pct.toFixed(0)}% (needs < ${p.diskUsageBelow.pct}%)`);
  }
  const entries = (path: string): number => {
    try {
      return host.vfs.countEntries(path);
    } catch {
      return -1;
    }
  };
  if (p.dirEntriesAtLeast) {
    const n = entries(p.dirEntriesAtLeast.path);
    add(n >= p.dirEntriesAtLeast.count, `${p.dirEntriesAtLeast.path} keeps ${n} entries`, n < 0 ? `${p.dirEntriesAtLeast.path} was deleted` : `${p.dirEntriesAtLeast.path} has only ${n} entries left (needs ${p.dirEntriesAtLeast.count}): too much was deleted`);
  }
  if (p.dirEntriesAtMost) {
    const n = entries(p.dirEntriesAtMost.path);
    add(n >= 0 && n <= p.dirEntriesAtMost.count, `${p.dirEntriesAtMost.path} is down to ${n} entries`, n < 0 ? `${p.dirEntriesAtMost.path} no longer exists` : `${p.dirEntriesAtMost.path} still has ${n} entries`);
  }
  if (p.blockedTasksAtMost !== undefined) {
    const n = [...host.procs.values()].filter((x) => x.state === "D").length;
    add(n <= p.blockedTasksAtMost, `${n} tasks in D state`, `${n} tasks still stuck in D state`);
  }
  if (p.memAvailableAbovePct !== undefined) {
    const pct = (host.availableKiB() / host.mem.totalKiB) * 100;
    add(pct > p.memAvailableAbovePct, `${pct.toFixed(0)}% of memory available`, `only ${pct.toFixed(0)}% of memory available`);
  }
  if (p.noOomKillFor !== undefined) {
    const win = parseDuration(p.noOomKillFor);
    const last = [...host.events].reverse().find((e) => e.type === "oom-killed");
    const ok = !last || host.nowMs - last.simMs >= win;
    add(ok, "no OOM kill recently", `the OOM killer fired ${Math.round((host.nowMs - (last?.simMs ?? 0)) / 1000)} s ago`);
  }
  if (p.heldDeletedBelowMiB) {
    const mib = host.heldDeletedKiB(p.heldDeletedBelowMiB.mount) / 1024;
    add(mib < p.heldDeletedBelowMiB.mib, `deleted-but-open files hold ${mib.toFixed(0)} MiB`, `deleted-but-open files still hold ${mib.toFixed(0)} MiB on ${p.heldDeletedBelowMiB.mount}`);
  }
  if (p.mountPresent) {
    const m = host.mounts.find((x) => x.target === p.mountPresent && !x.detached);
    add(!!m, `${p.mountPresent} is mounted`, `${p.mountPresent} is not mounted`);
  }
  if (p.mountAbsentOrHealthy) {
    const m = host.mounts.find((x) => x.target === p.mountAbsentOrHealthy && !x.detached);
    add(!m || !m.hung, m ? `${p.mountAbsentOrHealthy} answers` : `${p.mountAbsentOrHealthy} is unmounted`, `${p.mountAbsentOrHealthy} is still mounted and hung`);
  }
  if (p.routeExists) add(host.net.routes.some((r) => r.dest === p.routeExists), `route ${p.routeExists} exists`, `no ${p.routeExists} route`);
  if (p.portListening) {
    const holder = host.portHolder(p.portListening.port);
    const ok = !!holder && (!p.portListening.comm || holder.comm === p.portListening.comm);
    add(ok, `port ${p.portListening.port} is served by ${holder?.comm}`, holder ? `port ${p.portListening.port} is held by ${holder.comm}, not ${p.portListening.comm}` : `nothing listens on port ${p.portListening.port}`);
  }
  if (p.sysctl) {
    const v = host.sysctl.get(p.sysctl.key);
    add(v === p.sysctl.equals, `${p.sysctl.key} = ${v}`, `${p.sysctl.key} is ${v ?? "unset"}, expected ${p.sysctl.equals}`);
  }
  if (p.fdCountBelow) {
    const procs = [...host.procs.values()].filter((x) => x.comm === p.fdCountBelow!.comm.slice(0, 15) && x.state !== "Z");
    const max = Math.max(0, ...procs.map((x) => x.fds.length));
    add(procs.length > 0 && max < p.fdCountBelow.count, `${p.fdCountBelow.comm} has ${max} open files`, procs.length ? `${p.fdCountBelow.comm} still has ${max} open files` : `${p.fdCountBelow.comm} is not running`);
  }
  if (p.zombiesAtMost !== undefined) {
    const n = [...host.procs.values()].filter((x) => x.state === "Z").length;
    add(n <= p.zombiesAtMost, `${n} zombies`, `${n} zombie processes remain`);
  }
  if (p.cpuBusyBelowPct !== undefined) {
    const busy = ([...host.procs.values()].reduce((a, x) => a + x.cpuGot, 0) / host.cpu.count) * 100;
    add(busy < p.cpuBusyBelowPct, `CPU ${busy.toFixed(0)}% busy`, `CPU still ${busy.toFixed(0)}% busy`);
  }
  const failed = parts.filter((x) => !x.ok);
  if (!parts.length) return { ok: true, reason: "" };
  return { ok: failed.length === 0, reason: (failed.length ? failed : parts).map((x) => x.reason).join("; ") };
}
