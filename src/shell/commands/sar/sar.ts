/**
 * sar (sysstat 12.6.1) in its live mode (`sar [options] interval [count]`): it samples the
 * host like sadc does and prints each activity in sysstat's fixed order with an "Average:"
 * block at the end (also on Ctrl-C). Activities: -u [ALL] with -P {list|ALL}, -w, -W, -b,
 * -r [ALL], -S, -q, -d, -n {DEV,EDEV,SOCK,TCP,ETCP,ALL}. Headers repeat on every report when
 * more than one activity or item is shown, otherwise only once, like check_line_hdr().
 * Without an interval sar reads today's history file, which this host never collected:
 * "Cannot open /var/log/sysstat/saDD" (exit 2), exactly as on a box without sysstat's cron.
 */
import { civilFromEpochMs, pad } from "../../../engine/index.js";
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { parseCpuList } from "../mpstat/mpstat.js";
import {
  Fmt, NO_UNIT, Out, SYSSTAT_VERSION, UNIT_BYTE, UNIT_KILOBYTE, ZERO_CPU, galHeader, interval, isWholeDisk, llSp, pause, readDiskstats, readKeyed, readNetDev, readProc, readStat, readUptimeCs, sValue, sysEnv, sysTime,
  type CpuTicks, type DiskLine, type NetDevLine,
} from "../iostat/sysstat.js";

export const SAR_USAGE =
  "Usage: sar [ options ] [ <interval> [ <count> ] ]\n" +
  "Options are:\n" +
  "[ -A ] [ -B ] [ -b ] [ -C ] [ -D ] [ -d ] [ -F [ MOUNT ] ] [ -H ] [ -h ]\n" +
  "[ -p ] [ -r [ ALL ] ] [ -S ] [ -t ] [ -u [ ALL ] ] [ -V ]\n" +
  "[ -v ] [ -W ] [ -w ] [ -y ] [ -z ]\n" +
  "[ -I [ SUM | ALL ] ] [ -P { <cpu_list> | ALL } ]\n" +
  "[ -m { <keyword> [,...] | ALL } ] [ -n { <keyword> [,...] | ALL } ]\n" +
  "[ -q [ <keyword> [,...] | ALL ] ]\n" +
  "[ --dev=<dev_list> ] [ --fs=<fs_list> ] [ --iface=<iface_list> ] [ --int=<int_list> ]\n" +
  "[ --dec={ 0 | 1 | 2 } ] [ --help ] [ --human ] [ --pretty ] [ --sadc ]\n" +
  "[ -j { SID | ID | LABEL | PATH | UUID | ... } ]\n" +
  "[ -f [ <filename> ] | -o [ <filename> ] | -[0-9]+ ]\n" +
  "[ -i <interval> ] [ -s [ <hh:mm[:ss]> ] ] [ -e [ <hh:mm[:ss]> ] ]\n";

/** sar --help (stdout, exit 0): the usage line and the report list. */
export const SAR_HELP = "Usage: sar [ options ] [ <interval> [ <count> ] ]\n" +
  "Main options and reports (report name between square brackets):\n\t-B\tPaging statistics [A_PAGE]\n\t-b\tI/O and transfer rate statistics [A_IO]\n\t-d\tBlock devices statistics [A_DISK]\n\t-F [ MOUNT ]\n\t\tFilesystems statistics [A_FS]\n\t-H\tHugepages utilization statistics [A_HUGE]\n\t-I [ SUM | ALL ]\n\t\tInterrupts statistics [A_IRQ]\n\t-m { <keyword> [,...] | ALL }\n\t\tPower management statistics [A_PWR_...]\n\t\tKeywords are:\n\t\tCPU\tCPU instantaneous clock frequency\n\t\tFAN\tFans speed\n\t\tFREQ\tCPU average clock frequency\n\t\tIN\tVoltage inputs\n\t\tTEMP\tDevices temperature\n\t\tUSB\tUSB devices plugged into the system\n\t-n { <keyword> [,...] | ALL }\n\t\tNetwork statistics [A_NET_...]\n\t\tKeywords are:\n\t\tDEV\tNetwork interfaces\n\t\tEDEV\tNetwork interfaces (errors)\n\t\tNFS\tNFS client\n\t\tNFSD\tNFS server\n\t\tSOCK\tSockets\t(v4)\n\t\tIP\tIP traffic\t(v4)\n\t\tEIP\tIP traffic\t(v4) (errors)\n\t\tICMP\tICMP traffic\t(v4)\n\t\tEICMP\tICMP traffic\t(v4) (errors)\n\t\tTCP\tTCP traffic\t(v4)\n\t\tETCP\tTCP traffic\t(v4) (errors)\n\t\tUDP\tUDP traffic\t(v4)\n\t\tSOCK6\tSockets\t(v6)\n\t\tIP6\tIP traffic\t(v6)\n\t\tEIP6\tIP traffic\t(v6) (errors)\n\t\tICMP6\tICMP traffic\t(v6)\n\t\tEICMP6\tICMP traffic\t(v6) (errors)\n\t\tUDP6\tUDP traffic\t(v6)\n\t\tFC\tFibre channel HBAs\n\t\tSOFT\tSoftware-based network processing\n\t-q [ <keyword> [,...] | PSI | ALL ]\n\t\tSystem load and pressure-stall statistics\n\t\tKeywords are:\n\t\tLOAD\tQueue length and load average statistics [A_QUEUE]\n\t\tCPU\tPressure-stall CPU statistics [A_PSI_CPU]\n\t\tIO\tPressure-stall I/O statistics [A_PSI_IO]\n\t\tMEM\tPressure-stall memory statistics [A_PSI_MEM]\n\t-r [ ALL ]\n\t\tMemory utilization statistics [A_MEMORY]\n\t-S\tSwap space utilization statistics [A_MEMORY]\n\t-u [ ALL ]\n\t\tCPU utilization statistics [A_CPU]\n\t-v\tKernel tables statistics [A_KTABLES]\n\t-W\tSwapping statistics [A_SWAP]\n\t-w\tTask creation and system switching statistics [A_PCSW]\n\t-y\tTTY devices statistics [A_SERIAL]\n";

interface Sel {
  cpu: boolean;
  cpuAll: boolean;
  cpuBits?: boolean[];
  pcsw: boolean;
  swap: boolean;
  io: boolean;
  mem: boolean;
  memAll: boolean;
  swapSpace: boolean;
  queue: boolean;
  disk: boolean;
  dev: boolean;
  edev: boolean;
  sock: boolean;
  tcp: boolean;
  etcp: boolean;
  zero: boolean;
  human: boolean;
  dplaces: number;
}

interface Sample {
  epochMs: number;
  uptimeCs: number;
  /** [all, cpu0, cpu1, ...] */
  cpus: CpuTicks[];
  processes: number;
  ctxt: number;
  pswpin: number;
  pswpout: number;
  mem: Map<string, number>;
  runq: number;
  threads: number;
  load: [number, number, number];
  blocked: number;
  disks: DiskLine[];
  net: NetDevLine[];
  tcp: { activeOpens: number; passiveOpens: number; inSegs: number; outSegs: number; attemptFails: number; estabResets: number; retransSegs: number; inErrs: number; outRsts: number };
  sock: number[];
}

function takeSample(ctx: CommandContext): Sample {
  const st = readStat(ctx);
  const per = st.per;
  const all: CpuTicks = { ...ZERO_CPU };
  if (per.length > 1) for (const c of per) for (const k of Object.keys(all) as (keyof CpuTicks)[]) all[k] += c[k];
  const vm = readKeyed(ctx, "/proc/vmstat");
  const la = (readProc(ctx, "/proc/loadavg") ?? "0.00 0.00 0.00 0/0 0").trim().split(/\s+/);
  const loadCs = (s: string | undefined): number => {
    const m = /^(\d+)\.(\d+)/.exec(s ?? "");
    return m ? Number(m[1]) * 100 + Number(m[2]) : 0;
  };
  const [running, threads] = (la[3] ?? "0/0").split("/").map(Number);
  const h = ctx.host;
  const socks = h.net.sockets;
  const tcpIn = socks.filter((s) => (s.proto === "tcp" || s.proto === "tcp6") && s.state !== "TIME-WAIT").length;
  const udp = socks.filter((s) => s.proto === "udp" || s.proto === "udp6").length;
  const tw = socks.filter((s) => s.state === "TIME-WAIT").length;
  const totsck = socks.filter((s) => s.state !== "TIME-WAIT").length + h.procs.size;
  return {
    epochMs: h.epochMs(),
    uptimeCs: readUptimeCs(ctx),
    cpus: [per.length > 1 ? all : st.cpu, ...per],
    processes: st.processes,
    ctxt: st.ctxt,
    pswpin: vm.get("pswpin") ?? 0,
    pswpout: vm.get("pswpout") ?? 0,
    mem: readKeyed(ctx, "/proc/meminfo"),
    runq: Math.max(0, (running ?? 0) - 1),
    threads: threads ?? 0,
    load: [loadCs(la[0]), loadCs(la[1]), loadCs(la[2])],
    blocked: st.blocked,
    disks: readDiskstats(ctx).filter((d) => isWholeDisk(ctx, d.name) && (d.rdIos || d.wrIos || d.dcIos)),
    net: readNetDev(ctx),
    tcp: { ...h.net.tcp },
    sock: [totsck, tcpIn, udp, 0, 0, tw],
  };
}

const tot = (c: CpuTicks): number => c.user + c.nice + c.sys + c.idle + c.iowait + c.hardirq + c.steal + c.softirq;

class Printer {
  avgCount = 0;
  memAvg = { frm: 0, avail: 0, buf: 0, cam: 0, com: 0, active: 0, inact: 0, dirty: 0, anon: 0, slab: 0, kstack: 0, pgtbl: 0, vmused: 0, frs: 0, tls: 0, cas: 0 };
  qAvg = { run: 0, thr: 0, l1: 0, l5: 0, l15: 0, blk: 0 };
  ev = new Set<string>();
  constructor(readonly ctx: CommandContext, readonly f: Fmt, readonly sel: Sel) {}

  private hdr(ts: string, fields: string[], first = 9): string {
    let s = `\n${ts.padEnd(11)}`;
    fields.forEach((x, i) => (s += ` ${x.padStart(i === 0 ? first : 9)}`));
    return s + "\n";
  }

  report(prev: Sample, curr: Sample, prevTs: string, currTs: string, dish: boolean, avg: boolean): string {
    const f = this.f;
    const sel = this.sel;
    const itv = interval(prev.uptimeCs, curr.uptimeCs);
    let s = "";
    const row = (): string => currTs.padEnd(11);
    if (sel.cpu) {
      this.ev.add("cpu-util");
      if (dish) s += this.hdr(prevTs, sel.cpuAll ? ["CPU", "%usr", "%nice", "%sys", "%iowait", "%steal", "%irq", "%soft", "%guest", "%gnice", "%idle"] : ["CPU", "%user", "%nice", "%system", "%iowait", "%steal", "%idle"], 7);
      const bits = sel.cpuBits ?? [true];
      const allItv = tot(curr.cpus[0]!) - tot(prev.cpus[0]!) || 1;
      for (let i = 0; i < curr.cpus.length; i++) {
        if (!bits[i]) continue;
        const scc = curr.cpus[i]!;
        const scp = prev.cpus[i] ?? ZERO_CPU;
        s += row();
        let d = allItv;
        if (i === 0) s += f.item(" " + "    all");
        else {
          this.ev.add("per-cpu");
          s += f.item(` ${String(i - 1).padStart(7)}`);
          d = tot(scc) - tot(scp);
          if (!d) {
            s += f.pc(sel.human, 9, 2, 0, 0, 0, 0, 0);
            s += sel.cpuAll ? f.pc(sel.human, 9, 2, 0, 0, 0, 0, 100) : f.pc(sel.human, 9, 2, 100);
            s += "\n";
            continue;
          }
        }
        const iow = llSp(scp.iowait, scc.iowait, d);
        if (iow > 20) this.ev.add("cpu-iowait");
        const idle = scc.idle < scp.idle ? 0 : llSp(scp.idle, scc.idle, d);
        if (sel.cpuAll) {
          s += f.pc(sel.human, 9, 2,
            scc.user - scc.guest < scp.user - scp.guest ? 0 : llSp(scp.user - scp.guest, scc.user - scc.guest, d),
            scc.nice - scc.guestNice < scp.nice - scp.guestNice ? 0 : llSp(scp.nice - scp.guestNice, scc.nice - scc.guestNice, d),
            llSp(scp.sys, scc.sys, d), iow, llSp(scp.steal, scc.steal, d), llSp(scp.hardirq, scc.hardirq, d), llSp(scp.softirq, scc.softirq, d),
            llSp(scp.guest, scc.guest, d), llSp(scp.guestNice, scc.guestNice, d), idle);
        } else {
          s += f.pc(sel.human, 9, 2, llSp(scp.user, scc.user, d), llSp(scp.nice, scc.nice, d), llSp(scp.sys + scp.hardirq + scp.softirq, scc.sys + scc.hardirq + scc.softirq, d), iow, llSp(scp.steal, scc.steal, d), idle);
        }
        s += "\n";
      }
    }
    if (sel.pcsw) {
      if (dish) s += this.hdr(prevTs, ["proc/s", "cswch/s"]);
      s += row() + f.f(NO_UNIT, 9, 2, sValue(prev.processes, curr.processes, itv), sValue(prev.ctxt, curr.ctxt, itv)) + "\n";
    }
    if (sel.swap) {
      if (dish) s += this.hdr(prevTs, ["pswpin/s", "pswpout/s"]);
      const si = sValue(prev.pswpin, curr.pswpin, itv);
      const so = sValue(prev.pswpout, curr.pswpout, itv);
      if (si > 0 || so > 0) this.ev.add("swap-activity");
      s += row() + f.f(NO_UNIT, 9, 2, si, so) + "\n";
    }
    if (sel.io) {
      if (dish) s += this.hdr(prevTs, ["tps", "rtps", "wtps", "dtps", "bread/s", "bwrtn/s", "bdscd/s"]);
      const sum = (x: Sample, k: keyof DiskLine): number => x.disks.reduce((a, d) => a + (d[k] as number), 0);
      s += row() + f.f(NO_UNIT, 9, 2,
        sValue(sum(prev, "rdIos") + sum(prev, "wrIos") + sum(prev, "dcIos"), sum(curr, "rdIos") + sum(curr, "wrIos") + sum(curr, "dcIos"), itv),
        sValue(sum(prev, "rdIos"), sum(curr, "rdIos"), itv), sValue(sum(prev, "wrIos"), sum(curr, "wrIos"), itv), sValue(sum(prev, "dcIos"), sum(curr, "dcIos"), itv),
        sValue(sum(prev, "rdSect"), sum(curr, "rdSect"), itv), sValue(sum(prev, "wrSect"), sum(curr, "wrSect"), itv), sValue(sum(prev, "dcSect"), sum(curr, "dcSect"), itv)) + "\n";
    }
    if (sel.mem || sel.swapSpace) s += this.memory(curr, prevTs, currTs, dish, avg);
    if (sel.queue) s += this.queue(curr, prevTs, currTs, dish, avg);
    if (sel.disk) {
      if (dish || sel.zero) s += this.hdr(prevTs, ["DEV", "tps", "rkB/s", "wkB/s", "dkB/s", "areq-sz", "aqu-sz", "await", "%util"]);
      const unit = sel.human ? UNIT_KILOBYTE : NO_UNIT;
      for (const c of curr.disks) {
        const p = prev.disks.find((d) => d.name === c.name) ?? { ...c, ...zeroDisk() };
        if (sel.zero && sameDisk(p, c)) continue;
        const ios = (x: DiskLine): number => x.rdIos + x.wrIos + x.dcIos;
        const dios = ios(c) - ios(p);
        const awaitMs = dios ? (c.rdTicks - p.rdTicks + (c.wrTicks - p.wrTicks) + (c.dcTicks - p.dcTicks)) / dios : 0;
        const arq = dios ? (c.rdSect - p.rdSect + (c.wrSect - p.wrSect) + (c.dcSect - p.dcSect)) / dios : 0;
        s += row() + f.item(` ${c.name.padStart(9)}`);
        s += f.f(NO_UNIT, 9, 2, sValue(ios(p), ios(c), itv));
        s += f.f(unit, 9, 2, sValue(p.rdSect, c.rdSect, itv) / 2, sValue(p.wrSect, c.wrSect, itv) / 2, sValue(p.dcSect, c.dcSect, itv) / 2);
        s += f.f(unit, 9, 2, arq / 2);
        s += f.f(NO_UNIT, 9, 2, sValue(p.rqTicks, c.rqTicks, itv) / 1000, awaitMs);
        s += f.pc(sel.human, 9, 2, sValue(p.totTicks, c.totTicks, itv) / 10) + "\n";
        this.ev.add(`disk:${c.name}:util`);
        this.ev.add(`disk:${c.name}:await`);
      }
    }
    if (sel.dev) {
      this.ev.add("net-dev");
      if (dish || sel.zero) s += this.hdr(prevTs, ["IFACE", "rxpck/s", "txpck/s", "rxkB/s", "txkB/s", "rxcmp/s", "txcmp/s", "rxmcst/s", "%ifutil"]);
      for (const c of curr.net) {
        const p = prev.net.find((x) => x.name === c.name) ?? zeroNet(c.name);
        if (sel.zero && JSON.stringify(p) === JSON.stringify(c)) continue;
        const rx = sValue(p.rxBytes, c.rxBytes, itv);
        const tx = sValue(p.txBytes, c.txBytes, itv);
        s += row() + f.item(` ${c.name.padStart(9)}`);
        s += f.f(NO_UNIT, 9, 2, sValue(p.rxPackets, c.rxPackets, itv), sValue(p.txPackets, c.txPackets, itv));
        s += sel.human ? f.f(UNIT_BYTE, 9, 2, rx, tx) : f.f(NO_UNIT, 9, 2, rx / 1024, tx / 1024);
        s += f.f(NO_UNIT, 9, 2, sValue(p.rxCompressed, c.rxCompressed, itv), sValue(p.txCompressed, c.txCompressed, itv), sValue(p.multicast, c.multicast, itv));
        const speed = this.ctx.host.net.interfaces.find((i) => i.name === c.name)?.speedMbps ?? 0;
        const util = speed ? (Math.max(rx, tx) * 800) / (speed * 1000000) : 0;
        s += f.pc(sel.human, 9, 2, util) + "\n";
      }
    }
    if (sel.edev) {
      if (dish || sel.zero) s += this.hdr(prevTs, ["IFACE", "rxerr/s", "txerr/s", "coll/s", "rxdrop/s", "txdrop/s", "txcarr/s", "rxfram/s", "rxfifo/s", "txfifo/s"]);
      for (const c of curr.net) {
        const p = prev.net.find((x) => x.name === c.name) ?? zeroNet(c.name);
        s += row() + f.item(` ${c.name.padStart(9)}`);
        s += f.f(NO_UNIT, 9, 2, sValue(p.rxErrs, c.rxErrs, itv), sValue(p.txErrs, c.txErrs, itv), 0, sValue(p.rxDrop, c.rxDrop, itv), sValue(p.txDrop, c.txDrop, itv), 0, 0, 0, 0) + "\n";
      }
    }
    if (sel.sock) {
      this.ev.add("tcp-stats");
      if (dish) s += this.hdr(prevTs, ["totsck", "tcpsck", "udpsck", "rawsck", "ip-frag", "tcp-tw"]);
      s += row() + f.u64(NO_UNIT, 9, ...curr.sock) + "\n";
    }
    if (sel.tcp) {
      this.ev.add("tcp-stats");
      if (dish) s += this.hdr(prevTs, ["active/s", "passive/s", "iseg/s", "oseg/s"]);
      const a = prev.tcp;
      const b = curr.tcp;
      s += row() + f.f(NO_UNIT, 9, 2, sValue(a.activeOpens, b.activeOpens, itv), sValue(a.passiveOpens, b.passiveOpens, itv), sValue(a.inSegs, b.inSegs, itv), sValue(a.outSegs, b.outSegs, itv)) + "\n";
    }
    if (sel.etcp) {
      this.ev.add("tcp-stats");
      if (dish) s += this.hdr(prevTs, ["atmptf/s", "estres/s", "retrans/s", "isegerr/s", "orsts/s"]);
      const a = prev.tcp;
      const b = curr.tcp;
      s += row() + f.f(NO_UNIT, 9, 2, sValue(a.attemptFails, b.attemptFails, itv), sValue(a.estabResets, b.estabResets, itv), sValue(a.retransSegs, b.retransSegs, itv), sValue(a.inErrs, b.inErrs, itv), sValue(a.outRsts, b.outRsts, itv)) + "\n";
    }
    if (!avg) this.avgCount++;
    return s;
  }

  private memory(c: Sample, prevTs: string, currTs: string, dish: boolean, avg: boolean): string {
    const f = this.f;
    const sel = this.sel;
    const unit = sel.human ? UNIT_KILOBYTE : NO_UNIT;
    const g = (k: string): number => c.mem.get(k) ?? 0;
    const tlm = g("MemTotal");
    const tls = g("SwapTotal");
    const a = this.memAvg;
    const n = this.avgCount;
    let s = "";
    if (sel.mem) {
      this.ev.add("mem-usage");
      if (dish) {
        const fields = ["kbmemfree", "kbavail", "kbmemused", "%memused", "kbbuffers", "kbcached", "kbcommit", "%commit", "kbactive", "kbinact", "kbdirty"];
        if (sel.memAll) fields.push("kbanonpg", "kbslab", "kbkstack", "kbpgtbl", "kbvmused");
        s += this.hdr(prevTs, fields);
      }
      s += currTs.padEnd(11);
      if (!avg) {
        let noused = g("MemFree") + g("Buffers") + g("Cached") + g("Slab");
        if (noused > tlm) noused = tlm;
        s += f.u64(unit, 9, g("MemFree"), g("MemAvailable"), tlm - noused);
        s += f.pc(sel.human, 9, 2, tlm ? ((tlm - noused) / tlm) * 100 : 0);
        s += f.u64(unit, 9, g("Buffers"), g("Cached"), g("Committed_AS"));
        s += f.pc(sel.human, 9, 2, tlm + tls ? (g("Committed_AS") / (tlm + tls)) * 100 : 0);
        s += f.u64(unit, 9, g("Active"), g("Inactive"), g("Dirty"));
        if (sel.memAll) s += f.u64(unit, 9, g("AnonPages"), g("Slab"), g("KernelStack"), g("PageTables"), g("VmallocUsed"));
        a.frm += g("MemFree");
        a.avail += g("MemAvailable");
        a.buf += g("Buffers");
        a.cam += g("Cached");
        a.com += g("Committed_AS");
        a.active += g("Active");
        a.inact += g("Inactive");
        a.dirty += g("Dirty");
        a.anon += g("AnonPages");
        a.slab += g("Slab");
        a.kstack += g("KernelStack");
        a.pgtbl += g("PageTables");
        a.vmused += g("VmallocUsed");
      } else {
        const noused = a.frm + a.buf + a.cam + a.slab;
        s += f.f(unit, 9, 0, a.frm / n, a.avail / n, tlm - noused / n);
        s += f.pc(sel.human, 9, 2, tlm ? ((tlm - Math.floor(noused / n)) / tlm) * 100 : 0);
        s += f.f(unit, 9, 0, a.buf / n, a.cam / n, a.com / n);
        s += f.pc(sel.human, 9, 2, tlm + tls ? (Math.floor(a.com / n) / (tlm + tls)) * 100 : 0);
        s += f.f(unit, 9, 0, a.active / n, a.inact / n, a.dirty / n);
        if (sel.memAll) s += f.f(unit, 9, 0, a.anon / n, a.slab / n, a.kstack / n, a.pgtbl / n, a.vmused / n);
      }
      s += "\n";
    }
    if (sel.swapSpace) {
      if (dish) s += this.hdr(prevTs, ["kbswpfree", "kbswpused", "%swpused", "kbswpcad", "%swpcad"]);
      s += currTs.padEnd(11);
      const frs = g("SwapFree");
      const cas = g("SwapCached");
      if (!avg) {
        s += f.u64(unit, 9, frs, tls - frs);
        s += f.pc(sel.human, 9, 2, tls ? ((tls - frs) / tls) * 100 : 0);
        s += f.u64(unit, 9, cas);
        s += f.pc(sel.human, 9, 2, tls - frs ? (cas / (tls - frs)) * 100 : 0);
        a.frs += frs;
        a.tls += tls;
        a.cas += cas;
      } else {
        s += f.f(unit, 9, 0, a.frs / n, a.tls / n - a.frs / n);
        s += f.pc(sel.human, 9, 2, a.tls ? ((a.tls / n - a.frs / n) / (a.tls / n)) * 100 : 0);
        s += f.f(unit, 9, 0, a.cas / n);
        s += f.pc(sel.human, 9, 2, a.tls !== a.frs ? (a.cas / n / (a.tls / n - a.frs / n)) * 100 : 0);
      }
      s += "\n";
      if (tls - frs > 0) this.ev.add("mem-usage");
    }
    return s;
  }

  private queue(c: Sample, prevTs: string, currTs: string, dish: boolean, avg: boolean): string {
    const f = this.f;
    const q = this.qAvg;
    const n = this.avgCount;
    this.ev.add("runqueue");
    this.ev.add("load");
    let s = "";
    if (dish) s += this.hdr(prevTs, ["runq-sz", "plist-sz", "ldavg-1", "ldavg-5", "ldavg-15", "blocked"]);
    s += currTs.padEnd(11);
    if (!avg) {
      s += f.u64(NO_UNIT, 9, c.runq, c.threads);
      s += f.f(NO_UNIT, 9, 2, c.load[0] / 100, c.load[1] / 100, c.load[2] / 100);
      s += f.u64(NO_UNIT, 9, c.blocked);
      if (c.blocked > 0) this.ev.add("blocked-tasks");
      q.run += c.runq;
      q.thr += c.threads;
      q.l1 += c.load[0];
      q.l5 += c.load[1];
      q.l15 += c.load[2];
      q.blk += c.blocked;
    } else {
      s += f.f(NO_UNIT, 9, 0, q.run / n, q.thr / n);
      s += f.f(NO_UNIT, 9, 2, q.l1 / (n * 100), q.l5 / (n * 100), q.l15 / (n * 100));
      s += f.f(NO_UNIT, 9, 0, q.blk / n);
    }
    return s + "\n";
  }
}

function zeroDisk(): Omit<DiskLine, "major" | "minor" | "name" | "fields"> {
  return { rdIos: 0, rdMerges: 0, rdSect: 0, rdTicks: 0, wrIos: 0, wrMerges: 0, wrSect: 0, wrTicks: 0, iosPgr: 0, totTicks: 0, rqTicks: 0, dcIos: 0, dcMerges: 0, dcSect: 0, dcTicks: 0, flIos: 0, flTicks: 0 };
}

function sameDisk(a: DiskLine, b: DiskLine): boolean {
  return a.rdIos === b.rdIos && a.wrIos === b.wrIos && a.dcIos === b.dcIos && a.rdSect === b.rdSect && a.wrSect === b.wrSect && a.dcSect === b.dcSect && a.totTicks === b.totTicks && a.rqTicks === b.rqTicks;
}

function zeroNet(name: string): NetDevLine {
  return { name, rxBytes: 0, rxPackets: 0, rxCompressed: 0, multicast: 0, txBytes: 0, txPackets: 0, txCompressed: 0, rxErrs: 0, txErrs: 0, rxDrop: 0, txDrop: 0 };
}

/** How many separate outputs are selected (check_line_hdr's first test). */
function outputs(sel: Sel): number {
  return [sel.cpu, sel.pcsw, sel.swap, sel.io, sel.mem, sel.swapSpace, sel.queue, sel.disk, sel.dev, sel.edev, sel.sock, sel.tcp, sel.etcp].filter(Boolean).length;
}

export const sarCommand = defineCommand({
  name: "sar",
  summary: "Collect, report, or save system activity information.",
  usage: "sar [ options ] [ <interval> [ <count> ] ]",
  options: [],
  parse: "raw",
  async run(ctx, _o, _ops, argv) {
    const usage = { stdout: "", stderr: SAR_USAGE, exitCode: 1 };
    const ncpu = ctx.host.cpu.count;
    const sel: Sel = { cpu: false, cpuAll: false, pcsw: false, swap: false, io: false, mem: false, memAll: false, swapSpace: false, queue: false, disk: false, dev: false, edev: false, sock: false, tcp: false, etcp: false, zero: false, human: false, dplaces: -1 };
    let intervalS = -1;
    let count = 0;
    let fromFile = false;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === "--help") return { stdout: SAR_HELP, exitCode: 0 };
      if (a === "--human") sel.human = true;
      else if (a.startsWith("--dec=") && a.length === 7) {
        sel.dplaces = Number(a.slice(6));
        if (!(sel.dplaces >= 0 && sel.dplaces <= 2)) return usage;
      } else if (a === "-P") {
        const v = argv[++i];
        if (v === undefined) return usage;
        const b = parseCpuList(v, ncpu);
        if (!b) return usage;
        sel.cpuBits = sel.cpuBits ? sel.cpuBits.map((x, k) => x || !!b[k]) : b;
        sel.cpu = true;
      } else if (a === "-n") {
        const v = argv[++i];
        if (v === undefined) return usage;
        for (const k of v.split(",")) {
          if (k === "DEV") sel.dev = true;
          else if (k === "EDEV") sel.edev = true;
          else if (k === "SOCK") sel.sock = true;
          else if (k === "TCP") sel.tcp = true;
          else if (k === "ETCP") sel.etcp = true;
          else if (k === "ALL") sel.dev = sel.edev = sel.sock = sel.tcp = sel.etcp = true;
          else return usage;
        }
      } else if (a === "-u" || a === "-r" || a === "-q") {
        if (a === "-u") sel.cpu = true;
        if (a === "-r") sel.mem = true;
        if (a === "-q") sel.queue = true;
        if (argv[i + 1] === "ALL") {
          if (a === "-u") sel.cpuAll = true;
          if (a === "-r") sel.memAll = true;
          i++;
        }
      } else if (a === "-f" || a === "-o" || /^-\d+$/.test(a)) fromFile = true;
      else if (a.startsWith("-") && a.length > 1) {
        for (const ch of a.slice(1)) {
          switch (ch) {
            case "u": sel.cpu = true; break;
            case "w": sel.pcsw = true; break;
            case "W": sel.swap = true; break;
            case "b": sel.io = true; break;
            case "r": sel.mem = true; break;
            case "S": sel.swapSpace = true; break;
            case "q": sel.queue = true; break;
            case "d": sel.disk = true; break;
            case "z": sel.zero = true; break;
            case "p": break;
            case "h": sel.human = true; break;
            case "V": return { stdout: SYSSTAT_VERSION };
            // -A, -B, -H, -I, -v, -y, -m, -F and the file/time-range options are not simulated
            default: return usage;
          }
        }
      } else if (/^\d+$/.test(a)) {
        if (intervalS < 0) {
          intervalS = Number(a);
          count = intervalS ? -1 : 1;
        } else if (count <= 0 || count === -1) {
          count = Number(a);
          if (count < 1 || !intervalS) return usage;
        } else return usage;
      } else return usage;
    }
    if (outputs(sel) === 0) sel.cpu = true;
    if (sel.cpu && !sel.cpuBits) {
      sel.cpuBits = new Array<boolean>(ncpu + 1).fill(false);
      sel.cpuBits[0] = true;
    }
    if (intervalS < 0 || fromFile) {
      const day = civilFromEpochMs(ctx.host.epochMs()).day;
      return { stdout: "", stderr: `Cannot open /var/log/sysstat/sa${pad(day)}: No such file or directory\nPlease check if data collecting is enabled\n`, exitCode: 2 };
    }
    const env = sysEnv(ctx);
    const f = new Fmt(env.color, sel.dplaces);
    const pr = new Printer(ctx, f, sel);
    const out = new Out(ctx);
    const t = (ms: number): string => sysTime(env, ms);
    out.emit(galHeader(ctx, env));
    const first = takeSample(ctx);
    const disHdr = outputs(sel) > 1 || (sel.cpu && (sel.cpuBits ?? []).filter(Boolean).length > 1) || (sel.dev || sel.edev ? first.net.length > 1 : false) || (sel.disk && first.disks.length > 1);
    if (!intervalS) {
      // since boot: previous sample is all zeros
      const zero: Sample = { ...first, uptimeCs: 0, cpus: first.cpus.map(() => ({ ...ZERO_CPU })), processes: 0, ctxt: 0, pswpin: 0, pswpout: 0, disks: [], net: [], tcp: { activeOpens: 0, passiveOpens: 0, inSegs: 0, outSegs: 0, attemptFails: 0, estabResets: 0, retransSegs: 0, inErrs: 0, outRsts: 0 } };
      out.emit(pr.report(zero, first, t(first.epochMs), t(first.epochMs), true, false));
      return { stdout: out.rest, evidence: [...pr.ev] };
    }
    const rows = ctx.isTty ? Math.max(1, ctx.rows - 2) : 3600 * 24;
    let lines = rows;
    const bounded = count > 0;
    let prev = first;
    let curr = first;
    for (;;) {
      if (!(await pause(ctx, intervalS, bounded))) break;
      curr = takeSample(ctx);
      let dish = true;
      if (!disHdr) {
        dish = Math.floor(lines / rows) > 0;
        if (dish) lines %= rows;
        lines++;
      }
      out.emit(pr.report(prev, curr, t(prev.epochMs), t(curr.epochMs), dish, false));
      if (count > 0) count--;
      if (!count) break;
      prev = curr;
    }
    if (pr.avgCount) out.emit(pr.report(first, curr, "Average:", "Average:", disHdr, true));
    return { stdout: out.rest, evidence: [...pr.ev] };
  },
});
