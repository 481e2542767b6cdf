/**
 * find (GNU findutils 4.9): walks the VFS evaluating a GNU expression — tests (-name -iname
 * -path -type -size -mtime -mmin -newer -user -group -perm -empty -links -inum ...),
 * operators (! -not -a -o , and parentheses), options (-maxdepth -mindepth -xdev -depth)
 * and actions (-print -print0 -delete -exec {} ; / {} + -ls -printf -prune -quit).
 * Synthetic million-entry directories are walked without a stat per entry, and `-delete`
 * in them goes through the host's bulk deletion so `df -i` sees the inodes come back.
 */
import { MONTHS, WEEKDAYS, VfsError, civilFromEpochMs, pad, type Cred, type VStat } from "../../../engine/index.js";
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { argListTooLong, lq, lsTime, modeString } from "../common/fs/fs-common.js";
import { globRe } from "../common/fnmatch.js";

const HELP = `Usage: find [-H] [-L] [-P] [-Olevel] [-D debugopts] [path...] [expression]

default path is the current directory; default expression is -print
expression may consist of: operators, options, tests, and actions:
operators (decreasing precedence; -and is implicit where no others are given):
      ( EXPR )   ! EXPR   -not EXPR   EXPR1 -a EXPR2   EXPR1 -and EXPR2
      EXPR1 -o EXPR2   EXPR1 -or EXPR2   EXPR1 , EXPR2
positional options (always true):
      -daystart -follow -nowarn -regextype
normal options (always true, specified before other expressions):
      -depth -files0-from FILE -maxdepth LEVELS -mindepth LEVELS
       -mount -noleaf -xdev -ignore_readdir_race -noignore_readdir_race
tests (N can be +N or -N or N):
      -amin N -anewer FILE -atime N -cmin N -cnewer FILE -context CONTEXT
      -ctime N -empty -false -fstype TYPE -gid N -group NAME -ilname PATTERN
      -iname PATTERN -inum N -iwholename PATTERN -iregex PATTERN
      -links N -lname PATTERN -mmin N -mtime N -name PATTERN -newer FILE
      -nouser -nogroup -path PATTERN -perm [-/]MODE -regex PATTERN
      -readable -writable -executable
      -wholename PATTERN -size N[bcwkMG] -true -type [bcdpflsD] -uid N
      -used N -user NAME -xtype [bcdpfls]
actions:
      -delete -print0 -printf FORMAT -fprintf FILE FORMAT -print
      -fprint0 FILE -fprint FILE -ls -fls FILE -prune -quit
      -exec COMMAND ; -exec COMMAND {} + -ok COMMAND ;
      -execdir COMMAND ; -execdir COMMAND {} + -okdir COMMAND ;

Other common options:
      --help                   display this help and exit
      --version                output version information and exit

Valid arguments for -D:
exec, opt, rates, search, stat, time, tree, all, help
Use '-D help' for a description of the options, or see find(1)

Please see also the documentation at https://www.gnu.org/software/findutils/.
You can report (and track progress on fixing) bugs in the "find"
bug-reporting page at https://savannah.gnu.org/ or, if you have no web
access, by using the address <bug-findutils@gnu.org>.
`;

/** One visited file: stat is computed lazily (synthetic entries get the uniform stat). */
interface Item {
  path: string;
  /** absolute VFS path */
  abs: string;
  name: string;
  depth: number;
  start: string;
  st(): VStat | undefined;
}

/** A synthetic-dir entry (one object reused across the whole directory). */
class SynthItem implements Item {
  constructor(
    public path: string,
    public abs: string,
    public name: string,
    public depth: number,
    public start: string,
    public s: VStat,
  ) {}
  st(): VStat {
    return this.s;
  }
}

type Node =
  | { k: "and" | "or" | "comma"; a: Node; b: Node }
  | { k: "not"; a: Node }
  | { k: "test"; f: (it: Item) => boolean; needsStat: boolean; needsTime?: boolean }
  | { k: "action"; name: string; f: (it: Item) => boolean };

class FindError extends Error {}

interface Env {
  ctx: CommandContext;
  now: number;
  out: string[];
  err: string[];
  execs: { at: number; cmd: string }[];
  batches: Map<Node, { cmd: string[]; files: string[] }>;
  deleteWanted: boolean;
  quit: boolean;
  pruned: boolean;
  code: number;
  deleteFailures: string[];
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

function cmpNum(spec: string, v: number): boolean {
  if (spec.startsWith("+")) return v > Number(spec.slice(1));
  if (spec.startsWith("-")) return v < Number(spec.slice(1));
  return v === Number(spec);
}

function printfTime(c: string, ms: number): string {
  const t = civilFromEpochMs(ms);
  const frac = String(((ms % 1000) + 1000) % 1000).padStart(3, "0") + "0000000";
  switch (c) {
    case "@":
      return `${Math.floor(ms / 1000)}.${frac}`;
    case "Y":
      return String(t.year);
    case "m":
      return pad(t.month);
    case "d":
      return pad(t.day);
    case "H":
      return pad(t.hour);
    case "M":
      return pad(t.minute);
    case "S":
      return `${pad(t.second)}.${frac}`;
    case "T":
      return `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}.${frac}`;
    case "F":
      return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
    case "D":
      return `${pad(t.month)}/${pad(t.day)}/${pad(t.year % 100)}`;
    case "b":
      return MONTHS[t.month - 1] as string;
    case "a":
      return WEEKDAYS[t.weekday] as string;
    case "k":
      return String(t.hour).padStart(2, " ");
    case "+":
      return `${t.year}-${pad(t.month)}-${pad(t.day)}+${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}.${frac}`;
    default:
      return "";
  }
}

function ctimeFmt(ms: number): string {
  const t = civilFromEpochMs(ms);
  const frac = String(((ms % 1000) + 1000) % 1000).padStart(3, "0") + "0000000";
  return `${WEEKDAYS[t.weekday]} ${MONTHS[t.month - 1]} ${String(t.day).padStart(2, " ")} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}.${frac} ${t.year}`;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => ({ n: "\n", t: "\t", "0": "\0", "\\": "\\", a: "\x07", r: "\r" })[c] ?? `\\${c}`);
}

function typeLetter(st: VStat): string {
  return { file: "f", dir: "d", symlink: "l", chr: "c", fifo: "p", sock: "s" }[st.type];
}

/** Parses the expression tokens into a tree (GNU precedence: ! > -a > -o > ,). */
function parseExpr(tokens: string[], env: Env, opts: { maxDepth: number; minDepth: number; xdev: boolean; depthFirst: boolean; hasAction: boolean }): Node | undefined {
  let i = 0;
  const { ctx } = env;
  const host = ctx.host;
  const cred = ctx.cred as Cred;
  const need = (name: string): string => {
    const v = tokens[i++];
    if (v === undefined) throw new FindError(`find: missing argument to \`${name}'\n`);
    return v;
  };
  const test = (f: (it: Item) => boolean, needsStat = true, needsTime = false): Node => ({ k: "test", f, needsStat, needsTime });
  const primary = (): Node | undefined => {
    const t = tokens[i++] as string;
    switch (t) {
      case "(": {
        const e = orExpr();
        if (tokens[i] !== ")") throw new FindError("find: invalid expression; I was expecting to find a ')' somewhere but did not see one.\n");
        i++;
        return e ?? test(() => true, false);
      }
      case "!":
      case "-not": {
        const e = primary();
        if (!e) throw new FindError(`find: invalid expression; you have used a binary operator '${t}' with nothing before it.\n`);
        return { k: "not", a: e };
      }
      case "-name":
      case "-iname": {
        const pat = need(t);
        const re = globRe(pat, t === "-iname");
        return test((it) => re.test(it.name), false);
      }
      case "-path":
      case "-wholename":
      case "-ipath":
      case "-iwholename": {
        const re = globRe(need(t), t.startsWith("-i"));
        return test((it) => re.test(it.path), false);
      }
      case "-regex":
      case "-iregex": {
        const src = need(t);
        let re: RegExp;
        try {
          re = new RegExp(`^(?:${src})$`, t === "-iregex" ? "i" : "");
        } catch {
          throw new FindError(`find: Invalid regular expression\n`);
        }
        return test((it) => re.test(it.path), false);
      }
      case "-type":
      case "-xtype": {
        const v = need(t);
        const letters = v.split(",");
        for (const l of letters) if (!/^[bcdpflsD]$/.test(l)) throw new FindError(`find: Unknown argument to ${t}: ${l}\n`);
        return test((it) => {
          const st = it.st();
          return !!st && letters.includes(typeLetter(st));
        });
      }
      case "-size": {
        const v = need(t);
        const m = /^([-+]?)(\d+)([bcwkMG]?)$/.exec(v);
        if (!m) throw new FindError(`find: invalid -size type \`${v.replace(/^[-+]?\d*/, "") || v}'\n`);
        const unit = { b: 512, c: 1, w: 2, k: 1024, M: 1048576, G: 1073741824, "": 512 }[m[3] as string] as number;
        const n = Number(m[2]);
        return test((it) => {
          const st = it.st();
          if (!st) return false;
          const units = Math.ceil(st.size / unit);
          return m[1] === "+" ? units > n : m[1] === "-" ? units < n : units === n;
        });
      }
      case "-mtime":
      case "-atime":
      case "-ctime":
      case "-mmin":
      case "-amin":
      case "-cmin": {
        const v = need(t);
        if (!/^[-+]?\d+(\.\d+)?$/.test(v)) throw new FindError(`find: invalid argument \`${v}' to \`${t}'\n`);
        const field = t[1] === "m" ? "mtimeMs" : t[1] === "a" ? "atimeMs" : "ctimeMs";
        const unitMs = t.endsWith("min") ? 60000 : 86400000;
        const n = Number(v.replace(/^[-+]/, ""));
        const sign = v[0] === "+" ? 1 : v[0] === "-" ? -1 : 0;
        return test(
          (it) => {
            const st = it.st();
            if (!st) return false;
            const age = env.now - st[field];
            if (unitMs === 86400000) {
              const days = Math.floor(age / unitMs);
              return sign > 0 ? days > n : sign < 0 ? days < n : days === n;
            }
            return sign > 0 ? age > n * unitMs : sign < 0 ? age < n * unitMs : Math.ceil(age / unitMs) === n;
          },
          true,
          true,
        );
      }
      case "-newer":
      case "-anewer":
      case "-cnewer": {
        const f = need(t);
        let ref: number;
        try {
          ref = host.vfs.stat(ctx.resolve(f), cred).mtimeMs;
        } catch (e) {
          const text = e instanceof VfsError ? e.text : "No such file or directory";
          throw new FindError(`find: ${lq(f)}: ${text}\n`);
        }
        return test((it) => (it.st()?.mtimeMs ?? 0) > ref, true, true);
      }
      case "-user":
      case "-group": {
        const v = need(t);
        const id = t === "-user" ? (host.userByName(v)?.uid ?? (/^\d+$/.test(v) ? Number(v) : undefined)) : (host.groups.find((g) => g.name === v)?.gid ?? (/^\d+$/.test(v) ? Number(v) : undefined));
        if (id === undefined) throw new FindError(`find: ${t === "-user" ? "‘" + v + "’ is not the name of a known user" : "‘" + v + "’ is not the name of an existing group"}\n`);
        return test((it) => (t === "-user" ? it.st()?.uid : it.st()?.gid) === id);
      }
      case "-uid":
      case "-gid": {
        const v = need(t);
        return test((it) => {
          const st = it.st();
          return !!st && cmpNum(v, t === "-uid" ? st.uid : st.gid);
        });
      }
      case "-nouser":
        return test((it) => !host.users.some((u) => u.uid === it.st()?.uid));
      case "-nogroup":
        return test((it) => !host.groups.some((g) => g.gid === it.st()?.gid));
      case "-links":
      case "-inum": {
        const v = need(t);
        return test((it) => {
          const st = it.st();
          return !!st && cmpNum(v, t === "-links" ? st.nlink : st.ino);
        });
      }
      case "-perm": {
        const v = need(t);
        const mode = v.replace(/^[-/+]/, "");
        if (!/^[0-7]{1,4}$/.test(mode)) throw new FindError(`find: invalid mode ${lq(v)}\n`);
        const bits = parseInt(mode, 8);
        return test((it) => {
          const m = (it.st()?.mode ?? 0) & 0o7777;
          if (v[0] === "-") return (m & bits) === bits;
          if (v[0] === "/" || v[0] === "+") return bits === 0 || (m & bits) !== 0;
          return m === bits;
        });
      }
      case "-empty":
        return test((it) => {
          const st = it.st();
          if (!st) return false;
          if (st.type === "file") return st.size === 0;
          if (st.type === "dir") {
            try {
              return host.vfs.countEntries(it.abs, cred) === 0;
            } catch {
              return false;
            }
          }
          return false;
        });
      case "-readable":
      case "-writable":
      case "-executable": {
        const want = t === "-readable" ? 4 : t === "-writable" ? 2 : 1;
        return test((it) => {
          const st = it.st();
          if (!st) return false;
          if (cred.uid === 0) return want !== 1 || (st.mode & 0o111) !== 0 || st.type === "dir";
          const b = st.uid === cred.uid ? st.mode >> 6 : cred.gids.includes(st.gid) ? st.mode >> 3 : st.mode;
          return (b & want) !== 0;
        });
      }
      case "-fstype": {
        const v = need(t);
        return test((it) => host.mounts.find((m) => m.target === it.st()?.mount)?.fstype === v);
      }
      case "-lname":
      case "-ilname": {
        const re = globRe(need(t), t === "-ilname");
        return test((it) => {
          if (it.st()?.type !== "symlink") return false;
          try {
            return re.test(host.vfs.readlink(it.abs, cred));
          } catch {
            return false;
          }
        });
      }
      case "-true":
        return test(() => true, false);
      case "-false":
        return test(() => false, false);
      case "-maxdepth":
      case "-mindepth": {
        const v = need(t);
        if (!/^\d+$/.test(v)) throw new FindError(`find: Expected a positive decimal integer argument to ${t}, but got ${lq(v)}\n`);
        if (t === "-maxdepth") opts.maxDepth = Number(v);
        else opts.minDepth = Number(v);
        return test(() => true, false);
      }
      case "-xdev":
      case "-mount":
        opts.xdev = true;
        return test(() => true, false);
      case "-depth":
      case "-d":
        opts.depthFirst = true;
        return test(() => true, false);
      case "-noleaf":
      case "-nowarn":
      case "-warn":
      case "-follow":
      case "-daystart":
      case "-ignore_readdir_race":
      case "-noignore_readdir_race":
        return test(() => true, false);
      case "-regextype":
        need(t);
        return test(() => true, false);
      case "-print":
        opts.hasAction = true;
        return { k: "action", name: t, f: (it) => (env.out.push(it.path + "\n"), true) };
      case "-print0":
        opts.hasAction = true;
        return { k: "action", name: t, f: (it) => (env.out.push(it.path + "\0"), true) };
      case "-fprint":
      case "-fprint0":
      case "-fls":
        need(t);
        opts.hasAction = true;
        return { k: "action", name: t, f: () => true };
      case "-ls":
        opts.hasAction = true;
        return {
          k: "action",
          name: t,
          f: (it) => {
            const st = it.st();
            if (!st) return true;
            let line = `${String(st.ino).padStart(9)} ${String(Math.ceil(st.blocks / 2)).padStart(6)} ${modeString(st)} ${String(st.nlink).padStart(3)} ${host.userName(st.uid).padEnd(8)} ${host.groupName(st.gid).padEnd(8)} ${String(st.size).padStart(8)} ${lsTime(st.mtimeMs, env.now)} ${it.path}`;
            if (st.type === "symlink") {
              try {
                line += ` -> ${host.vfs.readlink(it.abs, cred)}`;
              } catch {
                /* unreadable link */
              }
            }
            env.out.push(line + "\n");
            return true;
          },
        };
      case "-printf": {
        const fmt = need(t);
        opts.hasAction = true;
        return { k: "action", name: t, f: (it) => (env.out.push(formatPrintf(fmt, it, env)), true) };
      }
      case "-prune":
        return { k: "action", name: t, f: () => ((env.pruned = true), true) };
      case "-quit":
        return { k: "action", name: t, f: () => ((env.quit = true), true) };
      case "-delete":
        opts.hasAction = true;
        opts.depthFirst = true;
        return { k: "action", name: t, f: () => ((env.deleteWanted = true), true) };
      case "-exec":
      case "-execdir":
      case "-ok":
      case "-okdir": {
        opts.hasAction = true;
        const cmd: string[] = [];
        let plus = false;
        for (;;) {
          const a = tokens[i++];
          if (a === undefined) throw new FindError(`find: missing argument to \`${t}'\n`);
          if (a === ";") break;
          if (a === "+" && cmd[cmd.length - 1] === "{}") {
            plus = true;
            cmd.pop();
            break;
          }
          cmd.push(a);
        }
        if (!cmd.length) throw new FindError(`find: missing argument to \`${t}'\n`);
        const node: Node = {
          k: "action",
          name: t,
          f: (it) => {
            const arg = t.endsWith("dir") ? `./${it.name}` : it.path;
            if (plus) {
              const b = env.batches.get(node) ?? { cmd, files: [] };
              if (!env.batches.has(node)) {
                env.batches.set(node, b);
                env.execs.push({ at: env.out.length, cmd: "\u0000batch" + (env.batches.size - 1) });
              }
              b.files.push(arg);
              return true;
            }
            env.execs.push({ at: env.out.length, cmd: cmd.map((c) => shellQuote(c.replaceAll("{}", arg))).join(" ") });
            return true;
          },
        };
        return node;
      }
      default:
        if (t.startsWith("-")) throw new FindError(`find: unknown predicate \`${t}'\n`);
        throw new FindError(`find: paths must precede expression: \`${t}'\nfind: possible unquoted pattern after predicate \`${tokens[i - 2] ?? ""}'?\n`);
    }
  };
  const andExpr = (): Node | undefined => {
    let left = primary();
    while (i < tokens.length && tokens[i] !== "-o" && tokens[i] !== "-or" && tokens[i] !== "," && tokens[i] !== ")") {
      if (tokens[i] === "-a" || tokens[i] === "-and") i++;
      const right = primary();
      if (left && right) left = { k: "and", a: left, b: right };
    }
    return left;
  };
  const orExpr = (): Node | undefined => {
    let left = andExpr();
    while (tokens[i] === "-o" || tokens[i] === "-or" || tokens[i] === ",") {
      const op = tokens[i++] === "," ? "comma" : "or";
      if (i >= tokens.length) throw new FindError(`find: invalid expression; you have used a binary operator '${tokens[i - 1]}' with nothing after it.\n`);
      const right = andExpr();
      if (left && right) left = { k: op, a: left, b: right };
    }
    return left;
  };
  if (!tokens.length) return undefined;
  const e = orExpr();
  if (i < tokens.length) throw new FindError(tokens[i] === ")" ? "find: invalid expression; you have too many ')'\n" : `find: paths must precede expression: \`${tokens[i]}'\n`);
  return e;
}

function formatPrintf(fmt: string, it: Item, env: Env): string {
  const host = env.ctx.host;
  let out = "";
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i] as string;
    if (c === "\\") {
      out += unescape(fmt.slice(i, i + 2));
      i++;
      continue;
    }
    if (c !== "%") {
      out += c;
      continue;
    }
    let w = "";
    while (/[-\d.]/.test(fmt[i + 1] ?? "")) w += fmt[++i];
    const d = fmt[++i] ?? "";
    const st = it.st();
    let v = "";
    switch (d) {
      case "%":
        v = "%";
        break;
      case "p":
        v = it.path;
        break;
      case "f":
        v = it.name;
        break;
      case "P":
        v = it.path === it.start ? "" : it.path.slice(it.start.length + (it.start.endsWith("/") ? 0 : 1));
        break;
      case "h": {
        const k = it.path.lastIndexOf("/");
        v = k < 0 ? "." : k === 0 ? "/" : it.path.slice(0, k);
        break;
      }
      case "H":
        v = it.start;
        break;
      case "s":
        v = String(st?.size ?? 0);
        break;
      case "k":
        v = String(Math.ceil((st?.blocks ?? 0) / 2));
        break;
      case "b":
        v = String(st?.blocks ?? 0);
        break;
      case "m":
        v = ((st?.mode ?? 0) & 0o7777).toString(8);
        break;
      case "M":
        v = st ? modeString(st) : "";
        break;
      case "u":
        v = host.userName(st?.uid ?? 0);
        break;
      case "g":
        v = host.groupName(st?.gid ?? 0);
        break;
      case "U":
        v = String(st?.uid ?? 0);
        break;
      case "G":
        v = String(st?.gid ?? 0);
        break;
      case "n":
        v = String(st?.nlink ?? 0);
        break;
      case "i":
        v = String(st?.ino ?? 0);
        break;
      case "y":
        v = st ? typeLetter(st) : "U";
        break;
      case "d":
        v = String(it.depth);
        break;
      case "l":
        if (st?.type === "symlink") {
          try {
            v = host.vfs.readlink(it.abs, env.ctx.cred);
          } catch {
            v = "";
          }
        }
        break;
      case "t":
      case "a":
      case "c":
        v = ctimeFmt(d === "t" ? (st?.mtimeMs ?? 0) : d === "a" ? (st?.atimeMs ?? 0) : (st?.ctimeMs ?? 0));
        break;
      case "T":
      case "A":
      case "C": {
        const k = fmt[++i] ?? "";
        v = printfTime(k, d === "T" ? (st?.mtimeMs ?? 0) : d === "A" ? (st?.atimeMs ?? 0) : (st?.ctimeMs ?? 0));
        break;
      }
      default:
        v = "%" + d;
    }
    if (w) {
      const n = parseInt(w, 10);
      v = n < 0 || w.startsWith("-") ? v.padEnd(Math.abs(n)) : v.padStart(n);
    }
    out += v;
  }
  return out;
}

function evalNode(n: Node, it: Item): boolean {
  switch (n.k) {
    case "and":
      return evalNode(n.a, it) && evalNode(n.b, it);
    case "or":
      return evalNode(n.a, it) || evalNode(n.b, it);
    case "comma":
      evalNode(n.a, it);
      return evalNode(n.b, it);
    case "not":
      return !evalNode(n.a, it);
    default:
      return n.f(it);
  }
}

function walkTree(n: Node | undefined, fn: (x: Node) => void): void {
  if (!n) return;
  fn(n);
  if (n.k === "and" || n.k === "or" || n.k === "comma") {
    walkTree(n.a, fn);
    walkTree(n.b, fn);
  } else if (n.k === "not") walkTree(n.a, fn);
}

export const findCommand = defineCommand({
  name: "find",
  summary: "search for files in a directory hierarchy",
  usage: "find [-H] [-L] [-P] [path...] [expression]",
  help: HELP,
  parse: "raw",
  completeOperands: "path",
  options: [],
  async run(ctx, _o, _ops, argv) {
    const big = argListTooLong(ctx, "find", argv);
    if (big) return big;
    if (argv[0] === "--help") return { stdout: HELP };
    if (argv[0] === "--version") return { stdout: "find (GNU findutils) 4.9.0\n" };
    let k = 0;
    while (k < argv.length && /^-[HLP]+$/.test(argv[k] as string)) k++;
    const starts: string[] = [];
    while (k < argv.length && !(argv[k] as string).startsWith("-") && argv[k] !== "(" && argv[k] !== "!") starts.push(argv[k++] as string);
    if (!starts.length) starts.push(".");
    const env: Env = { ctx, now: ctx.host.epochMs(), out: [], err: [], execs: [], batches: new Map(), deleteWanted: false, quit: false, pruned: false, code: 0, deleteFailures: [] };
    const opts = { maxDepth: Infinity, minDepth: 0, xdev: false, depthFirst: false, hasAction: false };
    let expr: Node | undefined;
    try {
      expr = parseExpr(argv.slice(k), env, opts);
    } catch (e) {
      if (e instanceof FindError) return { stdout: "", stderr: e.message, exitCode: 1 };
      throw e;
    }
    const printNode: Node = { k: "action", name: "-print", f: (it) => (env.out.push(it.path + "\n"), true) };
    const full: Node = !expr ? printNode : opts.hasAction ? expr : { k: "and", a: expr, b: printNode };
    let needsTime = false;
    let hasDelete = false;
    walkTree(full, (x) => {
      if (x.k === "test") {
        if (x.needsTime) needsTime = true;
      }
      if (x.k === "action" && x.name === "-delete") hasDelete = true;
    });
    const evidence: string[] = [];
    const vfs = ctx.host.vfs;
    const cred = ctx.cred as Cred;
    let blockedOn: string | undefined;

    const visit = (item: Item, rootMount: string): void => {
      if (env.quit || blockedOn) return;
      const st = item.st();
      const descend = st?.type === "dir" && item.depth < opts.maxDepth && !(opts.xdev && devOf(item.abs, st) !== rootMount && item.depth > 0);
      const run = (): void => {
        if (item.depth < opts.minDepth) return;
        env.pruned = false;
        env.deleteWanted = false;
        evalNode(full, item);
        if (env.deleteWanted) {
          try {
            ctx.act.unlink(item.abs, { dir: st?.type === "dir" });
          } catch (e) {
            if (!(e instanceof VfsError)) throw e;
            env.err.push(`find: cannot delete ${lq(item.path)}: ${e.text}\n`);
            env.code = 1;
          }
        }
      };
      if (!opts.depthFirst) run();
      if (descend && !env.pruned) {
        const m = ctx.host.mounts.find((x) => x.target === st.mount && !x.detached);
        if (m?.hung) {
          blockedOn = m.target;
          return;
        }
        const readable = cred.uid === 0 || (((st.uid === cred.uid ? st.mode >> 6 : cred.gids.includes(st.gid) ? st.mode >> 3 : st.mode) & 5) === 5);
        if (!readable) {
          env.err.push(`find: ${lq(item.path)}: Permission denied\n`);
          env.code = 1;
        } else children(item, rootMount);
      }
      if (opts.depthFirst) run();
    };

    const children = (item: Item, rootMount: string): void => {
      let dyn;
      let statics: string[] = [];
      let names: string[];
      try {
        dyn = vfs.dynamicAt(item.abs, cred);
        statics = vfs.staticChildren(item.abs, cred);
        names = dyn && statics.length === 0 ? dyn.list() : vfs.readdir(item.abs, cred);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        env.err.push(`find: ${lq(item.path)}: ${e.text}\n`);
        env.code = 1;
        return;
      }
      const base = item.path.endsWith("/") ? item.path : item.path + "/";
      const absBase = item.abs === "/" ? "/" : item.abs + "/";
      const uniform = dyn?.uniformFileStat?.();
      const depth = item.depth + 1;
      if (names.length >= 10000) evidence.push(`dir:${vfs.realpath(item.abs, cred)}:count`);
      if (uniform && dyn) {
        const staticSet = new Set(statics);
        const synth = { ...uniform, ino: 0, mount: vfs.mountOf(vfs.realpath(item.abs, cred)) } as VStat;
        // bulk delete in a synthetic dir: the host removes every matching entry at once
        if (hasDelete && depth >= opts.minDepth && !env.quit) {
          const dirSt = item.st() as VStat;
          const sticky = (dirSt.mode & 0o1000) !== 0;
          const mayDelete = cred.uid === 0 || ((dirSt.uid === cred.uid || (((cred.gids.includes(dirSt.gid) ? dirSt.mode >> 3 : dirSt.mode) & 3) === 3)) && (!sticky || uniform.uid === cred.uid || dirSt.uid === cred.uid));
          const cur: Item = { path: "", abs: "", name: "", depth, start: item.start, st: () => synth };
          const pred = (name: string, mtimeMs: number): boolean => {
            if (staticSet.has(name)) return false;
            synth.mtimeMs = synth.atimeMs = synth.ctimeMs = mtimeMs;
            cur.name = name;
            cur.path = base + name;
            cur.abs = absBase + name;
            env.deleteWanted = false;
            evalNode(full, cur);
            if (env.deleteWanted && !mayDelete) {
              env.deleteFailures.push(cur.path);
              return false;
            }
            return env.deleteWanted;
          };
          ctx.act.deleteDirEntries(vfs.realpath(item.abs, cred), pred);
          for (const n of statics.slice().sort()) visitChild(base + n, absBase + n, n, depth, item.start, rootMount);
          return;
        }
        const list = names;
        const reuse = new SynthItem("", "", "", depth, item.start, synth);
        for (let idx = 0; idx < list.length; idx++) {
          if (env.quit) return;
          const n = list[idx] as string;
          if (staticSet.has(n)) {
            visitChild(base + n, absBase + n, n, depth, item.start, rootMount);
            continue;
          }
          if (depth < opts.minDepth) continue;
          let s = synth;
          if (needsTime) {
            const node = dyn.lookup(n);
            s = node?.stat ? ({ ...node.stat, mount: synth.mount } as VStat) : synth;
          }
          reuse.path = base + n;
          reuse.abs = absBase + n;
          reuse.name = n;
          reuse.s = s;
          env.deleteWanted = false;
          evalNode(full, reuse);
        }
        return;
      }
      for (const n of names) visitChild(base + n, absBase + n, n, depth, item.start, rootMount);
    };

    const visitChild = (path: string, abs: string, name: string, depth: number, start: string, rootMount: string): void => {
      let cached: VStat | undefined | null = null;
      const it: Item = {
        path,
        abs,
        name,
        depth,
        start,
        st: () => {
          if (cached === null) {
            try {
              cached = vfs.lstat(abs, cred);
            } catch {
              cached = undefined;
            }
          }
          return cached;
        },
      };
      visit(it, rootMount);
    };

    for (const s of starts) {
      const path = ctx.resolve(s);
      let st: VStat;
      try {
        st = vfs.lstat(path, cred);
        if (st.type === "symlink" && (s.endsWith("/") || argv.slice(0, k).some((a) => /[HL]/.test(a)))) st = vfs.stat(path, cred);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        if (e.code === "EIO") {
          blockedOn = vfs.mountOf(path);
          break;
        }
        env.err.push(`find: ${lq(s)}: ${e.text}\n`);
        env.code = 1;
        continue;
      }
      const item: Item = { path: s, abs: path, name: s.replace(/\/+$/, "").split("/").pop() || s, depth: 0, start: s, st: () => st };
      visit(item, devOf(path, st));
      if (env.quit || blockedOn) break;
    }

    if (blockedOn) {
      evidence.push(`mount:${blockedOn}:hung`);
      const text = env.out.join("");
      const streamed = ctx.write(text);
      while (await ctx.sleep(1000)) {
        /* blocked in the NFS client */
      }
      return { stdout: streamed ? "" : text, stderr: env.err.join(""), exitCode: 130, evidence };
    }
    for (const p of env.deleteFailures) env.err.push(`find: cannot delete ${lq(p)}: Operation not permitted\n`);
    if (env.deleteFailures.length) env.code = 1;
    // run -exec commands in order, splicing their output between printed lines
    if (env.execs.length) {
      const batches = [...env.batches.values()];
      const pieces: string[] = [];
      let pos = 0;
      for (const ex of env.execs) {
        pieces.push(env.out.slice(pos, ex.at).join(""));
        pos = ex.at;
        let line = ex.cmd;
        if (line.startsWith("\u0000batch")) {
          const b = batches[Number(line.slice(6))] as { cmd: string[]; files: string[] };
          line = [...b.cmd.map(shellQuote), ...b.files.map(shellQuote)].join(" ");
        }
        const r = await ctx.exec(line);
        pieces.push(r.stdout);
        if (r.stderr) env.err.push(r.stderr);
        if (r.exitCode !== 0 && ex.cmd.startsWith("\u0000batch")) env.code = 1;
      }
      pieces.push(env.out.slice(pos).join(""));
      return { stdout: pieces.join(""), stderr: env.err.join(""), exitCode: env.code, evidence };
    }
    return { stdout: env.out.join(""), stderr: env.err.join(""), exitCode: env.code, evidence };
  },
});

/** The filesystem a path is on for -xdev: /proc, /sys and /dev are pseudo filesystems of their own, not part of the VFS mount table. */
function devOf(abs: string, st: VStat): string {
  for (const pseudo of ["/proc", "/sys", "/dev"]) if (abs === pseudo || abs.startsWith(pseudo + "/")) return pseudo;
  return st.mount;
}
