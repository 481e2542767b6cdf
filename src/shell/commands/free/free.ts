/**
 * free (procps-ng 4.0.2): memory and swap from /proc/meminfo with the library's derived
 * values (used = MemTotal - MemAvailable, buff/cache = Buffers + Cached + SReclaimable,
 * shared = Shmem), unit options -b/-k/-m/-g/--tera/--peta and the SI variants, -h/--si
 * human-readable scaling (Ki/Mi/Gi with the 4/5-character rule), -w wide, -l low/high,
 * -t total, -v committed, -s/-c repeats (a blank line between reports, streamed on a tty).
 * Parsing and error wording follow free.c (getopt_long, usage() to stderr, exit 1).
 */
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { Out, cfixed, readKeyed } from "../iostat/sysstat.js";

export const FREE_USAGE = `
Usage:
 free [options]

Options:
 -b, --bytes         show output in bytes
     --kilo          show output in kilobytes
     --mega          show output in megabytes
     --giga          show output in gigabytes
     --tera          show output in terabytes
     --peta          show output in petabytes
 -k, --kibi          show output in kibibytes
 -m, --mebi          show output in mebibytes
 -g, --gibi          show output in gibibytes
     --tebi          show output in tebibytes
     --pebi          show output in pebibytes
 -h, --human         show human-readable output
     --si            use powers of 1000 not 1024
 -l, --lohi          show detailed low and high memory statistics
 -t, --total         show total for RAM + swap
 -v, --committed     show committed memory and commit limit
 -s N, --seconds N   repeat printing every N seconds
 -c N, --count N     repeat printing N times, then exit
 -w, --wide          wide output

     --help     display this help and exit
 -V, --version  output version information and exit

For more details see free(1).
`;

/** The procps library's meminfo with its derived fields. */
export interface ProcpsMem {
  total: number;
  free: number;
  available: number;
  used: number;
  buffers: number;
  /** Cached + SReclaimable */
  cachedAll: number;
  shared: number;
  active: number;
  inactive: number;
  swapTotal: number;
  swapFree: number;
  swapUsed: number;
  lowTotal: number;
  lowFree: number;
  lowUsed: number;
  highTotal: number;
  highFree: number;
  highUsed: number;
  commitLimit: number;
  committedAs: number;
}

export function procpsMeminfo(ctx: CommandContext): ProcpsMem {
  const m = readKeyed(ctx, "/proc/meminfo");
  const g = (k: string): number => m.get(k) ?? 0;
  const total = g("MemTotal");
  const free = g("MemFree");
  let available = g("MemAvailable") || free;
  if (available > total) available = free;
  let used = total - available;
  if (used < 0) used = total - free;
  const lowTotal = g("LowTotal") || total;
  const lowFree = g("LowTotal") ? g("LowFree") : free;
  const swapTotal = g("SwapTotal");
  const swapFree = g("SwapFree");
  return {
    total, free, available, used,
    buffers: g("Buffers"),
    cachedAll: g("Cached") + g("SReclaimable"),
    shared: g("Shmem"),
    active: g("Active"),
    inactive: g("Inactive"),
    swapTotal, swapFree, swapUsed: swapFree < swapTotal ? swapTotal - swapFree : 0,
    lowTotal, lowFree, lowUsed: lowFree < lowTotal ? lowTotal - lowFree : 0,
    highTotal: g("HighTotal"), highFree: g("HighFree"), highUsed: g("HighFree") < g("HighTotal") ? g("HighTotal") - g("HighFree") : 0,
    commitLimit: g("CommitLimit"), committedAs: g("Committed_AS"),
  };
}

interface Args {
  exponent: number;
  si: boolean;
  human: boolean;
}

/** printf("%.1f") of a C float (the value was converted to float first). */
function f1(v: number): string {
  return cfixed(Math.fround(v), 1);
}

/** scale_size() of free.c. */
export function scaleSize(kib: number, a: Args): string {
  const base = a.si ? 1000 : 1024;
  const bytes = kib * 1024;
  if (!a.human) {
    if (a.exponent === 0) return String(Math.floor(bytes / base));
    if (a.exponent === 1) return String(bytes);
    return String(Math.trunc(bytes / Math.pow(base, a.exponent - 1)));
  }
  let s = `${bytes}B`;
  if (s.length <= 4) return s;
  const up = ["B", "K", "M", "G", "T", "P"];
  for (let i = 1; i < up.length; i++) {
    const v = bytes / Math.pow(base, i);
    if (a.si) {
      s = `${f1(v)}${up[i]}`;
      if (s.length <= 4) return s;
      s = `${Math.trunc(v)}${up[i]}`;
      if (s.length <= 4) return s;
    } else {
      s = `${f1(v)}${up[i]}i`;
      if (s.length <= 5) return s;
      s = `${Math.trunc(v)}${up[i]}i`;
      if (s.length <= 5) return s;
    }
  }
  return s;
}

const headCol = (label: string): string => label.padEnd(9);

function renderOnce(ctx: CommandContext, a: Args, flags: { wide: boolean; lohi: boolean; total: boolean; committed: boolean }): string {
  const m = procpsMeminfo(ctx);
  const sz = (v: number): string => scaleSize(v, a);
  let s = flags.wide
    ? "               total        used        free      shared     buffers       cache   available\n"
    : "               total        used        free      shared  buff/cache   available\n";
  s += headCol("Mem:") + sz(m.total).padStart(11) + " " + sz(m.used).padStart(11) + " " + sz(m.free).padStart(11) + " " + sz(m.shared).padStart(11);
  if (flags.wide) s += " " + sz(m.buffers).padStart(11) + " " + sz(m.cachedAll).padStart(11);
  else s += " " + sz(m.buffers + m.cachedAll).padStart(11);
  s += " " + sz(m.available).padStart(11) + "\n";
  if (flags.lohi) {
    s += headCol("Low:") + sz(m.lowTotal).padStart(11) + " " + sz(m.lowUsed).padStart(11) + " " + sz(m.lowFree).padStart(11) + "\n";
    s += headCol("High:") + sz(m.highTotal).padStart(11) + " " + sz(m.highUsed).padStart(11) + " " + sz(m.highFree).padStart(11) + "\n";
  }
  s += headCol("Swap:") + sz(m.swapTotal).padStart(11) + " " + sz(m.swapUsed).padStart(11) + " " + sz(m.swapFree).padStart(11) + "\n";
  if (flags.total) s += headCol("Total:") + sz(m.total + m.swapTotal).padStart(11) + " " + sz(m.used + m.swapUsed).padStart(11) + " " + sz(m.free + m.swapFree).padStart(11) + "\n";
  if (flags.committed) s += headCol("Comm:") + sz(m.commitLimit).padStart(11) + " " + sz(m.committedAs).padStart(11) + " " + sz(m.commitLimit - m.committedAs).padStart(11) + "\n";
  return s;
}

/** strtod as the procps helper accepts it: the whole string must be a number. */
function strtodStrict(s: string): number | undefined {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

export const freeCommand = defineCommand({
  name: "free",
  summary: "Display amount of free and used memory in the system.",
  usage: "free [options]",
  options: [
    { name: "b", short: "b", long: "bytes" },
    { name: "kilo", long: "kilo" },
    { name: "mega", long: "mega" },
    { name: "giga", long: "giga" },
    { name: "tera", long: "tera" },
    { name: "peta", long: "peta" },
    { name: "k", short: "k", long: "kibi" },
    { name: "m", short: "m", long: "mebi" },
    { name: "g", short: "g", long: "gibi" },
    { name: "tebi", long: "tebi" },
    { name: "pebi", long: "pebi" },
    { name: "h", short: "h", long: "human" },
    { name: "si", long: "si" },
    { name: "l", short: "l", long: "lohi" },
    { name: "t", short: "t", long: "total" },
    { name: "v", short: "v", long: "committed" },
    { name: "s", short: "s", long: "seconds", arg: "required" },
    { name: "c", short: "c", long: "count", arg: "required" },
    { name: "w", short: "w", long: "wide" },
    { name: "help", long: "help" },
    { name: "V", short: "V", long: "version" },
  ],
  helpFlag: false,
  badOption: { kind: "usage", usage: FREE_USAGE },
  async run(ctx, opts, operands) {
    if (opts.help) return { stdout: FREE_USAGE };
    if (opts.V) return { stdout: "free from procps-ng 4.0.2\n" };
    const a: Args = { exponent: 0, si: false, human: false };
    // unit options in command-line order, so a second one is the error procps reports
    const units: Record<string, [number, boolean]> = {
      b: [1, false], k: [2, false], m: [3, false], g: [4, false], tebi: [5, false], pebi: [6, false],
      kilo: [2, true], mega: [3, true], giga: [4, true], tera: [5, true], peta: [6, true],
    };
    let unitSet = 0;
    for (const [k, [e, si]] of Object.entries(units)) {
      const v = opts[k];
      if (!v) continue;
      unitSet += typeof v === "number" ? v : 1;
      a.exponent = e;
      if (si) a.si = true;
    }
    if (unitSet > 1) return { stdout: "", stderr: "free: Multiple unit options don't make sense.\n", exitCode: 1 };
    if (opts.si) a.si = true;
    if (opts.h) a.human = true;
    let repeat = false;
    let intervalUs = 1000000;
    let count = 0;
    if (opts.s !== undefined) {
      repeat = true;
      const v = strtodStrict(String(opts.s));
      if (v === undefined) return { stdout: "", stderr: `free: seconds argument failed: '${String(opts.s)}': Invalid argument\n`, exitCode: 1 };
      intervalUs = 1000000 * v;
      if (intervalUs < 1) return { stdout: "", stderr: `free: seconds argument \`${String(opts.s)}' is not positive number\n`, exitCode: 1 };
    }
    if (opts.c !== undefined) {
      repeat = true;
      const raw = String(opts.c);
      if (!/^\s*[+-]?\d+$/.test(raw)) return { stdout: "", stderr: `free: failed to parse count argument: '${raw}'\n`, exitCode: 1 };
      count = Number(raw);
      if (count < 1) return { stdout: "", stderr: `free: failed to parse count argument: '${raw}': Numerical result out of range\n`, exitCode: 1 };
    }
    if (operands.length) return { stdout: "", stderr: FREE_USAGE, exitCode: 1 };
    const flags = { wide: !!opts.w, lohi: !!opts.l, total: !!opts.t, committed: !!opts.v };
    const out = new Out(ctx);
    for (;;) {
      out.emit(renderOnce(ctx, a, flags));
      if (opts.c !== undefined) {
        count--;
        if (count < 1) break;
      }
      if (!repeat) break;
      out.emit("\n");
      if (!(await ctx.sleep(intervalUs / 1000, { bounded: opts.c !== undefined }))) break;
    }
    return { stdout: out.rest, evidence: ["mem-usage"] };
  },
});
