/**
 * /proc as a dynamic directory computed from the live host on every read. The top-level
 * files and the per-PID files are tables of renderers (one module each, byte-exact to the
 * kernel's formats); this file wires them into the VFS, including /proc/self, /proc/PID/fd
 * symlinks with " (deleted)" targets, and writable entries such as /proc/sys/* (sysctl).
 */
import type { Host } from "../host/host.js";
import type { Proc } from "../host/types.js";
import type { DynamicDir, DynNode } from "../vfs/vfs.js";
import { PROC_FILES, PID_FILES } from "./renderers.js";
import { sysctlKeyToPath } from "./sysctl-paths.js";

/** The pid /proc/self points at (the shell command currently reading). */
export interface ProcfsContext {
  selfPid(): number;
}

function staticDir(entries: Record<string, () => DynNode>): DynamicDir {
  return {
    list: () => Object.keys(entries),
    lookup: (name) => entries[name]?.(),
  };
}

function file(read: () => string, mode = 0o444, write?: (data: string) => void | string): DynNode {
  return { kind: "file", stat: { mode: write ? 0o644 : mode, size: 0 }, read, write: write ? (d) => write(d) : undefined };
}

function pidDir(host: Host, pid: number): DynamicDir | undefined {
  const get = (): Proc | undefined => host.procs.get(pid);
  if (!get()) return undefined;
  const entries: Record<string, () => DynNode> = {};
  for (const [name, render] of Object.entries(PID_FILES)) {
    entries[name] = () => {
      const p = get();
      return file(() => (p ? render(host, p) : ""), name === "environ" || name === "stack" || name === "syscall" ? 0o400 : 0o444);
    };
  }
  entries["fd"] = () => ({
    kind: "dir",
    stat: { mode: 0o500, uid: get()?.uid ?? 0, gid: get()?.gid ?? 0 },
    dir: {
      list: () => (get()?.fds ?? []).map((f) => String(f.fd)),
      lookup: (name) => {
        const p = get();
        const fd = p?.fds.find((f) => String(f.fd) === name);
        if (!p || !fd) return undefined;
        return {
          kind: "link",
          stat: { mode: fd.mode === "r" ? 0o500 : fd.mode === "w" ? 0o300 : 0o700, uid: p.uid, gid: p.gid, size: 64 },
          target: () => (fd.deleted ? `${fd.path} (deleted)` : fd.path),
        };
      },
    },
  });
  entries["cwd"] = () => ({ kind: "link", stat: { mode: 0o777, uid: get()?.uid ?? 0 }, target: () => get()?.cwd ?? "/" });
  entries["exe"] = () => ({ kind: "link", stat: { mode: 0o777, uid: get()?.uid ?? 0 }, target: () => get()?.exe ?? (get()?.argv[0]?.startsWith("/") ? get()!.argv[0]! : `/usr/bin/${get()?.comm ?? ""}`) });
  entries["root"] = () => ({ kind: "link", stat: { mode: 0o777 }, target: () => "/" });
  return staticDir(entries);
}

function sysDir(host: Host): DynamicDir {
  // /proc/sys/<a>/<b>/<c> mirrors host.sysctl keys a.b.c
  const at = (prefix: string[]): DynamicDir => ({
    list: () => {
      const names = new Set<string>();
      for (const k of host.sysctl.keys()) {
        const parts = sysctlKeyToPath(k);
        if (parts.length > prefix.length && prefix.every((p, i) => parts[i] === p)) names.add(parts[prefix.length]!);
      }
      if (prefix.length === 1 && prefix[0] === "fs") names.add("file-nr");
      return [...names];
    },
    lookup: (name) => {
      const path = [...prefix, name];
      if (path.join("/") === "fs/file-nr") return file(() => PROC_FILES["sys/fs/file-nr"]!(host));
      const key = [...host.sysctl.keys()].find((k) => sysctlKeyToPath(k).join("/") === path.join("/"));
      if (key) {
        return file(
          () => `${host.sysctl.get(key)}\n`,
          0o644,
          (data) => {
            const v = data.trim();
            host.sysctl.set(key, v);
            host.emit({ type: "sysctl-changed", simMs: host.nowMs, key, value: v });
          },
        );
      }
      const isDir = [...host.sysctl.keys()].some((k) => {
        const parts = sysctlKeyToPath(k);
        return parts.length > path.length && path.every((p, i) => parts[i] === p);
      });
      return isDir ? { kind: "dir", dir: at(path) } : undefined;
    },
  });
  return at([]);
}

export function attachProcfs(host: Host, ctx: ProcfsContext): void {
  const top: Record<string, () => DynNode> = {};
  for (const [name, render] of Object.entries(PROC_FILES)) {
    if (name.includes("/")) continue;
    top[name] = () => file(() => render(host));
  }
  top["pressure"] = () => ({
    kind: "dir",
    dir: staticDir({
      cpu: () => file(() => PROC_FILES["pressure/cpu"]!(host)),
      io: () => file(() => PROC_FILES["pressure/io"]!(host)),
      memory: () => file(() => PROC_FILES["pressure/memory"]!(host)),
    }),
  });
  top["net"] = () => ({
    kind: "dir",
    dir: staticDir(Object.fromEntries(Object.entries(PROC_FILES).filter(([k]) => k.startsWith("net/")).map(([k, r]) => [k.slice(4), () => file(() => r(host))]))),
  });
  top["sys"] = () => ({ kind: "dir", dir: sysDir(host) });
  top["self"] = () => ({ kind: "link", target: () => String(ctx.selfPid()) });
  top["thread-self"] = () => ({ kind: "link", target: () => `${ctx.selfPid()}/task/${ctx.selfPid()}` });
  top["mounts"] = () => ({ kind: "link", target: () => "self/mounts" });
  const root: DynamicDir = {
    list: () => [...[...host.procs.keys()].sort((a, b) => a - b).map(String), ...Object.keys(top)],
    count: () => host.procs.size + Object.keys(top).length,
    lookup: (name) => {
      if (/^\d+$/.test(name)) {
        const d = pidDir(host, Number(name));
        const p = host.procs.get(Number(name));
        return d && p ? { kind: "dir", stat: { mode: 0o555, uid: p.uid, gid: p.gid, mtimeMs: host.bootEpochMs + p.startMs }, dir: d } : undefined;
      }
      return top[name]?.();
    },
  };
  host.vfs.attachDynamic("/proc", root);
}
