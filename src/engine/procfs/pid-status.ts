/**
 * /proc/PID/status, stat, statm and schedstat: the per-task views ps, top, pidstat and
 * people read. Layouts are the Debian 6.1 kernel's (no Kthread:/untag_mask: lines, which came
 * in 6.4); kernel threads and zombies have no mm, so they print no Vm* lines and zeros in the
 * memory fields. Memory comes from the task's RSS/VSZ/shared/swap, CPU from its USER_HZ ticks,
 * start time in ticks since boot.
 */
import type { Host } from "../host/host.js";
import type { Proc, ProcState } from "../host/types.js";
import { PROC_STATES } from "../host/types.js";
import {
  codeBase, defaultSigPending, fdTableSize, groupsOf, hashStr, isRealtime, kib, pgidOf, sidOf, stackTop, taskFlags, tpgidOf, ttyNr,
} from "./proc-ids.js";

/** A task's address-space summary in KiB (as status prints it); undefined without an mm. */
export interface VmLayout {
  peak: number;
  size: number;
  hwm: number;
  rss: number;
  anon: number;
  file: number;
  shmem: number;
  data: number;
  stk: number;
  exe: number;
  lib: number;
  pte: number;
  swap: number;
}

const EXE_KIB: Record<string, number> = { bash: 892, python3: 2860, gunicorn: 2860, nginx: 1116, postgres: 5964, systemd: 56, sshd: 900, cron: 36, "dbus-daemon": 168, rsyslogd: 424, agetty: 40, sleep: 16, java: 4, node: 45408 };
const LIB_KIB: Record<string, number> = { bash: 2044, python3: 5264, gunicorn: 5264, nginx: 5932, postgres: 9820, systemd: 11432, sshd: 9124, cron: 2408, "dbus-daemon": 5204, rsyslogd: 6168, agetty: 1736, sleep: 1528 };

export function hasMm(p: Proc): boolean {
  return !p.kthread && p.state !== "Z";
}

export function vmLayout(host: Host, p: Proc): VmLayout | undefined {
  if (!hasMm(p)) return undefined;
  const size = kib(p.vszKiB);
  const rss = kib(p.rssKiB);
  const file = Math.min(rss, kib(p.shrKiB));
  const anon = rss - file;
  const base = p.comm.replace(/^systemd-.*/, "systemd");
  const exe = Math.min(EXE_KIB[base] ?? EXE_KIB[p.comm] ?? 4 * (1 + (hashStr(p.comm) % 300)), Math.max(4, Math.floor(size / 8)));
  const lib = Math.min(LIB_KIB[base] ?? LIB_KIB[p.comm] ?? 1528 + Math.floor(size * 0.02 / 4) * 4, Math.max(0, size - exe - 132));
  const stk = 132;
  const room = Math.max(0, size - exe - lib - stk);
  const data = Math.min(room, Math.max(anon, Math.round((room * 0.55) / 4) * 4));
  return {
    peak: size,
    size,
    hwm: rss,
    rss,
    anon,
    file,
    shmem: 0,
    data,
    stk,
    exe,
    lib,
    pte: Math.ceil(host.pgtablesBytes(p) / 1024),
    swap: kib(p.swapKiB),
  };
}

/** "S (sleeping)" */
export function stateText(s: ProcState): string {
  return `${s} (${PROC_STATES[s]})`;
}

const SIG_MASKS: Record<string, [string, string]> = {
  bash: ["0000000000380004", "000000004b817efb"],
  systemd: ["0000000000001000", "00000001000004ec"],
  sshd: ["0000000000001000", "0000000180014000"],
  nginx: ["0000000000001000", "0000000018016a07"],
  postgres: ["0000000001001000", "0000000180006287"],
  python3: ["0000000001001000", "0000000180000002"],
  gunicorn: ["0000000001001000", "0000000188014a07"],
  cron: ["0000000000000000", "0000000000010001"],
  rsyslogd: ["0000000000001000", "0000000180014c23"],
  sleep: ["0000000000000000", "0000000000000000"],
};

/** [SigIgn, SigCgt] as 16-hex-digit masks. */
export function sigMasks(p: Proc): [string, string] {
  if (p.kthread) return ["ffffffffffffffff", "0000000000000000"];
  const base = p.comm.startsWith("systemd") ? "systemd" : p.comm;
  return SIG_MASKS[base] ?? ["0000000000001000", "0000000180000000"];
}

function cpuMask(n: number): [string, string] {
  const mask = (BigInt(1) << BigInt(n)) - BigInt(1);
  let hex = mask.toString(16);
  // the kernel groups the bitmap in 32-bit words separated by commas
  const words: string[] = [];
  while (hex.length > 8) {
    words.unshift(hex.slice(-8));
    hex = hex.slice(0, -8);
  }
  words.unshift(hex);
  return [words.join(","), n === 1 ? "0" : `0-${n - 1}`];
}

const MEMS_ALLOWED = `${"00000000,".repeat(31)}00000001`;

export function renderStatus(host: Host, p: Proc): string {
  const vm = vmLayout(host, p);
  const ids = `${p.uid}\t${p.uid}\t${p.uid}\t${p.uid}`;
  const gids = `${p.gid}\t${p.gid}\t${p.gid}\t${p.gid}`;
  const groups = groupsOf(host, p);
  const pgid = pgidOf(host, p);
  const sid = sidOf(host, p);
  const [ign, cgt] = sigMasks(p);
  const root = p.uid === 0;
  const [cpus, cpuList] = cpuMask(host.cpu.count);
  const kb = (v: number): string => `${String(v).padStart(8)} kB`;
  let s = "";
  s += `Name:\t${p.comm.slice(0, 15)}\n`;
  s += `Umask:\t0022\n`;
  s += `State:\t${stateText(p.state)}\n`;
  s += `Tgid:\t${p.pid}\nNgid:\t0\nPid:\t${p.pid}\nPPid:\t${p.ppid}\nTracerPid:\t0\n`;
  s += `Uid:\t${ids}\nGid:\t${gids}\n`;
  s += `FDSize:\t${p.kthread ? 64 : fdTableSize(p)}\n`;
  s += `Groups:\t${groups.join(" ")} \n`;
  s += `NStgid:\t${p.pid}\nNSpid:\t${p.pid}\nNSpgid:\t${pgid}\nNSsid:\t${sid}\n`;
  if (vm) {
    s += `VmPeak:\t${kb(vm.peak)}\nVmSize:\t${kb(vm.size)}\nVmLck:\t${kb(0)}\nVmPin:\t${kb(0)}\nVmHWM:\t${kb(vm.hwm)}\nVmRSS:\t${kb(vm.rss)}\n`;
    s += `RssAnon:\t${kb(vm.anon)}\nRssFile:\t${kb(vm.file)}\nRssShmem:\t${kb(vm.shmem)}\n`;
    s += `VmData:\t${kb(vm.data)}\nVmStk:\t${kb(vm.stk)}\nVmExe:\t${kb(vm.exe)}\nVmLib:\t${kb(vm.lib)}\nVmPTE:\t${kb(vm.pte)}\nVmSwap:\t${kb(vm.swap)}\n`;
    s += `HugetlbPages:\t${kb(0)}\nCoreDumping:\t0\nTHP_enabled:\t1\n`;
  }
  s += `Threads:\t${Math.max(1, p.threads)}\n`;
  s += `SigQ:\t0/${defaultSigPending(host)}\n`;
  s += `SigPnd:\t0000000000000000\n`;
  s += `ShdPnd:\t${p.pendingSignal ? (BigInt(1) << BigInt(p.pendingSignal - 1)).toString(16).padStart(16, "0") : "0000000000000000"}\n`;
  s += `SigBlk:\t${p.comm === "bash" ? "0000000000010000" : "0000000000000000"}\n`;
  s += `SigIgn:\t${ign}\nSigCgt:\t${cgt}\n`;
  s += `CapInh:\t0000000000000000\n`;
  s += `CapPrm:\t${root ? "000001ffffffffff" : "0000000000000000"}\n`;
  s += `CapEff:\t${root ? "000001ffffffffff" : "0000000000000000"}\n`;
  s += `CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n`;
  s += `NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n`;
  s += `Speculation_Store_Bypass:\tthread vulnerable\n`;
  s += `SpeculationIndirectBranch:\tconditional enabled\n`;
  s += `Cpus_allowed:\t${cpus}\nCpus_allowed_list:\t${cpuList}\n`;
  s += `Mems_allowed:\t${MEMS_ALLOWED}\nMems_allowed_list:\t0\n`;
  s += `voluntary_ctxt_switches:\t${Math.floor(p.nvcsw)}\nnonvoluntary_ctxt_switches:\t${Math.floor(p.nivcsw)}\n`;
  return s;
}

/** wait()-style exit code of a zombie: signal number, or status << 8. */
function exitCode(p: Proc): number {
  if (p.state !== "Z" || p.exitStatus === undefined) return 0;
  return p.exitStatus > 128 ? p.exitStatus - 128 : p.exitStatus << 8;
}

/** The 52 fields of /proc/PID/stat. */
export function renderPidStat(host: Host, p: Proc): string {
  const vm = vmLayout(host, p);
  const rt = isRealtime(p);
  const prio = rt ? -100 : 20 + p.nice;
  const [ign, cgt] = sigMasks(p);
  const low31 = (h: string): number => Number(BigInt("0x" + h) & BigInt(0x7fffffff));
  const sleeping = p.state !== "R" && p.state !== "Z";
  const base = codeBase(p);
  const top = stackTop(p);
  const mm = vm
    ? (() => {
        const endCode = base + vm.exe * 1024 + 0x1000 * (hashStr(p.comm) % 16);
        const startData = endCode + 0x3000 + 0x10000;
        const endData = startData + 0x2000 + (hashStr(p.comm + "d") % 64) * 0x100;
        const startBrk = base + 0x30000000 + (hashStr(`brk${p.pid}`) % 0xfff) * 0x1000;
        const argStart = top + 0x1d4c;
        const argLen = p.argv.join("\0").length + 1;
        const envStart = argStart + argLen;
        const envLen = (p.environ ?? []).join("\0").length + 1;
        return { startCode: base, endCode, startStack: top, startData, endData, startBrk, argStart, argEnd: argStart + argLen, envStart, envEnd: envStart + envLen };
      })()
    : undefined;
  const f: (string | number)[] = [
    p.pid,
    `(${p.comm.slice(0, 15)})`,
    p.state,
    p.ppid,
    pgidOf(host, p),
    sidOf(host, p),
    ttyNr(p.tty),
    tpgidOf(host, p),
    taskFlags(p),
    Math.floor(p.minflt),
    0,
    Math.floor(p.majflt),
    0,
    Math.floor(p.utimeTicks),
    Math.floor(p.stimeTicks),
    0,
    0,
    prio,
    rt ? 0 : p.nice,
    p.state === "Z" ? 1 : Math.max(1, p.threads),
    0,
    Math.floor(p.startMs / 10),
    vm ? vm.size * 1024 : 0,
    vm ? Math.floor(vm.rss / 4) : 0,
    "18446744073709551615",
    mm ? mm.startCode : 0,
    mm ? mm.endCode : 0,
    mm ? mm.startStack : 0,
    0,
    0,
    0,
    0,
    low31(ign),
    low31(cgt),
    sleeping ? 1 : 0,
    0,
    0,
    p.pid === 1 || p.pid === 2 ? 0 : 17,
    p.cpu,
    rt ? 99 : 0,
    rt ? 1 : 0,
    Math.floor(p.ioDelayTicks),
    0,
    0,
    mm ? mm.startData : 0,
    mm ? mm.endData : 0,
    mm ? mm.startBrk : 0,
    mm ? mm.argStart : 0,
    mm ? mm.argEnd : 0,
    mm ? mm.envStart : 0,
    mm ? mm.envEnd : 0,
    exitCode(p),
  ];
  return f.join(" ") + "\n";
}

/** size resident shared text lib data dt, in pages. */
export function renderStatm(host: Host, p: Proc): string {
  const vm = vmLayout(host, p);
  if (!vm) return "0 0 0 0 0 0 0\n";
  const pg = (k: number): number => Math.floor(k / 4);
  return `${pg(vm.size)} ${pg(vm.rss)} ${pg(vm.file + vm.shmem)} ${pg(vm.exe)} 0 ${pg(vm.data + vm.stk)} 0\n`;
}

/** run time (ns), run-queue wait (ns), timeslices. */
export function renderSchedstat(_host: Host, p: Proc): string {
  const runNs = Math.floor((p.utimeTicks + p.stimeTicks) * 10_000_000);
  const waitNs = Math.floor(runNs * 0.012 + p.nivcsw * 35_000);
  return `${runNs} ${waitNs} ${Math.floor(p.nvcsw + p.nivcsw)}\n`;
}
