/**
 * pidstat (sysstat 12.6.1): per-task statistics from /proc/PID/{stat,schedstat,status,io,
 * cmdline} and /proc/PID/task. Reports -u (CPU, default), -r (faults/VSZ/RSS/%MEM), -d (I/O
 * and iodelay; /proc/PID/io is owner-only, so unreadable tasks show -1.00 like the real tool),
 * -w (context switches), -h (all on one line), -t (threads), -l (full command line), -U,
 * -p {pid,...|SELF|ALL}, -C regex, -I, --dec=N. Without -p only tasks active in the interval
 * are listed; without an interval the figures are since boot. Interval/count prints an
 * "Average:" block, also on Ctrl-C (after a blank line for the echoed ^C).
 */
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { Fmt, NO_UNIT, Out, SYSSTAT_VERSION, UNIT_BYTE, UNIT_KILOBYTE, galHeader, interval, pause, readKeyed, readProc, readStat, readUptimeCs, sValue, sysEnv, sysTime } from "../iostat/sysstat.js";
import { threadIds, type Task as PsTask } from "../ps/proc-view.js";

export const PIDSTAT_USAGE =
  "Usage: pidstat [ options ] [ <interval> [ <count> ] ] [ -e <program> <args> ]\n" +
  "Options are:\n" +
  "[ -d ] [ -H ] [ -h ] [ -I ] [ -l ] [ -R ] [ -r ] [ -s ] [ -t ] [ -U [ <username> ] ]\n" +
  "[ -u ] [ -V ] [ -v ] [ -w ] [ -C <command> ] [ -G <process_name> ]\n" +
  "[ -p { <pid> [,...] | SELF | ALL } ] [ -T { TASK | CHILD | ALL } ]\n" +
  "[ --dec={ 0 | 1 | 2 } ] [ --human ]\n";

interface PStats {
  minflt: number;
  majflt: number;
  utime: number;
  stime: number;
  gtime: number;
  wtime: number;
  vsz: number;
  rss: number;
  processor: number;
  blkio: number;
  rb: number;
  wb: number;
  cb: number;
  nvcsw: number;
  nivcsw: number;
}

const ZERO: PStats = { minflt: 0, majflt: 0, utime: 0, stime: 0, gtime: 0, wtime: 0, vsz: 0, rss: 0, processor: 0, blkio: 0, rb: 0, wb: 0, cb: 0, nvcsw: 0, nivcsw: 0 };

interface Task {
  pid: number;
  /** thread group leader when this is a thread row (-t) */
  tgid?: number;
  uid: number;
  comm: string;
  cmdline: string;
  noIo: boolean;
  st: PStats;
}

interface Sample {
  epochMs: number;
  uptimeCs: number;
  totJiffies: number;
  /** key: "pid" or "tgid/tid" */
  tasks: Map<string, Task>;
  order: string[];
}

interface Opts {
  cpu: boolean;
  mem: boolean;
  io: boolean;
  ctxsw: boolean;
  oneline: boolean;
  threads: boolean;
  cmdline: boolean;
  irixOff: boolean;
  username: boolean;
  userFilter?: string;
  human: boolean;
  epochSecs: boolean;
  pids: number[];
  allPid: boolean;
  active: boolean;
  comm?: string;
  dplaces: number;
  interval: number;
  count: number;
  nActs: number;
}

function readTask(ctx: CommandContext, base: string, pid: number, o: Opts): Omit<Task, "tgid"> | undefined {
  const stat = readProc(ctx, `${base}/stat`);
  if (!stat) return undefined;
  const open = stat.indexOf("(");
  const close = stat.lastIndexOf(")");
  if (open < 0 || close < 0) return undefined;
  const comm = stat.slice(open + 1, close);
  const f = stat.slice(close + 2).trim().split(/\s+/);
  const n = (i: number): number => Number(f[i] ?? 0) || 0;
  const st: PStats = {
    ...ZERO,
    minflt: n(7), majflt: n(9), utime: n(11), stime: n(12), vsz: Math.floor(n(20) / 1024), rss: n(21) * 4,
    processor: n(36), blkio: n(39), gtime: n(40),
  };
  const sched = readProc(ctx, `${base}/schedstat`);
  if (sched) st.wtime = Math.floor((Number(sched.trim().split(/\s+/)[1] ?? 0) * 100) / 1e9);
  const status = readKeyed(ctx, `${base}/status`);
  const uid = status.get("Uid") ?? 0;
  st.nvcsw = status.get("voluntary_ctxt_switches") ?? 0;
  st.nivcsw = status.get("nonvoluntary_ctxt_switches") ?? 0;
  let noIo = true;
  if (o.io) {
    const io = readProc(ctx, `${base}/io`);
    if (io !== undefined) {
      noIo = false;
      const k = new Map(io.split("\n").map((l) => l.split(":").map((x) => x.trim()) as [string, string]));
      st.rb = Number(k.get("read_bytes") ?? 0);
      st.wb = Number(k.get("write_bytes") ?? 0);
      st.cb = Number(k.get("cancelled_write_bytes") ?? 0);
    }
  }
  let cmdline = "";
  if (o.cmdline) {
    const raw = readProc(ctx, `${base}/cmdline`) ?? "";
    cmdline = raw.replace(/\0+$/, "").replace(/\0/g, " ");
  }
  return { pid, uid, comm, cmdline, noIo, st };
}

function takeSample(ctx: CommandContext, o: Opts): Sample {
  const tasks = new Map<string, Task>();
  const order: string[] = [];
  const st = readStat(ctx);
  const c = st.cpu;
  const totJiffies = c.user + c.nice + c.sys + c.idle + c.iowait + c.hardirq + c.steal + c.softirq;
  let pids: number[];
  if (o.allPid) {
    let names: string[] = [];
    try {
      names = ctx.host.vfs.readdir("/proc", ctx.cred);
    } catch {
      names = [];
    }
    pids = names.filter((x) => /^\d+$/.test(x)).map(Number).sort((a, b) => a - b);
    for (const p of o.pids) if (!pids.includes(p)) pids.push(p);
    pids.sort((a, b) => a - b);
  } else pids = o.pids;
  for (const pid of pids) {
    const t = readTask(ctx, `/proc/${pid}`, pid, o);
    if (!t) continue;
    tasks.set(String(pid), t);
    order.push(String(pid));
    if (o.threads) {
      let tids: string[] = [];
      try {
        tids = ctx.host.vfs.readdir(`/proc/${pid}/task`, ctx.cred);
      } catch {
        tids = [];
      }
      const proc = ctx.host.procs.get(pid);
      const listed = tids.filter((x) => /^\d+$/.test(x)).map(Number).sort((a, b) => a - b);
      if (proc && proc.threads > 1 && listed.length <= 1) {
        // /proc/PID/task lists only the leader: split the process's counters over its threads
        // the way ps -L / top -H do (busy threads share the CPU time, the rest sleep)
        const ids = threadIds(ctx.host, { pid } as PsTask);
        const busy = Math.max(1, Math.min(ids.length, Math.ceil(proc.cpuDemand - 0.05)));
        ids.forEach((tid, i) => {
          const share = (v: number): number => (i < busy ? Math.floor(v / busy) + (i === 0 ? v - Math.floor(v / busy) * busy : 0) : 0);
          const key = `${pid}/${tid}`;
          tasks.set(key, { ...t, pid: tid, tgid: pid, st: { ...t.st, utime: share(t.st.utime), stime: share(t.st.stime), wtime: share(t.st.wtime), gtime: share(t.st.gtime), minflt: share(t.st.minflt), majflt: share(t.st.majflt), blkio: share(t.st.blkio), rb: share(t.st.rb), wb: share(t.st.wb), cb: share(t.st.cb), nvcsw: share(t.st.nvcsw), nivcsw: share(t.st.nivcsw) } });
          order.push(key);
        });
        continue;
      }
      for (const tid of listed) {
        const th = readTask(ctx, `/proc/${pid}/task/${tid}`, tid, o);
        if (!th) continue;
        const key = `${pid}/${tid}`;
        tasks.set(key, { ...th, tgid: pid });
        order.push(key);
      }
    }
  }
  return { epochMs: ctx.host.epochMs(), uptimeCs: readUptimeCs(ctx), totJiffies, tasks, order };
}

type Act = "cpu" | "mem" | "io" | "ctxsw";

function isActive(acts: Act[], c: PStats, p: PStats, noIo: boolean): boolean {
  for (const a of acts) {
    if (a === "cpu" && (c.utime !== p.utime || c.stime !== p.stime)) return true;
    if (a === "mem" && (c.minflt !== p.minflt || c.majflt !== p.majflt || c.vsz !== p.vsz || c.rss !== p.rss)) return true;
    if (a === "io" && (c.blkio !== p.blkio || (!noIo && (c.rb !== p.rb || c.wb !== p.wb || c.cb !== p.cb)))) return true;
    if (a === "ctxsw" && (c.nvcsw !== p.nvcsw || c.nivcsw !== p.nivcsw)) return true;
  }
  return false;
}

class Reporter {
  /** running sums for the VSZ/RSS averages, per task key */
  memSum = new Map<string, { vsz: number; rss: number; n: number }>();
  delayCount = new Map<string, number>();
  ev = new Set<string>();
  constructor(readonly ctx: CommandContext, readonly f: Fmt, readonly o: Opts, readonly tlmkb: number) {}

  private userName(uid: number): string | undefined {
    const u = this.ctx.host.users.find((x) => x.uid === uid);
    return u?.name;
  }

  private idHdr(ts: string): string {
    let s = `\n${ts.padEnd(11)}`;
    s += this.o.username ? "     USER" : "   UID";
    s += this.o.threads ? "      TGID       TID" : "       PID";
    return s;
  }

  private lineId(ts: string, t: Task, displayed: Set<number>): string {
    const f = this.f;
    let s = ts.padEnd(11);
    const name = this.o.username ? this.userName(t.uid) : undefined;
    s += name !== undefined ? f.item(` ${name.padStart(8)}`) : f.item(` ${String(t.uid).padStart(5)}`);
    if (this.o.threads) {
      if (t.tgid !== undefined) {
        if (displayed.has(t.tgid)) s += f.item(`         - ${String(t.pid).padStart(9)}`);
        else s += f.item(` ${String(t.tgid).padStart(9)}`) + f.item(` ${String(t.pid).padStart(9)}`);
      } else s += f.item(` ${String(t.pid).padStart(9)}         -`);
    } else s += f.item(` ${String(t.pid).padStart(9)}`);
    return s;
  }

  private comm(t: Task, displayed: Set<number>, tasks: Map<string, Task>): string {
    const name = this.o.cmdline && t.cmdline && t.tgid === undefined ? t.cmdline : t.comm;
    if (t.tgid !== undefined) {
      if (displayed.has(t.tgid)) return this.f.str(true, `  |__${name}\n`);
      displayed.add(t.tgid);
      return this.f.str(false, `  (${tasks.get(String(t.tgid))?.comm ?? ""})`) + this.f.str(true, `__${name}\n`);
    }
    return this.f.str(false, `  ${name}\n`);
  }

  /** get_pid_to_display: 0 gone, -1 hidden, 1 shown */
  private toDisplay(acts: Act[], t: Task, p: PStats, displayed: Set<number>): number {
    if (t.tgid === undefined) displayed.delete(t.pid);
    if (this.o.active && (this.o.allPid || this.o.threads) && !isActive(acts, t.st, p, t.noIo)) return -1;
    if (this.o.comm !== undefined) {
      const name = this.o.cmdline && t.cmdline && t.tgid === undefined ? t.cmdline : t.comm;
      let re: RegExp;
      try {
        re = new RegExp(this.o.comm);
      } catch {
        return -1;
      }
      if (!re.test(name)) return -1;
    }
    if (this.o.userFilter !== undefined) {
      const n = this.userName(t.uid);
      if (n !== undefined && n !== this.o.userFilter) return -1;
    }
    if (t.tgid === undefined) displayed.add(t.pid);
    return 1;
  }

  private cpuCols(c: PStats, p: PStats, itv: number, deltot: number): string {
    return this.f.pc(this.o.human, 7, 2,
      c.utime - c.gtime < p.utime - p.gtime ? 0 : sValue(p.utime - p.gtime, c.utime - c.gtime, itv),
      sValue(p.stime, c.stime, itv),
      sValue(p.gtime, c.gtime, itv),
      sValue(p.wtime, c.wtime, itv),
      this.o.irixOff ? sValue(p.utime + p.stime, c.utime + c.stime, deltot) : sValue(p.utime + p.stime, c.utime + c.stime, itv));
  }

  private ioCols(t: Task, c: PStats, p: PStats, itv: number): string {
    if (t.noIo) return this.f.str(true, ` ${"-1.00".padStart(9)} ${"-1.00".padStart(9)} ${"-1.00".padStart(9)}`);
    let rb = sValue(p.rb, c.rb, itv);
    let wb = sValue(p.wb, c.wb, itv);
    let cb = sValue(p.cb, c.cb, itv);
    if (!this.o.human) {
      rb /= 1024;
      wb /= 1024;
      cb /= 1024;
    }
    return this.f.f(this.o.human ? UNIT_BYTE : NO_UNIT, 9, 2, rb, wb, cb);
  }

  table(act: Act | "all", prevTs: string, currTs: string, prev: Sample | undefined, curr: Sample, dis: boolean, avg: boolean): { text: string; again: boolean } {
    const f = this.f;
    const o = this.o;
    const itv = interval(prev?.uptimeCs ?? 0, curr.uptimeCs);
    const deltot = interval(prev?.totJiffies ?? 0, curr.totJiffies);
    const acts: Act[] = act === "all" ? (["cpu", "mem", "io", "ctxsw"] as Act[]).filter((a) => o[a]) : [act];
    let s = "";
    if (dis) {
      s += this.idHdr(prevTs);
      if (act === "all") {
        if (o.cpu) s += "    %usr %system  %guest   %wait    %CPU   CPU";
        if (o.mem) s += "  minflt/s  majflt/s     VSZ     RSS   %MEM";
        if (o.io) s += "   kB_rd/s   kB_wr/s kB_ccwr/s iodelay";
        if (o.ctxsw) s += "   cswch/s nvcswch/s";
        s += "  Command\n";
      } else if (act === "cpu") s += "    %usr %system  %guest   %wait    %CPU   CPU  Command\n";
      else if (act === "mem") s += "  minflt/s  majflt/s     VSZ     RSS   %MEM  Command\n";
      else if (act === "io") s += "   kB_rd/s   kB_wr/s kB_ccwr/s iodelay  Command\n";
      else s += "   cswch/s nvcswch/s  Command\n";
    }
    const displayed = new Set<number>();
    let again = false;
    for (const key of curr.order) {
      const t = curr.tasks.get(key)!;
      const p = prev?.tasks.get(key)?.st ?? ZERO;
      const c = t.st;
      const rc = this.toDisplay(acts, t, p, displayed);
      if (acts.includes("mem") && !avg && act === "mem") {
        const m = this.memSum.get(key) ?? { vsz: 0, rss: 0, n: 0 };
        m.vsz += c.vsz;
        m.rss += c.rss;
        m.n += 1;
        this.memSum.set(key, m);
      }
      if (act === "io" && !avg) this.delayCount.set(key, (this.delayCount.get(key) ?? 0) + 1);
      if (rc <= 0) continue;
      const pidForEv = t.tgid ?? t.pid;
      s += this.lineId(currTs, t, displayed);
      if (acts.includes("cpu")) {
        s += this.cpuCols(c, p, itv, deltot);
        s += act === "all" || !avg ? f.item(`   ${String(c.processor).padStart(3)}`) : f.item("     -");
        this.ev.add(`proc:${pidForEv}:cpu`);
      }
      if (acts.includes("mem")) {
        s += f.f(NO_UNIT, 9, 2, sValue(p.minflt, c.minflt, itv), sValue(p.majflt, c.majflt, itv));
        const m = this.memSum.get(key);
        if (avg && act === "mem" && m && m.n) {
          s += f.f(o.human ? UNIT_KILOBYTE : NO_UNIT, 7, 0, m.vsz / m.n, m.rss / m.n);
          s += f.pc(o.human, 6, 2, this.tlmkb ? ((Math.floor(m.rss / m.n)) / this.tlmkb) * 100 : 0);
        } else {
          s += f.u64(o.human ? UNIT_KILOBYTE : NO_UNIT, 7, c.vsz, c.rss);
          s += f.pc(o.human, 6, 2, this.tlmkb ? (c.rss / this.tlmkb) * 100 : 0);
        }
        this.ev.add(`proc:${pidForEv}:mem`);
      }
      if (acts.includes("io")) {
        s += this.ioCols(t, c, p, itv);
        const n = this.delayCount.get(key) ?? 1;
        if (avg && act === "io") s += f.f(NO_UNIT, 7, 0, (c.blkio - p.blkio) / n);
        else s += f.u64(NO_UNIT, 7, c.blkio - p.blkio);
        this.ev.add(`proc:${pidForEv}:io`);
      }
      if (acts.includes("ctxsw")) s += f.f(NO_UNIT, 9, 2, sValue(p.nvcsw, c.nvcsw, itv), sValue(p.nivcsw, c.nivcsw, itv));
      s += this.comm(t, displayed, curr.tasks);
      again = true;
    }
    return { text: s, again };
  }

  report(prevTs: string, currTs: string, prev: Sample | undefined, curr: Sample, dis: boolean, avg: boolean): { text: string; again: boolean } {
    const o = this.o;
    let text = "";
    let again = false;
    const acts: (Act | "all")[] = o.oneline ? ["all"] : (["cpu", "mem", "io", "ctxsw"] as Act[]).filter((a) => o[a]);
    for (const a of acts) {
      const r = this.table(a, prevTs, currTs, prev, curr, dis, avg);
      text += r.text;
      again ||= r.again;
    }
    if (o.allPid) again = true;
    return { text, again };
  }
}

function parse(ctx: CommandContext, argv: string[]): { ok: true; o: Opts } | { ok: false; stdout?: string; stderr?: string; exitCode: number } {
  const usage = { ok: false as const, stderr: PIDSTAT_USAGE, exitCode: 1 };
  const o: Opts = { cpu: false, mem: false, io: false, ctxsw: false, oneline: false, threads: false, cmdline: false, irixOff: false, username: false, human: false, epochSecs: false, pids: [], allPid: false, active: false, dplaces: -1, interval: -1, count: 0, nActs: 0 };
  let pidGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-p") {
      const v = argv[++i];
      if (v === undefined) return usage;
      pidGiven = true;
      for (const t of v.split(",").filter(Boolean)) {
        if (t === "ALL") o.allPid = true;
        else if (t === "SELF") o.pids.push(ctx.pid);
        else {
          if (!/^\d+$/.test(t) || Number(t) < 1) return usage;
          o.pids.push(Number(t));
        }
      }
    } else if (a === "-C") {
      const v = argv[++i];
      if (v === undefined || v === "") return usage;
      o.comm = v;
    } else if (a === "-U") {
      o.username = true;
      const v = argv[i + 1];
      if (v !== undefined && !v.startsWith("-") && !/^\d*$/.test(v)) {
        o.userFilter = v;
        i++;
      }
    } else if (a === "--human") o.human = true;
    else if (a.startsWith("--dec=") && a.length === 7) {
      o.dplaces = Number(a.slice(6));
      if (!(o.dplaces >= 0 && o.dplaces <= 2)) return usage;
    } else if (a === "-e" || a === "-G" || a === "-T") return usage;
    else if (a.startsWith("-")) {
      if (a === "-") return usage;
      for (const ch of a.slice(1)) {
        switch (ch) {
          case "d": o.io = true; o.nActs++; break;
          case "H": o.epochSecs = true; break;
          case "h": o.oneline = true; break;
          case "I": o.irixOff = true; break;
          case "l": o.cmdline = true; break;
          case "r": o.mem = true; o.nActs++; break;
          case "t": o.threads = true; break;
          case "U": o.username = true; break;
          case "u": o.cpu = true; o.nActs++; break;
          case "w": o.ctxsw = true; o.nActs++; break;
          case "V": return { ok: false, stdout: SYSSTAT_VERSION, exitCode: 0 };
          // -R, -s and -v report scheduling, stack and kernel-table data the simulator does not model
          default: return usage;
        }
      }
    } else if (o.interval < 0) {
      if (!/^\d*$/.test(a)) return usage;
      o.interval = Number(a);
      o.count = -1;
    } else if (o.count <= 0) {
      if (!/^\d*$/.test(a) || !o.interval) return usage;
      o.count = Number(a);
      if (o.count < 1) return usage;
    } else return usage;
  }
  if (o.interval < 0) o.interval = 0;
  if (!o.cpu && !o.mem && !o.io && !o.ctxsw) o.cpu = true;
  if (!pidGiven) {
    o.active = true;
    o.allPid = true;
  }
  return { ok: true, o };
}

export const pidstatCommand = defineCommand({
  name: "pidstat",
  summary: "Report statistics for Linux tasks.",
  usage: "pidstat [ options ] [ <interval> [ <count> ] ] [ -e <program> <args> ]",
  options: [],
  parse: "raw",
  async run(ctx, _o, _ops, argv) {
    const p = parse(ctx, argv);
    if (!p.ok) return { stdout: p.stdout ?? "", stderr: p.stderr, exitCode: p.exitCode };
    const o = p.o;
    const pidGiven = !(o.active && o.allPid);
    let disHdr = o.nActs - 1;
    if (!pidGiven) disHdr = 1;
    const env = sysEnv(ctx);
    const f = new Fmt(env.color, o.dplaces);
    const out = new Out(ctx);
    const tlmkb = readKeyed(ctx, "/proc/meminfo").get("MemTotal") ?? 0;
    const rep = new Reporter(ctx, f, o, tlmkb);
    const ts = (ms: number): string => (o.oneline ? "" : o.epochSecs ? String(Math.floor(ms / 1000)) : sysTime(env, ms));
    out.emit(galHeader(ctx, env));
    const first = takeSample(ctx, o);
    const hdrTs = (ms: number): string => (o.oneline ? "# Time     " : ts(ms));
    const rowTs = (ms: number): string => (o.oneline ? (o.epochSecs ? String(Math.floor(ms / 1000)) : sysTime(env, ms)) : ts(ms));
    if (!o.interval) {
      out.emit(rep.report(hdrTs(first.epochMs), rowTs(first.epochMs), undefined, first, true, false).text);
      return { stdout: out.rest, evidence: [...rep.ev] };
    }
    const bounded = o.count > 0;
    if (!(await pause(ctx, o.interval, bounded))) return { stdout: out.rest, evidence: [...rep.ev] };
    const rows = ctx.isTty ? Math.max(1, ctx.rows - 2) : 3600 * 24;
    let lines = rows;
    let prev = first;
    let curr = first;
    let count = o.count;
    for (;;) {
      curr = takeSample(ctx, o);
      let dis = true;
      if (disHdr <= 0) {
        dis = Math.floor(lines / rows) > 0;
        if (dis) lines %= rows;
        lines++;
      }
      const r = rep.report(hdrTs(prev.epochMs), rowTs(curr.epochMs), prev, curr, dis, false);
      out.emit(r.text);
      if (!r.again) return { stdout: out.rest, evidence: [...rep.ev] };
      if (count > 0) count--;
      if (!count) break;
      const ok = await pause(ctx, o.interval, bounded);
      if (!ok) {
        out.emit("\n");
        break;
      }
      prev = curr;
    }
    if (!o.oneline) out.emit(rep.report("Average:", "Average:", first, curr, disHdr > 0, true).text);
    return { stdout: out.rest, evidence: [...rep.ev] };
  },
});
