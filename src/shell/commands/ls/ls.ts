/**
 * ls (GNU coreutils 9.1): short listings (one per line into a pipe, tab-padded columns on a
 * tty), -l long format with GNU's computed column widths, "total" in 1K blocks, symlink
 * targets (/proc/PID/fd shows "-> /path (deleted)"), sorting by name/time/size, -a/-A/-d/-R/
 * -i/-n/-h/-F/-f/-U and --color with the built-in default colours. Million-entry synthetic
 * directories are listed without a stat per entry and sorted with a radix sort.
 */
import { normalizePath, type Cred, type DynamicDir, type VStat } from "../../../engine/index.js";
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { argListTooLong, errText, human, lsName, lsTime, modeString, shq, sortNames, tryStat } from "../common/fs/fs-common.js";

const HELP = `Usage: ls [OPTION]... [FILE]...
List information about the FILEs (the current directory by default).
Sort entries alphabetically if none of -cftuvSUX nor --sort is specified.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all                  do not ignore entries starting with .
  -A, --almost-all           do not list implied . and ..
      --color[=WHEN]         color the output WHEN; more info below
  -d, --directory            list directories themselves, not their contents
  -f                         list all entries in directory order
  -F, --classify[=WHEN]      append indicator (one of */=>@|) to entries WHEN
  -h, --human-readable       with -l and -s, print sizes like 1K 234M 2G etc.
  -i, --inode                print the index number of each file
  -l                         use a long listing format
  -n, --numeric-uid-gid      like -l, but list numeric user and group IDs
  -r, --reverse              reverse order while sorting
  -R, --recursive            list subdirectories recursively
  -S                         sort by file size, largest first
  -t                         sort by time, newest first; see --time
  -U                         do not sort; list entries in directory order
  -1                         list one file per line
      --help        display this help and exit
      --version     output version information and exit

The WHEN argument defaults to 'always' and can also be 'auto' or 'never'.

Exit status:
 0  if OK,
 1  if minor problems (e.g., cannot access subdirectory),
 2  if serious trouble (e.g., cannot access command-line argument).

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/ls>
or available locally via: info '(coreutils) ls invocation'
`;

/** GNU ls's built-in colours (LS_COLORS unset). */
const COLORS = { di: "01;34", ln: "01;36", ex: "01;32", pi: "40;33", so: "01;35", cd: "40;33;01", su: "37;41", sg: "30;43", tw: "30;42", ow: "34;42", st: "37;44" } as const;

interface Entry {
  name: string;
  path: string;
  st?: VStat;
  /** symlink target text */
  target?: string;
}

interface Opts {
  all: boolean;
  almost: boolean;
  long: boolean;
  numeric: boolean;
  human: boolean;
  inode: boolean;
  classify: boolean;
  color: boolean;
  sort: "name" | "time" | "size" | "none";
  reverse: boolean;
  dirSelf: boolean;
  recursive: boolean;
  columns: boolean;
}

export const lsCommand = defineCommand({
  name: "ls",
  summary: "list directory contents",
  usage: "ls [OPTION]... [FILE]...",
  help: HELP,
  version: "ls (GNU coreutils) 9.1",
  completeOperands: "path",
  badOption: {
    kind: "custom",
    render: (opt, long, missing) => ({
      stderr: `ls: ${missing ? (long ? `option '--${opt}' requires an argument` : `option requires an argument -- '${opt}'`) : long ? `unrecognized option '--${opt}'` : `invalid option -- '${opt}'`}\nTry 'ls --help' for more information.\n`,
      exitCode: 2,
    }),
  },
  options: [
    { name: "all", short: "a", long: "all" },
    { name: "almost", short: "A", long: "almost-all" },
    { name: "color", long: "color", aliases: ["colour"], arg: "optional" },
    { name: "dir", short: "d", long: "directory" },
    { name: "f", short: "f" },
    { name: "classify", short: "F", long: "classify", arg: "optional" },
    { name: "human", short: "h", long: "human-readable" },
    { name: "inode", short: "i", long: "inode" },
    { name: "long", short: "l" },
    { name: "numeric", short: "n", long: "numeric-uid-gid" },
    { name: "reverse", short: "r", long: "reverse" },
    { name: "recursive", short: "R", long: "recursive" },
    { name: "size", short: "S" },
    { name: "time", short: "t" },
    { name: "unsorted", short: "U" },
    { name: "one", short: "1" },
    { name: "cols", short: "C" },
    { name: "g", short: "g" },
    { name: "o", short: "o" },
    { name: "L", short: "L", long: "dereference" },
    { name: "s", short: "s", long: "size" },
    { name: "width", short: "w", long: "width", arg: "required" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "ls", argv);
    if (big) return big;
    const colorArg = o.color;
    const colorOn = colorArg === true || colorArg === "always" || colorArg === "yes" || colorArg === "force" ? true : colorArg === "auto" || colorArg === "tty" || colorArg === "if-tty" ? ctx.isTty : false;
    if (typeof colorArg === "string" && !["always", "yes", "force", "auto", "tty", "if-tty", "never", "no", "none"].includes(colorArg)) {
      return { stdout: "", stderr: `ls: invalid argument ‘${colorArg}’ for ‘--color’\nValid arguments are:\n  - ‘always’, ‘yes’, ‘force’\n  - ‘never’, ‘no’, ‘none’\n  - ‘auto’, ‘tty’, ‘if-tty’\nTry 'ls --help' for more information.\n`, exitCode: 2 };
    }
    const f = !!o.f;
    const opts: Opts = {
      all: !!o.all || f,
      almost: !!o.almost,
      long: (!!o.long || !!o.numeric || !!o.g || !!o.o) && !f,
      numeric: !!o.numeric,
      human: !!o.human,
      inode: !!o.inode,
      classify: !!o.classify && o.classify !== "never",
      color: colorOn && !f,
      sort: f || o.unsorted ? "none" : o.time ? "time" : o.size ? "size" : "name",
      reverse: !!o.reverse,
      dirSelf: !!o.dir,
      recursive: !!o.recursive,
      columns: (ctx.isTty || !!o.cols) && !o.one,
    };
    const cols = typeof o.width === "string" && /^\d+$/.test(o.width) ? Number(o.width) || Infinity : ctx.cols;
    return runLs(ctx, opts, operands.length ? operands : ["."], cols, { noOwner: !!o.g, noGroup: !!o.o });
  },
});

function runLs(ctx: CommandContext, opts: Opts, operands: string[], width: number, hide: { noOwner: boolean; noGroup: boolean }) {
  const cred = ctx.cred as Cred;
  const vfs = ctx.host.vfs;
  const out: string[] = [];
  let err = "";
  let code = 0;
  const evidence: string[] = [];
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const arg of operands) {
    const path = ctx.resolve(arg);
    const lst = tryStat(ctx, path, false);
    if (!("type" in lst)) {
      err += `ls: cannot access ${shq(arg)}: ${lst.text}\n`;
      code = 2;
      continue;
    }
    let st = lst;
    if (lst.type === "symlink" && !opts.long && !opts.dirSelf) {
      const t = tryStat(ctx, path, true);
      if ("type" in t) st = t;
    }
    if (opts.long && lst.type === "symlink" && !arg.endsWith("/")) st = lst;
    else if (arg.endsWith("/") && lst.type === "symlink") {
      const t = tryStat(ctx, path, true);
      if ("type" in t) st = t;
    }
    const e: Entry = { name: arg, path, st };
    if (st.type === "dir" && !opts.dirSelf) dirs.push(e);
    else files.push(e);
  }
  const decorate = (e: Entry): void => {
    if (e.st?.type === "symlink") {
      try {
        e.target = vfs.readlink(e.path, cred);
      } catch {
        e.target = "";
      }
    }
  };
  const showHeaders = operands.length > 1 || opts.recursive;
  let first = true;
  if (files.length) {
    const sorted = sortEntries(files, opts);
    for (const e of sorted) decorate(e);
    out.push(render(ctx, sorted, opts, width, hide, false));
    first = false;
  }
  const sortedDirs = opts.sort === "none" ? dirs : sortEntries(dirs, { ...opts });
  const queue = [...sortedDirs];
  let topLevel = true;
  const visit = (d: Entry, isArg: boolean): void => {
    let header = "";
    if (showHeaders) header = `${first ? "" : "\n"}${lsName(d.name, ctx.isTty)}:\n`;
    first = false;
    const listed = listDir(ctx, d, opts, width, hide);
    if ("error" in listed) {
      out.push(header);
      err += `ls: cannot open directory ${shq(d.name)}: ${listed.error}\n`;
      code = isArg ? 2 : Math.max(code, 1);
      return;
    }
    if (d.path.startsWith("/proc/") && /\/fd$/.test(d.path) && listed.entries.some((x) => x.target?.endsWith(" (deleted)"))) evidence.push("open-files:deleted");
    if (listed.count >= 10000) evidence.push(`dir:${d.path}:count`);
    out.push(header + listed.text);
    if (opts.recursive) {
      for (const e of listed.entries) {
        if (e.name === "." || e.name === "..") continue;
        if (e.st?.type === "dir") visit({ name: d.name === "/" ? `/${e.name}` : `${d.name}/${e.name}`, path: e.path, st: e.st }, false);
      }
    }
  };
  for (const d of queue) {
    visit(d, topLevel);
  }
  topLevel = false;
  return { stdout: out.join(""), stderr: err, exitCode: code, evidence };
}

function canRead(st: VStat, cred: Cred): boolean {
  if (cred.uid === 0) return true;
  const bits = st.uid === cred.uid ? (st.mode >> 6) & 7 : cred.gids.includes(st.gid) ? (st.mode >> 3) & 7 : st.mode & 7;
  return (bits & 4) !== 0;
}

/** Whether the listing needs a stat per entry. */
function needStat(opts: Opts): boolean {
  return opts.long || opts.inode || opts.classify || opts.color || opts.sort === "time" || opts.sort === "size" || opts.recursive;
}

function listDir(ctx: CommandContext, d: Entry, opts: Opts, width: number, hideCols: { noOwner: boolean; noGroup: boolean }): { text: string; entries: Entry[]; count: number } | { error: string } {
  const vfs = ctx.host.vfs;
  const cred = ctx.cred as Cred;
  const st = d.st as VStat;
  if (!canRead(st, cred)) return { error: "Permission denied" };
  let names: string[];
  let dyn: DynamicDir | undefined;
  let staticNames: string[] = [];
  try {
    dyn = vfs.dynamicAt(d.path, cred);
    staticNames = vfs.staticChildren(d.path, cred);
    names = dyn && staticNames.length === 0 ? dyn.list() : vfs.readdir(d.path, cred);
  } catch (e) {
    return { error: errText(e) };
  }
  const uniform = dyn?.uniformFileStat?.();
  const statics = new Set(staticNames);
  const showDot = opts.all;
  const hideDot = !opts.all && !opts.almost;
  let visible = names;
  if (hideDot) {
    let any = false;
    for (let i = 0; i < names.length; i++) {
      if ((names[i] as string).charCodeAt(0) === 46) {
        any = true;
        break;
      }
    }
    if (any) visible = names.filter((n) => n.charCodeAt(0) !== 46);
  }
  const count = visible.length + (showDot ? 2 : 0);
  // fast path: names only
  if (!needStat(opts) && !opts.columns) {
    let list = opts.sort === "none" ? visible : sortNames(visible, visible === names && dyn && staticNames.length === 0 ? dyn : undefined);
    if (opts.reverse && opts.sort !== "none") list = list.slice().reverse();
    let text = list.length ? (ctx.isTty ? list.map((n) => lsName(n, true)) : list).join("\n") + "\n" : "";
    if (showDot) text = opts.sort === "none" || opts.reverse ? (opts.reverse && opts.sort !== "none" ? text + ".\n..\n" : ".\n..\n" + text) : ".\n..\n" + text;
    return { text, entries: [], count };
  }
  if (dyn && uniform && staticNames.length === 0 && opts.long && !opts.inode && !opts.classify && !opts.recursive && visible.length > 5000) {
    const fast = longSynthetic(ctx, d, opts, uniform as VStat, hideDot);
    if (fast) return { ...fast, count };
  }
  const base = d.path === "/" ? "" : d.path;
  const entries: Entry[] = [];
  if (showDot) {
    entries.push({ name: ".", path: d.path, st });
    const parent = tryStat(ctx, normalizePath(d.path, ".."), true);
    entries.push({ name: "..", path: normalizePath(d.path, ".."), st: "type" in parent ? parent : st });
  }
  const need = needStat(opts);
  let uniformSt: VStat | undefined;
  for (const n of visible) {
    const path = `${base}/${n}`;
    const e: Entry = { name: n, path };
    if (need) {
      if (uniform && !statics.has(n) && dyn) {
        if (opts.long || opts.sort === "time" || opts.inode) {
          const node = dyn.lookup(n);
          e.st = (node?.stat && node.stat.mtimeMs !== undefined && node.stat.ino !== undefined ? node.stat : { ...uniform, ino: dyn.inoOf?.(n) ?? 0, mount: "", ...(node?.stat ?? {}) }) as VStat;
        } else e.st = uniformSt ?? (uniformSt = { ...uniform, ino: 0, mount: "" });
      } else {
        const s = tryStat(ctx, path, false);
        if ("type" in s) e.st = s;
      }
      if (e.st?.type === "symlink") {
        try {
          e.target = vfs.readlink(path, cred);
        } catch {
          e.target = "";
        }
      }
    }
    entries.push(e);
  }
  const sorted = sortEntries(entries, opts, dyn && staticNames.length === 0 ? dyn : undefined);
  return { text: render(ctx, sorted, opts, width, hideCols, true, d), entries: sorted, count };
}

function sortEntries(entries: Entry[], opts: Opts, owner?: object): Entry[] {
  if (opts.sort === "none") return entries;
  let out: Entry[];
  const byName = (a: Entry, b: Entry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  if (opts.sort === "name") {
    if (entries.length > 5000) {
      const idx = new Map<string, Entry>();
      for (const e of entries) idx.set(e.name, e);
      out = sortNames(entries.map((e) => e.name), owner).map((n) => idx.get(n) as Entry);
    } else out = entries.slice().sort(byName);
  } else if (opts.sort === "time") out = entries.slice().sort((a, b) => (b.st?.mtimeMs ?? 0) - (a.st?.mtimeMs ?? 0) || byName(a, b));
  else out = entries.slice().sort((a, b) => (b.st?.size ?? 0) - (a.st?.size ?? 0) || byName(a, b));
  if (opts.reverse) out.reverse();
  return out;
}

function colorOf(e: Entry): string | undefined {
  const st = e.st;
  if (!st) return undefined;
  switch (st.type) {
    case "dir":
      if ((st.mode & 0o1002) === 0o1002) return COLORS.tw;
      if (st.mode & 0o002) return COLORS.ow;
      if (st.mode & 0o1000) return COLORS.st;
      return COLORS.di;
    case "symlink":
      return COLORS.ln;
    case "fifo":
      return COLORS.pi;
    case "sock":
      return COLORS.so;
    case "chr":
      return COLORS.cd;
    default:
      if (st.mode & 0o4000) return COLORS.su;
      if (st.mode & 0o2000) return COLORS.sg;
      if (st.mode & 0o111) return COLORS.ex;
      return undefined;
  }
}

function indicator(e: Entry, long: boolean): string {
  const st = e.st;
  if (!st) return "";
  if (st.type === "dir") return "/";
  if (st.type === "symlink") return long ? "" : "@";
  if (st.type === "fifo") return "|";
  if (st.type === "sock") return "=";
  if (st.type === "file" && st.mode & 0o111) return "*";
  return "";
}

function render(ctx: CommandContext, entries: Entry[], opts: Opts, width: number, hide: { noOwner: boolean; noGroup: boolean }, inDir: boolean, dir?: Entry): string {
  const host = ctx.host;
  const tty = ctx.isTty;
  let colorStarted = false;
  const nameOf = (e: Entry): string => {
    let n = lsName(e.name, tty);
    if (opts.color) {
      const c = colorOf(e);
      if (c) {
        n = `${colorStarted ? "" : "\x1b[0m"}\x1b[${c}m${n}\x1b[0m`;
        colorStarted = true;
      }
    }
    if (opts.classify) n += indicator(e, opts.long);
    return n;
  };
  if (opts.long) {
    const users = new Map<number, string>();
    const groups = new Map<number, string>();
    const rows = entries.map((e) => {
      const st = e.st;
      if (!st) return undefined;
      let owner = users.get(st.uid);
      if (owner === undefined) users.set(st.uid, (owner = opts.numeric ? String(st.uid) : host.userName(st.uid)));
      let group = groups.get(st.gid);
      if (group === undefined) groups.set(st.gid, (group = opts.numeric ? String(st.gid) : host.groupName(st.gid)));
      const size = st.type === "chr" && st.rdev ? undefined : opts.human ? human(st.size) : String(st.size);
      return { e, st, owner, group, size, nlink: String(st.nlink), ino: String(st.ino) };
    });
    const ok = rows.filter((r): r is NonNullable<typeof r> => !!r);
    let wIno = 0;
    let wLink = 0;
    let wOwner = 0;
    let wGroup = 0;
    let wSize = 0;
    let wMaj = 0;
    let wMin = 0;
    let blocks = 0;
    for (const r of ok) {
      wIno = Math.max(wIno, r.ino.length);
      wLink = Math.max(wLink, r.nlink.length);
      wOwner = Math.max(wOwner, r.owner.length);
      wGroup = Math.max(wGroup, r.group.length);
      if (r.size !== undefined) wSize = Math.max(wSize, r.size.length);
      else if (r.st.rdev) {
        wMaj = Math.max(wMaj, String(r.st.rdev[0]).length);
        wMin = Math.max(wMin, String(r.st.rdev[1]).length);
      }
      blocks += Math.ceil(r.st.blocks / 2);
    }
    if (wMaj) wSize = Math.max(wSize, wMaj + 2 + wMin);
    const now = host.epochMs();
    const times = new Map<number, string>();
    const lines: string[] = [];
    if (inDir) lines.push(`total ${opts.human ? (blocks ? human(blocks * 1024) : "0") : blocks}`);
    for (const r of ok) {
      const sizeCol = r.size !== undefined ? r.size.padStart(wSize) : `${String(r.st.rdev![0]).padStart(wMaj)}, ${String(r.st.rdev![1]).padStart(wMin)}`.padStart(wSize);
      let line = opts.inode ? `${r.ino.padStart(wIno)} ` : "";
      line += `${modeString(r.st)} ${r.nlink.padStart(wLink)} `;
      if (!hide.noOwner) line += `${opts.numeric ? r.owner.padStart(wOwner) : r.owner.padEnd(wOwner)} `;
      if (!hide.noGroup) line += `${opts.numeric ? r.group.padStart(wGroup) : r.group.padEnd(wGroup)} `;
      const minute = Math.floor(r.st.mtimeMs / 60000);
      let when = times.get(minute);
      if (when === undefined) times.set(minute, (when = lsTime(r.st.mtimeMs, now)));
      line += `${sizeCol} ${when} ${nameOf(r.e)}`;
      if (r.st.type === "symlink" && r.e.target !== undefined) line += ` -> ${lsName(r.e.target, tty)}`;
      lines.push(line);
    }
    void dir;
    return lines.length ? lines.join("\n") + "\n" : "";
  }
  const cells = entries.map((e) => {
    const ino = opts.inode ? `${String(e.st?.ino ?? 0)} ` : "";
    return { text: ino + nameOf(e), len: ino.length + visibleLen(lsName(e.name, tty)) + (opts.classify ? indicator(e, false).length : 0) };
  });
  if (opts.inode) {
    const w = Math.max(0, ...entries.map((e) => String(e.st?.ino ?? 0).length));
    for (let i = 0; i < cells.length; i++) {
      const ino = String(entries[i]!.st?.ino ?? 0);
      const pad = w - ino.length;
      cells[i] = { text: " ".repeat(pad) + cells[i]!.text, len: cells[i]!.len + pad };
    }
  }
  if (!opts.columns || cells.length === 0) return cells.length ? cells.map((c) => c.text).join("\n") + "\n" : "";
  return columns(cells, width);
}

function visibleLen(s: string): number {
  let n = 0;
  for (const ch of s) n += ch.charCodeAt(0) > 0x1100 && /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

/** GNU ls -C: the most columns that fit, column-major, padded with tabs (tabsize 8). */
function columns(cells: { text: string; len: number }[], lineLength: number): string {
  const n = cells.length;
  const maxIdx = Math.max(1, Math.floor(lineLength / 3) + (lineLength % 3 ? 1 : 0));
  const maxCols = Math.min(maxIdx, n);
  let chosen = 1;
  let chosenWidths: number[] = [Math.max(...cells.map((c) => c.len))];
  for (let c = maxCols; c >= 1; c--) {
    const rows = Math.ceil(n / c);
    const widths = new Array<number>(c).fill(3);
    let lineLen = c * 3;
    let valid = true;
    for (let i = 0; i < n && valid; i++) {
      const idx = Math.floor(i / rows);
      const real = (cells[i] as { len: number }).len + (idx === c - 1 ? 0 : 2);
      if ((widths[idx] as number) < real) {
        lineLen += real - (widths[idx] as number);
        widths[idx] = real;
        valid = lineLen < lineLength;
      }
    }
    if (valid) {
      chosen = c;
      chosenWidths = widths;
      break;
    }
  }
  const rows = Math.ceil(n / chosen);
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = "";
    let pos = 0;
    for (let c = 0; c < chosen; c++) {
      const i = c * rows + r;
      if (i >= n) break;
      const cell = cells[i] as { text: string; len: number };
      line += cell.text;
      if ((c + 1) * rows + r >= n) break;
      const from = pos + cell.len;
      const to = pos + (chosenWidths[c] as number);
      line += indent(from, to);
      pos = to;
    }
    out.push(line);
  }
  return out.join("\n") + "\n";
}

function indent(from: number, to: number): string {
  let s = "";
  while (from < to) {
    if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
      s += "\t";
      from += 8 - (from % 8);
    } else {
      s += " ";
      from++;
    }
  }
  return s;
}

/**
 * ls -l over a million-entry synthetic directory: every entry shares one stat except its
 * name and mtime, which the host hands over in one pass (no per-entry objects), so the
 * listing costs little more than formatting the lines.
 */
function longSynthetic(ctx: CommandContext, d: Entry, opts: Opts, u: VStat, hideDot: boolean): { text: string; entries: Entry[] } | undefined {
  const names: string[] = [];
  const mt: number[] = [];
  // the synthetic directory walks its live entries with their mtimes in one pass (read only)
  const dyn = ctx.host.vfs.dynamicAt(d.path, ctx.cred) as { entries?: (fn: (name: string, mtimeMs: number) => void) => void } | undefined;
  if (!dyn?.entries) return undefined;
  dyn.entries((n, m) => {
    if (!(hideDot && n.charCodeAt(0) === 46)) {
      names.push(n);
      mt.push(m);
    }
  });
  const n = names.length;
  let order: Int32Array | number[];
  if (opts.sort === "time") {
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    const arr = Array.from(idx);
    arr.sort((a, b) => (mt[b] as number) - (mt[a] as number) || ((names[a] as string) < (names[b] as string) ? -1 : 1));
    order = arr;
  } else if (opts.sort === "none") {
    order = Array.from({ length: n }, (_, i) => i);
  } else {
    const pos = new Map<string, number>();
    for (let i = 0; i < n; i++) pos.set(names[i] as string, i);
    order = sortNames(names).map((x) => pos.get(x) as number);
  }
  if (opts.reverse && opts.sort !== "none") order = Array.from(order).reverse();
  const host = ctx.host;
  const now = host.epochMs();
  const owner = opts.numeric ? String(u.uid) : host.userName(u.uid);
  const group = opts.numeric ? String(u.gid) : host.groupName(u.gid);
  const size = opts.human ? human(u.size) : String(u.size);
  const dots: Entry[] = [];
  if (opts.all) {
    dots.push({ name: ".", path: d.path, st: d.st });
    const parent = tryStat(ctx, normalizePath(d.path, ".."), true);
    dots.push({ name: "..", path: normalizePath(d.path, ".."), st: "type" in parent ? parent : d.st });
  }
  const dotRows = dots.map((e) => {
    const st = e.st as VStat;
    return { e, st, owner: opts.numeric ? String(st.uid) : host.userName(st.uid), group: opts.numeric ? String(st.gid) : host.groupName(st.gid), size: opts.human ? human(st.size) : String(st.size), nlink: String(st.nlink) };
  });
  const wLink = Math.max(String(u.nlink).length, ...dotRows.map((r) => r.nlink.length));
  const wOwner = Math.max(owner.length, ...dotRows.map((r) => r.owner.length));
  const wGroup = Math.max(group.length, ...dotRows.map((r) => r.group.length));
  const wSize = Math.max(size.length, ...dotRows.map((r) => r.size.length));
  let blocks = n * Math.ceil(u.blocks / 2);
  for (const r of dotRows) blocks += Math.ceil(r.st.blocks / 2);
  const lines: string[] = [`total ${opts.human ? (blocks ? human(blocks * 1024) : "0") : blocks}`];
  const times = new Map<number, string>();
  const when = (ms: number): string => {
    const k = Math.floor(ms / 60000);
    let t = times.get(k);
    if (t === undefined) times.set(k, (t = lsTime(ms, now)));
    return t;
  };
  const pad = (v: string, w: number): string => (opts.numeric ? v.padStart(w) : v.padEnd(w));
  const colorOn = opts.color && colorOf({ name: "", path: "", st: u }) !== undefined;
  for (const r of dotRows) {
    const nm = opts.color ? `\x1b[0m\x1b[${colorOf(r.e)}m${r.e.name}\x1b[0m` : r.e.name;
    lines.push(`${modeString(r.st)} ${r.nlink.padStart(wLink)} ${pad(r.owner, wOwner)} ${pad(r.group, wGroup)} ${r.size.padStart(wSize)} ${when(r.st.mtimeMs)} ${nm}`);
  }
  const prefix = `${modeString(u)} ${String(u.nlink).padStart(wLink)} ${pad(owner, wOwner)} ${pad(group, wGroup)} ${size.padStart(wSize)} `;
  const tty = ctx.isTty;
  const c = colorOn ? colorOf({ name: "", path: "", st: u }) : undefined;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const name = tty ? lsName(names[i] as string, true) : (names[i] as string);
    lines.push(prefix + when(mt[i] as number) + " " + (c ? `\x1b[${c}m${name}\x1b[0m` : name));
  }
  return { text: lines.join("\n") + "\n", entries: [] };
}
