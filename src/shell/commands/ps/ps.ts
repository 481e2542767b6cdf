/**
 * ps (procps-ng 4.0.2): UNIX (-ef, -eLf, -eo ..., -p/-u/-C), BSD (aux, auxf, axjf, o, k,
 * ww) and GNU long options (--sort, --no-headers, --forest, --pid, --user), over a snapshot of
 * the host's tasks that includes ps itself (state R+, args as typed). Column layout follows
 * procps' show_one_proc (see ps-format.ts); on a terminal lines are cut at its width, into a
 * pipe they are not. Evidence keys: see groups/process.ts.
 */
import { defineCommand, type CommandContext, type CommandResult } from "../../spec/define-command.js";
import { PS_HELP } from "./ps-help.js";
import { activeCols, findSpec, FORMATS, OUTBUF, parseFormat, renderLine, type FmtNode, type PrintCtx } from "./ps-format.js";
import { expandThreads, pcpuTenths, snapshot, uidOfUser, type Task } from "./proc-view.js";

const USAGE = PS_HELP.short!;

function fail(msg: string): CommandResult {
  return { stdout: "", stderr: `error: ${msg}\n${USAGE}`, exitCode: 1 };
}

interface SortKey {
  key: string;
  desc: boolean;
}

interface Opts {
  all: boolean;
  bsdA: boolean;
  bsdX: boolean;
  bsdR: boolean;
  bsdSyntax: boolean;
  style?: keyof typeof FORMATS | "F";
  fullF: boolean;
  forest: boolean;
  threads: boolean;
  format?: FmtNode[];
  sort: SortKey[];
  pids: number[];
  ppids: number[];
  users: string[];
  cmds: string[];
  ttys: string[];
  noHeaders: boolean;
  wide: number;
  cols?: number;
  deselect: boolean;
  anySelect: boolean;
}

function splitList(s: string): string[] {
  return s.split(/[,\s]+/).filter(Boolean);
}

function parsePids(s: string | undefined, opt: string): number[] | string {
  if (s === undefined || s === "") return `list of process IDs must follow ${opt}`;
  const items = splitList(s);
  if (!items.length || items.some((x) => !/^\d+$/.test(x) || Number(x) < 1)) return "process ID list syntax error";
  return items.map(Number);
}

function parseSort(s: string | undefined, into: SortKey[]): string | undefined {
  if (!s) return "long sort specification must follow --sort";
  for (const raw of s.split(",")) {
    let k = raw;
    let desc = false;
    if (k.startsWith("-")) {
      desc = true;
      k = k.slice(1);
    } else if (k.startsWith("+")) k = k.slice(1);
    if (!findSpec(k)) return "unknown sort specifier";
    into.push({ key: k, desc });
  }
  return undefined;
}

function parseArgs(ctx: CommandContext, argv: string[]): Opts | CommandResult {
  const host = ctx.host;
  const o: Opts = {
    all: false, bsdA: false, bsdX: false, bsdR: false, bsdSyntax: false, fullF: false, forest: false, threads: false, sort: [], pids: [], ppids: [], users: [], cmds: [], ttys: [],
    noHeaders: false, wide: 0, deselect: false, anySelect: false,
  };
  const setFormat = (list: string | undefined): CommandResult | undefined => {
    if (!list) return fail("improper format list");
    const f = parseFormat(host, list);
    if (typeof f === "string") return fail(f);
    o.format = [...(o.format ?? []), ...f];
    return undefined;
  };
  const addUsers = (s: string | undefined, opt: string): CommandResult | undefined => {
    if (!s) return fail(`list of users must follow ${opt}`);
    for (const u of splitList(s)) {
      if (uidOfUser(host, u) === undefined) return fail("user name does not exist");
      o.users.push(u);
    }
    o.anySelect = true;
    return undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const val = (): string | undefined => (eq >= 0 ? a.slice(eq + 1) : argv[++i]);
      switch (name) {
        case "help": {
          const sec = eq >= 0 ? a.slice(eq + 1) : argv[i + 1];
          const map: Record<string, string> = { s: "simple", simple: "simple", l: "list", list: "list", o: "output", output: "output", t: "threads", threads: "threads", m: "misc", misc: "misc", a: "all", all: "all" };
          return { stdout: (sec && map[sec] ? PS_HELP[map[sec]!] : PS_HELP.short) ?? "" };
        }
        case "version":
        case "info":
          return { stdout: "ps from procps-ng 4.0.2\n" };
        case "sort": {
          const err = parseSort(val(), o.sort);
          if (err) return fail(err);
          break;
        }
        case "no-headers":
        case "no-heading":
        case "no-header":
          o.noHeaders = true;
          break;
        case "headers":
          break;
        case "forest":
          o.forest = true;
          break;
        case "pid":
        case "quick-pid": {
          const p = parsePids(val(), `--${name}`);
          if (typeof p === "string") return fail(p);
          o.pids.push(...p);
          o.anySelect = true;
          break;
        }
        case "ppid": {
          const p = parsePids(val(), "--ppid");
          if (typeof p === "string") return fail(p);
          o.ppids.push(...p);
          o.anySelect = true;
          break;
        }
        case "user":
        case "User": {
          const r = addUsers(val(), `--${name}`);
          if (r) return r;
          break;
        }
        case "tty": {
          const t = val();
          if (!t) return fail("list of ttys must follow --tty");
          o.ttys.push(...splitList(t));
          o.anySelect = true;
          break;
        }
        case "format": {
          const r = setFormat(val());
          if (r) return r;
          break;
        }
        case "deselect":
          o.deselect = true;
          break;
        case "cols":
        case "columns":
        case "width": {
          const v = val();
          if (!v || !/^\d+$/.test(v) || Number(v) < 1) return fail("number of columns must follow --cols, --width, or --columns");
          o.cols = Number(v);
          break;
        }
        case "rows":
        case "lines":
        case "cumulative":
        case "context":
          if (name === "rows" || name === "lines") val();
          break;
        default:
          return fail("unknown gnu long option");
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j]!;
        const rest = a.slice(j + 1);
        const arg = (): string | undefined => (rest ? rest : argv[++i]);
        switch (ch) {
          case "e":
          case "A":
            o.all = true;
            break;
          case "a":
          case "d":
            o.bsdA = true;
            o.bsdX = ch === "d" ? true : o.bsdX;
            break;
          case "f":
            o.fullF = true;
            break;
          case "F":
            o.fullF = true;
            o.style = "F";
            break;
          case "L":
          case "T":
          case "m":
            o.threads = true;
            break;
          case "H":
            o.forest = true;
            break;
          case "j":
            o.style = "sysvJ";
            break;
          case "l":
            o.style = "sysvL";
            break;
          case "y":
          case "c":
          case "P":
          case "M":
          case "w":
            if (ch === "w") o.wide++;
            break;
          case "N":
            o.deselect = true;
            break;
          case "V":
            return { stdout: "ps from procps-ng 4.0.2\n" };
          case "o":
          case "O": {
            const r = setFormat(arg());
            if (r) return r;
            j = a.length;
            break;
          }
          case "p":
          case "q": {
            const p = parsePids(arg(), `-${ch}`);
            if (typeof p === "string") return fail(p);
            o.pids.push(...p);
            o.anySelect = true;
            j = a.length;
            break;
          }
          case "u":
          case "U": {
            const r = addUsers(arg(), `-${ch}`);
            if (r) return r;
            j = a.length;
            break;
          }
          case "C": {
            const v = arg();
            if (!v) return fail("list of command names must follow -C");
            o.cmds.push(...splitList(v));
            o.anySelect = true;
            j = a.length;
            break;
          }
          case "t": {
            const v = arg();
            if (!v) return fail("list of ttys must follow -t");
            o.ttys.push(...splitList(v));
            o.anySelect = true;
            j = a.length;
            break;
          }
          case "g":
          case "G":
          case "s": {
            const v = arg();
            if (!v) return fail(`list of session leaders OR effective group names must follow -${ch}`);
            j = a.length;
            break;
          }
          default:
            return fail("unsupported SysV option");
        }
      }
      continue;
    }
    // BSD syntax (no dash); a bare number list is a PID list
    o.bsdSyntax = true;
    if (/^[\d,]+$/.test(a)) {
      const p = parsePids(a, "p");
      if (typeof p === "string") return fail(p);
      o.pids.push(...p);
      o.anySelect = true;
      continue;
    }
    for (let j = 0; j < a.length; j++) {
      const ch = a[j]!;
      const rest = a.slice(j + 1);
      const next = (): string | undefined => (rest ? rest : argv[++i]);
      switch (ch) {
        case "a":
          o.bsdA = true;
          break;
        case "x":
          o.bsdX = true;
          break;
        case "u":
          o.style = "u";
          break;
        case "f":
          o.forest = true;
          break;
        case "j":
          o.style = "j";
          break;
        case "l":
          o.style = "l";
          break;
        case "v":
          o.style = "v";
          break;
        case "w":
          o.wide++;
          break;
        case "r":
          o.bsdR = true;
          break;
        case "h":
          o.noHeaders = true;
          break;
        case "H":
        case "m":
          o.threads = true;
          break;
        case "e":
        case "c":
        case "n":
        case "S":
          break;
        case "g":
          o.bsdA = true;
          break;
        case "o":
        case "O": {
          const r = setFormat(next());
          if (r) return r;
          j = a.length;
          break;
        }
        case "k": {
          const err = parseSort(next(), o.sort);
          if (err) return fail(err);
          j = a.length;
          break;
        }
        case "p":
        case "q": {
          const p = parsePids(next(), ch);
          if (typeof p === "string") return fail(p);
          o.pids.push(...p);
          o.anySelect = true;
          j = a.length;
          break;
        }
        case "U": {
          const r = addUsers(next(), "U");
          if (r) return r;
          j = a.length;
          break;
        }
        case "t": {
          const v = next();
          if (v) o.ttys.push(...splitList(v));
          o.anySelect = true;
          j = a.length;
          break;
        }
        case "T":
          o.ttys.push(ctx.host.logins[0]?.tty ?? "?");
          o.anySelect = true;
          break;
        case "V":
          return { stdout: "ps from procps-ng 4.0.2\n" };
        case "-":
          break;
        default:
          return fail("unsupported option (BSD syntax)");
      }
    }
  }
  return o;
}

function ttyMatches(tty: string, want: string): boolean {
  const w = want.replace(/^\/dev\//, "");
  return tty === w || (w === "-" && tty === "?") || tty === `tty${w}` || tty === `pts/${w}`;
}

function select(ctx: CommandContext, o: Opts, tasks: Task[]): Task[] {
  const host = ctx.host;
  const myTty = host.logins[0]?.tty ?? "?";
  const uids = new Set(o.users.map((u) => uidOfUser(host, u)));
  const want = (t: Task): boolean => {
    if (o.all) return true;
    let byList = false;
    if (o.anySelect) {
      byList =
        o.pids.includes(t.pid) || o.ppids.includes(t.ppid) || uids.has(t.uid) || o.cmds.includes(t.comm) || o.ttys.some((x) => ttyMatches(t.tty, x));
    }
    if (o.bsdA || o.bsdX) {
      const a = (!o.bsdA ? t.uid === ctx.cred.uid : true) && (!o.bsdX ? t.tty !== "?" : true);
      return a || byList;
    }
    if (o.anySelect) return byList;
    return t.uid === ctx.cred.uid && t.tty === myTty;
  };
  let out = tasks.filter((t) => want(t) !== o.deselect);
  if (o.bsdR) out = out.filter((t) => t.state === "R");
  return out;
}

function sortTasks(c: PrintCtx, keys: SortKey[], tasks: Task[]): Task[] {
  const specs = keys.map((k) => ({ spec: findSpec(k.key)!, desc: k.desc }));
  return [...tasks].sort((a, b) => {
    for (const { spec, desc } of specs) {
      const va = spec.sort ? spec.sort(c, a) : spec.pr(c, a, OUTBUF);
      const vb = spec.sort ? spec.sort(c, b) : spec.pr(c, b, OUTBUF);
      if (va < vb) return desc ? 1 : -1;
      if (va > vb) return desc ? -1 : 1;
    }
    return 0;
  });
}

/** Forest order and prefixes, as procps' show_forest/show_tree. */
function forestOrder(tasks: Task[]): { order: Task[]; prefix: Map<Task, string> } {
  const arr = [...tasks].sort((a, b) => a.ppid - b.ppid || a.startMs - b.startMs);
  const n = arr.length;
  const order: Task[] = [];
  const prefix = new Map<Task, string>();
  const pfx: string[] = [];
  const pids = new Set(arr.map((t) => t.pid));
  const showTree = (self: number, level: number, haveSibling: boolean): void => {
    if (level) pfx[level - 1] = haveSibling ? "+" : "L";
    pfx.length = level;
    order.push(arr[self]!);
    prefix.set(arr[self]!, pfx.join(""));
    let i = 0;
    for (;;) {
      if (i >= n) return;
      if (arr[i]!.ppid === arr[self]!.pid) break;
      i++;
    }
    if (level) pfx[level - 1] = haveSibling ? "|" : " ";
    pfx.length = level;
    for (;;) {
      if (i >= n) break;
      const selfPid = arr[self]!.pid;
      const more = i + 1 < n && arr[i + 1]!.ppid === selfPid;
      if (selfPid === 1) showTree(i++, level, more);
      else showTree(i++, level + 1, more);
      if (!more) break;
    }
    pfx.length = level;
  };
  for (let i = n - 1; i >= 0; i--) {
    if (pids.has(arr[i]!.ppid) && arr[i]!.ppid !== arr[i]!.pid) continue;
    showTree(i, 0, false);
  }
  return { order, prefix };
}

function renderForestPrefix(p: string): string {
  let s = "";
  for (const ch of p) s += ch === " " ? "    " : ch === "|" ? " |  " : " \\_ ";
  return s;
}

const SELF_MEM = { rssKiB: 4792, vszKiB: 11528, shrKiB: 3620 };

export const psCommand = defineCommand({
  name: "ps",
  summary: "report a snapshot of the current processes",
  usage: "ps [options]",
  options: [],
  parse: "raw",
  completeOperands: "pid",
  run(ctx, _opts, _ops, argv) {
    const parsed = parseArgs(ctx, argv);
    if (!("sort" in parsed)) return parsed;
    const o = parsed;
    const host = ctx.host;
    let tasks = snapshot(ctx, { comm: "ps", argv: ["ps", ...argv], ...SELF_MEM });
    tasks = select(ctx, o, tasks);
    // output format
    let spec: string;
    if (o.threads && o.style !== "u" && !o.bsdSyntax) spec = o.fullF ? FORMATS.fL : FORMATS.L;
    else if (o.style === "F") spec = "uid_hack,pid,ppid,c,sz,rss,psr,stime,tname,time,cmd";
    else if (o.style === "sysvL" && o.fullF) spec = FORMATS.sysvFl;
    else if (o.fullF) spec = FORMATS.f;
    else if (o.style) spec = FORMATS[o.style];
    else spec = o.bsdSyntax ? FORMATS.bsdDefault : FORMATS.default;
    const nodes = o.format ?? (parseFormat(host, spec) as FmtNode[]);
    const c: PrintCtx = { host, fullComm: o.fullF, forest: "" };
    if (o.threads) tasks = expandThreads(host, tasks);
    let prefixOf: ((t: Task) => string) | undefined;
    if (o.sort.length) tasks = sortTasks(c, o.sort, tasks);
    if (o.forest && !o.threads) {
      const f = forestOrder(tasks);
      tasks = f.order;
      prefixOf = (t) => renderForestPrefix(f.prefix.get(t) ?? "");
    }
    // width
    const envCols = Number(ctx.env.get("COLUMNS") ?? "");
    let screen = ctx.isTty ? ctx.cols : OUTBUF;
    if (Number.isInteger(envCols) && envCols > 0 && envCols < OUTBUF) screen = envCols;
    if (o.cols) screen = o.cols;
    if (o.wide === 1 && screen < 132) screen = 132;
    if (o.wide > 1) screen = OUTBUF;
    const active = activeCols(nodes, screen);
    const lines: string[] = [];
    if (!o.noHeaders && nodes.some((n) => n.name !== "")) lines.push(renderLine(nodes, c, undefined, active));
    for (const t of tasks) lines.push(renderLine(nodes, c, t, active, prefixOf));
    const evidence = tasks.length ? evidenceOf(ctx, nodes, tasks, o.threads) : [];
    return { stdout: lines.length ? lines.join("\n") + "\n" : "", exitCode: tasks.length ? 0 : 1, evidence };
  },
});

function evidenceOf(ctx: CommandContext, nodes: FmtNode[], tasks: Task[], threads: boolean): string[] {
  const keys = new Set(nodes.map((n) => n.spec.key));
  const has = (...k: string[]): boolean => k.some((x) => keys.has(x));
  const ev = ["proc-list"];
  const stateShown = has("stat", "s", "state");
  const real = tasks.filter((t) => !t.self);
  if (stateShown && real.some((t) => t.state === "D")) ev.push("proc-state:D");
  if ((stateShown || has("args", "cmd", "command", "comm", "ucmd", "ucomm")) && real.some((t) => t.state === "Z")) ev.push("proc-state:Z");
  if (stateShown && real.some((t) => t.state === "T")) ev.push("proc-state:T");
  if (has("%cpu", "pcpu", "c", "cp", "time", "cputime", "bsdtime")) {
    for (const t of real) if (pcpuTenths(ctx.host, t) >= 50) ev.push(`proc:${t.pid}:cpu`);
  }
  if (has("rss", "rssize", "rsz", "%mem", "pmem")) {
    const total = ctx.host.mem.totalKiB;
    for (const t of real) if (t.rssKiB * 100 >= total * 2) ev.push(`proc:${t.pid}:rss`);
  }
  if (has("wchan")) for (const t of real) if (t.state === "D") ev.push(`proc:${t.pid}:wchan`);
  if (threads || has("nlwp", "thcount", "lwp", "tid", "spid")) ev.push("proc-threads");
  return [...new Set(ev)];
}
