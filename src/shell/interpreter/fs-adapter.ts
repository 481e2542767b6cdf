/**
 * Our VFS as just-bash's async IFileSystem. Every call runs with the session's current
 * credentials (sudo switches them), unlink goes through the host so deleted-but-open files
 * keep their space, and VfsErrors become Node-style errors (code + message) that just-bash's
 * coreutils print the way GNU does ("No such file or directory").
 */
import type { IFileSystem } from "just-bash";
import { VfsError, normalizePath, type Cred, type Host } from "../../engine/index.js";

type FsStat = Awaited<ReturnType<IFileSystem["stat"]>>;

/** A Node-like error just-bash understands (it reads .code and the message). */
export class FsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

export function toFsError(e: unknown, syscall: string): unknown {
  if (e instanceof VfsError) return new FsError(e.code, `${e.code}: ${e.text.toLowerCase()}, ${syscall} '${e.path}'`, e.path);
  return e;
}

/** Synchronous wrapper that converts VFS errors. */
function wrap<T>(syscall: string, fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(toFsError(e, syscall));
  }
}

export function createFsAdapter(host: Host, cred: () => Cred): IFileSystem {
  const vfs = host.vfs;
  const toStat = (path: string, noFollow: boolean): FsStat => {
    const s = noFollow ? vfs.lstat(path, cred()) : vfs.stat(path, cred());
    return {
      isFile: s.type === "file" || s.type === "chr",
      isDirectory: s.type === "dir",
      isSymbolicLink: s.type === "symlink",
      mode: s.mode | (s.type === "dir" ? 0o040000 : s.type === "symlink" ? 0o120000 : s.type === "chr" ? 0o020000 : 0o100000),
      size: s.size,
      mtime: new Date(s.mtimeMs),
      ino: s.ino,
    };
  };
  const fs: IFileSystem = {
    readFile: (path) => wrap("open", () => vfs.readFile(path, cred())),
    readFileBytes: (path) => wrap("open", () => vfs.readFile(path, cred()) as never),
    readFileBuffer: (path) => wrap("open", () => new TextEncoder().encode(vfs.readFile(path, cred()))),
    writeFile: (path, content) =>
      wrap("open", () => {
        const data = typeof content === "string" ? content : new TextDecoder().decode(content);
        // `: > /proc/PID/fd/N` truncates the open file, even one that was deleted (the classic fix)
        const fdPath = /^\/proc\/(\d+)\/fd\/(\d+)$/.exec(normalizePath("/", path));
        if (fdPath) {
          const pid = Number(fdPath[1]);
          const p = host.procs.get(pid);
          const c = cred();
          const fd = p?.fds.find((f) => f.fd === Number(fdPath[2]));
          if (!p || !fd) throw new VfsError("ENOENT", path);
          if (c.uid !== 0 && c.uid !== p.uid) throw new VfsError("EACCES", path);
          // a socket cannot be opened through /proc: the kernel answers ENXIO
          if (fd.path.startsWith("socket:")) throw new FsError("ENXIO", `ENXIO: no such device or address, open '${path}'`, path);
          host.truncateFd(pid, Number(fdPath[2]), data.length);
          return;
        }
        vfs.writeFile(path, data, cred());
        host.emit({ type: "file-written", simMs: host.nowMs, path: normalizePath("/", path) });
      }),
    appendFile: (path, content) =>
      wrap("open", () => {
        const data = typeof content === "string" ? content : new TextDecoder().decode(content);
        vfs.writeFile(path, data, cred(), { append: true });
      }),
    exists: (path) => Promise.resolve(vfs.exists(path, cred())),
    stat: (path) => wrap("stat", () => toStat(path, false)),
    lstat: (path) => wrap("lstat", () => toStat(path, true)),
    mkdir: (path, opts) => wrap("mkdir", () => vfs.mkdir(path, cred(), { recursive: opts?.recursive })),
    readdir: (path) => wrap("scandir", () => vfs.readdir(path, cred()).sort()),
    readdirWithFileTypes: (path) =>
      wrap("scandir", () => {
        const dyn = vfs.dynamicAt(path, cred());
        const uniform = dyn?.uniformFileStat?.();
        return vfs
          .readdir(path, cred())
          .sort()
          .map((name) => {
            if (uniform && !vfs.staticChildren(path, cred()).includes(name)) return { name, isFile: true, isDirectory: false, isSymbolicLink: false };
            const full = normalizePath(path, name);
            let t = "file";
            try {
              t = vfs.lstat(full, cred()).type;
            } catch {
              /* vanished entry */
            }
            return { name, isFile: t === "file" || t === "chr", isDirectory: t === "dir", isSymbolicLink: t === "symlink" };
          });
      }),
    rm: (path, opts) =>
      wrap("unlink", () => {
        const rmTree = (p: string): void => {
          const st = vfs.lstat(p, cred());
          if (st.type === "dir") {
            if (!opts?.recursive) throw new VfsError("EISDIR", p);
            for (const c of vfs.readdir(p, cred())) rmTree(normalizePath(p, c));
            host.unlinkPath(p, cred(), { dir: true });
          } else host.unlinkPath(p, cred());
        };
        try {
          rmTree(normalizePath("/", path));
        } catch (e) {
          if (opts?.force && e instanceof VfsError && e.code === "ENOENT") return;
          throw e;
        }
      }),
    cp: (src, dest, opts) =>
      wrap("copyfile", () => {
        const copy = (s: string, d: string): void => {
          const st = vfs.stat(s, cred());
          if (st.type === "dir") {
            if (!opts?.recursive) throw new VfsError("EISDIR", s);
            if (!vfs.exists(d, cred())) vfs.mkdir(d, cred());
            for (const c of vfs.readdir(s, cred())) copy(normalizePath(s, c), normalizePath(d, c));
          } else vfs.writeFile(d, vfs.readFile(s, cred()), cred(), { mode: st.mode });
        };
        copy(src, dest);
      }),
    mv: (src, dest) => wrap("rename", () => vfs.rename(src, dest, cred())),
    resolvePath: (base, path) => normalizePath(base, path),
    getAllPaths: () => [],
    chmod: (path, mode) => wrap("chmod", () => vfs.chmod(path, mode, cred())),
    symlink: (target, linkPath) => wrap("symlink", () => vfs.symlink(target, linkPath, cred())),
    link: (existing, newPath) => wrap("link", () => vfs.link(existing, newPath, cred())),
    readlink: (path) => wrap("readlink", () => vfs.readlink(path, cred())),
    realpath: (path) => wrap("realpath", () => vfs.realpath(path, cred())),
    utimes: (path, _atime, mtime) => wrap("utimes", () => vfs.utimes(path, mtime.getTime(), cred())),
  };
  return fs;
}
