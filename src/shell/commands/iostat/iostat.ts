/**
 * iostat (sysstat 12.6.1): the avg-cpu report and the device table from /proc/stat,
 * /proc/uptime and /proc/diskstats, basic (tps kB_read/s ...) or extended (-x, r/s ... %util),
 * -s short, -k/-m units, -h/--human/--pretty, -z, -c/-d, -t, -y, -p [dev,...|ALL], device
 * operands, interval/count (first report since boot, then deltas over the interval; Ctrl-C
 * just stops), S_COLORS colouring on a tty and the C/en_US date formats. The argument parser
 * is sysstat's own hand-written loop (bundled letters, usage() on anything odd, exit 1).
 */
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import {
  Fmt, NO_UNIT, Out, SYSSTAT_VERSION, UNIT_KILOBYTE, UNIT_SECTOR, ZERO_CPU, ZERO_DISK, galHeader, interval, isWholeDisk, llSp, pause, readDiskstats, readStat, readUptimeCs, sValue, sysDate, sysEnv, sysTime,
  type CpuTicks, type DiskLine, type SysEnv,
} from "./sysstat.js";

export const IOSTAT_USAGE =
  "Usage: iostat [ options ] [ <interval> [ <count> ] ]\n" +
  "Options are:\n" +
  "[ -c ] [ -d ] [ -h ] [ -k | -m ] [ -N ] [ -s ] [ -t ] [ -V ] [ -x ] [ -y ] [ -z ]\n" +
  "[ { -f | +f } <directory> ] [ -j { ID | LABEL | PATH | UUID | ... } ]\n" +
  "[ --compact ] [ --dec={ 0 | 1 | 2 } ] [ --human ] [ --pretty ] [ -o JSON ]\n" +
  "[ [ -H ] -g <group_name> ] [ -p [ <device> [,...] | ALL ] ]\n" +
  "[ <device> [...] | ALL ]\n";

interface Opts {
  cpu: boolean;
  disk: boolean;
  reportSet: boolean;
  kilo: boolean;
  mega: boolean;
  ext: boolean;
  short: boolean;
  zero: boolean;
  ts: boolean;
  omitFirst: boolean;
  unit: boolean;
  pretty: boolean;
  compact: boolean;
  everything: boolean;
  unfiltered: boolean;
  dplaces: number;
  devices: string[];
  partDevs: string[];
  interval: number;
  count: number;
}

type Parsed = { ok: true; o: Opts } | { ok: false; stdout?: string; stderr?: string; exitCode: number };

const DIGITS = /^\d*$/;

function parse(argv: string[]): Parsed {
  const usage: Parsed = { ok: false, stderr: IOSTAT_USAGE, exitCode: 1 };
  const o: Opts = { cpu: false, disk: false, reportSet: false, kilo: false, mega: false, ext: false, short: false, zero: false, ts: false, omitFirst: false, unit: false, pretty: false, compact: false, everything: false, unfiltered: false, dplaces: -1, devices: [], partDevs: [], interval: 0, count: 1 };
  let it = 0;
  let i = 0;
  while (i < argv.length) {
    const a = argv[i]!;
    if (a === "-p") {
      const next = argv[i + 1];
      if (next !== undefined && !DIGITS.test(next) && !next.startsWith("-")) {
        o.unfiltered = true;
        for (const t of next.split(",").filter(Boolean)) {
          if (t === "ALL") o.everything = true;
          else o.partDevs.push(t.replace(/^\/dev\//, ""));
        }
        i += 2;
      } else {
        o.everything = true;
        i += 1;
      }
    } else if (a === "--human") {
      o.unit = true;
      i++;
    } else if (a === "--pretty") {
      o.pretty = true;
      i++;
    } else if (a === "--compact") {
      o.compact = true;
      i++;
    } else if (a.startsWith("--dec=") && a.length === 7) {
      o.dplaces = Number(a.slice(6));
      if (!(o.dplaces >= 0 && o.dplaces <= 2)) return usage;
      i++;
    } else if (a === "-g" || a === "-j" || a === "-f" || a === "+f" || a === "-o") {
      // device groups, persistent names, alternate directories and JSON are not simulated
      return usage;
    } else if (a.startsWith("-")) {
      for (const ch of a.slice(1)) {
        switch (ch) {
          case "c": o.cpu = true; o.reportSet = true; break;
          case "d": o.disk = true; o.reportSet = true; break;
          case "h": o.pretty = true; o.unit = true; break;
          case "k": if (o.mega) return usage; o.kilo = true; break;
          case "m": if (o.kilo) return usage; o.mega = true; break;
          case "N": break;
          case "p": o.everything = true; break;
          case "s": o.short = true; break;
          case "t": o.ts = true; break;
          case "x": o.ext = true; break;
          case "y": o.omitFirst = true; break;
          case "z": o.zero = true; break;
          case "V": return { ok: false, stdout: SYSSTAT_VERSION, exitCode: 0 };
          default: return usage;
        }
      }
      if (a === "-") return usage;
      i++;
    } else if (!DIGITS.test(a)) {
      o.unfiltered = true;
      if (a !== "ALL") o.devices.push(a.replace(/^\/dev\//, ""));
      i++;
    } else if (!it) {
      o.interval = Number(a);
      o.count = -1;
      it = 1;
      i++;
    } else if (it > 0) {
      o.count = Number(a);
      if (o.count < 1 || !o.interval) return usage;
      it = -1;
      i++;
    } else return usage;
  }
  if (!o.interval) o.count = 1;
  if (!o.reportSet) o.cpu = o.disk = true;
  if (o.everything || o.ext || o.unfiltered) o.disk = true;
  if (!o.kilo && !o.mega) o.kilo = true;
  return { ok: true, o };
}

interface Sample {
  uptimeCs: number;
  cpu: CpuTicks;
  disks: Map<string, DiskLine>;
  epochMs: number;
}

function takeSample(ctx: CommandContext): Sample {
  const disks = new Map<string, DiskLine>();
  for (const d of readDiskstats(ctx)) disks.set(d.name, d);
  return { uptimeCs: readUptimeCs(ctx), cpu: readStat(ctx).cpu, disks, epochMs: ctx.host.epochMs() };
}

/** The devices iostat lists, in order: whole disks by default, partitions with -p. */
function deviceList(ctx: CommandContext, o: Opts, s: Sample): string[] {
  const all = [...s.disks.values()];
  const names: string[] = [];
  if (o.everything) {
    for (const d of all) if (o.ext ? d.fields >= 11 : true) names.push(d.name);
    return names;
  }
  if (o.devices.length || o.partDevs.length) {
    for (const name of o.devices) if (s.disks.has(name)) names.push(name);
    for (const name of o.partDevs) {
      if (!s.disks.has(name)) continue;
      names.push(name);
      for (const d of all) if (d.name !== name && d.name.startsWith(name) && !isWholeDisk(ctx, d.name)) names.push(d.name);
    }
    return [...new Set(names)];
  }
  return all.filter((d) => isWholeDisk(ctx, d.name)).map((d) => d.name);
}

export interface IostatEvidence {
  keys: Set<string>;
}

function cpuReport(f: Fmt, o: Opts, prev: CpuTicks, curr: CpuTicks): string {
  const tot = (c: CpuTicks): number => c.user + c.nice + c.sys + c.idle + c.iowait + c.hardirq + c.steal + c.softirq;
  const itv = interval(tot(prev), tot(curr));
  let s = "avg-cpu:  %user   %nice %system %iowait  %steal   %idle\n";
  s += "       ";
  s += f.pc(o.unit, 7, 2,
    llSp(prev.user, curr.user, itv),
    llSp(prev.nice, curr.nice, itv),
    llSp(prev.sys + prev.softirq + prev.hardirq, curr.sys + curr.softirq + curr.hardirq, itv),
    llSp(prev.iowait, curr.iowait, itv),
    llSp(prev.steal, curr.steal, itv),
    curr.idle < prev.idle ? 0 : llSp(prev.idle, curr.idle, itv));
  return s + "\n\n";
}

function diskHeader(o: Opts, hpart: number): { text: string; fctr: number } {
  let fctr = 1;
  let units: string;
  let spc: string;
  if (o.kilo) {
    fctr = 2;
    units = "kB";
    spc = " ";
  } else if (o.mega) {
    fctr = 2048;
    units = "MB";
    spc = " ";
  } else {
    units = o.ext ? "sec" : "Blk";
    spc = "";
  }
  let s = o.pretty ? "" : "Device       ";
  if (o.ext) {
    if (o.short) s += `      tps     ${spc}${units}/s    rqm/s   await  areq-sz  aqu-sz  %util`;
    else {
      if (hpart === 1 || !hpart) s += `     r/s    ${spc}r${units}/s   rrqm/s  %rrqm r_await rareq-sz`;
      if (hpart === 2 || !hpart) s += `     w/s    ${spc}w${units}/s   wrqm/s  %wrqm w_await wareq-sz`;
      if (hpart === 3 || !hpart) s += `     d/s    ${spc}d${units}/s   drqm/s  %drqm d_await dareq-sz`;
      if (hpart === 4 || !hpart) s += "     f/s f_await  aqu-sz  %util";
    }
  } else if (o.short) s += `      tps   ${spc}${units}_read/s    ${spc}${units}_w+d/s   ${spc}${units}_read    ${spc}${units}_w+d`;
  else s += `      tps   ${spc}${units}_read/s   ${spc}${units}_wrtn/s   ${spc}${units}_dscd/s   ${spc}${units}_read   ${spc}${units}_wrtn   ${spc}${units}_dscd`;
  if (o.pretty) s += " Device";
  return { text: s + "\n", fctr };
}

function extRow(f: Fmt, o: Opts, hpart: number, itv: number, fctr: number, name: string, i: DiskLine, j: typeof ZERO_DISK, ev: Set<string>): string {
  const U = o.unit;
  let s = o.pretty ? "" : f.item(name.padEnd(13));
  const nrIos = (x: typeof ZERO_DISK): number => x.rdIos + x.wrIos + x.dcIos;
  const dIos = nrIos(i) - nrIos(j);
  const util = sValue(j.totTicks, i.totTicks, itv);
  const awaitAll = dIos ? (i.rdTicks - j.rdTicks + (i.wrTicks - j.wrTicks) + (i.dcTicks - j.dcTicks)) / dIos : 0;
  const arqsz = dIos ? (i.rdSect - j.rdSect + (i.wrSect - j.wrSect) + (i.dcSect - j.dcSect)) / dIos : 0;
  const rs = sValue(j.rdSect, i.rdSect, itv);
  const ws = sValue(j.wrSect, i.wrSect, itv);
  const ds = sValue(j.dcSect, i.dcSect, itv);
  const aqu = sValue(j.rqTicks, i.rqTicks, itv) / 1000;
  ev.add(`disk:${name}:util`);
  ev.add(`disk:${name}:await`);
  if (o.short) {
    s += f.f(NO_UNIT, 8, 2, sValue(nrIos(j), nrIos(i), itv));
    let sect = rs + ws + ds;
    if (!U) sect /= fctr;
    s += f.f(U ? UNIT_SECTOR : NO_UNIT, 9, 2, sect);
    s += f.f(NO_UNIT, 8, 2, sValue(j.rdMerges + j.wrMerges + j.dcMerges, i.rdMerges + i.wrMerges + i.dcMerges, itv));
    s += f.f(NO_UNIT, 7, 2, awaitAll);
    s += f.f(U ? UNIT_KILOBYTE : NO_UNIT, 8, 2, arqsz / 2);
    s += f.f(NO_UNIT, 7, 2, aqu);
    s += f.pc(U, 6, 2, util / 10);
  } else {
    const pcm = (merges: number, ios: number): number => (merges + ios ? (merges / (merges + ios)) * 100 : 0);
    const part = (ios: [number, number], merges: [number, number], tk: [number, number], sect: [number, number], rate: number): string => {
      const dio = ios[0] - ios[1];
      let r = f.f(NO_UNIT, 7, 2, sValue(ios[1], ios[0], itv));
      if (!U) rate /= fctr;
      r += f.f(U ? UNIT_SECTOR : NO_UNIT, 9, 2, rate);
      r += f.f(NO_UNIT, 8, 2, sValue(merges[1], merges[0], itv));
      r += f.pc(U, 6, 2, pcm(merges[0] - merges[1], dio));
      r += f.f(NO_UNIT, 7, 2, dio ? (tk[0] - tk[1]) / dio : 0);
      r += f.f(U ? UNIT_KILOBYTE : NO_UNIT, 8, 2, (dio ? (sect[0] - sect[1]) / dio : 0) / 2);
      return r;
    };
    if (hpart === 1 || !hpart) s += part([i.rdIos, j.rdIos], [i.rdMerges, j.rdMerges], [i.rdTicks, j.rdTicks], [i.rdSect, j.rdSect], rs);
    if (hpart === 2 || !hpart) s += part([i.wrIos, j.wrIos], [i.wrMerges, j.wrMerges], [i.wrTicks, j.wrTicks], [i.wrSect, j.wrSect], ws);
    if (hpart === 3 || !hpart) s += part([i.dcIos, j.dcIos], [i.dcMerges, j.dcMerges], [i.dcTicks, j.dcTicks], [i.dcSect, j.dcSect], ds);
    if (hpart === 4 || !hpart) {
      const dfl = i.flIos - j.flIos;
      s += f.f(NO_UNIT, 7, 2, sValue(j.flIos, i.flIos, itv));
      s += f.f(NO_UNIT, 7, 2, dfl ? (i.flTicks - j.flTicks) / dfl : 0);
      s += f.f(NO_UNIT, 7, 2, aqu);
      s += f.pc(U, 6, 2, util / 10);
    }
  }
  if (o.pretty) s += f.item(` ${name}`);
  return s + "\n";
}

function basicRow(f: Fmt, o: Opts, itv: number, fctr: number, name: string, i: DiskLine, j: typeof ZERO_DISK): string {
  const U = o.unit;
  let s = o.pretty ? "" : f.item(name.padEnd(13));
  let rs = sValue(j.rdSect, i.rdSect, itv);
  let ws = sValue(j.wrSect, i.wrSect, itv);
  let ds = sValue(j.dcSect, i.dcSect, itv);
  if (!U) {
    rs /= fctr;
    ws /= fctr;
    ds /= fctr;
  }
  const rd = i.rdSect - j.rdSect;
  const wr = i.wrSect - j.wrSect;
  const dc = i.dcSect - j.dcSect;
  s += f.f(NO_UNIT, 8, 2, sValue(j.rdIos + j.wrIos + j.dcIos, i.rdIos + i.wrIos + i.dcIos, itv));
  const unit = U ? UNIT_SECTOR : NO_UNIT;
  const q = (v: number): number => (U ? v : Math.floor(v / fctr));
  if (o.short) {
    s += f.f(unit, 12, 2, rs, ws + ds);
    s += f.u64(unit, 10, q(rd), U ? wr + dc : Math.floor((wr + dc) / fctr));
  } else {
    s += f.f(unit, 12, 2, rs, ws, ds);
    s += f.u64(unit, 10, q(rd), q(wr), q(dc));
  }
  if (o.pretty) s += f.item(` ${name}`);
  return s + "\n";
}

function report(ctx: CommandContext, env: SysEnv, f: Fmt, o: Opts, prev: Sample | undefined, curr: Sample, ev: Set<string>): string {
  let s = "";
  if (o.ts) {
    const t = env.iso ? isoStamp(curr.epochMs) : `${sysDate(env, curr.epochMs)} ${sysTime(env, curr.epochMs)}`;
    s += t + "\n";
  }
  if (o.cpu) {
    s += cpuReport(f, o, prev?.cpu ?? ZERO_CPU, curr.cpu);
    const tot = (c: CpuTicks): number => c.user + c.nice + c.sys + c.idle + c.iowait + c.hardirq + c.steal + c.softirq;
    const p = prev?.cpu ?? ZERO_CPU;
    const itvJ = interval(tot(p), tot(curr.cpu));
    ev.add("cpu-util");
    if (llSp(p.iowait, curr.cpu.iowait, itvJ) > 20) ev.add("cpu-iowait");
  }
  const itv = interval(prev?.uptimeCs ?? 0, curr.uptimeCs);
  if (o.disk) {
    const names = deviceList(ctx, o, curr);
    const parts = o.pretty && o.ext && !o.short && !o.compact ? [1, 2, 3, 4] : [0];
    for (const h of parts) {
      const hdr = diskHeader(o, h);
      s += hdr.text;
      for (const name of names) {
        const ioi = curr.disks.get(name);
        if (!ioi) continue;
        let ioj: typeof ZERO_DISK = prev?.disks.get(name) ?? ZERO_DISK;
        if (!o.unfiltered && !ioi.rdIos && !ioi.wrIos && !ioi.dcIos && !ioi.flIos) continue;
        if (o.zero && ioi.rdIos === ioj.rdIos && ioi.wrIos === ioj.wrIos && ioi.dcIos === ioj.dcIos && ioi.flIos === ioj.flIos) continue;
        if (o.ext && ioi.fields < 11) continue;
        if (ioi.rdIos + ioi.wrIos + ioi.dcIos + ioi.flIos < ioj.rdIos + ioj.wrIos + ioj.dcIos + ioj.flIos) ioj = ZERO_DISK;
        s += o.ext ? extRow(f, o, h, itv, hdr.fctr, name, ioi, ioj, ev) : basicRow(f, o, itv, hdr.fctr, name, ioi, ioj);
        if (!o.ext) ev.add(`disk:${name}:io`);
      }
      if (h > 0 && h < 4) s += "\n";
    }
  }
  return s + "\n";
}

function isoStamp(epochMs: number): string {
  const e: SysEnv = { color: false, en: false, iso: true };
  return `${sysDate(e, epochMs)}T${sysTime(e, epochMs)}+0000`;
}

export const iostatCommand = defineCommand({
  name: "iostat",
  summary: "Report CPU statistics and input/output statistics for devices and partitions.",
  usage: "iostat [ options ] [ <interval> [ <count> ] ]",
  options: [],
  parse: "raw",
  async run(ctx, _o, _ops, argv) {
    const p = parse(argv);
    if (!p.ok) return { stdout: p.stdout ?? "", stderr: p.stderr, exitCode: p.exitCode };
    const o = p.o;
    const env = sysEnv(ctx);
    const f = new Fmt(env.color, o.dplaces);
    const out = new Out(ctx);
    const ev = new Set<string>();
    out.emit(galHeader(ctx, env) + "\n");
    let prev: Sample | undefined;
    let count = o.count;
    let skip = o.omitFirst && o.interval > 0;
    for (;;) {
      const curr = takeSample(ctx);
      if (!skip) out.emit(report(ctx, env, f, o, prev, curr, ev));
      if (!skip && count > 0) count--;
      prev = curr;
      if (count) {
        const ok = await pause(ctx, o.interval, o.count > 0);
        skip = false;
        out.emit("\n");
        if (!ok) break;
        continue;
      }
      out.emit("\n");
      break;
    }
    return { stdout: out.rest, evidence: [...ev] };
  },
});
