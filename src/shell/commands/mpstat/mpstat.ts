/**
 * mpstat (sysstat 12.6.1): per-processor utilisation from /proc/stat. Without an interval it
 * prints the since-boot line; with interval/count it prints deltas and an "Average:" block
 * (also on Ctrl-C, unless interrupted during the first interval). -P {list|ALL} selects CPUs
 * (and repeats the header every report), -u is the default report, --dec=N sets decimals.
 * The "all" row is the sum of the per-CPU counters, per-CPU rows use their own tick interval,
 * exactly like the C code; colours follow S_COLORS on a tty.
 */
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { Fmt, Out, SYSSTAT_VERSION, ZERO_CPU, galHeader, llSp, pause, readStat, sysEnv, sysTime, type CpuTicks, type SysEnv } from "../iostat/sysstat.js";

export const MPSTAT_USAGE =
  "Usage: mpstat [ options ] [ <interval> [ <count> ] ]\n" +
  "Options are:\n" +
  "[ -A ] [ -n ] [ -T ] [ -u ] [ -V ]\n" +
  "[ -I { SUM | CPU | SCPU | ALL } ] [ -N { <node_list> | ALL } ]\n" +
  "[ --dec={ 0 | 1 | 2 } ] [ -o JSON ] [ -P { <cpu_list> | ALL } ]\n";

/** parse_values(): "ALL", "all", "0,2-3", "1-"; bit 0 is the "all" row, bit i+1 is CPU i. */
export function parseCpuList(arg: string, ncpu: number): boolean[] | undefined {
  const bits = new Array<boolean>(ncpu + 1).fill(false);
  if (arg === "ALL") return bits.fill(true);
  for (const t of arg.split(",").filter(Boolean)) {
    if (t === "all") {
      bits[0] = true;
      continue;
    }
    const m = /^(\d*)(-(\d*))?$/.exec(t);
    if (!m || m[1] === "") return undefined;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : m[3] === "" ? ncpu - 1 : Number(m[3]);
    if (lo >= ncpu || hi >= ncpu || hi < lo) return undefined;
    for (let i = lo; i <= hi; i++) bits[i + 1] = true;
  }
  return bits;
}

function sumCpus(per: CpuTicks[]): CpuTicks {
  const a: CpuTicks = { ...ZERO_CPU };
  for (const c of per) for (const k of Object.keys(a) as (keyof CpuTicks)[]) a[k] += c[k];
  return a;
}

const tot = (c: CpuTicks): number => c.user + c.nice + c.sys + c.idle + c.iowait + c.hardirq + c.steal + c.softirq;

interface Sample {
  epochMs: number;
  /** index 0 = all, i+1 = CPU i */
  cpus: CpuTicks[];
}

function takeSample(ctx: CommandContext): Sample {
  const st = readStat(ctx);
  const per = st.per;
  const all = per.length > 1 ? sumCpus(per) : st.cpu;
  return { epochMs: ctx.host.epochMs(), cpus: [all, ...per] };
}

/** The 10 percentages of write_plain_cpu_stats for one CPU row. */
export function cpuPercents(scp: CpuTicks, scc: CpuTicks, itv: number): number[] {
  return [
    scc.user - scc.guest < scp.user - scp.guest ? 0 : llSp(scp.user - scp.guest, scc.user - scc.guest, itv),
    scc.nice - scc.guestNice < scp.nice - scp.guestNice ? 0 : llSp(scp.nice - scp.guestNice, scc.nice - scc.guestNice, itv),
    llSp(scp.sys, scc.sys, itv),
    llSp(scp.iowait, scc.iowait, itv),
    llSp(scp.hardirq, scc.hardirq, itv),
    llSp(scp.softirq, scc.softirq, itv),
    llSp(scp.steal, scc.steal, itv),
    llSp(scp.guest, scc.guest, itv),
    llSp(scp.guestNice, scc.guestNice, itv),
    scc.idle < scp.idle ? 0 : llSp(scp.idle, scc.idle, itv),
  ];
}

function block(f: Fmt, bits: boolean[], dis: boolean, prevStr: string, currStr: string, prev: Sample | undefined, curr: Sample, ev: Set<string>): string {
  let s = "";
  if (dis) s += `\n${prevStr.padEnd(11)}  CPU    %usr   %nice    %sys %iowait    %irq   %soft  %steal  %guest  %gnice   %idle\n`;
  const p = prev?.cpus ?? curr.cpus.map(() => ({ ...ZERO_CPU }));
  const allItv = tot(curr.cpus[0]!) - tot(p[0]!) || 1;
  for (let i = 0; i < curr.cpus.length; i++) {
    if (!bits[i]) continue;
    const scc = curr.cpus[i]!;
    const scp = p[i] ?? ZERO_CPU;
    s += currStr.padEnd(11);
    let itv = allItv;
    if (i === 0) s += f.item("  all");
    else {
      s += f.item(` ${String(i - 1).padStart(4)}`);
      itv = tot(scc) - tot(scp);
      ev.add("per-cpu");
      if (!itv) {
        s += f.pc(false, 7, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100) + "\n";
        continue;
      }
    }
    const v = cpuPercents(scp, scc, itv);
    if ((v[3] ?? 0) > 20) ev.add("cpu-iowait");
    s += f.pc(false, 7, 2, ...v) + "\n";
  }
  ev.add("cpu-util");
  return s;
}

export const mpstatCommand = defineCommand({
  name: "mpstat",
  summary: "Report processors related statistics.",
  usage: "mpstat [ options ] [ <interval> [ <count> ] ]",
  options: [],
  parse: "raw",
  async run(ctx, _o, _ops, argv) {
    const usage = { stdout: "", stderr: MPSTAT_USAGE, exitCode: 1 };
    const ncpu = ctx.host.cpu.count;
    let bits: boolean[] | undefined;
    let disHdr = false;
    let dplaces = -1;
    let intervalS = -1;
    let count = 0;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === "-P") {
        const v = argv[++i];
        if (v === undefined) return usage;
        disHdr = true;
        const b = parseCpuList(v, ncpu);
        if (!b) return usage;
        bits = bits ? bits.map((x, k) => x || !!b[k]) : b;
      } else if (a.startsWith("--dec=") && a.length === 7) {
        dplaces = Number(a.slice(6));
        if (!(dplaces >= 0 && dplaces <= 2)) return usage;
      } else if (a.startsWith("-")) {
        if (a === "-") return usage;
        for (const ch of a.slice(1)) {
          if (ch === "u") continue;
          if (ch === "V") return { stdout: SYSSTAT_VERSION };
          // -A, -I, -N, -n, -T and -o JSON are not simulated
          return usage;
        }
      } else if (intervalS < 0) {
        if (!/^\d*$/.test(a)) return usage;
        intervalS = Number(a);
        count = -1;
      } else if (count <= 0) {
        if (!/^\d*$/.test(a) || !intervalS) return usage;
        count = Number(a);
        if (count < 1) return usage;
      } else return usage;
    }
    if (intervalS < 0) intervalS = 0;
    if (!bits) {
      bits = new Array<boolean>(ncpu + 1).fill(false);
      bits[0] = true;
    }
    const env: SysEnv = sysEnv(ctx);
    const f = new Fmt(env.color, dplaces);
    const out = new Out(ctx);
    const ev = new Set<string>();
    out.emit(galHeader(ctx, env));
    const first = takeSample(ctx);
    const t = (ms: number): string => sysTime(env, ms);
    if (!intervalS) {
      out.emit(block(f, bits, true, t(first.epochMs), t(first.epochMs), undefined, first, ev));
      return { stdout: out.rest, evidence: [...ev] };
    }
    const rows = ctx.isTty ? Math.max(1, ctx.rows - 2) : 3600 * 24;
    let lines = rows;
    const bounded = count > 0;
    if (!(await pause(ctx, intervalS, bounded))) return { stdout: out.rest, evidence: [...ev] };
    let prev = first;
    let curr = first;
    for (;;) {
      curr = takeSample(ctx);
      let dis = true;
      if (!disHdr) {
        dis = Math.floor(lines / rows) > 0;
        if (dis) lines %= rows;
        lines++;
      }
      out.emit(block(f, bits, dis, t(prev.epochMs), t(curr.epochMs), prev, curr, ev));
      if (count > 0) count--;
      if (!count) break;
      const ok = await pause(ctx, intervalS, bounded);
      if (!ok) break;
      prev = curr;
    }
    out.emit(block(f, bits, disHdr, "Average:", "Average:", first, curr, ev));
    return { stdout: out.rest, evidence: [...ev] };
  },
});
