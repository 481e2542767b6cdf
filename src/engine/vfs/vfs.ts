/**
 * The simulated filesystem: one in-memory inode tree shared by every mount, with per-mount
 * block and inode accounting (so ENOSPC on blocks *or* inodes is real), POSIX-ish ownership
 * and modes, and dynamic directories whose entries are computed on demand (/proc, and
 * "synthetic" directories that hold millions of entries without materialising them).
 * Everything is synchronous and pure; the shell wraps it in just-bash's async IFileSystem.
 * Errors are thrown as VfsError with an errno code, and tools turn them into the real
 * messages ("No such file or directory", "No space left on device", ...).
 */

/** errno codes the VFS can raise, with the libc message text. */
export const ERRNO = {
  /** No such file or directory */
  ENOENT: "No such file or directory",
  /** File exists */
  EEXIST: "File exists",
  /** Not a directory */
  ENOTDIR: "Not a directory",
  /** Is a directory */
  EISDIR: "Is a directory",
  /** Directory not empty */
  ENOTEMPTY: "Directory not empty",
  /** No space left on device */
  ENOSPC: "No space left on device",
  /** Permission denied */
  EACCES: "Permission denied",
  /** Operation not permitted */
  EPERM: "Operation not permitted",
  /** Read-only file system */
  EROFS: "Read-only file system",
  /** Argument list too long */
  E2BIG: "Argument list too long",
  /** Invalid argument */
  EINVAL: "Invalid argument",
  /** Device or resource busy */
  EBUSY: "Device or resource busy",
  /** Too many levels of symbolic links */
  ELOOP: "Too many levels of symbolic links",
  /** Input/output error */
  EIO: "Input/output error",
  /** Stale file handle */
  ESTALE: "Stale file handle",
} as const;
export type Errno = keyof typeof ERRNO;

export class VfsError extends Error {
  override readonly name = "VfsError";
  constructor(
    readonly code: Errno,
    readonly path: string,
    readonly syscall = "",
  ) {
    super(`${code}: ${ERRNO[code]}, ${syscall} '${path}'`);
  }
  /** The libc message ("No such file or directory"). */
  get text(): string {
    return ERRNO[this.code];
  }
}

export type NodeType = "file" | "dir" | "symlink" | "chr" | "fifo" | "sock";

/** What `stat` returns. Times are epoch ms (sim time). */
export interface VStat {
  type: NodeType;
  ino: number;
  mode: number; // permission bits incl. sticky/setuid (not the type bits)
  uid: number;
  gid: number;
  nlink: number;
  size: number;
  /** 512-byte blocks allocated */
  blocks: number;
  mtimeMs: number;
  atimeMs: number;
  ctimeMs: number;
  /** mount target the node lives on */
  mount: string;
  /** device numbers for chr nodes */
  rdev?: [number, number];
}

/** A directory whose children are computed on demand (procfs, synthetic dirs). */
export interface DynamicDir {
  /** Names of the entries, in on-disk (unsorted) order. May be huge. */
  list(): string[];
  /** Number of entries without building the list (falls back to list().length). */
  count?(): number;
  /** The child node, or undefined. */
  lookup(name: string): DynNode | undefined;
  /** Remove an entry (synthetic dirs record deletions). Throws VfsError when not allowed. */
  remove?(name: string): void;
  /** Create or overwrite a file entry; return false to refuse (EACCES). */
  write?(name: string, data: string, append: boolean): boolean;
  /** Every entry in this dir is a regular file of this stat (fast path for find/ls/du). */
  uniformFileStat?(): Omit<VStat, "ino" | "mount"> | undefined;
  /** The inode number of entry i-th name (for ls -i), optional */
  inoOf?(name: string): number;
}

/** A node of a dynamic directory. */
export type DynNode =
  | { kind: "dir"; stat?: Partial<VStat>; dir: DynamicDir }
  | { kind: "file"; stat?: Partial<VStat>; read(): string; write?(data: string, append: boolean): void | string }
  | { kind: "link"; stat?: Partial<VStat>; target(): string };

interface BaseNode {
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  mtimeMs: number;
  atimeMs: number;
  ctimeMs: number;
  /** mount target the node is accounted on */
  mount: string;
}
interface FileNode extends BaseNode {
  type: "file";
  data: string;
  /** size beyond the stored data (a big log whose bytes we don't keep) */
  sparseSize: number;
}
interface DirNode extends BaseNode {
  type: "dir";
  children: Map<string, number>;
  dynamic?: DynamicDir;
}
interface LinkNode extends BaseNode {
  type: "symlink";
  target: string;
}
interface SpecialNode extends BaseNode {
  type: "chr" | "fifo" | "sock";
  rdev: [number, number];
  /** device behaviour */
  device?: "null" | "zero" | "urandom" | "random" | "tty";
}
type Node = FileNode | DirNode | LinkNode | SpecialNode;

/** Per-mount accounting kept incrementally by the VFS. */
export interface MountUsage {
  /** bytes of file data on the mount (allocated, in 4 KiB blocks) */
  blocksKiB: number;
  /** inodes of modelled nodes on the mount */
  inodes: number;
}

/** Limits a mount imposes on writes (filled in by the host from its mount table). */
export interface MountLimits {
  /** KiB that may still be allocated by an unprivileged / root writer */
  freeKiB(root: boolean): number;
  freeInodes(): number;
  readOnly: boolean;
  /** Access blocks forever (hung NFS): the caller gets EIO here; the host puts the process in D. */
  hung: boolean;
}

/** Who is asking: the uid and groups used for permission checks. */
export interface Cred {
  uid: number;
  gids: number[];
}

export const ROOT: Cred = { uid: 0, gids: [0] };

const KiB_PER_BLOCK = 4;

/** Bytes allocated for a file of `size` bytes (4 KiB blocks). */
export function allocKiB(size: number): number {
  return Math.ceil(size / 4096) * KiB_PER_BLOCK;
}

/** Joins and normalises a path against a base (no symlink resolution). */
export function normalizePath(base: string, path: string): string {
  const full = path.startsWith("/") ? path : `${base === "/" ? "" : base}/${path}`;
  const out: string[] = [];
  for (const part of full.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return "/" + out.join("/");
}

function splitPath(path: string): string[] {
  return path.split("/").filter((p) => p !== "" && p !== ".");
}

export interface VfsOptions {
  /** sim clock, epoch ms */
  now(): number;
  /** mount limits by target; undefined = unlimited */
  limits(mount: string): MountLimits | undefined;
  /** mount targets (longest prefix wins) */
  mountTargets(): string[];
}

/** The in-memory filesystem. */
export class Vfs {
  private nodes = new Map<number, Node>();
  private nextIno = 2;
  private usage = new Map<string, MountUsage>();
  /** dynamic-node inode numbers, stable per path */
  private dynIno = new Map<string, number>();
  private dynInoNext = 4026531840;

  constructor(private readonly opts: VfsOptions) {
    const root: DirNode = this.mkNode({ type: "dir", children: new Map(), mode: 0o755, uid: 0, gid: 0, nlink: 2 }, "/") as DirNode;
    this.nodes.set(root.ino, root);
    this.rootIno = root.ino;
  }
  private readonly rootIno: number;

  private mkNode<T extends Omit<Node, keyof BaseNode> & Partial<BaseNode>>(partial: T, path: string): Node {
    const now = this.opts.now();
    const node = {
      ino: this.nextIno++,
      mtimeMs: now,
      atimeMs: now,
      ctimeMs: now,
      mode: 0o644,
      uid: 0,
      gid: 0,
      nlink: 1,
      ...partial,
      mount: this.mountOf(path),
    } as unknown as Node;
    return node;
  }

  /** The mount target a path lives on (longest matching prefix). */
  mountOf(path: string): string {
    let best = "/";
    for (const t of this.opts.mountTargets()) {
      if ((path === t || path.startsWith(t === "/" ? "/" : t + "/")) && t.length > best.length) best = t;
    }
    return best;
  }

  /** Accounted usage of a mount. */
  usageOf(mount: string): MountUsage {
    let u = this.usage.get(mount);
    if (!u) {
      u = { blocksKiB: 0, inodes: 0 };
      this.usage.set(mount, u);
    }
    return u;
  }

  private charge(mount: string, kib: number, inodes: number): void {
    const u = this.usageOf(mount);
    u.blocksKiB += kib;
    u.inodes += inodes;
  }

  private checkSpace(mount: string, cred: Cred, kib: number, inodes: number, path: string): void {
    const lim = this.opts.limits(mount);
    if (!lim) return;
    if (lim.hung) throw new VfsError("EIO", path);
    if (lim.readOnly) throw new VfsError("EROFS", path);
    if (inodes > 0 && lim.freeInodes() < inodes) throw new VfsError("ENOSPC", path);
    if (kib > 0 && lim.freeKiB(cred.uid === 0) < kib) throw new VfsError("ENOSPC", path);
  }

  // ---- permissions -------------------------------------------------------------------

  private can(node: BaseNode, cred: Cred, want: 4 | 2 | 1): boolean {
    if (cred.uid === 0) return want !== 1 || (node.mode & 0o111) !== 0 || (node as Node).type === "dir";
    let bits: number;
    if (node.uid === cred.uid) bits = (node.mode >> 6) & 7;
    else if (cred.gids.includes(node.gid)) bits = (node.mode >> 3) & 7;
    else bits = node.mode & 7;
    return (bits & want) !== 0;
  }

  // ---- resolution --------------------------------------------------------------------

  /** Resolves a path; returns the node or a dynamic node, following symlinks unless `noFollow`. */
  private resolve(path: string, cred: Cred, noFollow = false, depth = 0): { node?: Node; dyn?: DynNode; dynPath?: string; path: string } {
    if (depth > 40) throw new VfsError("ELOOP", path);
    const parts = splitPath(path);
    let cur = this.nodes.get(this.rootIno) as Node;
    let curPath = "";
    let dyn: DynNode | undefined;
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i] as string;
      const last = i === parts.length - 1;
      if (name === "..") {
        // paths are normalised before resolve; a leftover ".." after a symlink is rare: re-resolve
        const up = normalizePath(curPath || "/", "..");
        return this.resolve(normalizePath(up, parts.slice(i + 1).join("/")), cred, noFollow, depth + 1);
      }
      if (dyn) {
        if (dyn.kind === "link") {
          const target = normalizePath(curPath.slice(0, curPath.lastIndexOf("/")) || "/", dyn.target());
          return this.resolve(normalizePath(target, parts.slice(i).join("/")), cred, noFollow, depth + 1);
        }
        if (dyn.kind !== "dir") throw new VfsError("ENOTDIR", path);
        const next = dyn.dir.lookup(name);
        if (!next) throw new VfsError("ENOENT", path);
        dyn = next;
        curPath += "/" + name;
        if (dyn.kind === "link" && (!last || !noFollow)) {
          const t = dyn.target();
          const base = curPath.slice(0, curPath.lastIndexOf("/")) || "/";
          if (!t.startsWith("/") && (t.includes(":[") || t.startsWith("pipe:") || t.startsWith("socket:") || t.startsWith("anon_inode:"))) {
            if (last) return { dyn, dynPath: curPath, path: curPath };
            throw new VfsError("ENOENT", path);
          }
          return this.resolve(normalizePath(normalizePath(base, t), parts.slice(i + 1).join("/")), cred, noFollow, depth + 1);
        }
        continue;
      }
      if (cur.type === "symlink") {
        const base = curPath.slice(0, curPath.lastIndexOf("/")) || "/";
        const target = normalizePath(base, cur.target);
        return this.resolve(normalizePath(target, parts.slice(i).join("/")), cred, noFollow, depth + 1);
      }
      if (cur.type !== "dir") throw new VfsError("ENOTDIR", path);
      if (!this.can(cur, cred, 1)) throw new VfsError("EACCES", path);
      const lim = this.opts.limits(cur.mount);
      if (lim?.hung && curPath !== "" && this.mountOf(curPath || "/") === cur.mount && cur.mount !== "/") throw new VfsError("EIO", path);
      const childIno = cur.children.get(name);
      if (childIno === undefined) {
        if (cur.dynamic) {
          const d = cur.dynamic.lookup(name);
          if (!d) throw new VfsError("ENOENT", path);
          dyn = d;
          curPath += "/" + name;
          if (d.kind === "link" && (!last || !noFollow)) {
            const t = d.target();
            if (!t.startsWith("/") && /^(socket|pipe|anon_inode|net):|\[/.test(t)) {
              if (last) return { dyn, dynPath: curPath, path: curPath };
              throw new VfsError("ENOENT", path);
            }
            const base = curPath.slice(0, curPath.lastIndexOf("/")) || "/";
            return this.resolve(normalizePath(normalizePath(base, t), parts.slice(i + 1).join("/")), cred, noFollow, depth + 1);
          }
          continue;
        }
        throw new VfsError("ENOENT", path);
      }
      cur = this.nodes.get(childIno) as Node;
      curPath += "/" + name;
      if (cur.type === "symlink" && (!last || !noFollow)) {
        const base = curPath.slice(0, curPath.lastIndexOf("/")) || "/";
        const target = normalizePath(base, cur.target);
        return this.resolve(normalizePath(target, parts.slice(i + 1).join("/")), cred, noFollow, depth + 1);
      }
    }
    if (dyn) return { dyn, dynPath: curPath || "/", path: curPath || "/" };
    return { node: cur, path: curPath || "/" };
  }

  private parentDir(path: string, cred: Cred): { dir?: DirNode; dyn?: DynamicDir; name: string; parentPath: string } {
    const norm = normalizePath("/", path);
    const idx = norm.lastIndexOf("/");
    const parentPath = norm.slice(0, idx) || "/";
    const name = norm.slice(idx + 1);
    if (name === "") throw new VfsError("EEXIST", path);
    const r = this.resolve(parentPath, cred);
    if (r.dyn) {
      if (r.dyn.kind !== "dir") throw new VfsError("ENOTDIR", path);
      return { dyn: r.dyn.dir, name, parentPath: r.path };
    }
    const n = r.node as Node;
    if (n.type !== "dir") throw new VfsError("ENOTDIR", path);
    return { dir: n, name, parentPath: r.path };
  }

  private dynStat(d: DynNode, path: string): VStat {
    let ino = this.dynIno.get(path);
    if (ino === undefined) {
      ino = this.dynInoNext++;
      this.dynIno.set(path, ino);
    }
    const now = this.opts.now();
    const base: VStat = {
      type: d.kind === "dir" ? "dir" : d.kind === "link" ? "symlink" : "file",
      ino,
      mode: d.kind === "dir" ? 0o555 : d.kind === "link" ? 0o777 : 0o444,
      uid: 0,
      gid: 0,
      nlink: d.kind === "dir" ? 2 : 1,
      size: 0,
      blocks: 0,
      mtimeMs: now,
      atimeMs: now,
      ctimeMs: now,
      mount: this.mountOf(path),
    };
    return { ...base, ...d.stat };
  }

  private nodeStat(n: Node): VStat {
    const size = n.type === "file" ? n.data.length + n.sparseSize : n.type === "dir" ? 4096 : n.type === "symlink" ? n.target.length : 0;
    return {
      type: n.type,
      ino: n.ino,
      mode: n.mode,
      uid: n.uid,
      gid: n.gid,
      nlink: n.nlink,
      size,
      blocks: n.type === "file" || n.type === "dir" ? allocKiB(size) * 2 : 0,
      mtimeMs: n.mtimeMs,
      atimeMs: n.atimeMs,
      ctimeMs: n.ctimeMs,
      mount: n.mount,
      rdev: n.type === "chr" ? n.rdev : undefined,
    };
  }

  // ---- queries -----------------------------------------------------------------------

  stat(path: string, cred: Cred = ROOT): VStat {
    const r = this.resolve(normalizePath("/", path), cred);
    return r.dyn ? this.dynStat(r.dyn, r.path) : this.nodeStat(r.node as Node);
  }

  lstat(path: string, cred: Cred = ROOT): VStat {
    const r = this.resolve(normalizePath("/", path), cred, true);
    return r.dyn ? this.dynStat(r.dyn, r.path) : this.nodeStat(r.node as Node);
  }

  exists(path: string, cred: Cred = ROOT): boolean {
    try {
      this.resolve(normalizePath("/", path), cred);
      return true;
    } catch (e) {
      if (e instanceof VfsError) return false;
      throw e;
    }
  }

  /** Canonical path with symlinks resolved. */
  realpath(path: string, cred: Cred = ROOT): string {
    return this.resolve(normalizePath("/", path), cred).path;
  }

  readlink(path: string, cred: Cred = ROOT): string {
    const r = this.resolve(normalizePath("/", path), cred, true);
    if (r.dyn) {
      if (r.dyn.kind !== "link") throw new VfsError("EINVAL", path);
      return r.dyn.target();
    }
    const n = r.node as Node;
    if (n.type !== "symlink") throw new VfsError("EINVAL", path);
    return n.target;
  }

  /** Directory entry names (unsorted, without . and ..). */
  readdir(path: string, cred: Cred = ROOT): string[] {
    const r = this.resolve(normalizePath("/", path), cred);
    if (r.dyn) {
      if (r.dyn.kind !== "dir") throw new VfsError("ENOTDIR", path);
      return r.dyn.dir.list();
    }
    const n = r.node as Node;
    if (n.type !== "dir") throw new VfsError("ENOTDIR", path);
    if (!this.can(n, cred, 4)) throw new VfsError("EACCES", path);
    // "__fl_" entries are the shell's hidden builtin shims: never listed
    const names = [...n.children.keys()].filter((x) => !x.startsWith("__fl_"));
    if (n.dynamic) for (const d of n.dynamic.list()) if (!n.children.has(d)) names.push(d);
    return names;
  }

  /** Number of entries in a directory, cheap for synthetic dirs. */
  countEntries(path: string, cred: Cred = ROOT): number {
    const r = this.resolve(normalizePath("/", path), cred);
    if (r.dyn) {
      if (r.dyn.kind !== "dir") throw new VfsError("ENOTDIR", path);
      return r.dyn.dir.count ? r.dyn.dir.count() : r.dyn.dir.list().length;
    }
    const n = r.node as Node;
    if (n.type !== "dir") throw new VfsError("ENOTDIR", path);
    return n.children.size + (n.dynamic ? (n.dynamic.count ? n.dynamic.count() : n.dynamic.list().length) : 0);
  }

  /** The dynamic directory attached at a path (for fast paths in find/ls/du/rm). */
  dynamicAt(path: string, cred: Cred = ROOT): DynamicDir | undefined {
    const r = this.resolve(normalizePath("/", path), cred);
    if (r.dyn) return r.dyn.kind === "dir" ? r.dyn.dir : undefined;
    const n = r.node as Node;
    return n.type === "dir" ? n.dynamic : undefined;
  }

  /** Materialised child names only (not dynamic ones). */
  staticChildren(path: string, cred: Cred = ROOT): string[] {
    const r = this.resolve(normalizePath("/", path), cred);
    if (r.dyn) return [];
    const n = r.node as Node;
    return n.type === "dir" ? [...n.children.keys()] : [];
  }

  readFile(path: string, cred: Cred = ROOT): string {
    const r = this.resolve(normalizePath("/", path), cred);
    if (r.dyn) {
      if (r.dyn.kind === "dir") throw new VfsError("EISDIR", path);
      if (r.dyn.kind === "link") throw new VfsError("ENOENT", path);
      const mode = r.dyn.stat?.mode ?? 0o444;
      if (cred.uid !== 0 && (mode & 0o004) === 0 && (r.dyn.stat?.uid ?? 0) !== cred.uid) throw new VfsError("EACCES", path);
      return r.dyn.read();
    }
    const n = r.node as Node;
    if (n.type === "dir") throw new VfsError("EISDIR", path);
    if (!this.can(n, cred, 4)) throw new VfsError("EACCES", path);
    if (n.type === "chr") {
      if (n.device === "zero") return "\0".repeat(65536);
      if (n.device === "urandom" || n.device === "random") {
        let s = "";
        let x = (this.opts.now() ^ 0x5bd1e995) >>> 0;
        for (let i = 0; i < 4096; i++) {
          x = (Math.imul(x, 1103515245) + 12345) >>> 0;
          s += String.fromCharCode((x >>> 16) & 0xff);
        }
        return s;
      }
      return "";
    }
    if (n.type !== "file") return "";
    n.atimeMs = this.opts.now();
    return n.data;
  }

  /** Logical size of a file (including sparse tail). */
  sizeOf(path: string, cred: Cred = ROOT): number {
    return this.stat(path, cred).size;
  }

  // ---- mutations ---------------------------------------------------------------------

  writeFile(path: string, data: string, cred: Cred = ROOT, opts: { append?: boolean; mode?: number; uid?: number; gid?: number } = {}): void {
    const norm = normalizePath("/", path);
    let existing: { node?: Node; dyn?: DynNode } | undefined;
    try {
      existing = this.resolve(norm, cred);
    } catch (e) {
      if (!(e instanceof VfsError) || e.code !== "ENOENT") throw e;
    }
    if (existing?.dyn) {
      const d = existing.dyn;
      if (d.kind !== "file" || !d.write) throw new VfsError(d.kind === "dir" ? "EISDIR" : "EACCES", path);
      if (cred.uid !== 0) throw new VfsError("EACCES", path);
      const err = d.write(data, !!opts.append);
      if (typeof err === "string") throw new VfsError(err as Errno, path);
      return;
    }
    if (existing?.node) {
      const n = existing.node;
      if (n.type === "dir") throw new VfsError("EISDIR", path);
      if (n.type === "chr") return; // /dev/null and friends swallow writes
      if (n.type !== "file") throw new VfsError("EINVAL", path);
      if (!this.can(n, cred, 2)) throw new VfsError("EACCES", path);
      const oldSize = n.data.length + n.sparseSize;
      const newSize = opts.append ? oldSize + data.length : data.length;
      const delta = allocKiB(newSize) - allocKiB(oldSize);
      if (delta > 0) this.checkSpace(n.mount, cred, delta, 0, path);
      if (opts.append) n.data += data;
      else {
        n.data = data;
        n.sparseSize = 0;
      }
      this.charge(n.mount, delta, 0);
      n.mtimeMs = n.ctimeMs = this.opts.now();
      return;
    }
    const p = this.parentDir(norm, cred);
    if (p.dyn) {
      if (!p.dyn.write || !p.dyn.write(p.name, data, !!opts.append)) throw new VfsError("EACCES", path);
      return;
    }
    const dir = p.dir as DirNode;
    if (dir.dynamic?.write) {
      if (!this.can(dir, cred, 2)) throw new VfsError("EACCES", path);
      this.checkSpace(dir.mount, cred, allocKiB(data.length), 1, path);
      if (dir.dynamic.write(p.name, data, !!opts.append)) return;
    }
    if (!this.can(dir, cred, 2)) throw new VfsError("EACCES", path);
    const mount = this.mountOf(norm);
    this.checkSpace(mount, cred, allocKiB(data.length), 1, path);
    const node = this.mkNode({ type: "file", data, sparseSize: 0, mode: opts.mode ?? 0o644, uid: opts.uid ?? cred.uid, gid: opts.gid ?? cred.gids[0] ?? 0 }, norm) as FileNode;
    this.nodes.set(node.ino, node);
    dir.children.set(p.name, node.ino);
    dir.mtimeMs = dir.ctimeMs = node.mtimeMs;
    this.charge(node.mount, allocKiB(data.length), 1);
  }

  /** Grows a file by `bytes` without storing them (log growth); may throw ENOSPC. */
  growFile(path: string, bytes: number, cred: Cred = ROOT): void {
    const r = this.resolve(normalizePath("/", path), cred);
    const n = r.node;
    if (!n || n.type !== "file") throw new VfsError("EINVAL", path);
    const oldSize = n.data.length + n.sparseSize;
    const delta = allocKiB(oldSize + bytes) - allocKiB(oldSize);
    if (delta > 0) this.checkSpace(n.mount, cred, delta, 0, path);
    n.sparseSize += bytes;
    this.charge(n.mount, delta, 0);
    n.mtimeMs = n.ctimeMs = this.opts.now();
  }

  /** Sets a file's length (truncate -s, `: > file`). */
  truncate(path: string, size: number, cred: Cred = ROOT): void {
    const r = this.resolve(normalizePath("/", path), cred);
    const n = r.node;
    if (!n) {
      if (r.dyn?.kind === "file" && r.dyn.write) {
        r.dyn.write("", false);
        return;
      }
      throw new VfsError("EINVAL", path);
    }
    if (n.type === "chr") return;
    if (n.type !== "file") throw new VfsError("EISDIR", path);
    if (!this.can(n, cred, 2)) throw new VfsError("EACCES", path);
    const oldSize = n.data.length + n.sparseSize;
    const delta = allocKiB(size) - allocKiB(oldSize);
    if (delta > 0) this.checkSpace(n.mount, cred, delta, 0, path);
    if (size <= n.data.length) {
      n.data = n.data.slice(0, size);
      n.sparseSize = 0;
    } else n.sparseSize = size - n.data.length;
    this.charge(n.mount, delta, 0);
    n.mtimeMs = n.ctimeMs = this.opts.now();
  }

  mkdir(path: string, cred: Cred = ROOT, opts: { recursive?: boolean; mode?: number; uid?: number; gid?: number } = {}): void {
    const norm = normalizePath("/", path);
    if (opts.recursive) {
      const parts = splitPath(norm);
      let cur = "";
      for (const part of parts) {
        cur += "/" + part;
        if (this.exists(cur, cred)) {
          if (this.stat(cur, cred).type !== "dir") throw new VfsError("ENOTDIR", cur);
          continue;
        }
        this.mkdir(cur, cred, { ...opts, recursive: false });
      }
      return;
    }
    if (this.existsNoFollow(norm, cred)) throw new VfsError("EEXIST", path);
    const p = this.parentDir(norm, cred);
    if (p.dyn) throw new VfsError("EACCES", path);
    const dir = p.dir as DirNode;
    if (!this.can(dir, cred, 2)) throw new VfsError("EACCES", path);
    const mount = this.mountOf(norm);
    this.checkSpace(mount, cred, 4, 1, path);
    const node = this.mkNode({ type: "dir", children: new Map(), mode: opts.mode ?? 0o755, uid: opts.uid ?? cred.uid, gid: opts.gid ?? cred.gids[0] ?? 0, nlink: 2 }, norm) as DirNode;
    this.nodes.set(node.ino, node);
    dir.children.set(p.name, node.ino);
    dir.nlink++;
    dir.mtimeMs = dir.ctimeMs = node.mtimeMs;
    this.charge(node.mount, 4, 1);
  }

  private existsNoFollow(path: string, cred: Cred): boolean {
    try {
      this.resolve(path, cred, true);
      return true;
    } catch (e) {
      if (e instanceof VfsError && (e.code === "ENOENT" || e.code === "ENOTDIR")) return false;
      throw e;
    }
  }

  symlink(target: string, linkPath: string, cred: Cred = ROOT): void {
    const norm = normalizePath("/", linkPath);
    if (this.existsNoFollow(norm, cred)) throw new VfsError("EEXIST", linkPath);
    const p = this.parentDir(norm, cred);
    if (p.dyn) throw new VfsError("EACCES", linkPath);
    const dir = p.dir as DirNode;
    if (!this.can(dir, cred, 2)) throw new VfsError("EACCES", linkPath);
    this.checkSpace(this.mountOf(norm), cred, 0, 1, linkPath);
    const node = this.mkNode({ type: "symlink", target, mode: 0o777, uid: cred.uid, gid: cred.gids[0] ?? 0 }, norm);
    this.nodes.set(node.ino, node);
    dir.children.set(p.name, node.ino);
    this.charge(node.mount, 0, 1);
  }

  /** Creates a device or special node (used to build /dev). */
  mknod(path: string, type: "chr" | "fifo" | "sock", rdev: [number, number], device?: SpecialNode["device"], mode = 0o666): void {
    const norm = normalizePath("/", path);
    const p = this.parentDir(norm, ROOT);
    const dir = p.dir as DirNode;
    const node = this.mkNode({ type, rdev, device, mode }, norm);
    this.nodes.set(node.ino, node);
    dir.children.set(p.name, node.ino);
  }

  /** Attaches a dynamic directory provider at an existing (or new) directory. */
  attachDynamic(path: string, provider: DynamicDir, owner: { mode?: number; uid?: number; gid?: number } = {}): void {
    const norm = normalizePath("/", path);
    if (!this.exists(norm)) this.mkdir(norm, ROOT, { recursive: true, ...owner });
    const r = this.resolve(norm, ROOT);
    const n = r.node;
    if (!n || n.type !== "dir") throw new VfsError("ENOTDIR", path);
    n.dynamic = provider;
  }

  /**
   * Removes a file/symlink (unlink) or an empty directory (rmdir). Returns the removed file's
   * inode and size so the host can keep space held by processes that still have it open.
   */
  unlink(path: string, cred: Cred = ROOT, opts: { dir?: boolean } = {}): { ino: number; size: number; mount: string } {
    const norm = normalizePath("/", path);
    const p = this.parentDir(norm, cred);
    if (p.dyn) {
      if (!p.dyn.remove) throw new VfsError("EACCES", path);
      p.dyn.remove(p.name);
      return { ino: 0, size: 0, mount: this.mountOf(norm) };
    }
    const dir = p.dir as DirNode;
    const ino = dir.children.get(p.name);
    if (ino === undefined) {
      if (dir.dynamic?.lookup(p.name)) {
        if (!dir.dynamic.remove) throw new VfsError("EACCES", path);
        if (!this.can(dir, cred, 2)) throw new VfsError("EACCES", path);
        const st = dir.dynamic.uniformFileStat?.();
        dir.dynamic.remove(p.name);
        return { ino: 0, size: st?.size ?? 0, mount: dir.mount };
      }
      throw new VfsError("ENOENT", path);
    }
    const n = this.nodes.get(ino) as Node;
    if (!this.can(dir, cred, 2)) throw new VfsError("EACCES", path);
    if ((dir.mode & 0o1000) !== 0 && cred.uid !== 0 && n.uid !== cred.uid && dir.uid !== cred.uid) throw new VfsError("EPERM", path);
    if (n.type === "dir") {
      if (!opts.dir) throw new VfsError("EISDIR", path);
      if (n.children.size > 0 || (n.dynamic && (n.dynamic.count ? n.dynamic.count() : n.dynamic.list().length) > 0)) throw new VfsError("ENOTEMPTY", path);
      if (this.isMountpoint(norm)) throw new VfsError("EBUSY", path);
      dir.nlink--;
    } else if (opts.dir) throw new VfsError("ENOTDIR", path);
    const size = n.type === "file" ? n.data.length + n.sparseSize : n.type === "dir" ? 4096 : 0;
    dir.children.delete(p.name);
    dir.mtimeMs = dir.ctimeMs = this.opts.now();
    n.nlink--;
    if (n.nlink <= 0 || n.type === "dir") {
      this.nodes.delete(ino);
      this.charge(n.mount, -allocKiB(size), -1);
    }
    return { ino, size, mount: n.mount };
  }

  isMountpoint(path: string): boolean {
    return this.opts.mountTargets().includes(normalizePath("/", path));
  }

  rename(src: string, dest: string, cred: Cred = ROOT): void {
    const s = normalizePath("/", src);
    const d = normalizePath("/", dest);
    const sp = this.parentDir(s, cred);
    const dp = this.parentDir(d, cred);
    if (sp.dyn || dp.dyn) throw new VfsError("EACCES", src);
    const sdir = sp.dir as DirNode;
    const ddir = dp.dir as DirNode;
    const ino = sdir.children.get(sp.name);
    if (ino === undefined) throw new VfsError("ENOENT", src);
    if (!this.can(sdir, cred, 2) || !this.can(ddir, cred, 2)) throw new VfsError("EACCES", src);
    const n = this.nodes.get(ino) as Node;
    if (n.type === "dir" && (d + "/").startsWith(s + "/")) throw new VfsError("EINVAL", dest);
    const existing = ddir.children.get(dp.name);
    if (existing !== undefined && existing !== ino) {
      const en = this.nodes.get(existing) as Node;
      if (en.type === "dir") {
        if (n.type !== "dir") throw new VfsError("EISDIR", dest);
        if (en.children.size > 0) throw new VfsError("ENOTEMPTY", dest);
      }
      this.unlink(d, cred, { dir: en.type === "dir" });
    }
    const destMount = this.mountOf(d);
    if (destMount !== n.mount) {
      // cross-device: copy accounting
      const size = this.subtreeUsage(n);
      this.checkSpace(destMount, cred, size.kib, size.inodes, dest);
      this.charge(n.mount, -size.kib, -size.inodes);
      this.charge(destMount, size.kib, size.inodes);
      this.remount(n, destMount);
    }
    sdir.children.delete(sp.name);
    ddir.children.set(dp.name, ino);
    if (n.type === "dir" && sdir !== ddir) {
      sdir.nlink--;
      ddir.nlink++;
    }
    n.ctimeMs = sdir.mtimeMs = ddir.mtimeMs = this.opts.now();
  }

  private subtreeUsage(n: Node): { kib: number; inodes: number } {
    if (n.type === "file") return { kib: allocKiB(n.data.length + n.sparseSize), inodes: 1 };
    if (n.type !== "dir") return { kib: 0, inodes: 1 };
    let kib = 4;
    let inodes = 1;
    for (const c of n.children.values()) {
      const u = this.subtreeUsage(this.nodes.get(c) as Node);
      kib += u.kib;
      inodes += u.inodes;
    }
    return { kib, inodes };
  }

  private remount(n: Node, mount: string): void {
    n.mount = mount;
    if (n.type === "dir") for (const c of n.children.values()) this.remount(this.nodes.get(c) as Node, mount);
  }

  link(existing: string, newPath: string, cred: Cred = ROOT): void {
    const r = this.resolve(normalizePath("/", existing), cred);
    const n = r.node;
    if (!n) throw new VfsError("EPERM", existing);
    if (n.type === "dir") throw new VfsError("EPERM", existing);
    const norm = normalizePath("/", newPath);
    if (this.existsNoFollow(norm, cred)) throw new VfsError("EEXIST", newPath);
    const p = this.parentDir(norm, cred);
    const dir = p.dir as DirNode;
    dir.children.set(p.name, n.ino);
    n.nlink++;
  }

  chmod(path: string, mode: number, cred: Cred = ROOT): void {
    const r = this.resolve(normalizePath("/", path), cred);
    const n = r.node;
    if (!n) throw new VfsError("EPERM", path);
    if (cred.uid !== 0 && cred.uid !== n.uid) throw new VfsError("EPERM", path);
    n.mode = mode & 0o7777;
    n.ctimeMs = this.opts.now();
  }

  chown(path: string, uid: number, gid: number, cred: Cred = ROOT): void {
    const r = this.resolve(normalizePath("/", path), cred);
    const n = r.node;
    if (!n) throw new VfsError("EPERM", path);
    if (cred.uid !== 0) throw new VfsError("EPERM", path);
    if (uid >= 0) n.uid = uid;
    if (gid >= 0) n.gid = gid;
    n.ctimeMs = this.opts.now();
  }

  utimes(path: string, mtimeMs: number, cred: Cred = ROOT): void {
    const r = this.resolve(normalizePath("/", path), cred);
    if (!r.node) return;
    r.node.mtimeMs = r.node.atimeMs = mtimeMs;
  }

  /** Sets owner/mode/mtime directly (for building the base tree). */
  setMeta(path: string, meta: { mode?: number; uid?: number; gid?: number; mtimeMs?: number }): void {
    const r = this.resolve(normalizePath("/", path), ROOT, true);
    if (!r.node) return;
    Object.assign(r.node, Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)));
    if (meta.mtimeMs !== undefined) r.node.atimeMs = r.node.ctimeMs = meta.mtimeMs;
  }

  /** Serializable snapshot of the static tree (dynamic providers are re-attached by the host). */
  snapshot(): unknown {
    return {
      nodes: [...this.nodes.values()].map((n) => (n.type === "dir" ? { ...n, children: [...n.children.entries()], dynamic: undefined } : { ...n })),
      nextIno: this.nextIno,
      usage: [...this.usage.entries()],
    };
  }
}
