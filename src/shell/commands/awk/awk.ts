/**
 * awk: a fast path for the one-liners an SRE pipes logs through (field printing with -F,
 * /re/, !/re/, $N ~ /re/, $N == value and numeric comparisons, NR/NF conditions, counting
 * `{c[$1]++} END {for (k in c) print c[k], k}`, summing `{s+=$N} END {print s}`); anything
 * else runs the interpreter library's full awk (ctx.fallback, or a private interpreter
 * when the session did not keep the library's awk). for-in visits keys in the library awk's
 * order (integer-like keys ascending, then insertion order). Numbers print like awk (integers plainly, others with %.6g).
 */
import { Bash } from "just-bash";
import { defineCommand, type CommandContext, type CommandResult } from "../../spec/define-command.js";
import { readInput, splitLines } from "../common/text-input.js";

const USAGE = `usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]
`;

// ---------------------------------------------------------------------------------------
// number formatting (OFMT/CONVFMT "%.6g")

export function fmtNum(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? "inf" : n < 0 ? "-inf" : "nan";
  const [m0, e0] = n.toExponential(5).split("e") as [string, string];
  const exp = Number(e0);
  if (exp < -4 || exp >= 6) {
    const m = m0.includes(".") ? m0.replace(/0+$/, "").replace(/\.$/, "") : m0;
    return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  let s = n.toFixed(Math.max(0, 5 - exp));
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s;
}

const NUMSTR = /^[ \t\n]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[ \t\n]*$/;

function toNum(s: string): number {
  const m = /^[ \t\n]*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(s);
  return m ? Number(m[1]) : 0;
}

// ---------------------------------------------------------------------------------------
// the fast-path program model

type Expr = { k: "field"; n: number | "NF" } | { k: "str"; v: string } | { k: "num"; v: number } | { k: "NR" } | { k: "NF" };

type Cond =
  | { k: "re"; re: RegExp; neg: boolean }
  | { k: "match"; field: Expr; re: RegExp; neg: boolean }
  | { k: "cmp"; left: Expr; op: string; right: Expr }
  | { k: "and"; a: Cond; b: Cond }
  | { k: "or"; a: Cond; b: Cond };

type Prog =
  | { k: "print"; cond?: Cond; items: Expr[][] } // items: comma-separated groups of concatenated exprs
  | { k: "count"; cond?: Cond; key: Expr; arr: string; endVal: "count" | "key-count"; sep: "comma" | "space" | "tab"; order: "ck" | "kc" }
  | { k: "sum"; cond?: Cond; field: Expr; acc: string; endPrint: "sum" | "avg" };

/** POSIX ERE -> JS RegExp, or undefined when it uses something we don't translate. */
function ereToRegExp(src: string): RegExp | undefined {
  if (/\\[<>yBsSwW`']|\[\[[.=]|\{[^}]*$/.test(src)) return undefined;
  const classes: Record<string, string> = { digit: "0-9", alpha: "A-Za-z", alnum: "A-Za-z0-9", upper: "A-Z", lower: "a-z", space: " \\t\\n\\r\\f\\v", blank: " \\t", punct: "!-\\/:-@\\[-`{-~", xdigit: "0-9A-Fa-f" };
  let s = src.replace(/\[:([a-z]+):\]/g, (m, c: string) => classes[c] ?? m);
  if (/\[:[a-z]+:\]/.test(s)) return undefined;
  s = s.replace(/\\\//g, "/");
  try {
    return new RegExp(s);
  } catch {
    return undefined;
  }
}

class Unsupported extends Error {}

/** Parses the supported subset; throws Unsupported for anything else. */
export function parseFastProgram(text: string): Prog {
  const src = text.trim();
  let i = 0;
  const ws = (): void => {
    while (i < src.length && /[ \t\n;]/.test(src[i]!)) i++;
  };
  const wsNoSemi = (): void => {
    while (i < src.length && /[ \t]/.test(src[i]!)) i++;
  };
  const peek = (s: string): boolean => src.startsWith(s, i);
  const eat = (s: string): boolean => {
    wsNoSemi();
    if (peek(s)) {
      i += s.length;
      return true;
    }
    return false;
  };
  const regex = (): RegExp => {
    if (src[i] !== "/") throw new Unsupported();
    let j = i + 1;
    let body = "";
    let inClass = false;
    while (j < src.length) {
      const c = src[j]!;
      if (c === "\\" && j + 1 < src.length) {
        body += c + src[j + 1];
        j += 2;
        continue;
      }
      if (c === "[") inClass = true;
      else if (c === "]") inClass = false;
      else if (c === "/" && !inClass) break;
      body += c;
      j++;
    }
    if (j >= src.length) throw new Unsupported();
    i = j + 1;
    const re = ereToRegExp(body);
    if (!re) throw new Unsupported();
    return re;
  };
  const expr = (): Expr => {
    wsNoSemi();
    if (peek("$")) {
      i++;
      if (peek("NF")) {
        i += 2;
        return { k: "field", n: "NF" };
      }
      const m = /^\d+/.exec(src.slice(i));
      if (!m) throw new Unsupported();
      i += m[0].length;
      return { k: "field", n: Number(m[0]) };
    }
    if (peek('"')) {
      let j = i + 1;
      let v = "";
      while (j < src.length && src[j] !== '"') {
        if (src[j] === "\\") {
          const e = src[j + 1];
          v += e === "t" ? "\t" : e === "n" ? "\n" : e === '"' ? '"' : e === "\\" ? "\\" : e === "/" ? "/" : "\\" + (e ?? "");
          j += 2;
          continue;
        }
        v += src[j];
        j++;
      }
      if (j >= src.length) throw new Unsupported();
      i = j + 1;
      return { k: "str", v };
    }
    const m = /^-?\d+(?:\.\d+)?/.exec(src.slice(i));
    if (m) {
      i += m[0].length;
      return { k: "num", v: Number(m[0]) };
    }
    if (/^NR\b/.test(src.slice(i))) {
      i += 2;
      return { k: "NR" };
    }
    if (/^NF\b/.test(src.slice(i))) {
      i += 2;
      return { k: "NF" };
    }
    throw new Unsupported();
  };
  const primaryCond = (): Cond => {
    wsNoSemi();
    if (peek("!/")) {
      i++;
      return { k: "re", re: regex(), neg: true };
    }
    if (peek("/")) return { k: "re", re: regex(), neg: false };
    if (peek("(")) {
      i++;
      const c = orCond();
      if (!eat(")")) throw new Unsupported();
      return c;
    }
    const left = expr();
    wsNoSemi();
    if (peek("!~")) {
      i += 2;
      wsNoSemi();
      return { k: "match", field: left, re: regex(), neg: true };
    }
    if (peek("~")) {
      i += 1;
      wsNoSemi();
      return { k: "match", field: left, re: regex(), neg: false };
    }
    const op = /^(==|!=|>=|<=|>|<)/.exec(src.slice(i))?.[0];
    if (!op) throw new Unsupported();
    i += op.length;
    const right = expr();
    return { k: "cmp", left, op, right };
  };
  const andCond = (): Cond => {
    let c = primaryCond();
    while (eat("&&")) c = { k: "and", a: c, b: primaryCond() };
    return c;
  };
  const orCond = (): Cond => {
    let c = andCond();
    while (eat("||")) c = { k: "or", a: c, b: andCond() };
    return c;
  };

  ws();
  let cond: Cond | undefined;
  if (!peek("{")) {
    cond = orCond();
    wsNoSemi();
    if (i >= src.length) return { k: "print", cond, items: [] };
  }
  if (!eat("{")) throw new Unsupported();
  ws();
  // { print ... }
  if (/^print\b/.test(src.slice(i)) && !/^printf/.test(src.slice(i))) {
    i += 5;
    const items: Expr[][] = [];
    wsNoSemi();
    if (!peek("}") && !peek(";")) {
      let group: Expr[] = [expr()];
      for (;;) {
        wsNoSemi();
        if (peek(",")) {
          i++;
          items.push(group);
          group = [expr()];
          continue;
        }
        if (peek("}") || peek(";")) break;
        if (peek(">") || peek("|")) throw new Unsupported();
        group.push(expr());
      }
      items.push(group);
    }
    ws();
    if (!eat("}")) throw new Unsupported();
    ws();
    if (i < src.length) throw new Unsupported();
    return { k: "print", cond, items };
  }
  // { c[$1]++ } END { for (k in c) print c[k], k }
  let m = /^([A-Za-z_]\w*)\[\s*/.exec(src.slice(i));
  if (m) {
    const arr = m[1]!;
    i += m[0].length;
    const key = expr();
    if (!eat("]")) throw new Unsupported();
    if (!eat("++")) throw new Unsupported();
    ws();
    if (!eat("}")) throw new Unsupported();
    ws();
    const rest = src.slice(i).replace(/\s+/g, " ").trim();
    const esc = arr.replace(/[$]/g, "\\$");
    const em = new RegExp(`^END ?\\{ ?for ?\\( ?(\\w+) in ${esc} ?\\) ?print (\\S+?) ?(,|" "|"\\\\t"|) ?(\\S+?) ?;? ?\\}$`).exec(rest);
    if (!em) throw new Unsupported();
    const kv = em[1]!;
    const a = em[2]!;
    const b = em[4]!;
    const sep = em[3] === "," ? "comma" : em[3] === '"\\t"' ? "tab" : em[3] === '" "' ? "space" : undefined;
    if (!sep) throw new Unsupported();
    const cnt = `${arr}[${kv}]`;
    if (a === cnt && b === kv) return { k: "count", cond, key, arr, endVal: "count", sep, order: "ck" };
    if (a === kv && b === cnt) return { k: "count", cond, key, arr, endVal: "count", sep, order: "kc" };
    throw new Unsupported();
  }
  // { s += $N } END { print s }   (also avg: print s/NR)
  m = /^([A-Za-z_]\w*)\s*\+=\s*/.exec(src.slice(i));
  if (m) {
    const acc = m[1]!;
    i += m[0].length;
    const field = expr();
    if (field.k !== "field") throw new Unsupported();
    ws();
    if (!eat("}")) throw new Unsupported();
    ws();
    const rest = src.slice(i).replace(/\s+/g, " ").trim();
    if (new RegExp(`^END ?\\{ ?print ${acc} ?;? ?\\}$`).test(rest)) return { k: "sum", cond, field, acc, endPrint: "sum" };
    if (new RegExp(`^END ?\\{ ?print ${acc} ?/ ?NR ?;? ?\\}$`).test(rest)) return { k: "sum", cond, field, acc, endPrint: "avg" };
    throw new Unsupported();
  }
  throw new Unsupported();
}

// ---------------------------------------------------------------------------------------
// execution

interface Rec {
  line: string;
  fields: string[] | undefined;
  nr: number;
}

/** Default field splitting without regexes (the interpreter's sandbox makes RegExp slow). */
function splitBlank(line: string): string[] {
  let l = line;
  if (l.indexOf("\t") >= 0) l = l.split("\t").join(" ");
  if (l.indexOf("\n") >= 0) l = l.split("\n").join(" ");
  const parts = l.split(" ");
  let clean = true;
  for (let i = 0; i < parts.length; i++)
    if (parts[i] === "") {
      clean = false;
      break;
    }
  if (clean) return parts;
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) if (parts[i] !== "") out.push(parts[i]!);
  return out;
}

/** The n-th (1-based) default-FS field without splitting the line. */
function nthBlankField(l: string, n: number): string {
  const L = l.length;
  let i = 0;
  for (let f = 1; ; f++) {
    while (i < L) {
      const c = l.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10) break;
      i++;
    }
    if (i >= L) return "";
    const s = i;
    while (i < L) {
      const c = l.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10) break;
      i++;
    }
    if (f === n) return l.substring(s, i);
  }
}

function makeSplitter(fs: string): (line: string) => string[] {
  if (fs === " ") return (line) => (line === "" ? [] : splitBlank(line));
  if (fs === "\t") return (line) => (line === "" ? [] : line.split("\t"));
  if (fs.length === 1 && fs !== "\\" && fs !== " ") return (line) => (line === "" ? [] : line.split(fs));
  const re = ereToRegExp(fs);
  if (!re) throw new Unsupported();
  const g = new RegExp(re.source, "g");
  return (line) => (line === "" ? [] : line.split(g));
}

export function runFast(prog: Prog, lines: string[], fs: string): string {
  const split = makeSplitter(fs);
  const rec: Rec = { line: "", fields: undefined, nr: 0 };
  const fields = (): string[] => (rec.fields ??= split(rec.line));
  const val = (e: Expr): string | number => {
    switch (e.k) {
      case "field": {
        const f = fields();
        const n = e.n === "NF" ? f.length : e.n;
        return n === 0 ? rec.line : (f[n - 1] ?? "");
      }
      case "str":
        return e.v;
      case "num":
        return e.v;
      case "NR":
        return rec.nr;
      case "NF":
        return fields().length;
    }
  };
  const str = (v: string | number): string => (typeof v === "number" ? fmtNum(v) : v);
  const isNumLike = (e: Expr, v: string | number): boolean => typeof v === "number" || (e.k === "field" && NUMSTR.test(v));
  const test = (c: Cond): boolean => {
    switch (c.k) {
      case "re":
        return c.re.test(rec.line) !== c.neg;
      case "match":
        return c.re.test(str(val(c.field))) !== c.neg;
      case "and":
        return test(c.a) && test(c.b);
      case "or":
        return test(c.a) || test(c.b);
      case "cmp": {
        const l = val(c.left);
        const r = val(c.right);
        let d: number;
        if (isNumLike(c.left, l) && isNumLike(c.right, r) && !(c.left.k === "str" || c.right.k === "str")) {
          const a = typeof l === "number" ? l : toNum(l);
          const b = typeof r === "number" ? r : toNum(r);
          d = a < b ? -1 : a > b ? 1 : 0;
        } else {
          const a = str(l);
          const b = str(r);
          d = a < b ? -1 : a > b ? 1 : 0;
        }
        switch (c.op) {
          case "==":
            return d === 0;
          case "!=":
            return d !== 0;
          case ">":
            return d > 0;
          case ">=":
            return d >= 0;
          case "<":
            return d < 0;
          default:
            return d <= 0;
        }
      }
    }
  };
  const out: string[] = [];
  if (prog.k === "print") {
    const items = prog.items;
    const blankNth = fs === " ";
    const simpleField = items.length === 1 && items[0]!.length === 1 && items[0]![0]!.k === "field" ? (items[0]![0] as { k: "field"; n: number | "NF" }) : undefined;
    for (let n = 0; n < lines.length; n++) {
      rec.line = lines[n]!;
      rec.fields = undefined;
      rec.nr = n + 1;
      if (prog.cond && !test(prog.cond)) continue;
      if (!items.length) {
        out.push(rec.line);
        continue;
      }
      if (simpleField) {
        out.push(blankNth && typeof simpleField.n === "number" && simpleField.n > 0 ? nthBlankField(rec.line, simpleField.n) : str(val(simpleField)));
        continue;
      }
      out.push(items.map((g) => g.map((e) => str(val(e))).join("")).join(" "));
    }
    return out.length ? out.join("\n") + "\n" : "";
  }
  if (prog.k === "count") {
    // a plain object: the library awk's for-in order (integer-like keys ascending, then insertion order)
    const counts: Record<string, number> = Object.create(null) as Record<string, number>;
    for (let n = 0; n < lines.length; n++) {
      rec.line = lines[n]!;
      rec.fields = undefined;
      rec.nr = n + 1;
      if (prog.cond && !test(prog.cond)) continue;
      const k = str(val(prog.key));
      counts[k] = (counts[k] ?? 0) + 1;
    }
    const sep = prog.sep === "tab" ? "\t" : " ";
    for (const k in counts) {
      const c = counts[k]!;
      out.push(prog.order === "ck" ? `${c}${sep}${k}` : `${k}${sep}${c}`);
    }
    return out.length ? out.join("\n") + "\n" : "";
  }
  let sum = 0;
  let nr = 0;
  for (let n = 0; n < lines.length; n++) {
    rec.line = lines[n]!;
    rec.fields = undefined;
    rec.nr = n + 1;
    nr = n + 1;
    if (prog.cond && !test(prog.cond)) continue;
    const v = val(prog.field);
    sum += typeof v === "number" ? v : toNum(v);
  }
  if (prog.endPrint === "avg") {
    if (nr === 0) throw new Unsupported(); // division by zero: let the full awk report it
    return fmtNum(sum / nr) + "\n";
  }
  return fmtNum(sum) + "\n";
}

// ---------------------------------------------------------------------------------------

/** The library's full awk on the same files and stdin. */
async function fullAwk(ctx: CommandContext, argv: string[], files: string[]): Promise<CommandResult> {
  const r = await ctx.fallback(argv);
  if (!(r.exitCode === 127 && /not available/.test(r.stderr))) return r;
  // the session dropped the library's awk when ours replaced it: run it in a private interpreter
  const init: Record<string, string> = {};
  for (const f of files) {
    const x = readInput(ctx, f);
    if ("text" in x && f !== "-") init[ctx.resolve(f)] = x.text;
  }
  const bash = new Bash({ files: init, cwd: ctx.cwd, commands: ["awk"] as never });
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  const res = await bash.exec(`awk ${quoted}`, { stdin: ctx.stdin });
  return { stdout: res.stdout, stderr: res.stderr, exitCode: res.exitCode };
}

export const awkCommand = defineCommand({
  name: "awk",
  summary: "pattern scanning and text processing language",
  usage: "awk [-F fs][-v var=value][prog | -f progfile][file ...]",
  options: [],
  parse: "raw",
  help: USAGE,
  async run(ctx, _o, _ops, argv) {
    if (argv[0] === "--help" || argv[0] === "-W" && argv[1] === "help") return { stdout: USAGE };
    if (argv[0] === "--version" || argv[0] === "-Wversion" || (argv[0] === "-W" && argv[1] === "version")) return { stdout: "mawk 1.3.4 20200120\nCopyright 2008-2019,2020, Thomas E. Dickey\nCopyright 1991-1996,2014, Michael D. Brennan\n\nrandom-funcs:       srandom/random\nregex-funcs:        internal\ncompiled limits:\nsprintf buffer      8192\nmaximum-integer     2147483647\n" };
    let fs = " ";
    let i = 0;
    let simple = true;
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === "--") {
        i++;
        break;
      }
      if (a.startsWith("-F")) {
        const v = a.length > 2 ? a.slice(2) : argv[++i];
        if (v === undefined) return { stdout: "", stderr: USAGE, exitCode: 2 };
        fs = v === "t" || v === "\\t" ? "\t" : v;
        continue;
      }
      if (a.startsWith("-") && a.length > 1) {
        simple = false; // -v, -f, ...: full awk
        break;
      }
      break;
    }
    const prog = argv[i];
    const files = simple ? argv.slice(i + 1) : [];
    const fileArgs = argv.slice(i + 1);
    if (!simple || prog === undefined || files.some((f) => /^[A-Za-z_]\w*=/.test(f))) return fullAwk(ctx, argv, fileArgs.filter((f) => !f.startsWith("-")));
    let parsed: Prog;
    try {
      parsed = parseFastProgram(prog);
    } catch (e) {
      if (e instanceof Unsupported) return fullAwk(ctx, argv, files);
      throw e;
    }
    let lines: string[] = [];
    const names = files.length ? files : ["-"];
    for (const f of names) {
      const r = readInput(ctx, f);
      if ("errno" in r) return fullAwk(ctx, argv, files);
      const ls = splitLines(r.text);
      if (!lines.length) lines = ls;
      else for (const l of ls) lines.push(l);
    }
    try {
      return { stdout: runFast(parsed, lines, fs) };
    } catch (e) {
      if (e instanceof Unsupported) return fullAwk(ctx, argv, files);
      throw e;
    }
  },
});

