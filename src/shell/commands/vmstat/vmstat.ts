/**
 * vmstat (procps-ng 4.0.2): the procs/memory/swap/io/system/cpu line from /proc/stat,
 * /proc/meminfo and /proc/vmstat. The first line averages since boot (with procps' own
 * arithmetic: divided by the summed ticks of all CPUs), later lines are deltas over the delay.
 * -a active/inactive, -w wide (adds the gu column the narrow layout omits), -t timestamp,
 * -S k|K|m|M unit (float conversion like unitConvert()), -n one header, -y skip the first
 * line, -s event counters, -f forks, -d/-D/-p disk statistics from /proc/diskstats. The
 * header repeats every (terminal rows - 3) lines, 21 on a pipe. Ctrl-C simply stops.
 */
import { civilFromEpochMs, pad } from "../../../engine/index.js";
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { procpsMeminfo } from "../free/free.js";
import { Out, isWholeDisk, readDiskstats, readKeyed, readStat, type StatSample } from "../iostat/sysstat.js";

export const VMSTAT_USAGE = `
Usage:
 vmstat [options] [delay [count]]

Options:
 -a, --active           active/inactive memory
 -f, --forks            number of forks since boot
 -m, --slabs            slabinfo
 -n, --one-header       do not redisplay header
 -s, --stats            event counter statistics
 -d, --disk             disk statistics
 -D, --disk-sum         summarize disk statistics
 -p, --partition <dev>  partition specific statistics
 -S, --unit <char>      define display unit
 -w, --wide             wide output
 -t, --timestamp        show timestamp
 -y, --no-first         skips first line of output

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see vmstat(8).
`;

const HZ = 100;
const KB_PER_PAGE = 4;

interface Cfg {
  dataUnit: number;
  unitChar: string;
  active: boolean;
  wide: boolean;
  ts: boolean;
  noFirst: boolean;
  moreHeaders: boolean;
  height: number;
}

/** unitConvert(): C float arithmetic, truncated to unsigned long. */
function unitConvert(cfg: Cfg, size: number): number {
  const f = Math.fround(Math.fround(Math.fround(size) / Math.fround(cfg.dataUnit)) * 1024);
  return Math.trunc(f);
}

function tsNow(ctx: CommandContext): string {
  const c = civilFromEpochMs(ctx.host.epochMs());
  return `${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
}

function header(cfg: Cfg): string {
  let s = cfg.wide
    ? "--procs-- -----------------------memory---------------------- ---swap-- -----io---- -system-- ----------cpu----------"
    : "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----";
  if (cfg.ts) s += " -----timestamp-----";
  s += "\n";
  const names = ["r", "b", "swpd", "free", cfg.active ? "inact" : "buff", cfg.active ? "active" : "cache", "si", "so", "bi", "bo", "in", "cs", "us", "sy", "id", "wa", "st", "gu"];
  const w = cfg.wide ? [4, 4, 12, 12, 12, 12, 4, 4, 5, 5, 4, 4, 3, 3, 3, 3, 3, 3] : [2, 2, 6, 6, 6, 6, 4, 4, 5, 5, 4, 4, 2, 2, 2, 2, 2];
  s += w.map((n, i) => names[i]!.padStart(n)).join(" ");
  if (cfg.ts) s += " " + "UTC".padStart(19);
  return s + "\n";
}

function line(cfg: Cfg, vals: number[]): string {
  const w = cfg.wide ? [4, 4, 12, 12, 12, 12, 4, 4, 5, 5, 4, 4, 3, 3, 3, 3, 3, 3] : [2, 2, 6, 6, 6, 6, 4, 4, 5, 5, 4, 4, 2, 2, 2, 2, 2];
  return w.map((n, i) => String(vals[i] ?? 0).padStart(n)).join(" ");
}

interface Counters {
  stat: StatSample;
  pgpgin: number;
  pgpgout: number;
  pswpin: number;
  pswpout: number;
}

function counters(ctx: CommandContext): Counters {
  const vm = readKeyed(ctx, "/proc/vmstat");
  return { stat: readStat(ctx), pgpgin: vm.get("pgpgin") ?? 0, pgpgout: vm.get("pgpgout") ?? 0, pswpin: vm.get("pswpin") ?? 0, pswpout: vm.get("pswpout") ?? 0 };
}

/** The four memory columns, unit-converted. */
function memCols(ctx: CommandContext, cfg: Cfg): number[] {
  const m = procpsMeminfo(ctx);
  return [unitConvert(cfg, m.swapUsed), unitConvert(cfg, m.free), unitConvert(cfg, cfg.active ? m.inactive : m.buffers), unitConvert(cfg, cfg.active ? m.active : m.cachedAll)];
}

interface Ev {
  keys: Set<string>;
}

function noteEvidence(ev: Ev, v: number[]): void {
  ev.keys.add("runqueue");
  ev.keys.add("mem-usage");
  ev.keys.add("cpu-util");
  if ((v[1] ?? 0) > 0) ev.keys.add("blocked-tasks");
  if ((v[6] ?? 0) > 0 || (v[7] ?? 0) > 0) ev.keys.add("swap-activity");
  if ((v[15] ?? 0) > 20) ev.keys.add("cpu-iowait");
}

async function newFormat(ctx: CommandContext, cfg: Cfg, delay: number, updates: number, infinite: boolean, out: Out, ev: Ev): Promise<void> {
  out.emit(header(cfg));
  let prev = counters(ctx);
  let num = updates;
  if (!cfg.noFirst) {
    const c = prev.stat.cpu;
    let use = c.user + c.nice;
    const sys = c.sys + c.hardirq + c.softirq;
    let idl = c.idle;
    const iow = c.iowait;
    const sto = c.steal;
    const gue = c.guest + c.guestNice;
    let div = use + sys + idl + iow + sto;
    if (!div) {
      div = 1;
      idl = 1;
    }
    const divo2 = Math.floor(div / 2);
    use = use >= gue ? use - gue : 0;
    const r = (x: number): number => Math.floor((x + divo2) / div);
    const vals = [
      prev.stat.running, prev.stat.blocked, ...memCols(ctx, cfg),
      r(unitConvert(cfg, prev.pswpin * KB_PER_PAGE) * HZ), r(unitConvert(cfg, prev.pswpout * KB_PER_PAGE) * HZ),
      r(prev.pgpgin * HZ), r(prev.pgpgout * HZ), r(prev.stat.intr * HZ), r(prev.stat.ctxt * HZ),
      r(100 * use), r(100 * sys), r(100 * idl), r(100 * iow), r(100 * sto), r(100 * gue),
    ];
    noteEvidence(ev, vals);
    out.emit(line(cfg, vals) + (cfg.ts ? ` ${tsNow(ctx)}` : "") + "\n");
  } else num++;
  const half = Math.floor(delay / 2);
  for (let i = 1; infinite || i < num; i++) {
    if (!(await ctx.sleep(delay * 1000, { bounded: !infinite }))) return;
    if (cfg.moreHeaders && i % cfg.height === 0) out.emit(header(cfg));
    const cur = counters(ctx);
    const a = cur.stat.cpu;
    const b = prev.stat.cpu;
    let use = a.user - b.user + (a.nice - b.nice);
    const sys = a.sys - b.sys + (a.hardirq - b.hardirq) + (a.softirq - b.softirq);
    let idl = Math.max(0, a.idle - b.idle);
    const iow = a.iowait - b.iowait;
    const sto = a.steal - b.steal;
    const gue = a.guest + a.guestNice;
    let div = use + sys + idl + iow + sto;
    if (!div) {
      div = 1;
      idl = 1;
    }
    const divo2 = Math.floor(div / 2);
    use = use >= gue ? use - gue : 0;
    const pc = (x: number): number => Math.floor((100 * x + divo2) / div);
    const rate = (x: number): number => Math.floor((x + half) / delay);
    const vals = [
      cur.stat.running, cur.stat.blocked, ...memCols(ctx, cfg),
      rate(unitConvert(cfg, (cur.pswpin - prev.pswpin) * KB_PER_PAGE)), rate(unitConvert(cfg, (cur.pswpout - prev.pswpout) * KB_PER_PAGE)),
      rate(cur.pgpgin - prev.pgpgin), rate(cur.pgpgout - prev.pgpgout), rate(cur.stat.intr - prev.stat.intr), rate(cur.stat.ctxt - prev.stat.ctxt),
      pc(use), pc(sys), pc(idl), pc(iow), pc(sto), pc(gue),
    ];
    noteEvidence(ev, vals);
    out.emit(line(cfg, vals) + (cfg.ts ? ` ${tsNow(ctx)}` : "") + "\n");
    prev = cur;
  }
}

function sumFormat(ctx: CommandContext, cfg: Cfg): string {
  const m = procpsMeminfo(ctx);
  const st = readStat(ctx);
  const vm = readKeyed(ctx, "/proc/vmstat");
  const u = cfg.unitChar;
  const n = (v: number): string => String(v).padStart(13);
  const mem = (v: number, label: string): string => `${n(unitConvert(cfg, v))} ${u} ${label}\n`;
  let s = "";
  s += mem(m.total, "total memory");
  s += mem(m.used, "used memory");
  s += mem(m.active, "active memory");
  s += mem(m.inactive, "inactive memory");
  s += mem(m.free, "free memory");
  s += mem(m.buffers, "buffer memory");
  s += mem(m.cachedAll, "swap cache");
  s += mem(m.swapTotal, "total swap");
  s += mem(m.swapUsed, "used swap");
  s += mem(m.swapFree, "free swap");
  const c = st.cpu;
  s += `${n(c.user)} non-nice user cpu ticks\n`;
  s += `${n(c.nice)} nice user cpu ticks\n`;
  s += `${n(c.sys)} system cpu ticks\n`;
  s += `${n(c.idle)} idle cpu ticks\n`;
  s += `${n(c.iowait)} IO-wait cpu ticks\n`;
  s += `${n(c.hardirq)} IRQ cpu ticks\n`;
  s += `${n(c.softirq)} softirq cpu ticks\n`;
  s += `${n(c.steal)} stolen cpu ticks\n`;
  s += `${n(c.guest)} non-nice guest cpu ticks\n`;
  s += `${n(c.guestNice)} nice guest cpu ticks\n`;
  s += `${n(vm.get("pgpgin") ?? 0)} K paged in\n`;
  s += `${n(vm.get("pgpgout") ?? 0)} K paged out\n`;
  s += `${n(vm.get("pswpin") ?? 0)} pages swapped in\n`;
  s += `${n(vm.get("pswpout") ?? 0)} pages swapped out\n`;
  s += `${n(st.intr)} interrupts\n`;
  s += `${n(st.ctxt)} CPU context switches\n`;
  s += `${n(st.btime)} boot time\n`;
  s += `${n(st.processes)} forks\n`;
  return s;
}

function diskHeader(cfg: Cfg): string {
  let s = cfg.wide
    ? "disk- -------------------reads------------------- -------------------writes------------------ ------IO-------"
    : "disk- ------------reads------------ ------------writes----------- -----IO------";
  if (cfg.ts) s += " -----timestamp-----";
  s += "\n";
  const w = cfg.wide ? [5, 9, 9, 11, 11, 9, 9, 11, 11, 7, 7] : [5, 6, 6, 7, 7, 6, 6, 7, 7, 6, 6];
  const names = [" ", "total", "merged", "sectors", "ms", "total", "merged", "sectors", "ms", "cur", "sec"];
  s += w.map((n, i) => names[i]!.padStart(n)).join(" ");
  if (cfg.ts) s += " " + "UTC".padStart(19);
  return s + "\n";
}

async function diskFormat(ctx: CommandContext, cfg: Cfg, delay: number, updates: number, infinite: boolean, out: Out, ev: Ev): Promise<void> {
  if (!cfg.moreHeaders) out.emit(diskHeader(cfg));
  const w = cfg.wide ? [9, 9, 11, 11, 9, 9, 11, 11, 7, 7] : [6, 6, 7, 7, 6, 6, 7, 7, 6, 6];
  for (let i = 0; infinite || i < updates; i++) {
    const disks = readDiskstats(ctx).filter((d) => isWholeDisk(ctx, d.name));
    const stamp = cfg.ts ? tsNow(ctx) : "";
    disks.forEach((d, j) => {
      if (cfg.moreHeaders && j % cfg.height === 0) out.emit(diskHeader(cfg));
      const vals = [d.rdIos, d.rdMerges, d.rdSect, d.rdTicks, d.wrIos, d.wrMerges, d.wrSect, d.wrTicks, Math.trunc(d.iosPgr / 1000), Math.floor(d.totTicks / 1000)];
      out.emit(d.name.padEnd(5) + " " + vals.map((v, k) => String(v).padStart(w[k]!)).join(" ") + (cfg.ts ? ` ${stamp}\n` : "\n"));
      ev.keys.add(`disk:${d.name}:io`);
    });
    if (infinite || i + 1 < updates) if (!(await ctx.sleep(delay * 1000, { bounded: !infinite }))) return;
  }
}

function diskSum(ctx: CommandContext): string {
  const all = readDiskstats(ctx);
  let disks = 0;
  let parts = 0;
  const t = { r: 0, rm: 0, rs: 0, rt: 0, w: 0, wm: 0, ws: 0, wt: 0, io: 0, iot: 0, wio: 0 };
  for (const d of all) {
    if (!isWholeDisk(ctx, d.name)) {
      parts++;
      continue;
    }
    disks++;
    t.r += d.rdIos;
    t.rm += d.rdMerges;
    t.rs += d.rdSect;
    t.rt += d.rdTicks;
    t.w += d.wrIos;
    t.wm += d.wrMerges;
    t.ws += d.wrSect;
    t.wt += d.wrTicks;
    t.io += Math.trunc(d.iosPgr / 1000);
    t.iot += Math.floor(d.totTicks / 1000);
    t.wio += Math.floor(d.rqTicks / 1000);
  }
  const n = (v: number): string => String(v).padStart(13);
  return `${n(disks)} disks\n${n(parts)} partitions\n${n(t.r)} total reads\n${n(t.rm)} merged reads\n${n(t.rs)} read sectors\n${n(t.rt)} milli reading\n${n(t.w)} writes\n${n(t.wm)} merged writes\n${n(t.ws)} written sectors\n${n(t.wt)} milli writing\n${n(t.io)} inprogress IO\n${n(t.iot)} milli spent IO\n${n(t.wio)} milli weighted IO\n`;
}

async function partitionFormat(ctx: CommandContext, name: string, delay: number, updates: number, infinite: boolean, out: Out): Promise<string | undefined> {
  const find = (): ReturnType<typeof readDiskstats>[number] | undefined => readDiskstats(ctx).find((d) => d.name === name);
  if (!find()) return `vmstat: Disk/Partition ${name} not found\n`;
  out.emit(`${name.padEnd(10)} ${"reads".padStart(10)}  ${"read sectors".padStart(16)}  ${"writes".padStart(10)}  ${"requested writes".padStart(16)}\n`);
  for (let i = 0; infinite || i < updates; i++) {
    const d = find();
    if (!d) return `vmstat: Disk/Partition ${name} not found\n`;
    out.emit(`${String(d.rdIos).padStart(21)}  ${String(d.rdSect).padStart(16)}  ${String(d.wrIos).padStart(10)}  ${String(d.wrSect).padStart(16)}\n`);
    if (infinite || i + 1 < updates) if (!(await ctx.sleep(delay * 1000, { bounded: !infinite }))) return undefined;
  }
  return undefined;
}

/** strtol_or_err(): the whole argument must be a number. */
function strtol(s: string): number | undefined {
  return /^\s*[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

export const vmstatCommand = defineCommand({
  name: "vmstat",
  summary: "Report virtual memory statistics.",
  usage: "vmstat [options] [delay [count]]",
  options: [
    { name: "a", short: "a", long: "active" },
    { name: "f", short: "f", long: "forks" },
    { name: "m", short: "m", long: "slabs" },
    { name: "n", short: "n", long: "one-header" },
    { name: "s", short: "s", long: "stats" },
    { name: "d", short: "d", long: "disk" },
    { name: "D", short: "D", long: "disk-sum" },
    { name: "p", short: "p", long: "partition", arg: "required" },
    { name: "S", short: "S", long: "unit", arg: "required" },
    { name: "w", short: "w", long: "wide" },
    { name: "t", short: "t", long: "timestamp" },
    { name: "h", short: "h", long: "help" },
    { name: "V", short: "V", long: "version" },
    { name: "y", short: "y", long: "no-first" },
  ],
  helpFlag: false,
  badOption: { kind: "usage", usage: VMSTAT_USAGE },
  async run(ctx, opts, operands) {
    if (opts.V) return { stdout: "vmstat from procps-ng 4.0.2\n" };
    if (opts.h) return { stdout: VMSTAT_USAGE };
    const out = new Out(ctx);
    if (opts.f) {
      const st = readStat(ctx);
      return { stdout: `${String(st.processes).padStart(13)} forks\n` };
    }
    const cfg: Cfg = { dataUnit: 1024, unitChar: "K", active: !!opts.a, wide: !!opts.w, ts: !!opts.t, noFirst: !!opts.y, moreHeaders: !opts.n, height: 22 };
    if (opts.S !== undefined) {
      const u = String(opts.S);
      const units: Record<string, number> = { b: 1, B: 1, k: 1000, K: 1024, m: 1000000, M: 1048576 };
      const v = units[u[0] ?? ""];
      if (v === undefined) return { stdout: "", stderr: "vmstat: -S requires k, K, m or M (default is KiB)\n", exitCode: 1 };
      cfg.dataUnit = v;
      cfg.unitChar = u[0]!;
    }
    let delay = 1;
    let infinite = false;
    let updates = 1;
    const ops = [...operands];
    if (ops.length) {
      const a = ops.shift()!;
      const t = strtol(a);
      if (t === undefined) return { stdout: "", stderr: `vmstat: failed to parse argument: '${a}'\n`, exitCode: 1 };
      if (t < 1) return { stdout: "", stderr: "vmstat: delay must be positive integer\n", exitCode: 1 };
      if (t > 4294967295) return { stdout: "", stderr: "vmstat: too large delay value\n", exitCode: 1 };
      delay = t;
      infinite = true;
    }
    if (ops.length) {
      const a = ops.shift()!;
      const t = strtol(a);
      if (t === undefined) return { stdout: "", stderr: `vmstat: failed to parse argument: '${a}'\n`, exitCode: 1 };
      updates = t;
      infinite = false;
    }
    if (ops.length) return { stdout: "", stderr: VMSTAT_USAGE, exitCode: 1 };
    if (cfg.moreHeaders) {
      const wheight = (ctx.isTty ? ctx.rows : 24) - 3;
      cfg.height = wheight > 0 ? wheight : 22;
    }
    const modes = [opts.s, opts.d, opts.D, opts.p !== undefined, opts.m].filter(Boolean).length;
    if (modes > 1) return { stdout: "", stderr: VMSTAT_USAGE, exitCode: 1 };
    const ev: Ev = { keys: new Set() };
    if (opts.s) return { stdout: sumFormat(ctx, cfg), evidence: ["mem-usage", "cpu-util"] };
    if (opts.D) return { stdout: diskSum(ctx) };
    if (opts.m) return { stdout: "", stderr: "vmstat: Unable to create slabinfo structure\n", exitCode: 1 };
    if (opts.p !== undefined) {
      const name = String(opts.p).replace(/^\/dev\//, "");
      const err = await partitionFormat(ctx, name, delay, updates, infinite, out);
      if (err) return { stdout: out.rest, stderr: err, exitCode: 1 };
      return { stdout: out.rest };
    }
    if (opts.d) await diskFormat(ctx, cfg, delay, updates, infinite, out, ev);
    else await newFormat(ctx, cfg, delay, updates, infinite, out, ev);
    return { stdout: out.rest, evidence: [...ev.keys] };
  },
});
