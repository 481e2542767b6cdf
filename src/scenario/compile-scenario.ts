/**
 * compileScenario(scenario, seed): resolves the seeded randomization ({{variables}} anywhere
 * in the file), turns the friendly units of the file (MiB, MB/s, durations) into a HostSpec
 * on top of the chosen profile, builds the Host, applies faults and installs the timeline.
 * In check mode it collects every problem (bad fault parameters, predicates naming
 * services/processes/paths that don't exist) as located CompileError problems.
 */
import { buildHost, createRng, demoHostSpec, FaultParamError, hashSeed, applyFault, type Host, type HostSpec, type ProcSpec, type ServiceSpec, type ProcTemplate, type OpenFd } from "../engine/index.js";
import type { PredicateT, ProcessDefT, ScenarioFile, ServiceDefT } from "./schema.js";
import { parseDuration } from "./duration.js";
import { generateLines } from "./line-template.js";
import { coerceResolved } from "./validator.js";
import { regexRisk } from "./regex-safety.js";

export class CompileError extends Error {
  override readonly name = "CompileError";
  constructor(readonly problems: { path: (string | number)[]; message: string }[]) {
    super(problems.map((p) => p.message).join("; "));
  }
}

export interface Compiled {
  host: Host;
  /** the scenario with every {{variable}} substituted */
  resolved: ScenarioFile;
  vars: Record<string, string | number>;
  seed: number;
}

/** Draws the randomized values for a seed. */
export function drawVariables(s: ScenarioFile, seed: number): Record<string, string | number> {
  const rng = createRng((hashSeed(s.id) ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0);
  const out: Record<string, string | number> = {};
  for (const [name, r] of Object.entries(s.randomize ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (r.int) out[name] = rng.int(r.int[0], r.int[1]);
    else if (r.float) out[name] = Math.round((r.float[0] + rng.next() * (r.float[1] - r.float[0])) * 100) / 100;
    else if (r.pick) out[name] = rng.pick(r.pick);
    else if (r.hex) out[name] = Array.from({ length: r.hex }, () => "0123456789abcdef"[rng.int(0, 15)]).join("");
  }
  return out;
}

/** Substitutes {{var}}; a value that is exactly "{{var}}" takes the variable's type. */
export function substitute<T>(v: T, vars: Record<string, string | number>): T {
  if (typeof v === "string") {
    const whole = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(v);
    if (whole && whole[1]! in vars) return vars[whole[1]!] as unknown as T;
    return v.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (m, n: string) => (n in vars ? String(vars[n]) : m)) as unknown as T;
  }
  if (Array.isArray(v)) return v.map((x) => substitute(x, vars)) as unknown as T;
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => (k === "randomize" ? [k, x] : [substitute(k, vars), substitute(x, vars)]))) as T;
  return v;
}

const KiB = 1024;
const num = (v: unknown, d = 0): number => (typeof v === "number" ? v : typeof v === "string" && v !== "" && !Number.isNaN(Number(v)) ? Number(v) : d);

function procTemplate(p: ProcessDefT | ServiceDefT["process"]): ProcTemplate {
  const rss = num(p.rssMiB, 8) * KiB;
  return {
    comm: p.comm,
    argv: p.argv ?? [p.comm],
    user: p.user ?? "root",
    threads: p.threads,
    cpuDemand: num(p.cpuDemand),
    sysFrac: p.sysFrac,
    rssKiB: rss,
    vszKiB: p.vszMiB !== undefined ? num(p.vszMiB) * KiB : Math.max(rss * 2.5, 16 * KiB),
    rssGrowKiBps: (num(p.leakMiBPerMin) * KiB) / 60,
    rssMaxKiB: p.growToMiB !== undefined ? num(p.growToMiB) * KiB : undefined,
    nofile: p.nofile,
    oomScoreAdj: p.oomScoreAdj,
    readBps: num(p.readMBps) * 1e6,
    writeBps: num(p.writeMBps) * 1e6,
    ioDevice: p.ioDevice,
    syncWrites: p.syncWrites,
    wchan: p.wchan,
    onTerm: p.onTerm,
    onHup: p.onHup,
    syscalls: p.syscalls,
    fds: p.fds?.map((f) => ({ fd: f.fd, path: f.path, mode: f.mode ?? "u", deleted: f.deleted, sizeBytes: f.sizeBytes !== undefined ? num(f.sizeBytes) : undefined, growBps: f.growBps !== undefined ? num(f.growBps) : undefined }) as OpenFd),
    listen: p.listen,
    children: "children" in p && p.children ? p.children.map((c) => procTemplate(c)) : undefined,
  };
}

function procSpec(p: ProcessDefT): ProcSpec {
  const t = procTemplate(p);
  return {
    comm: t.comm,
    argv: t.argv,
    user: t.user,
    state: p.state as ProcSpec["state"],
    threads: t.threads,
    cpuDemand: t.cpuDemand,
    sysFrac: t.sysFrac,
    rssKiB: t.rssKiB,
    vszKiB: t.vszKiB,
    rssGrowKiBps: t.rssGrowKiBps,
    rssMaxKiB: t.rssMaxKiB,
    nofile: t.nofile,
    oomScoreAdj: t.oomScoreAdj,
    readBps: t.readBps,
    writeBps: t.writeBps,
    ioDevice: t.ioDevice,
    syncWrites: t.syncWrites,
    wchan: t.wchan,
    onTerm: t.onTerm,
    onHup: t.onHup,
    syscalls: t.syscalls,
    fds: t.fds,
    listen: t.listen,
    nice: p.nice,
    tty: p.tty,
    startedAgoS: p.startedAgo !== undefined ? parseDuration(p.startedAgo) / 1000 : undefined,
    ppidComm: p.ppidComm,
    children: p.children?.map((c) => procSpec(c as ProcessDefT)),
  };
}

/** The HostSpec for a resolved scenario. */
export function hostSpecOf(s: ScenarioFile, seed: number): HostSpec {
  const h = s.host;
  const base = demoHostSpec(seed);
  if (h.profile === "minimal") {
    base.services = [];
    base.files = [];
  }
  if (h.removeServices) base.services = (base.services ?? []).filter((x) => !h.removeServices!.includes(x.name));
  if (h.hostname) base.hostname = h.hostname;
  if (h.cpus) base.cpus = h.cpus;
  if (h.memoryMiB !== undefined) base.memKiB = num(h.memoryMiB) * KiB;
  if (h.swapMiB !== undefined) base.swapKiB = num(h.swapMiB) * KiB;
  base.cacheKiB = Math.min(base.cacheKiB ?? 0, Math.round(base.memKiB * 0.3));
  if (h.uptime !== undefined) {
    const up = parseDuration(h.uptime);
    base.bootEpochMs += base.uptimeMs - up;
    base.uptimeMs = up;
  }
  if (h.user) base.login = { ...base.login, user: h.user };
  for (const u of h.users ?? []) base.users = [...(base.users ?? []), { name: u.name, uid: u.uid, groups: u.groups }];
  for (const d of h.disks ?? [])
    base.disks.push({
      name: d.name,
      sizeBytes: d.sizeGiB * 1024 ** 3,
      rotational: d.rotational,
      maxIops: d.maxIops,
      maxBps: d.maxMBps !== undefined ? d.maxMBps * 1e6 : undefined,
      minor: 0,
      major: 254 + base.disks.length * 0,
      // virtio disks get 16 minors each: vdb is 254:16, vdb1 254:17
      partitions: d.partitions?.map((p, i) => ({ name: p.name, minor: base.disks.length * 16 + i + 1, sizeBytes: p.sizeGiB * 1024 ** 3, mountpoint: p.mountpoint })),
    });
  base.disks.forEach((d, i) => (d.minor = i * 16));
  for (const m of h.mounts ?? [])
    base.mounts.push({ source: m.source, target: m.target, fstype: m.fstype, options: m.options, device: m.device, sizeKiB: Math.round(num(m.sizeGiB) * 1024 * 1024), usedKiB: Math.round(num(m.usedGiB) * 1024 * 1024), inodes: m.inodes !== undefined ? num(m.inodes) : undefined, inodesUsed: m.inodesUsed !== undefined ? num(m.inodesUsed) : undefined });
  const procs: ProcSpec[] = [];
  for (const p of h.processes ?? []) for (let i = 0; i < (p.count ?? 1); i++) procs.push(procSpec(p));
  base.processes = [...(base.processes ?? []), ...procs];
  const services: ServiceSpec[] = (h.services ?? []).map((sv): ServiceSpec => ({
    name: sv.name,
    description: sv.description,
    restart: sv.restart as ServiceSpec["restart"],
    restartSec: sv.restartSec,
    enabled: sv.enabled,
    state: sv.state as ServiceSpec["state"],
    memoryMaxKiB: sv.memoryMaxMiB !== undefined ? num(sv.memoryMaxMiB) * KiB : undefined,
    unitText: sv.unitText,
    template: procTemplate(sv.process),
    startedAgoS: sv.startedAgo !== undefined ? parseDuration(sv.startedAgo) / 1000 : undefined,
    restarts: sv.restarts,
    journal: sv.journal?.map((j) => [parseDuration(j.ago) / 1000, j.message, j.priority] as [number, string, number?]),
  }));
  base.services = [...(base.services ?? []).filter((b) => !services.some((x) => x.name === b.name)), ...services];
  for (const f of h.files ?? []) {
    let content = f.content;
    if (f.lines) content = (content ?? "") + generateLines(f.lines.template, f.lines.count, seed, base.bootEpochMs + base.uptimeMs);
    base.files = [
      ...(base.files ?? []).filter((x) => x.path !== f.path),
      { path: f.path, content, sizeBytes: f.sizeMiB !== undefined ? Math.round(num(f.sizeMiB) * 1024 * 1024) : undefined, mode: f.mode ? parseInt(f.mode, 8) : undefined, owner: f.owner, group: f.group, mtimeAgoS: f.modifiedAgo !== undefined ? parseDuration(f.modifiedAgo) / 1000 : undefined, symlink: f.symlink, dir: f.dir },
    ];
  }
  base.syntheticDirs = (h.syntheticDirs ?? []).map((d) => ({ path: d.path, count: num(d.count), pattern: d.pattern, sizeBytes: num(d.sizeBytes), owner: d.owner, group: d.group, oldestS: d.oldest !== undefined ? parseDuration(d.oldest) / 1000 : undefined, newestS: d.newest !== undefined ? parseDuration(d.newest) / 1000 : undefined }));
  const upS = base.uptimeMs / 1000;
  base.kmsg = [...(base.kmsg ?? []), ...(h.kernelLog ?? []).map((k) => ({ atS: Math.max(0, upS - parseDuration(k.ago) / 1000), level: k.level, text: k.text }))];
  if (h.sysctl) base.sysctl = { ...(base.sysctl ?? {}), ...h.sysctl };
  if (h.crontab) base.crontab = { ...(base.crontab ?? {}), ...h.crontab };
  const n = h.network;
  if (n) {
    base.net = {
      ...(base.net ?? {}),
      ...(n.ip !== undefined ? { ip: n.ip } : {}),
      ...(n.prefix !== undefined ? { prefix: n.prefix } : {}),
      // null (or "", which ajv's coercion can make of null) means no default route
      ...(n.gateway !== undefined ? { gateway: n.gateway === "" ? null : n.gateway } : {}),
      ...(n.nameservers ? { nameservers: n.nameservers } : {}),
      ...(n.search ? { search: n.search } : {}),
      ...(n.resolvOptions ? { options: n.resolvOptions } : {}),
      endpoints: [...(base.net?.endpoints ?? []), ...(n.endpoints ?? []).map((e) => ({ host: e.host, addr: e.addr, rttMs: e.rttMs ?? 1, external: e.external, dns: e.dns as "ok" | "timeout" | "refused" | "servfail" | undefined, http: e.http ? { status: e.http.status, body: e.http.body ?? "", delayMs: e.http.delayMs } : undefined, noPing: e.noPing }))],
      dnsRecords: { ...(base.net?.dnsRecords ?? {}), ...(n.dns ?? {}) },
      sockets: [...(base.net?.sockets ?? []), ...(n.sockets ?? []).map((x) => ({ state: x.state, local: x.local, peer: x.peer, comm: x.comm, count: x.count !== undefined ? num(x.count) : undefined, recvQ: x.recvQ, sendQ: x.sendQ }))],
    };
  }
  base.faults = (s.faults ?? []).map((f) => ({ type: f.type, params: f.params ?? {} }));
  return base;
}

/** Compiles a scenario into a live host at a seed. */
export function compileScenario(raw: ScenarioFile, seed: number, opts: { check?: boolean } = {}): Compiled {
  const vars = drawVariables(raw, seed);
  const s = coerceResolved(substitute(raw, vars));
  const spec = hostSpecOf(s, seed);
  const faults = spec.faults ?? [];
  spec.faults = [];
  const problems: { path: (string | number)[]; message: string }[] = [];
  let host: Host;
  try {
    host = buildHost(spec);
  } catch (e) {
    throw new CompileError([{ path: ["host"], message: `the host cannot be built: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  faults.forEach((f, i) => {
    try {
      applyFault(host, f.type, f.params ?? {});
    } catch (e) {
      if (e instanceof FaultParamError) problems.push({ path: ["faults", i], message: `fault '${f.type}': ${e.message}` });
      else throw e;
    }
  });
  installTimeline(host, s, problems);
  host.recountRunQueue();
  host.settleLoad();
  // let the incident develop before the candidate logs in (OOM kills, restarts, files piling up)
  if (s.host.warmup !== undefined && !opts.check) host.tick(parseDuration(s.host.warmup));
  for (const l of host.logins) l.loginMs = host.nowMs - 60000;
  host.events.length = 0;
  if (opts.check) {
    checkPredicates(host, s, problems);
    if (problems.length) throw new CompileError(problems);
  } else if (problems.length) throw new CompileError(problems);
  return { host, resolved: s, vars, seed };
}

function installTimeline(host: Host, s: ScenarioFile, problems: { path: (string | number)[]; message: string }[]): void {
  const events = (s.timeline ?? []).map((t, i) => ({ t, i, atMs: host.nowMs + parseDuration(t.at), done: false })).sort((a, b) => a.atMs - b.atMs);
  if (!events.length) return;
  host.faults.push({
    type: "timeline",
    tick(h) {
      for (const e of events) {
        if (e.done || h.nowMs < e.atMs) continue;
        e.done = true;
        const t = e.t;
        if (t.fault) {
          try {
            applyFault(h, t.fault.type, t.fault.params ?? {});
          } catch (err) {
            if (err instanceof FaultParamError) problems.push({ path: ["timeline", e.i, "fault"], message: err.message });
            else throw err;
          }
        }
        if (t.kernelLog) h.klog(t.kernelLog.text, t.kernelLog.level ?? 6);
        if (t.journal) h.journalLog(t.journal.unit.endsWith(".service") ? t.journal.unit : `${t.journal.unit}.service`, t.journal.unit, t.journal.message, t.journal.priority ?? 6);
        if (t.appendLog) {
          try {
            h.vfs.writeFile(t.appendLog.path, t.appendLog.line.endsWith("\n") ? t.appendLog.line : t.appendLog.line + "\n", { uid: 0, gids: [0] }, { append: true });
          } catch {
            /* a full disk swallows the log line, as on a real host */
          }
        }
      }
    },
  });
}

/** Compile-time checks that predicates refer to things that exist in the scenario's host. */
function checkPredicates(host: Host, s: ScenarioFile, problems: { path: (string | number)[]; message: string }[]): void {
  const comms = new Set<string>();
  for (const p of host.procs.values()) comms.add(p.comm);
  const addTemplate = (t: ProcTemplate): void => {
    comms.add(t.comm.slice(0, 15));
    for (const c of t.children ?? []) addTemplate(c);
  };
  for (const svc of host.services.values()) addTemplate(svc.template);
  const check = (p: PredicateT, path: (string | number)[]): void => {
    let key = "";
    const bad = (msg: string): void => void problems.push({ path: key ? [...path, key] : path, message: msg });
    p.all?.forEach((x, i) => check(x, [...path, "all", i]));
    p.any?.forEach((x, i) => check(x, [...path, "any", i]));
    if (p.not) check(p.not, [...path, "not"]);
    const unit = (u: string, k: string): void => {
      key = k;
      const name = u.endsWith(".service") ? u : `${u}.service`;
      if (!host.services.has(name)) bad(`no service '${u}' in this host (services: ${[...host.services.keys()].map((k) => k.replace(/\.service$/, "")).join(", ")})`);
    };
    if (p.serviceActive) unit(p.serviceActive, "serviceActive");
    if (p.serviceState) unit(p.serviceState.unit, "serviceState");
    if (p.serviceRestartsAtMost) unit(p.serviceRestartsAtMost.unit, "serviceRestartsAtMost");
    const badAt = (k: string, msg: string): void => {
      key = k;
      bad(msg);
    };
    for (const [k, q] of [["processRunning", p.processRunning], ["processNotRunning", p.processNotRunning]] as const) if (q?.comm && !comms.has(q.comm.slice(0, 15))) badAt(k, `no process named '${q.comm}' exists in this host`);
    if (p.fdCountBelow && !comms.has(p.fdCountBelow.comm.slice(0, 15))) badAt("fdCountBelow", `no process named '${p.fdCountBelow.comm}' exists in this host`);
    for (const [k, f] of [["fileExists", p.fileExists], ["fileContains", p.fileContains?.path], ["fileNotContains", p.fileNotContains?.path]] as const) if (f && !host.vfs.exists(f)) badAt(k, `path '${f}' does not exist in this host`);
    for (const [k, m] of [["diskUsageBelow", p.diskUsageBelow?.mount], ["heldDeletedBelowMiB", p.heldDeletedBelowMiB?.mount], ["mountPresent", p.mountPresent], ["mountAbsentOrHealthy", p.mountAbsentOrHealthy]] as const) if (m && !host.mounts.some((x) => x.target === m)) badAt(k, `no mount at '${m}' in this host`);
    for (const [k, d] of [["dirEntriesAtLeast", p.dirEntriesAtLeast?.path], ["dirEntriesAtMost", p.dirEntriesAtMost?.path]] as const) if (d && !host.vfs.exists(d)) badAt(k, `directory '${d}' does not exist in this host`);
    key = "";
    for (const r of [p.fileContains?.pattern, p.fileNotContains?.pattern, p.processRunning?.args, p.processNotRunning?.args]) {
      if (r === undefined) continue;
      try {
        new RegExp(r);
      } catch {
        bad(`invalid regular expression '${r}'`);
        continue;
      }
      const risk = regexRisk(r);
      if (risk) bad(`regular expression '${r}' could backtrack catastrophically: ${risk}`);
    }
  };
  check(s.resolution.fixed, ["resolution", "fixed"]);
  (s.resolution.invariants ?? []).forEach((inv, i) => check(inv.check, ["resolution", "invariants", i, "check"]));
}

/** The scenario with its {{variables}} drawn for a seed (what the grader reads). */
export function withVariables<T extends ScenarioFile>(s: T, seed: number): T {
  return { ...s, ...coerceResolved(substitute(s, drawVariables(s, seed))) };
}
