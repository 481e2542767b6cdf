/**
 * Shared helpers for the GNU coreutils / util-linux filesystem commands: quoting the way
 * coreutils quotes file names in messages ('x' shell-escape style, ‘x’ for mkdir/find), errno
 * text, the kernel's execve ARG_MAX check (the shell fails with "Argument list too long"
 * before the tool runs), mode strings, ls timestamps, GNU human-readable sizes (ceiling
 * rounding, like df -h / du -h / ls -h), and a fast sort for million-entry directories.
 */
import { MONTHS, VfsError, civilFromEpochMs, type Cred, type VStat } from "../../../../engine/index.js";
import type { CommandContext, CommandResult } from "../../../spec/define-command.js";

/** Text of an errno from a VfsError (or a plain code). */
export function errText(e: unknown): string {
  if (e instanceof VfsError) return e.text;
  if (typeof e === "string") return ERRNO_MSG[e] ?? "Input/output error";
  throw e;
}

const ERRNO_MSG: Record<string, string> = {
  ENOENT: "No such file or directory",
  EEXIST: "File exists",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  ENOTEMPTY: "Directory not empty",
  ENOSPC: "No space left on device",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  EROFS: "Read-only file system",
  EINVAL: "Invalid argument",
  EBUSY: "Device or resource busy",
  EIO: "Input/output error",
  EXDEV: "Invalid cross-device link",
};

/** errno text by code. */
export function errnoText(code: string): string {
  return ERRNO_MSG[code] ?? "Input/output error";
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** coreutils' quoteaf (shell-escape-always): 'x', "it's", 'a'\''b"'. */
export function shq(name: string): string {
  if (!name.includes("'")) return `'${name}'`;
  if (!/["$`\\!]/.test(name)) return `"${name}"`;
  return `'${name.replace(/'/g, "'\\''")}'`;
}

/** coreutils' quote() in a UTF-8 locale: ‘x’ (mkdir, find, ls for some messages). */
export function lq(name: string): string {
  return `‘${name}’`;
}

/** Names in ls output on a tty (shell-escape only when needed). */
export function lsName(name: string, tty: boolean): string {
  if (!tty || SAFE.test(name) || name === "") return name;
  if (/[\x00-\x1f\x7f]/.test(name)) return `'${name.replace(/[\x00-\x1f\x7f]/g, "?")}'`;
  return shq(name);
}

/** Size of an execve argv+envp against the kernel's limit (8 MiB stack / 4). */
export const ARG_MAX = 2097152;

/**
 * The shell expands globs before exec: a huge expansion makes execve fail with E2BIG and bash
 * prints "-bash: /usr/bin/rm: Argument list too long" (exit 126); the tool never runs.
 */
export function argListTooLong(ctx: CommandContext, name: string, argv: readonly string[]): CommandResult | undefined {
  let size = name.length + 1 + 8;
  if (argv.length < 2000) return undefined;
  for (const a of argv) size += a.length + 1 + 8;
  for (const [k, v] of ctx.env) size += k.length + v.length + 2 + 8;
  if (size <= ARG_MAX) return undefined;
  const dir = ["mount", "umount", "findmnt", "lsblk"].includes(name) ? "/usr/bin" : "/usr/bin";
  return { stdout: "", stderr: `-bash: ${dir}/${name}: Argument list too long\n`, exitCode: 126, evidence: ["arg-list-too-long"] };
}

/** Type letter for ls -l. */
export function typeChar(t: VStat["type"]): string {
  switch (t) {
    case "dir":
      return "d";
    case "symlink":
      return "l";
    case "chr":
      return "c";
    case "fifo":
      return "p";
    case "sock":
      return "s";
    default:
      return "-";
  }
}

/** "drwxr-xr-x", with setuid/setgid/sticky letters. */
export function modeString(st: Pick<VStat, "type" | "mode">): string {
  const m = st.mode;
  const rwx = (bits: number, special: boolean, ch: string): string => {
    const r = bits & 4 ? "r" : "-";
    const w = bits & 2 ? "w" : "-";
    const x = special ? (bits & 1 ? ch : ch.toUpperCase()) : bits & 1 ? "x" : "-";
    return r + w + x;
  };
  return typeChar(st.type) + rwx((m >> 6) & 7, (m & 0o4000) !== 0, "s") + rwx((m >> 3) & 7, (m & 0o2000) !== 0, "s") + rwx(m & 7, (m & 0o1000) !== 0, "t");
}

const SIX_MONTHS_MS = (31556952 / 2) * 1000;

/** ls -l's timestamp: "Nov 22 09:14" when recent, "Nov 22  2025" otherwise. */
export function lsTime(ms: number, nowMs: number): string {
  const c = civilFromEpochMs(ms);
  const mon = MONTHS[c.month - 1];
  const day = String(c.day).padStart(2, " ");
  const recent = ms > nowMs - SIX_MONTHS_MS && ms <= nowMs + 60000;
  if (recent) return `${mon} ${day} ${String(c.hour).padStart(2, "0")}:${String(c.minute).padStart(2, "0")}`;
  return `${mon} ${day}  ${c.year}`;
}

const SUFFIX = ["", "K", "M", "G", "T", "P", "E"];

/**
 * GNU human_readable with ceiling rounding and autoscale: 4.0K, 166M, 2.4G, 12G.
 * `si` uses powers of 1000 (df -H), with a lowercase k.
 */
export function human(bytes: number, si = false): string {
  const base = si ? 1000 : 1024;
  if (bytes < base) return String(Math.ceil(bytes));
  let e = 0;
  let div = 1;
  while (bytes >= div * base && e < SUFFIX.length - 1) {
    div *= base;
    e++;
  }
  if (Math.floor(bytes / div) === 0) {
    div /= base;
    e--;
  }
  const suf = (k: number): string => (si && k === 1 ? "k" : (SUFFIX[k] ?? ""));
  const whole = Math.floor(bytes / div);
  if (whole < 10) {
    const tenths = Math.ceil((bytes * 10) / div - 1e-9);
    if (tenths < 100) return `${Math.floor(tenths / 10)}.${tenths % 10}${suf(e)}`;
    return `10${suf(e)}`;
  }
  const up = Math.ceil(bytes / div - 1e-12);
  if (up >= base && e < SUFFIX.length - 1) return `1.0${suf(e + 1)}`;
  return `${up}${suf(e)}`;
}

/** Stat that returns the error instead of throwing. */
export function tryStat(ctx: CommandContext, path: string, follow = true): VStat | VfsError {
  try {
    return follow ? ctx.host.vfs.stat(path, ctx.cred as Cred) : ctx.host.vfs.lstat(path, ctx.cred as Cred);
  } catch (e) {
    if (e instanceof VfsError) return e;
    throw e;
  }
}

const sortCache = new WeakMap<object, { src: string[]; sorted: string[] }>();

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** MSD radix sort of string[lo,hi) sharing a prefix of length d (byte order, like strcmp in C.UTF-8). */
function msd(arr: string[], lo: number, hi: number, d: number, tmp: string[]): void {
  const n = hi - lo;
  if (n < 24) {
    for (let i = lo + 1; i < hi; i++) {
      const v = arr[i] as string;
      let j = i - 1;
      while (j >= lo && (arr[j] as string) > v) {
        arr[j + 1] = arr[j] as string;
        j--;
      }
      arr[j + 1] = v;
    }
    return;
  }
  const counts = new Int32Array(258);
  for (let i = lo; i < hi; i++) {
    const s = arr[i] as string;
    const c = s.length > d ? s.charCodeAt(d) : -1;
    if (c > 255) {
      const sub = arr.slice(lo, hi).sort(cmp);
      for (let j = 0; j < n; j++) arr[lo + j] = sub[j] as string;
      return;
    }
    counts[c + 2]!++;
  }
  for (let i = 1; i < 258; i++) counts[i]! += counts[i - 1]!;
  for (let i = lo; i < hi; i++) {
    const s = arr[i] as string;
    const c = s.length > d ? s.charCodeAt(d) : -1;
    tmp[counts[c + 1]!++] = s;
  }
  for (let i = 0; i < n; i++) arr[lo + i] = tmp[i] as string;
  let start = lo + counts[0]!;
  for (let c = 0; c < 256; c++) {
    const end = lo + counts[c + 1]!;
    if (end - start > 1) msd(arr, start, end, d + 1, tmp);
    start = end;
  }
}

/** Sorts names in C/UTF-8 code-point order; fast for huge synthetic listings, cached per source. */
export function sortNames(names: string[], owner?: object): string[] {
  const n = names.length;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if ((names[i - 1] as string) > (names[i] as string)) {
      sorted = false;
      break;
    }
  }
  if (sorted) return names;
  if (n < 5000) return names.slice().sort(cmp);
  const hit = owner ? sortCache.get(owner) : undefined;
  if (hit && hit.src === names) return hit.sorted;
  if (hit && owner) {
    const inc = incremental(hit, names);
    if (inc) {
      sortCache.set(owner, { src: names, sorted: inc });
      return inc;
    }
  }
  const out = radixSort(names);
  if (owner) sortCache.set(owner, { src: names, sorted: out });
  return out;
}

/**
 * Re-sorts a listing that differs from the cached one only by deletions and appended names
 * (a synthetic dir being cleaned while a producer adds files): filter + merge, no full sort.
 */
function incremental(hit: { src: string[]; sorted: string[] }, names: string[]): string[] | undefined {
  const src = hit.src;
  const deleted: string[] = [];
  let p = 0;
  let j = 0;
  for (; j < names.length; j++) {
    const nm = names[j] as string;
    while (p < src.length && src[p] !== nm) {
      deleted.push(src[p] as string);
      p++;
      if (deleted.length > src.length / 2) return undefined;
    }
    if (p === src.length) break;
    p++;
  }
  for (; p < src.length; p++) deleted.push(src[p] as string);
  if (deleted.length > src.length / 2) return undefined;
  let base = hit.sorted;
  if (deleted.length) {
    const gone = new Set(deleted);
    base = base.filter((n) => !gone.has(n));
  }
  if (j >= names.length) return base;
  const tail = radixSort(names.slice(j));
  const out = new Array<string>(base.length + tail.length);
  let a = 0;
  let b = 0;
  let k = 0;
  while (a < base.length && b < tail.length) out[k++] = (base[a] as string) <= (tail[b] as string) ? (base[a++] as string) : (tail[b++] as string);
  while (a < base.length) out[k++] = base[a++] as string;
  while (b < tail.length) out[k++] = tail[b++] as string;
  return out;
}

function radixSort(names: string[]): string[] {
  const n = names.length;
  if (n < 5000) return names.slice().sort(cmp);
  const out = names.slice();
  const first = out[0] as string;
  let L = first.length;
  for (let i = 1; i < n && L > 0; i++) {
    const s = out[i] as string;
    let k = 0;
    const m = Math.min(L, s.length);
    while (k < m && s.charCodeAt(k) === first.charCodeAt(k)) k++;
    L = k;
  }
  msd(out, 0, n, L, new Array<string>(n));
  return out;
}

/** Joins lines with a trailing newline (empty for none). */
export function lines(arr: readonly string[]): string {
  return arr.length ? arr.join("\n") + "\n" : "";
}

/** Reads a file operand ("-" = stdin) the way cat/head/wc open it: text or an errno code. */
export function readOperand(ctx: CommandContext, name: string): { text: string; size: number; regular: boolean } | { code: string } {
  if (name === "-") return { text: ctx.stdin, size: ctx.stdin.length, regular: false };
  const path = ctx.resolve(name);
  try {
    const st = ctx.host.vfs.stat(path, ctx.cred as Cred);
    if (st.type === "dir") return { code: "EISDIR" };
    const text = ctx.host.vfs.readFile(path, ctx.cred as Cred);
    return { text, size: st.type === "file" ? st.size : text.length, regular: st.type === "file" && st.size > 0 };
  } catch (e) {
    if (e instanceof VfsError) return { code: e.code };
    throw e;
  }
}

/** Parses a GNU size/count with optional multiplier suffix (K, M, G, KB, KiB...). */
export function parseSize(s: string): number | undefined {
  const m = /^(\d+)(?:([KMGTPE])(i?B)?|([kbcw])|(KB|MB|GB|TB))?$/i.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  const powers: Record<string, number> = { K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };
  if (m[2]) {
    const base = m[3] && m[3].toUpperCase() === "B" ? 1000 : 1024;
    const p = powers[m[2].toUpperCase()];
    if (!p || (m[2] === "k" && false)) return undefined;
    return n * base ** p;
  }
  if (m[4]) return n * ({ b: 512, c: 1, w: 2, k: 1024, K: 1024 }[m[4]] ?? 1);
  if (m[5]) return n * 1000 ** (powers[m[5][0]!.toUpperCase()] ?? 1);
  return n;
}
