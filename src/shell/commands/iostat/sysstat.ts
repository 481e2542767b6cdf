/**
 * Shared sysstat 12.6.1 machinery for iostat, mpstat, pidstat and sar: the report title line
 * ("Linux 6.1.0-18-amd64 (web-01) \t11/22/26 \t_x86_64_\t(2 CPU)"), %x/%X dates in the C or
 * en_US locale, the S_COLORS SGR colouring of cprintf_pc/cprintf_f/cprintf_u64/cprintf_in,
 * glibc-exact "%.*f" rounding, the /proc readers the real tools use (/proc/stat, uptime,
 * diskstats, meminfo, vmstat, loadavg, net/dev, PID files) and the streaming output helper.
 * The tools read /proc text like the C code does, so their numbers agree with `cat /proc/...`.
 */
import { VfsError, civilFromEpochMs, pad } from "../../../engine/index.js";
import type { CommandContext } from "../../spec/define-command.js";

export const SYSSTAT_VERSION = "sysstat version 12.6.1\n(C) Sebastien Godard (sysstat <at> orange.fr)\n";

/** Locale/colour settings taken from the environment and the terminal. */
export interface SysEnv {
  color: boolean;
  /** en_US locale: %x = 11/22/2026, %X = 11:34:14 AM */
  en: boolean;
  /** S_TIME_FORMAT=ISO */
  iso: boolean;
}

export function sysEnv(ctx: CommandContext): SysEnv {
  const sc = ctx.env.get("S_COLORS");
  const color = sc === undefined ? ctx.isTty : sc === "never" ? false : sc === "always" ? true : ctx.isTty;
  const loc = ctx.env.get("LC_ALL") || ctx.env.get("LC_TIME") || ctx.env.get("LANG") || "";
  return { color, en: /^en_US/.test(loc), iso: ctx.env.get("S_TIME_FORMAT") === "ISO" };
}

/** strftime %x */
export function sysDate(env: SysEnv, epochMs: number): string {
  const c = civilFromEpochMs(epochMs);
  if (env.iso) return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
  return `${pad(c.month)}/${pad(c.day)}/${env.en ? String(c.year) : pad(c.year % 100)}`;
}

/** strftime %X (or %H:%M:%S with S_TIME_FORMAT=ISO) */
export function sysTime(env: SysEnv, epochMs: number): string {
  const c = civilFromEpochMs(epochMs);
  if (env.en && !env.iso) {
    const h = c.hour % 12 === 0 ? 12 : c.hour % 12;
    return `${pad(h)}:${pad(c.minute)}:${pad(c.second)} ${c.hour < 12 ? "AM" : "PM"}`;
  }
  return `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
}

/** print_gal_header(): the first line of every sysstat report. */
export function galHeader(ctx: CommandContext, env: SysEnv): string {
  const h = ctx.host;
  return `Linux ${h.kernelRelease} (${h.hostname}) \t${sysDate(env, h.epochMs())} \t_x86_64_\t(${h.cpu.count} CPU)\n`;
}

// ---- number formatting -------------------------------------------------------------------

/** printf("%.*f") with glibc's exact round-half-to-even on the binary value. */
export function cfixed(x: number, wd: number): string {
  if (!Number.isFinite(x)) return x > 0 ? "inf" : x < 0 ? "-inf" : "-nan";
  if (Math.abs(x) >= 1e21) return x.toFixed(wd);
  const long = Math.abs(x).toFixed(wd + 25);
  const cut = long.length - 25;
  const tail = long.slice(cut);
  if (tail === "5" + "0".repeat(24)) {
    // an exact tie: keep the even neighbour
    const kept = long.slice(0, cut);
    const digits = kept.replace(".", "");
    const last = Number(digits[digits.length - 1]);
    let out: string;
    if (last % 2 === 0) out = kept;
    else out = Math.abs(x).toFixed(wd);
    if (out.endsWith(".")) out = out.slice(0, -1);
    return (x < 0 ? "-" : "") + out;
  }
  const s = x.toFixed(wd);
  return s;
}

const SGR = {
  high: "\x1b[31;1m",
  low: "\x1b[35;1m",
  zero: "\x1b[34;22m",
  int: "\x1b[34;1m",
  item: "\x1b[32;22m",
  normal: "\x1b[0m",
};
const UNITS = ["s", "B", "k", "M", "G", "T", "P", "?"];
export const NO_UNIT = -1;
export const UNIT_SECTOR = 0;
export const UNIT_BYTE = 1;
export const UNIT_KILOBYTE = 2;

/** The cprintf_* family: values with their SGR colour when colours are on. */
export class Fmt {
  constructor(readonly color: boolean, readonly dplaces = -1) {}

  private c(code: string): string {
    return this.color ? code : "";
  }

  get normal(): string {
    return this.c(SGR.normal);
  }

  /** cprintf_unit */
  private unit(unit: number, wi: number, dval: number): string {
    if (wi < 4) wi = 4;
    if (unit === UNIT_SECTOR) {
      dval /= 2;
      unit = 2;
    }
    while (dval >= 1024) {
      dval /= 1024;
      unit++;
    }
    return ` ${cfixed(dval, this.dplaces ? 1 : 0).padStart(wi - 1)}${this.normal}${UNITS[Math.min(unit, UNITS.length - 1)]}`;
  }

  /** cprintf_f */
  f(unit: number, wi: number, wd: number, ...vals: number[]): string {
    if (wd > 0 && this.dplaces >= 0) wd = this.dplaces;
    const lim = wd === 1 ? 0.05 : 0.005;
    let s = "";
    for (const v of vals) {
      const zero = (wd > 0 && v < lim && v > -lim) || (wd === 0 && v <= 0.5 && v >= -0.5);
      s += this.c(zero ? SGR.zero : SGR.int);
      if (unit < 0) s += ` ${cfixed(v, wd).padStart(wi)}${this.normal}`;
      else s += this.unit(unit, wi, v);
    }
    return s;
  }

  /** cprintf_pc */
  pc(human: boolean, wi: number, wd: number, ...vals: number[]): string {
    if (wd > 0 && this.dplaces >= 0) wd = this.dplaces;
    if (human) {
      if (wi < 4) wi = 4;
      wi -= 1;
      if (wd > 1) wd -= 1;
    }
    const lim = wd === 1 ? 0.05 : 0.005;
    let s = "";
    for (const v of vals) {
      if (v >= 75) s += this.c(SGR.high);
      else if (v >= 50) s += this.c(SGR.low);
      else if ((wd > 0 && v < lim) || (wd === 0 && v <= 0.5)) s += this.c(SGR.zero);
      else s += this.c(SGR.int);
      s += ` ${cfixed(v, wd).padStart(wi)}${this.normal}`;
      if (human) s += "%";
    }
    return s;
  }

  /** cprintf_u64 */
  u64(unit: number, wi: number, ...vals: number[]): string {
    let s = "";
    for (const v of vals) {
      s += this.c(v ? SGR.int : SGR.zero);
      if (unit < 0) s += ` ${String(Math.floor(v)).padStart(wi)}${this.normal}`;
      else s += this.unit(unit, wi, v);
    }
    return s;
  }

  /** cprintf_in: an item name (device, CPU number, PID) */
  item(text: string): string {
    return `${this.c(SGR.item)}${text}${this.normal}`;
  }

  /** cprintf_s: IS_STR or IS_ZERO coloured string */
  str(zero: boolean, text: string): string {
    return `${this.c(zero ? SGR.zero : SGR.int)}${text}${this.normal}`;
  }
}

/** S_VALUE(m,n,p): a per-second rate from counters and an interval in 1/100 s. */
export function sValue(m: number, n: number, p: number): number {
  return ((n - m) / p) * 100;
}

/** ll_sp_value(): percentage of an interval, 0 when the counter went backwards. */
export function llSp(v1: number, v2: number, itv: number): number {
  return v2 < v1 ? 0 : ((v2 - v1) / itv) * 100;
}

export function interval(prev: number, curr: number): number {
  const itv = curr - prev;
  return itv ? itv : 1;
}

// ---- /proc readers -----------------------------------------------------------------------

export function readProc(ctx: CommandContext, path: string): string | undefined {
  try {
    return ctx.host.vfs.readFile(path, ctx.cred);
  } catch (e) {
    if (e instanceof VfsError) return undefined;
    throw e;
  }
}

export interface CpuTicks {
  user: number;
  nice: number;
  sys: number;
  idle: number;
  iowait: number;
  hardirq: number;
  softirq: number;
  steal: number;
  guest: number;
  guestNice: number;
}

export const ZERO_CPU: CpuTicks = { user: 0, nice: 0, sys: 0, idle: 0, iowait: 0, hardirq: 0, softirq: 0, steal: 0, guest: 0, guestNice: 0 };

export interface StatSample {
  /** the aggregate "cpu" line */
  cpu: CpuTicks;
  /** cpu0, cpu1, ... */
  per: CpuTicks[];
  intr: number;
  ctxt: number;
  btime: number;
  processes: number;
  running: number;
  blocked: number;
}

function ticks(fields: number[]): CpuTicks {
  const f = (i: number): number => fields[i] ?? 0;
  return { user: f(0), nice: f(1), sys: f(2), idle: f(3), iowait: f(4), hardirq: f(5), softirq: f(6), steal: f(7), guest: f(8), guestNice: f(9) };
}

export function readStat(ctx: CommandContext): StatSample {
  const text = readProc(ctx, "/proc/stat") ?? "";
  const s: StatSample = { cpu: { ...ZERO_CPU }, per: [], intr: 0, ctxt: 0, btime: 0, processes: 0, running: 0, blocked: 0 };
  for (const line of text.split("\n")) {
    const parts = line.trim().split(/\s+/);
    const key = parts[0] ?? "";
    const nums = parts.slice(1).map(Number);
    if (key === "cpu") s.cpu = ticks(nums);
    else if (/^cpu\d+$/.test(key)) s.per[Number(key.slice(3))] = ticks(nums);
    else if (key === "intr") s.intr = nums[0] ?? 0;
    else if (key === "ctxt") s.ctxt = nums[0] ?? 0;
    else if (key === "btime") s.btime = nums[0] ?? 0;
    else if (key === "processes") s.processes = nums[0] ?? 0;
    else if (key === "procs_running") s.running = nums[0] ?? 0;
    else if (key === "procs_blocked") s.blocked = nums[0] ?? 0;
  }
  for (let i = 0; i < s.per.length; i++) s.per[i] ??= { ...ZERO_CPU };
  return s;
}

/** /proc/uptime in 1/100 s, as read_uptime() parses it ("%lu.%lu"). */
export function readUptimeCs(ctx: CommandContext): number {
  const text = readProc(ctx, "/proc/uptime") ?? "0.00";
  const m = /^(\d+)\.(\d+)/.exec(text);
  return m ? Number(m[1]) * 100 + Number(m[2]) : 0;
}

/** "Key: value kB" lines (/proc/meminfo, /proc/PID/status) or "key value" lines (/proc/vmstat). */
export function readKeyed(ctx: CommandContext, path: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of (readProc(ctx, path) ?? "").split("\n")) {
    const m = /^([^:\s]+):?\s+(-?\d+)/.exec(line);
    if (m) map.set(m[1]!, Number(m[2]));
  }
  return map;
}

export interface DiskLine {
  major: number;
  minor: number;
  name: string;
  /** number of counter fields on the line (4 for old partitions, 11/15/17 otherwise) */
  fields: number;
  rdIos: number;
  rdMerges: number;
  rdSect: number;
  rdTicks: number;
  wrIos: number;
  wrMerges: number;
  wrSect: number;
  wrTicks: number;
  iosPgr: number;
  totTicks: number;
  rqTicks: number;
  dcIos: number;
  dcMerges: number;
  dcSect: number;
  dcTicks: number;
  flIos: number;
  flTicks: number;
}

export const ZERO_DISK: Omit<DiskLine, "major" | "minor" | "name" | "fields"> = {
  rdIos: 0, rdMerges: 0, rdSect: 0, rdTicks: 0, wrIos: 0, wrMerges: 0, wrSect: 0, wrTicks: 0, iosPgr: 0, totTicks: 0, rqTicks: 0, dcIos: 0, dcMerges: 0, dcSect: 0, dcTicks: 0, flIos: 0, flTicks: 0,
};

export function readDiskstats(ctx: CommandContext): DiskLine[] {
  const out: DiskLine[] = [];
  for (const line of (readProc(ctx, "/proc/diskstats") ?? "").split("\n")) {
    const p = line.trim().split(/\s+/);
    if (p.length < 7) continue;
    const n = p.slice(3).map(Number);
    const v = (i: number): number => n[i] ?? 0;
    out.push({
      major: Number(p[0]), minor: Number(p[1]), name: p[2]!, fields: n.length,
      rdIos: v(0), rdMerges: v(1), rdSect: v(2), rdTicks: v(3), wrIos: v(4), wrMerges: v(5), wrSect: v(6), wrTicks: v(7),
      iosPgr: v(8), totTicks: v(9), rqTicks: v(10), dcIos: v(11), dcMerges: v(12), dcSect: v(13), dcTicks: v(14), flIos: v(15), flTicks: v(16),
    });
  }
  return out;
}

/** Whole disks (what /sys/block lists), not partitions. */
export function isWholeDisk(ctx: CommandContext, name: string): boolean {
  return ctx.host.disks.some((d) => d.name === name);
}

export interface NetDevLine {
  name: string;
  rxBytes: number;
  rxPackets: number;
  rxCompressed: number;
  multicast: number;
  txBytes: number;
  txPackets: number;
  txCompressed: number;
  rxErrs: number;
  txErrs: number;
  rxDrop: number;
  txDrop: number;
}

export function readNetDev(ctx: CommandContext): NetDevLine[] {
  const out: NetDevLine[] = [];
  for (const line of (readProc(ctx, "/proc/net/dev") ?? "").split("\n").slice(2)) {
    const i = line.indexOf(":");
    if (i < 0) continue;
    const n = line.slice(i + 1).trim().split(/\s+/).map(Number);
    const v = (k: number): number => n[k] ?? 0;
    out.push({ name: line.slice(0, i).trim(), rxBytes: v(0), rxPackets: v(1), rxErrs: v(2), rxDrop: v(3), rxCompressed: v(6), multicast: v(7), txBytes: v(8), txPackets: v(9), txErrs: v(10), txDrop: v(11), txCompressed: v(15) });
  }
  return out;
}

// ---- output ------------------------------------------------------------------------------

/** Streams chunks to the terminal when it can, otherwise accumulates them for stdout. */
export class Out {
  private buf = "";
  constructor(private readonly ctx: CommandContext) {}
  emit(s: string): void {
    if (!s) return;
    if (this.ctx.isTty && this.ctx.write(s)) return;
    this.buf += s;
  }
  get rest(): string {
    return this.buf;
  }
}

/** The Ctrl-C/auto-interrupt aware sleep between two samples. */
export async function pause(ctx: CommandContext, seconds: number, bounded: boolean): Promise<boolean> {
  return ctx.sleep(seconds * 1000, { bounded });
}
