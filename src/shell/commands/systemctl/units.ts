/**
 * The systemd units systemctl shows: the host's modelled services (host.services, which
 * start/stop/restart act on) plus read-only views of the base system's daemons, derived from
 * their processes' cgroups (/system.slice/cron.service, ssh.service, getty@tty1.service ...),
 * so `systemctl status ssh` and `list-units` look like a real Debian server.
 */
import type { Host, Proc, Service } from "../../../engine/index.js";

export interface UnitView {
  name: string;
  description: string;
  fragmentPath: string;
  unitText: string;
  active: string;
  sub: string;
  enabled: string;
  mainPid: number;
  sinceMs: number;
  result?: string;
  restarts: number;
  restart: string;
  restartSec: number;
  memoryMaxKiB?: number;
  /** the modelled Service (actions apply) or undefined for a base-system daemon */
  svc?: Service;
  cgroup: string;
  cpuMs: number;
}

const BASE_UNITS: Record<string, { description: string; fragment?: string; exec: string; docs?: string }> = {
  "systemd-journald.service": { description: "Journal Service", exec: "/lib/systemd/systemd-journald", docs: "man:systemd-journald.service(8) man:journald.conf(5)" },
  "systemd-udevd.service": { description: "Rule-based Manager for Device Events and Files", exec: "/lib/systemd/systemd-udevd", docs: "man:systemd-udevd.service(8) man:udev(7)" },
  "systemd-timesyncd.service": { description: "Network Time Synchronization", exec: "/lib/systemd/systemd-timesyncd", docs: "man:systemd-timesyncd.service(8)" },
  "cron.service": { description: "Regular background program processing daemon", exec: "/usr/sbin/cron -f $EXTRA_OPTS", docs: "man:cron(8)" },
  "dbus.service": { description: "D-Bus System Message Bus", exec: "/usr/bin/dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only", docs: "man:dbus-daemon(1)" },
  "rsyslog.service": { description: "System Logging Service", exec: "/usr/sbin/rsyslogd -n -iNONE", docs: "man:rsyslogd(8) man:rsyslog.conf(5) https://www.rsyslog.com/doc/" },
  "systemd-logind.service": { description: "User Login Management", exec: "/lib/systemd/systemd-logind", docs: "man:sd-login(3) man:systemd-logind.service(8) man:logind.conf(5) man:org.freedesktop.login1(5)" },
  "ssh.service": { description: "OpenBSD Secure Shell server", exec: "/usr/sbin/sshd -D $SSHD_OPTS", docs: "man:sshd(8) man:sshd_config(5)" },
  "getty@tty1.service": { description: "Getty on tty1", fragment: "/lib/systemd/system/getty@.service", exec: "-/sbin/agetty -o '-p -- \\\\u' --noclear - $TERM", docs: "man:agetty(8) man:systemd-getty-generator(8)" },
};

/** Processes of a unit (its cgroup), zombies excluded, by pid. */
export function unitProcs(host: Host, u: { name: string; cgroup: string }): Proc[] {
  return [...host.procs.values()].filter((p) => p.state !== "Z" && !p.kthread && (p.unit === u.name || p.cgroup === u.cgroup)).sort((a, b) => a.pid - b.pid);
}

function fromService(host: Host, s: Service): UnitView {
  return {
    name: s.name,
    description: s.description,
    fragmentPath: s.fragmentPath,
    unitText: s.unitText,
    active: s.active,
    sub: s.sub,
    enabled: s.enabled,
    mainPid: s.mainPid,
    sinceMs: s.sinceMs,
    result: s.result,
    restarts: s.restarts,
    restart: s.restart,
    restartSec: s.restartSec,
    memoryMaxKiB: s.memoryMaxKiB,
    svc: s,
    cgroup: `/system.slice/${s.name}`,
    cpuMs: s.cpuMs ?? 0,
  };
}

/** All units, sorted by name. */
export function allUnits(host: Host): UnitView[] {
  const out = new Map<string, UnitView>();
  for (const s of host.services.values()) out.set(s.name, fromService(host, s));
  const byCg = new Map<string, Proc[]>();
  for (const p of host.procs.values()) {
    const m = /\/([^/]+\.service)$/.exec(p.cgroup);
    if (!m || p.state === "Z" || out.has(m[1]!)) continue;
    const list = byCg.get(m[1]!) ?? [];
    list.push(p);
    byCg.set(m[1]!, list);
  }
  for (const [name, procs] of byCg) {
    const base = BASE_UNITS[name];
    const main = procs.reduce((a, b) => (a.startMs < b.startMs || (a.startMs === b.startMs && a.pid < b.pid) ? a : b));
    const frag = base?.fragment ?? `/lib/systemd/system/${name}`;
    const desc = base?.description ?? name;
    const docs = base?.docs ? `Documentation=${base.docs}\n` : "";
    out.set(name, {
      name,
      description: desc,
      fragmentPath: frag,
      unitText: `[Unit]\nDescription=${desc}\n${docs}\n[Service]\nExecStart=${base?.exec ?? main.argv.join(" ")}\nRestart=on-failure\n\n[Install]\nWantedBy=multi-user.target\n`,
      active: "active",
      sub: "running",
      enabled: "enabled",
      mainPid: main.pid,
      sinceMs: main.startMs,
      restarts: 0,
      restart: "on-failure",
      restartSec: 0.1,
      cgroup: main.cgroup,
      cpuMs: 0,
    });
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Finds a unit by name ("nginx", "nginx.service") or by a pid it contains. */
export function findUnit(host: Host, arg: string): UnitView | undefined {
  const units = allUnits(host);
  if (/^\d+$/.test(arg)) {
    const p = host.procs.get(Number(arg));
    if (!p) return undefined;
    return units.find((u) => p.unit === u.name || p.cgroup === u.cgroup);
  }
  const name = /\.[a-z]+$/.test(arg) && !arg.endsWith(".") ? arg : `${arg}.service`;
  return units.find((u) => u.name === name);
}

/** The canonical unit name systemctl reports for an argument. */
export function canonicalName(arg: string): string {
  return /\.(service|socket|timer|target|mount|slice|scope|path|device|swap|automount)$/.test(arg) ? arg : `${arg}.service`;
}
