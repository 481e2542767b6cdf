/**
 * HostActions: the only way shell commands change the simulated host. Each method calls an
 * engine method (which emits a typed EngineEvent) and returns the outcome as data, so a
 * command can print the real tool's message (kill's "No such process", systemctl's job
 * failure) without touching host state itself.
 */
import { VfsError, type Cred, type Host, type Route } from "../../engine/index.js";

export interface HostActions {
  signal(pid: number, sig: number): "ESRCH" | "EPERM" | undefined;
  service(action: "start" | "stop" | "restart" | "reload" | "enable" | "disable", unit: string): string | undefined;
  unlink(path: string, opts?: { dir?: boolean }): void;
  /** rename a path; processes holding the file keep writing to it under the new name */
  rename(src: string, dest: string): void;
  truncateFd(pid: number, fd: number, size: number): boolean;
  umount(target: string, lazy: boolean, force: boolean): "EBUSY" | "EINVAL" | "EPERM" | undefined;
  sysctlSet(key: string, value: string): "ENOENT" | "EPERM" | undefined;
  routeAdd(r: Route): "EEXIST" | "EPERM" | "ENETUNREACH" | undefined;
  routeDel(dest: string): "ESRCH" | "EPERM" | undefined;
  /** delete entries of a synthetic dir matching a predicate (find -delete fast path) */
  deleteDirEntries(path: string, pred: (name: string, mtimeMs: number) => boolean): number;
  reboot(): void;
  /** set a process's nice value (renice); non-root may only raise it */
  renice(pid: number, nice: number): "ESRCH" | "EPERM" | "EACCES" | undefined;
  /** write a line to the journal (logger) */
  journal(ident: string, message: string, priority: number): void;
  /** dmesg -C / -c (root only) */
  clearKernelLog(): "EPERM" | undefined;
  /** swapoff -a: page everything in (the OOM killer may run) and disable swap; root only; pids killed */
  swapOff(byPid: number): number[] | "EPERM";
  /** systemctl reset-failed UNIT: a failed unit becomes inactive (root only) */
  resetFailed(unit: string): "EPERM" | "ENOENT" | undefined;
}

export function createHostActions(host: Host, cred: () => Cred): HostActions {
  const root = (): boolean => cred().uid === 0;
  return {
    signal: (pid, sig) => host.signal(pid, sig, cred()),
    service(action, unit) {
      if (!root()) return "EPERM";
      const svc = host.services.get(unit);
      if (!svc) return `Unit ${unit} not found.`;
      switch (action) {
        case "start":
          return host.startService(unit);
        case "stop":
          return host.stopService(unit);
        case "restart":
          return host.restartService(unit);
        case "reload":
          return host.reloadService(unit);
        case "enable":
          svc.enabled = "enabled";
          return undefined;
        case "disable":
          svc.enabled = "disabled";
          return undefined;
      }
    },
    unlink: (path, opts) => host.unlinkPath(path, cred(), opts),
    rename: (src, dest) => host.renamePath(src, dest, cred()),
    truncateFd(pid, fd, size) {
      const p = host.procs.get(pid);
      if (!p || (!root() && p.uid !== cred().uid)) return false;
      return host.truncateFd(pid, fd, size);
    },
    umount(target, lazy, force) {
      if (!root()) return "EPERM";
      return host.umount(target, lazy, force);
    },
    swapOff(byPid) {
      if (!root()) return "EPERM";
      return host.swapOff(host.procs.get(byPid));
    },
    sysctlSet(key, value) {
      if (!root()) return "EPERM";
      if (!host.sysctl.has(key)) return "ENOENT";
      host.sysctl.set(key, value);
      host.emit({ type: "sysctl-changed", simMs: host.nowMs, key, value });
      return undefined;
    },
    routeAdd(r) {
      if (!root()) return "EPERM";
      if (host.net.routes.some((x) => x.dest === r.dest)) return "EEXIST";
      if (r.via && !host.net.routes.some((x) => x.dest !== "default" && !x.via && inSubnet(r.via!, x.dest))) return "ENETUNREACH";
      host.net.routes.unshift(r);
      host.emit({ type: "route-changed", simMs: host.nowMs, dest: r.dest, action: "add" });
      return undefined;
    },
    routeDel(dest) {
      if (!root()) return "EPERM";
      const i = host.net.routes.findIndex((x) => x.dest === dest);
      if (i < 0) return "ESRCH";
      host.net.routes.splice(i, 1);
      host.emit({ type: "route-changed", simMs: host.nowMs, dest, action: "del" });
      return undefined;
    },
    deleteDirEntries(path, pred) {
      const dir = host.vfs.dynamicAt(path, cred()) as { removeWhere?: (p: (n: string, m: number) => boolean) => number } | undefined;
      if (!dir?.removeWhere) throw new VfsError("EINVAL", path);
      const n = dir.removeWhere(pred);
      if (n) host.emit({ type: "dir-entries-deleted", simMs: host.nowMs, path, count: n });
      return n;
    },
    reboot() {
      host.emit({ type: "host-rebooted", simMs: host.nowMs });
    },
    renice(pid, nice) {
      const p = host.procs.get(pid);
      if (!p) return "ESRCH";
      const c = cred();
      if (c.uid !== 0 && c.uid !== p.uid) return "EPERM";
      if (c.uid !== 0 && nice < p.nice) return "EACCES";
      p.nice = Math.max(-20, Math.min(19, nice));
      return undefined;
    },
    journal(ident, message, priority) {
      host.journalLog("user", ident, message, priority);
    },
    clearKernelLog() {
      if (!root()) return "EPERM";
      host.kmsgClearedUpTo = host.kmsg.length;
      return undefined;
    },
    resetFailed(unit) {
      if (!root()) return "EPERM";
      const svc = host.services.get(unit.endsWith(".service") ? unit : `${unit}.service`);
      if (!svc) return "ENOENT";
      if (svc.active === "failed") {
        svc.active = "inactive";
        svc.sub = "dead";
        svc.result = "success";
      }
      svc.restarts = 0;
      return undefined;
    },
  };
}

function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
}

/** Whether an IPv4 address is inside "a.b.c.d/n". */
export function inSubnet(ip: string, cidr: string): boolean {
  const [net, bits] = cidr.split("/");
  if (!net || bits === undefined || !/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false;
  const n = Number(bits);
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return (ipToInt(ip) & mask) === (ipToInt(net) & mask);
}
