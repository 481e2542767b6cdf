/**
 * /proc as a dynamic directory computed from the live host on every read. The top-level
 * files and the per-PID files are tables of renderers (one module each, byte-exact to the
 * kernel's formats); this file wires them into the VFS, including /proc/self, /proc/PID/fd
 * symlinks with " (deleted)" targets, and writable entries such as /proc/sys/* (sysctl).
 */
import type { Host } from "../host/host.js";
import type { Proc } from "../host/types.js";
import { VfsError, type DynamicDir, type DynNode } from "../vfs/vfs.js";
import { PROC_FILES, PID_FILES, PID_FILE_MODES, ROOT_ONLY_PID_FILES } from "./renderers.js";
import { sysctlKeyToPath } from "./sysctl-paths.js";
import { dropCaches } from "./kstat.js";
import { exePath } from "./pid-misc.js";
import { openFdsOf } from "./proc-ids.js";

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
  // the shell opens with O_TRUNC (an empty write) before writing: a no-op on /proc files
  return { kind: "file", stat: { mode: write ? 0o644 : mode, size: 0 }, read, write: write ? (d) => (d === "" ? undefined : write(d)) : undefined };
}

/** echo N > /proc/PID/oom_score_adj: -1000..1000, else EINVAL. */
function writeOomScoreAdj(host: Host, pid: number, data: string): string | undefined {
  const p = host.procs.get(pid);
  if (!p || p.state === "Z") return "ENOENT";
  const v = data.trim();
  if (!/^-?\d+$/.test(v) || Number(v) < -1000 || Number(v) > 1000) return "EINVAL";
  p.oomScoreAdj = Number(v);
  host.emit({ type: "file-written", simMs: host.nowMs, path: `/proc/${pid}/oom_score_adj` });
  return undefined;
}

/** /proc/PID, or with `thread` its /proc/PID/task/TID view (which has no task/ of its own). */
function pidDir(host: Host, pid: number, thread = false): DynamicDir | undefined {
  const get = (): Proc | undefined => host.procs.get(pid);
  if (!get()) return undefined;
  const entries: Record<string, () => DynNode> = {};
  for (const [name, render] of Object.entries(PID_FILES)) {
    entries[name] = () => {
      const p = get();
      const owner = p && !ROOT_ONLY_PID_FILES.has(name) ? { uid: p.uid, gid: p.gid } : { uid: 0, gid: 0 };
      const write = name === "oom_score_adj" ? (data: string) => writeOomScoreAdj(host, pid, data) : undefined;
      const node = file(() => (p ? render(host, p) : ""), PID_FILE_MODES[name] ?? 0o444, write);
      node.stat = { ...node.stat, ...owner, mtimeMs: host.bootEpochMs + (p?.startMs ?? 0) };
      return node;
    };
  }
  if (!thread) entries["task"] = () => ({
    kind: "dir",
    stat: { mode: 0o555, uid: get()?.uid ?? 0, gid: get()?.gid ?? 0 },
    dir: { list: () => [String(pid)], lookup: (name) => (name === String(pid) && pidDir(host, pid, true) ? { kind: "dir", stat: { mode: 0o555, uid: get()?.uid ?? 0, gid: get()?.gid ?? 0 }, dir: pidDir(host, pid, true)! } : undefined) },
  });
  entries["fd"] = () => ({
    kind: "dir",
    stat: { mode: 0o500, uid: get()?.uid ?? 0, gid: get()?.gid ?? 0 },
    dir: {
      list: () => { const p = get(); return p ? openFdsOf(host, p).map((f) => String(f.fd)) : []; },
      lookup: (name) => {
        const p = get();
        const fd = p ? openFdsOf(host, p).find((f) => String(f.fd) === name) : undefined;
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
  entries["exe"] = () => ({ kind: "link", stat: { mode: 0o777, uid: get()?.uid ?? 0 }, target: () => { const p = get(); return p && !p.kthread && p.state !== "Z" ? exePath(p) : ""; } });
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
      if (prefix.length === 1 && prefix[0] === "vm") names.add("drop_caches");
      if (prefix.length === 0) {
        names.add("fs");
        names.add("vm");
      }
      return [...names];
    },
    lookup: (name) => {
      const path = [...prefix, name];
      if (path.join("/") === "fs/file-nr") return file(() => PROC_FILES["sys/fs/file-nr"]!(host));
      if (path.join("/") === "vm/drop_caches") {
        // --w-------: even root cannot read it
        const node = file(() => {
          throw new VfsError("EACCES", "/proc/sys/vm/drop_caches");
        }, 0o200, (data) => {
          const writer = host.procs.get(host.logins[0]?.pid ?? -1);
          return dropCaches(host, data, { comm: writer?.comm ?? "bash", pid: writer?.pid ?? host.observerPid });
        });
        node.stat = { ...node.stat, mode: 0o200 };
        return node;
      }
      const key = [...host.sysctl.keys()].find((k) => sysctlKeyToPath(k).join("/") === path.join("/"));
      if (key) {
        return file(
          () => `${host.sysctl.get(key)}\n`,
          0o644,
          (data) => {
            const v = data.trim().replace(/\s+/g, "\t");
            const old = host.sysctl.get(key) ?? "";
            if (/^-?\d+(\t-?\d+)*$/.test(old) && !/^-?\d+(\t-?\d+)*$/.test(v)) return "EINVAL";
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
  // Workaround: buildHost's spawnSpec passes `{ pid: undefined }` in Host.spawn's `extra`, which
  // overwrites the allocated pid on the record (the map key is right). Repair the records here
  // (attachProcfs runs right after those spawns); a no-op once spawn/spawnSpec are fixed.
  // Children of those records got `ppid: undefined` too: the login chain is rebuilt (listener
  // sshd -> "sshd: user [priv]" -> "sshd: user@tty" -> -bash), anything else falls back to init.
  const broken = [...host.procs].filter(([pid, p]) => p.pid !== pid).map(([pid]) => pid);
  const brokenSet = new Set(broken);
  const childSet = new Set([...host.procs].filter(([, p]) => p.ppid === undefined).map(([pid]) => pid));
  for (const [pid, p] of host.procs) if (p.pid !== pid) p.pid = pid;
  if (broken.length) {
    const all = [...host.procs.values()];
    const listener = all.find((p) => p.comm === "sshd" && p.argv[0]?.includes("[listener]"));
    for (const l of host.logins) {
      const priv = all.find((p) => p.argv[0] === `sshd: ${l.user} [priv]`);
      const sess = all.find((p) => p.argv[0] === `sshd: ${l.user}@${l.tty}`);
      const sh = all.find((p) => p.tty === l.tty && p.argv[0] === "-bash" && host.userName(p.uid) === l.user);
      if (priv && priv.ppid === undefined) priv.ppid = listener?.pid ?? 1;
      if (sess && sess.ppid === undefined && priv) sess.ppid = priv.pid;
      if (sh && sh.ppid === undefined && sess) sh.ppid = sess.pid;
      if (sh && (l.pid === undefined || !host.procs.has(l.pid))) l.pid = sh.pid;
    }
    // spec children were spawned right after their parent (depth first): the nearest earlier
    // broken record that itself had a parent is taken as the parent (exact for one level)
    let lastTop: number | undefined;
    for (const p of all) {
      if (!brokenSet.has(p.pid)) continue;
      if (p.ppid === undefined) p.ppid = lastTop ?? 1;
      else if (!childSet.has(p.pid)) lastTop = p.pid;
    }
  }
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
  // The kernel's targets are relative ("1234", "self/mounts"); the VFS follows relative links
  // only below the first dynamic level, so these are absolute until it does.
  top["self"] = () => ({ kind: "link", target: () => `/proc/${ctx.selfPid()}` });
  top["thread-self"] = () => ({ kind: "link", target: () => `/proc/${ctx.selfPid()}/task/${ctx.selfPid()}` });
  top["mounts"] = () => ({ kind: "link", target: () => `/proc/${ctx.selfPid()}/mounts` });
  const root: DynamicDir = {
    list: () => [...Object.keys(top), ...[...host.procs.keys()].sort((a, b) => a - b).map(String)],
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
