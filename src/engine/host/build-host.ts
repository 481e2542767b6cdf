/**
 * buildHost(spec): turns a declarative HostSpec into a live Host: users, the base Debian
 * filesystem, /dev, /proc, mounts and disks, kernel threads and the base daemons, the
 * candidate's ssh login, the spec's own processes/services/files, synthetic directories,
 * the network, sysctls, then the faults; finally the load average is settled so the host
 * looks like it has been in this state for a while.
 */
import { Host } from "./host.js";
import type { BlockDevice, CpuTimes, Proc, ProcTemplate, Service } from "./types.js";
import type { HostSpec, ProcSpec, ServiceSpec } from "./spec.js";
import { ROOT } from "../vfs/vfs.js";
import { BASE_FILES, BASE_GROUPS, BASE_USERS, BIN_NAMES, DEFAULT_SYSCTL, KERNEL_THREADS, baseDaemons } from "./base-system.js";
import { attachProcfs } from "../procfs/procfs.js";
import { attachSyntheticDir } from "../vfs/synthetic-dir.js";
import { applyFault } from "../faults/registry.js";
import { hashSeed } from "../time/rng.js";
import { USER_HZ } from "./host.js";

const DEFAULT_OS = {
  prettyName: "Debian GNU/Linux 12 (bookworm)",
  name: "Debian GNU/Linux",
  id: "debian",
  versionId: "12",
  version: "12 (bookworm)",
  versionCodename: "bookworm",
};

export function buildHost(spec: HostSpec): Host {
  const host = new Host({
    hostname: spec.hostname,
    kernelRelease: spec.kernel ?? "6.1.0-18-amd64",
    kernelVersion: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)",
    os: spec.os ?? DEFAULT_OS,
    bootEpochMs: spec.bootEpochMs,
    seed: spec.seed,
  });
  const uptimeS = spec.uptimeMs / 1000;
  host.nowMs = 0;

  // CPU & memory
  const idleShare = (spec.uptimeMs / 1000) * USER_HZ;
  const perCpu: CpuTimes[] = [];
  for (let c = 0; c < spec.cpus; c++) {
    perCpu.push({ user: idleShare * 0.03, nice: idleShare * 0.0005, system: idleShare * 0.01, idle: idleShare * 0.955, iowait: idleShare * 0.002, irq: 0, softirq: idleShare * 0.0015, steal: idleShare * 0.0005, guest: 0, guestNice: 0 });
  }
  host.cpu = {
    count: spec.cpus,
    model: spec.cpuModel ?? "Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz",
    mhz: 2499.998,
    perCpu,
    stealFrac: 0,
    ctxt: Math.round(uptimeS * 900),
    intr: Math.round(uptimeS * 700),
    processesForked: Math.round(uptimeS * 0.6) + 1000,
    nrRunning: 0,
    nrBlocked: 0,
  };
  const memKiB = spec.memKiB;
  host.mem = {
    totalKiB: memKiB,
    kernelKiB: Math.round(memKiB * 0.012),
    slabReclaimableKiB: Math.round(memKiB * 0.02),
    slabUnreclaimKiB: Math.round(memKiB * 0.008),
    cachedKiB: spec.cacheKiB ?? Math.round(memKiB * 0.25),
    buffersKiB: Math.round(memKiB * 0.012),
    shmemKiB: 1300 * 4,
    cacheTargetKiB: spec.cacheKiB ?? Math.round(memKiB * 0.25),
    swapTotalKiB: spec.swapKiB ?? 0,
    swapBaseKiB: 0,
    pswpin: 0,
    pswpout: 0,
    pgpgin: Math.round(uptimeS * 40),
    pgpgout: Math.round(uptimeS * 90),
    pgfault: Math.round(uptimeS * 3000),
    pgmajfault: Math.round(uptimeS * 0.5),
    oomKills: 0,
    minFreeKiB: Math.max(16384, Math.round(Math.sqrt(memKiB * 16))),
    dirtyKiB: 120,
    writebackKiB: 0,
  };

  // network skeleton (populated below)
  host.net = {
    interfaces: [],
    routes: [],
    sockets: [],
    endpoints: [],
    dnsRecords: {},
    tcp: { activeOpens: Math.round(uptimeS * 0.8), passiveOpens: Math.round(uptimeS * 2), attemptFails: 12, estabResets: 40, retransSegs: Math.round(uptimeS * 0.05), inSegs: Math.round(uptimeS * 60), outSegs: Math.round(uptimeS * 55), inErrs: 0, outRsts: 30 },
    nextIno: 20000 + (hashSeed(spec.hostname) % 5000),
  };

  // users and groups
  const extraUsers = spec.users ?? [];
  host.users = [...BASE_USERS.map((u) => ({ ...u }))];
  host.groups = BASE_GROUPS.map((g) => ({ ...g, members: [...g.members] }));
  for (const u of extraUsers) {
    if (host.users.some((x) => x.name === u.name)) continue;
    host.users.push({ name: u.name, uid: u.uid, gid: u.gid ?? u.uid, gecos: u.gecos ?? `${u.name},,,`, home: u.home ?? `/home/${u.name}`, shell: u.shell ?? "/bin/bash" });
    if (!host.groups.some((g) => g.gid === (u.gid ?? u.uid))) host.groups.push({ name: u.name, gid: u.gid ?? u.uid, members: [] });
    for (const g of u.groups ?? []) host.groups.find((x) => x.name === g)?.members.push(u.name);
  }

  // sysctl
  for (const [k, v] of Object.entries(DEFAULT_SYSCTL)) host.sysctl.set(k, v);
  for (const [k, v] of Object.entries(spec.sysctl ?? {})) host.sysctl.set(k, v);
  host.sysctl.set("kernel.hostname", spec.hostname);

  // disks and mounts
  let mountId = 21;
  host.disks = spec.disks.map((d, i) => {
    const hist = d.history ?? { reads: Math.round(uptimeS * 3), writes: Math.round(uptimeS * 6), readKiB: Math.round(uptimeS * 60), writeKiB: Math.round(uptimeS * 90) };
    const dev: BlockDevice = {
      name: d.name,
      major: d.major ?? 254,
      minor: d.minor ?? i * 16,
      sizeBytes: d.sizeBytes,
      rotational: d.rotational ?? false,
      model: d.model,
      maxIops: d.maxIops ?? (d.rotational ? 180 : 3000),
      maxBps: d.maxBps ?? (d.rotational ? 160e6 : 250e6),
      svcMs: d.svcMs ?? (d.rotational ? 6 : 0.5),
      stuck: d.stuck,
      partitions: d.partitions,
      readsCompleted: hist.reads,
      readsMerged: Math.round(hist.reads * 0.1),
      sectorsRead: hist.readKiB * 2,
      msReading: Math.round(hist.reads * 0.4),
      writesCompleted: hist.writes,
      writesMerged: Math.round(hist.writes * 0.5),
      sectorsWritten: hist.writeKiB * 2,
      msWriting: Math.round(hist.writes * 0.9),
      inFlight: 0,
      ioTicksMs: Math.round(uptimeS * 8),
      weightedMs: Math.round(hist.writes * 1.1),
      flushes: Math.round(hist.writes * 0.1),
      msFlushing: Math.round(hist.writes * 0.05),
      util: 0,
    };
    return dev;
  });
  host.mounts = spec.mounts.map((m) => {
    const reserved = Math.round(m.sizeKiB * ((m.reservedPct ?? (m.fstype === "ext4" ? 5 : 0)) / 100));
    return {
      source: m.source,
      target: m.target,
      fstype: m.fstype,
      options: m.options ?? (m.fstype === "ext4" ? "rw,relatime,errors=remount-ro" : "rw,relatime"),
      device: m.device,
      sizeKiB: m.sizeKiB,
      baseUsedKiB: m.usedKiB ?? 0,
      reservedKiB: reserved,
      inodesTotal: m.inodes ?? (m.fstype === "ext4" ? Math.floor(m.sizeKiB / 16) : m.fstype === "tmpfs" ? Math.floor(m.sizeKiB / 4) : 0),
      baseInodes: m.inodesUsed ?? 0,
      hung: m.hung,
      id: mountId++,
      parentId: m.target === "/" ? 1 : 21,
    };
  });

  // base filesystem
  const epoch = spec.bootEpochMs;
  const installedAt = epoch - 86400000 * 120;
  for (const f of BASE_FILES(spec, host)) {
    const mtime = f.mtimeAgoS !== undefined ? spec.bootEpochMs + spec.uptimeMs - f.mtimeAgoS * 1000 : installedAt;
    writeSpecFile(host, f, mtime);
  }
  if (!host.vfs.exists("/usr/bin")) host.vfs.mkdir("/usr/bin", ROOT, { recursive: true });
  for (const name of BIN_NAMES) {
    const p = `/usr/bin/${name}`;
    if (!host.vfs.exists(p)) {
      host.vfs.writeFile(p, "", ROOT, { mode: 0o755 });
      host.vfs.utimes(p, installedAt);
    }
  }
  // /dev
  host.vfs.mkdir("/dev", ROOT, { recursive: true });
  host.vfs.mknod("/dev/null", "chr", [1, 3], "null");
  host.vfs.mknod("/dev/zero", "chr", [1, 5], "zero");
  host.vfs.mknod("/dev/urandom", "chr", [1, 9], "urandom");
  host.vfs.mknod("/dev/random", "chr", [1, 8], "random");
  host.vfs.mknod("/dev/tty", "chr", [5, 0], "tty");
  for (const d of host.disks) {
    host.vfs.mknod(`/dev/${d.name}`, "chr", [d.major, d.minor], undefined, 0o660);
    for (const part of d.partitions ?? []) host.vfs.mknod(`/dev/${part.name}`, "chr", [d.major, part.minor], undefined, 0o660);
  }
  for (const m of host.mounts) if (!host.vfs.exists(m.target)) host.vfs.mkdir(m.target, ROOT, { recursive: true });

  // the clock starts "now": processes are placed in the past relative to uptime
  host.nowMs = spec.uptimeMs;

  // processes: kernel threads, base daemons, services, login, spec processes
  host.nextPid = 1;
  const spawnSpec = (ps: ProcSpec, parent: number): Proc => {
    const t: ProcTemplate = {
      comm: ps.comm,
      argv: ps.argv ?? (ps.kthread ? [] : [ps.comm]),
      user: ps.user ?? "root",
      threads: ps.threads,
      cpuDemand: ps.cpuDemand,
      sysFrac: ps.sysFrac,
      rssKiB: ps.rssKiB ?? (ps.kthread ? 0 : 4000),
      vszKiB: ps.vszKiB ?? (ps.kthread ? 0 : Math.max(8000, (ps.rssKiB ?? 4000) * 3)),
      shrKiB: ps.shrKiB,
      rssGrowKiBps: ps.rssGrowKiBps,
      rssMaxKiB: ps.rssMaxKiB,
      nofile: ps.nofile,
      oomScoreAdj: ps.oomScoreAdj,
      readBps: ps.readBps,
      writeBps: ps.writeBps,
      ioDevice: ps.ioDevice,
      syncWrites: ps.syncWrites,
      wchan: ps.wchan,
      onTerm: ps.onTerm,
      onHup: ps.onHup,
      syscalls: ps.syscalls,
      fds: ps.fds,
      listen: ps.listen,
      env: ps.environ,
    };
    const started = Math.max(0, spec.uptimeMs - (ps.startedAgoS ?? uptimeS - 5 - (ps.pid ?? 0) / 1000) * 1000);
    if (ps.pid !== undefined) host.nextPid = Math.max(host.nextPid, ps.pid);
    const p = host.spawn(t, parent, { pid: ps.pid ?? undefined, startMs: started, kthread: ps.kthread, tty: ps.tty ?? "?", nice: ps.nice ?? 0, cgroup: ps.cgroup ?? "/", neverReaps: ps.neverReaps, cwd: ps.cwd ?? "/", exe: ps.exe, statFlags: ps.statFlags })!;
    if (ps.pid !== undefined && host.nextPid <= ps.pid) host.nextPid = ps.pid + 1;
    if (ps.state) p.state = ps.state;
    if (ps.state === "D" || ps.blockedOn) {
      p.state = "D";
      p.blockedOn = ps.blockedOn;
      p.blockedSinceMs = started;
    }
    if (ps.stack) p.stack = ps.stack;
    if (ps.kthread) {
      p.rssKiB = p.vszKiB = p.shrKiB = 0;
      p.minflt = 0;
    }
    const ageS = (host.nowMs - p.startMs) / 1000;
    const cpuS = ps.cpuSeconds ?? (ps.cpuDemand ?? 0) * ageS + (ps.kthread ? 0 : ageS * 0.0002);
    p.utimeTicks = cpuS * (1 - p.sysFrac) * USER_HZ;
    p.stimeTicks = cpuS * p.sysFrac * USER_HZ;
    p.nvcsw = Math.round(ageS * 2);
    // children started with their parent unless they say otherwise, and live in its unit and cgroup
    for (const c of ps.children ?? []) {
      const child = spawnSpec({ startedAgoS: ps.startedAgoS, cgroup: ps.cgroup, ...c }, p.pid);
      if (p.unit && !child.unit) child.unit = p.unit;
    }
    return p;
  };
  const init = spawnSpec({ pid: 1, comm: "systemd", argv: ["/sbin/init"], rssKiB: 12108, vszKiB: 168000, shrKiB: 9200, startedAgoS: uptimeS, statFlags: "s", threads: 1, cpuSeconds: uptimeS * 0.0008 }, 0);
  init.wchan = "ep_poll";
  spawnSpec({ pid: 2, comm: "kthreadd", kthread: true, startedAgoS: uptimeS }, 0);
  for (const [i, kt] of KERNEL_THREADS(spec.cpus).entries()) {
    const p = spawnSpec({ pid: 3 + i, comm: kt.name, kthread: true, startedAgoS: uptimeS, nice: kt.nice }, 2);
    p.state = kt.state;
    p.wchan = kt.wchan;
    p.statFlags = kt.flags;
  }
  host.nextPid = Math.max(host.nextPid, 200);
  for (const d of baseDaemons(spec)) spawnSpec(d, 1);
  // services
  for (const s of spec.services ?? []) addService(host, s, spec);

  // the candidate's ssh login: sshd: user [priv] -> sshd: user@pts/0 -> -bash
  const login = spec.login;
  const loginAgo = 60;
  const sshdMain = [...host.procs.values()].find((p) => p.comm === "sshd");
  const scope = `/user.slice/user-${host.userByName(login.user)?.uid ?? 0}.slice/session-1.scope`;
  const priv = spawnSpec({ comm: "sshd", argv: [`sshd: ${login.user} [priv]`], startedAgoS: loginAgo, rssKiB: 11000, vszKiB: 17800, shrKiB: 9600, cgroup: scope }, sshdMain?.pid ?? 1);
  const sess = spawnSpec({ comm: "sshd", argv: [`sshd: ${login.user}@${login.tty ?? "pts/0"}`], user: login.user, startedAgoS: loginAgo, rssKiB: 7000, vszKiB: 18100, shrKiB: 5200, cgroup: scope }, priv.pid);
  const bash = spawnSpec({ comm: "bash", argv: ["-bash"], user: login.user, tty: login.tty ?? "pts/0", startedAgoS: loginAgo, rssKiB: 5200, vszKiB: 8600, shrKiB: 3500, statFlags: "s", wchan: "do_wait", cwd: host.userByName(login.user)?.home ?? "/root", cgroup: scope }, sess.pid);
  bash.fds = [0, 1, 2, 255].map((fd) => ({ fd, path: `/dev/${login.tty ?? "pts/0"}`, mode: "u" as const }));
  host.logins.push({ user: login.user, tty: login.tty ?? "pts/0", from: login.from, loginMs: host.nowMs - loginAgo * 1000, pid: bash.pid });

  for (const ps of spec.processes ?? []) {
    const parent = ps.ppidComm ? [...host.procs.values()].find((q) => q.comm === ps.ppidComm || q.argv.join(" ").includes(ps.ppidComm!)) : undefined;
    const child = spawnSpec(parent ? { cgroup: parent.cgroup, ...ps } : ps, parent?.pid ?? ps.ppid ?? 1);
    if (parent?.unit && !child.unit) child.unit = parent.unit;
  }
  host.nextPid = Math.max(host.nextPid, 1000) + (hashSeed(String(spec.seed)) % 500);

  attachProcfs(host, { selfPid: () => host.observerPid || host.logins[0]?.pid || 1 });

  // spec files, synthetic dirs
  for (const f of spec.files ?? []) writeSpecFile(host, f, f.mtimeAgoS !== undefined ? host.epochMs() - f.mtimeAgoS * 1000 : host.epochMs() - 3600000);
  for (const sd of spec.syntheticDirs ?? []) attachSyntheticDir(host, sd);

  // network
  const ip = spec.net?.ip ?? "10.0.2.15";
  const prefix = spec.net?.prefix ?? 24;
  const gw = spec.net?.gateway === undefined ? ip.replace(/\.\d+$/, ".1") : spec.net.gateway;
  host.net.interfaces = [
    { name: "lo", mac: "00:00:00:00:00:00", mtu: 65536, up: true, addrs: [{ addr: "127.0.0.1", prefix: 8, family: "inet", scope: "host" }, { addr: "::1", prefix: 128, family: "inet6", scope: "host" }], rxBytes: Math.round(uptimeS * 900), rxPackets: Math.round(uptimeS * 6), rxErrors: 0, rxDropped: 0, txBytes: Math.round(uptimeS * 900), txPackets: Math.round(uptimeS * 6), txErrors: 0, txDropped: 0, rxBps: 900, txBps: 900, speedMbps: 0 },
    { name: "eth0", mac: "52:54:00:12:34:56", mtu: 1500, up: true, addrs: [{ addr: ip, prefix, family: "inet", scope: "global", brd: broadcast(ip, prefix) }, { addr: "fe80::5054:ff:fe12:3456", prefix: 64, family: "inet6", scope: "link" }], rxBytes: Math.round(uptimeS * 52000), rxPackets: Math.round(uptimeS * 80), rxErrors: 0, rxDropped: 0, txBytes: Math.round(uptimeS * 61000), txPackets: Math.round(uptimeS * 75), txErrors: 0, txDropped: 0, rxBps: 52000, txBps: 61000, speedMbps: 1000 },
  ];
  const net = netAddr(ip, prefix);
  host.net.routes = spec.net?.routes ?? [
    ...(gw ? [{ dest: "default", via: gw, dev: "eth0", proto: "dhcp", src: ip, metric: 100 }] : []),
    { dest: `${net}/${prefix}`, dev: "eth0", proto: "kernel", scope: "link", src: ip, metric: 100 },
    ...(gw ? [{ dest: `${gw}`, dev: "eth0", proto: "dhcp", scope: "link", src: ip, metric: 100 }] : []),
  ];
  // the subnet's router answers even when this host has no default route through it
  const router = gw ?? ip.replace(/\.\d+$/, ".1");
  host.net.endpoints = [
    { host: router, addr: router, rttMs: 0.4 },
    { host: "localhost", addr: "127.0.0.1", rttMs: 0.04 },
    ...(spec.net?.endpoints ?? []),
  ];
  host.net.dnsRecords = { localhost: ["127.0.0.1"], [spec.hostname]: [ip], ...(spec.net?.dnsRecords ?? {}) };
  for (const s of spec.net?.sockets ?? []) {
    const [la, lp] = splitHostPort(s.local);
    const [pa, pp] = splitHostPort(s.peer);
    const owner = s.comm ? [...host.procs.values()].find((p) => p.comm === s.comm) : undefined;
    for (let i = 0; i < (s.count ?? 1); i++) {
      const fd = owner ? owner.fds.reduce((m, f) => Math.max(m, f.fd), 2) + 1 : undefined;
      const ino = host.net.nextIno++;
      if (owner && fd !== undefined) owner.fds.push({ fd, path: `socket:[${ino}]`, mode: "u" });
      host.net.sockets.push({ proto: s.proto ?? "tcp", state: s.state as never, localAddr: la, localPort: lp === 0 ? 40000 + host.rng.int(0, 20000) : lp, peerAddr: pa, peerPort: pp === 0 ? 40000 + host.rng.int(0, 20000) : pp, recvQ: s.recvQ ?? 0, sendQ: s.sendQ ?? 0, pid: owner?.pid, fd, ino });
    }
  }

  for (const [user, text] of Object.entries(spec.crontab ?? {})) host.crontabs.set(user, text);

  // kernel log: boot messages plus the spec's
  for (const k of spec.kmsg ?? []) host.kmsg.push({ simMs: Math.max(0, Math.round(k.atS * 1000)), level: k.level ?? 6, facility: 0, text: k.text });
  host.kmsg.sort((a, b) => a.simMs - b.simMs);

  // faults
  for (const f of spec.faults ?? []) applyFault(host, f.type, f.params ?? {});

  host.recountRunQueue();
  host.settleLoad();
  host.sampleMetrics();
  host.events.length = 0;
  return host;
}

function writeSpecFile(host: Host, f: { path: string; content?: string; sizeBytes?: number; mode?: number; owner?: string; group?: string; symlink?: string; dir?: boolean }, mtimeMs: number): void {
  const parent = f.path.slice(0, f.path.lastIndexOf("/")) || "/";
  if (!host.vfs.exists(parent)) host.vfs.mkdir(parent, ROOT, { recursive: true });
  const uid = f.owner ? (host.userByName(f.owner)?.uid ?? 0) : 0;
  const gid = f.group ? (host.groups.find((g) => g.name === f.group)?.gid ?? 0) : f.owner ? (host.userByName(f.owner)?.gid ?? 0) : 0;
  if (f.symlink) {
    if (!host.vfs.exists(f.path)) host.vfs.symlink(f.symlink, f.path);
    return;
  }
  if (f.dir) {
    if (!host.vfs.exists(f.path)) host.vfs.mkdir(f.path, ROOT, { recursive: true, mode: f.mode ?? 0o755, uid, gid });
    host.vfs.setMeta(f.path, { mode: f.mode ?? 0o755, uid, gid, mtimeMs });
    return;
  }
  host.vfs.writeFile(f.path, f.content ?? "", ROOT, { mode: f.mode ?? 0o644, uid, gid });
  const extra = (f.sizeBytes ?? 0) - (f.content?.length ?? 0);
  if (extra > 0) host.vfs.growFile(f.path, extra);
  host.vfs.setMeta(f.path, { mode: f.mode ?? 0o644, uid, gid, mtimeMs });
}

export function addService(host: Host, s: ServiceSpec, spec: HostSpec): Service {
  const name = `${s.name}.service`;
  const t = s.template;
  const execStart = t.argv.join(" ");
  const unitText =
    s.unitText ??
    `[Unit]\nDescription=${s.description}\nAfter=network.target\n\n[Service]\nType=simple\nUser=${t.user}\nExecStart=${execStart}\n${s.restart && s.restart !== "no" ? `Restart=${s.restart}\nRestartSec=${s.restartSec ?? 5}\n` : ""}${s.memoryMaxKiB ? `MemoryMax=${Math.round(s.memoryMaxKiB / 1024)}M\n` : ""}\n[Install]\nWantedBy=multi-user.target\n`;
  const svc: Service = {
    name,
    description: s.description,
    fragmentPath: `/lib/systemd/system/${name}`,
    unitText,
    active: "inactive",
    sub: "dead",
    enabled: s.enabled === false ? "disabled" : "enabled",
    mainPid: 0,
    restart: s.restart ?? "no",
    restartSec: s.restartSec ?? 5,
    restarts: s.restarts ?? 0,
    sinceMs: host.nowMs,
    template: t,
    memoryMaxKiB: s.memoryMaxKiB,
  };
  host.services.set(name, svc);
  if (!host.vfs.exists(svc.fragmentPath)) {
    if (!host.vfs.exists("/lib/systemd/system")) host.vfs.mkdir("/lib/systemd/system", ROOT, { recursive: true });
    host.vfs.writeFile(svc.fragmentPath, unitText);
  }
  const startedAgoS = s.startedAgoS ?? spec.uptimeMs / 1000 - 8;
  if ((s.state ?? "active") === "active") {
    const saved = host.nowMs;
    host.nowMs = Math.max(0, saved - startedAgoS * 1000);
    host.startService(name);
    host.nowMs = saved;
    const p = host.procs.get(svc.mainPid);
    if (p) {
      const ageS = startedAgoS;
      const fix = (q: Proc): void => {
        const cpuS = q.cpuDemand * ageS + ageS * 0.0003;
        q.utimeTicks = cpuS * (1 - q.sysFrac) * USER_HZ;
        q.stimeTicks = cpuS * q.sysFrac * USER_HZ;
        if (q.rssGrowKiBps > 0) {
          /* it has been growing since it started (set startedAgo for a leaker); a warming cache stops at its plateau */
          const grown = Math.min(q.rssMaxKiB ?? Infinity, q.rssKiB + q.rssGrowKiBps * ageS);
          q.vszKiB += grown - q.rssKiB;
          q.rssKiB = grown;
        }
      };
      for (const q of host.procs.values()) if (q.unit === name) fix(q);
    }
  } else if (s.state === "failed") {
    svc.active = "failed";
    svc.sub = "failed";
    svc.result = "exit-code";
  }
  for (const [ago, msg, prio] of s.journal ?? []) host.journal.push({ simMs: Math.max(0, host.nowMs - ago * 1000), unit: name, ident: t.comm, pid: svc.mainPid || undefined, priority: prio ?? 6, message: msg });
  host.journal.sort((a, b) => a.simMs - b.simMs);
  return svc;
}

function splitHostPort(s: string): [string, number] {
  const i = s.lastIndexOf(":");
  return [s.slice(0, i), Number(s.slice(i + 1)) || 0];
}

function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
}
function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
}
function netAddr(ip: string, prefix: number): string {
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return intToIp(ipToInt(ip) & mask);
}
function broadcast(ip: string, prefix: number): string {
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return intToIp((ipToInt(ip) & mask) | (~mask >>> 0));
}
