/**
 * Synthetic directories: millions of rule-named files (PHP sessions, a mail spool) that are
 * never materialised. Names come from a seeded rule, stat from a rule, deletions are kept in
 * a bitmap, and a running producer keeps adding entries. The host counts their blocks and
 * inodes on the mount, so `df -i` reaches 100% and `find … -delete` brings it back down.
 */
import type { Host } from "../host/host.js";
import type { SyntheticDirSpec } from "../host/spec.js";
import { VfsError, type DynamicDir, type DynNode, type VStat } from "./vfs.js";
import { hashSeed } from "../time/rng.js";

const HEX = "0123456789abcdef";

/** Deterministic 26-char lowercase hex-ish token for entry i (PHP session ids are [a-z0-9]{26}). */
function token(seed: number, i: number, len: number): string {
  let x = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  let out = "";
  const alphabet = len >= 26 ? "abcdefghijklmnopqrstuv0123456789" : HEX;
  for (let k = 0; k < len; k++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

export interface SyntheticDir extends DynamicDir {
  /** entries ever created (including deleted) */
  total(): number;
  /** live entries */
  count(): number;
  /** producer adds entries */
  grow(n: number): void;
  /** delete every live entry matching a predicate on its age; returns how many */
  removeWhere(pred: (name: string, mtimeMs: number) => boolean): number;
  /** visit every live entry with its mtime (read-only; fast ls -l/find -mmin) */
  entries(fn: (name: string, mtimeMs: number) => void): void;
  spec: SyntheticDirSpec;
}

export function attachSyntheticDir(host: Host, spec: SyntheticDirSpec): SyntheticDir {
  const seed = hashSeed(spec.path) ^ host.rng.int(0, 0x7fffffff);
  let total = spec.count;
  let deleted = new Uint8Array(Math.max(16, total));
  let deletedCount = 0;
  const byName = new Map<string, number>();
  /** names by index: generated from the rule once, extended by grow() and write() */
  const names: string[] = [];
  /** live names in index order, rebuilt (without regenerating) after a change */
  let liveCache: string[] | undefined;
  const tokenLen = spec.pattern.includes("{hex}") ? 26 : 0;
  const nameOf = (i: number): string => {
    if (i < names.length) return names[i]!;
    return spec.pattern.replace("{i}", String(i)).replace("{hex}", tokenLen ? token(seed, i, tokenLen) : "");
  };
  const ensureNames = (): void => {
    for (let i = names.length; i < total; i++) {
      const n = nameOf(i);
      names.push(n);
      byName.set(n, i);
    }
  };
  const ensureIndex = ensureNames;
  const uid = spec.owner ? (host.userByName(spec.owner)?.uid ?? 0) : 0;
  const gid = spec.group ? (host.groups.find((g) => g.name === spec.group)?.gid ?? uid) : uid;
  const oldest = (spec.oldestS ?? 86400 * 14) * 1000;
  const newest = (spec.newestS ?? 0) * 1000;
  const createdEpoch = host.epochMs();
  const mtimes: number[] = [];
  const mtimeOverride = new Map<number, number>();
  const mtimeOf = (i: number): number => {
    const o = mtimeOverride.get(i);
    if (o !== undefined) return o;
    if (i < spec.count) {
      // spread evenly from oldest to newest, in creation order
      return createdEpoch - oldest + Math.floor(((oldest - newest) * i) / Math.max(1, spec.count));
    }
    return mtimes[i - spec.count] ?? createdEpoch;
  };
  const inoBase = 1_000_000 + (seed % 1_000_000);
  const fileStat = (i: number): Partial<VStat> => ({
    type: "file",
    ino: inoBase + i,
    mode: spec.mode ?? 0o600,
    uid,
    gid,
    nlink: 1,
    size: spec.sizeBytes,
    blocks: Math.ceil(spec.sizeBytes / 4096) * 8,
    mtimeMs: mtimeOf(i),
    atimeMs: mtimeOf(i),
    ctimeMs: mtimeOf(i),
  });
  const content = (i: number): string => {
    const body = `user_id|i:${1000 + (i % 9000)};last_seen|i:${Math.floor(mtimeOf(i) / 1000)};csrf|s:32:"${token(seed + 7, i, 32).slice(0, 32)}";`;
    return body.length >= spec.sizeBytes ? body.slice(0, spec.sizeBytes) : body + " ".repeat(0);
  };
  const dir: SyntheticDir = {
    spec,
    total: () => total,
    count: () => total - deletedCount,
    list() {
      if (liveCache) return liveCache;
      ensureNames();
      const out: string[] = deletedCount === 0 ? names.slice(0, total) : [];
      if (deletedCount) for (let i = 0; i < total; i++) if (!deleted[i]) out.push(names[i]!);
      liveCache = out;
      return out;
    },
    lookup(name): DynNode | undefined {
      ensureIndex();
      const i = byName.get(name);
      if (i === undefined || deleted[i]) return undefined;
      return { kind: "file", stat: fileStat(i), read: () => content(i) };
    },
    remove(name) {
      ensureIndex();
      const i = byName.get(name);
      if (i === undefined || deleted[i]) throw new VfsError("ENOENT", `${spec.path}/${name}`);
      deleted[i] = 1;
      deletedCount++;
      liveCache = undefined;
    },
    write(name, _data, _append) {
      // a new file with exactly this name (a PHP session, touch)
      ensureIndex();
      const existing = byName.get(name);
      if (existing !== undefined && !deleted[existing]) return true;
      if (existing !== undefined) {
        deleted[existing] = 0;
        deletedCount--;
        mtimeOverride.set(existing, host.epochMs());
        liveCache = undefined;
        return true;
      }
      dir.grow(1);
      const i = total - 1;
      names[i] = name;
      byName.set(name, i);
      return true;
    },
    uniformFileStat() {
      return { type: "file", mode: spec.mode ?? 0o600, uid, gid, nlink: 1, size: spec.sizeBytes, blocks: Math.ceil(spec.sizeBytes / 4096) * 8, mtimeMs: createdEpoch, atimeMs: createdEpoch, ctimeMs: createdEpoch };
    },
    inoOf(name) {
      ensureIndex();
      return inoBase + (byName.get(name) ?? 0);
    },
    grow(n) {
      const now = host.epochMs();
      if (total + n > deleted.length) {
        const bigger = new Uint8Array(Math.max(deleted.length * 2, total + n));
        bigger.set(deleted);
        deleted = bigger;
      }
      for (let k = 0; k < n; k++) mtimes.push(now);
      total += n;
      liveCache = undefined;
    },
    removeWhere(pred) {
      ensureNames();
      let n = 0;
      for (let i = 0; i < total; i++) {
        if (deleted[i]) continue;
        if (pred(names[i]!, mtimeOf(i))) {
          deleted[i] = 1;
          n++;
        }
      }
      deletedCount += n;
      if (n) liveCache = undefined;
      return n;
    },
    entries(fn) {
      ensureNames();
      for (let i = 0; i < total; i++) if (!deleted[i]) fn(names[i]!, mtimeOf(i));
    },
  };
  host.vfs.attachDynamic(spec.path, dir, { mode: 0o1733, uid: 0, gid: 0 });
  host.synthetic.push({ path: spec.path, mount: host.vfs.mountOf(spec.path), count: () => dir.count(), sizeBytes: spec.sizeBytes });
  syntheticDirs.set(host, [...(syntheticDirs.get(host) ?? []), dir]);
  return dir;
}

const syntheticDirs = new WeakMap<Host, SyntheticDir[]>();

/** The synthetic directories of a host (faults use them to keep producing files). */
export function syntheticDirsOf(host: Host): SyntheticDir[] {
  return syntheticDirs.get(host) ?? [];
}
