/**
 * Small top-level /proc files: loadavg, uptime, version, the kernel command line, the PSI
 * files under pressure/, sys/fs/file-nr, and cpuinfo (one block per CPU from host.cpu).
 */
import type { Host } from "../host/host.js";
import { formatLoad } from "../host/loadavg.js";
import { openFdsOf } from "./proc-ids.js";

/** "3.72 2.76 1.79 4/121 16442": loads, runnable/total tasks, last pid. */
export function renderLoadavg(host: Host): string {
  let tasks = 0;
  for (const p of host.procs.values()) tasks += p.state === "Z" ? 1 : p.threads;
  const running = Math.max(1, host.cpu.nrRunning + 1);
  return `${formatLoad(host.avenrun[0])} ${formatLoad(host.avenrun[1])} ${formatLoad(host.avenrun[2])} ${running}/${tasks} ${host.nextPid - 1}\n`;
}

/** "8351.42 16110.24": uptime and summed idle seconds of all CPUs. */
export function renderUptime(host: Host): string {
  const up = host.nowMs / 1000;
  let idle = 0;
  for (const c of host.cpu.perCpu) idle += c.idle;
  return `${up.toFixed(2)} ${(idle / 100).toFixed(2)}\n`;
}

/** The compiler banner of the running kernel (Debian's build of host.kernelRelease). */
export function renderVersion(host: Host): string {
  return `Linux version ${host.kernelRelease} (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) ${host.kernelVersion}\n`;
}

/** /proc/cmdline: the boot's "Command line:" kernel message, or Debian's default. */
export function renderKernelCmdline(host: Host): string {
  const k = host.kmsg.find((e) => e.text.startsWith("Command line: "));
  if (k) return k.text.slice("Command line: ".length) + "\n";
  return `BOOT_IMAGE=/boot/vmlinuz-${host.kernelRelease} root=UUID=3b1f1c2e-7c4a-4f3e-9d0a-2a51e0c3b8d1 ro console=tty0 console=ttyS0,115200\n`;
}

/** "avg10=38.87": a percentage with two decimals, as the kernel's LOAD_INT/LOAD_FRAC print it. */
function pct(v: number): string {
  const c = Math.max(0, Math.min(100, v));
  return (Math.floor(c * 100 + 0.5) / 100).toFixed(2);
}

function psiLine(kind: "some" | "full", avg: readonly number[], totalUs: number): string {
  return `${kind} avg10=${pct(avg[0] ?? 0)} avg60=${pct(avg[1] ?? 0)} avg300=${pct(avg[2] ?? 0)} total=${Math.max(0, Math.floor(totalUs))}\n`;
}

export function renderPressureCpu(host: Host): string {
  const p = host.pressure;
  return psiLine("some", p.cpuAvg, p.cpuSomeUs) + psiLine("full", [0, 0, 0], 0);
}

export function renderPressureIo(host: Host): string {
  const p = host.pressure;
  return psiLine("some", p.ioSomeAvg, p.ioSomeUs) + psiLine("full", p.ioFullAvg, p.ioFullUs);
}

export function renderPressureMemory(host: Host): string {
  const p = host.pressure;
  return psiLine("some", p.memSomeAvg, p.memSomeUs) + psiLine("full", p.memFullAvg, p.memFullUs);
}

/** "741\t0\t9223372036854775807": allocated file handles, free (always 0), fs.file-max. */
export function renderFileNr(host: Host): string {
  let open = 0;
  let tasks = 0;
  for (const p of host.procs.values()) {
    if (p.state === "Z") continue;
    open += openFdsOf(host, p).length;
    if (!p.kthread) tasks++;
  }
  // beyond the modelled fds: each task's exe/mappings hold a few, plus the kernel's own
  const allocated = 288 + open + tasks * 3;
  return `${allocated}\t0\t${host.sysctl.get("fs.file-max") ?? "9223372036854775807"}\n`;
}

interface CpuIdentity {
  vendor: string;
  family: number;
  model: number;
  stepping: number;
  microcode: string;
  cacheKb: number;
  cpuidLevel: number;
  flags: string;
  bugs: string;
  addressSizes: string;
}

const INTEL_FLAGS =
  "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch cpuid_fault invpcid_single ssbd ibrs ibpb stibp ibrs_enhanced fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid mpx avx512f avx512dq rdseed adx smap clflushopt clwb avx512cd avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves arat pku ospke avx512_vnni md_clear arch_capabilities";
const AMD_FLAGS =
  "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl nonstop_tsc cpuid extd_apicid tsc_known_freq pni pclmulqdq ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm cmp_legacy cr8_legacy abm sse4a misalignsse 3dnowprefetch topoext ssbd ibrs ibpb stibp vmmcall fsgsbase bmi1 avx2 smep bmi2 rdseed adx smap clflushopt clwb sha_ni xsaveopt xsavec xgetbv1 clzero xsaveerptr wbnoinvd arat npt nrip_save rdpid";

function identity(model: string): CpuIdentity {
  if (/AMD/i.test(model)) {
    return { vendor: "AuthenticAMD", family: 23, model: 49, stepping: 0, microcode: "0x1000065", cacheKb: 512, cpuidLevel: 13, flags: AMD_FLAGS, bugs: "sysret_ss_attrs spectre_v1 spectre_v2 spec_store_bypass retbleed smt_rsb srso", addressSizes: "48 bits physical, 48 bits virtual" };
  }
  return { vendor: "GenuineIntel", family: 6, model: 85, stepping: 7, microcode: "0x5003604", cacheKb: 36608, cpuidLevel: 13, flags: INTEL_FLAGS, bugs: "spectre_v1 spectre_v2 spec_store_bypass swapgs taa itlb_multihit mmio_stale_data retbleed eibrs_pbrsb gds", addressSizes: "46 bits physical, 48 bits virtual" };
}

export function renderCpuinfo(host: Host): string {
  const id = identity(host.cpu.model);
  const n = host.cpu.count;
  const mhz = host.cpu.mhz.toFixed(3);
  const bogo = (Math.floor(host.cpu.mhz * 2 * 100) / 100).toFixed(2);
  let s = "";
  for (let i = 0; i < n; i++) {
    s += `processor\t: ${i}\n`;
    s += `vendor_id\t: ${id.vendor}\n`;
    s += `cpu family\t: ${id.family}\n`;
    s += `model\t\t: ${id.model}\n`;
    s += `model name\t: ${host.cpu.model}\n`;
    s += `stepping\t: ${id.stepping}\n`;
    s += `microcode\t: ${id.microcode}\n`;
    s += `cpu MHz\t\t: ${mhz}\n`;
    s += `cache size\t: ${id.cacheKb} KB\n`;
    s += `physical id\t: 0\n`;
    s += `siblings\t: ${n}\n`;
    s += `core id\t\t: ${i}\n`;
    s += `cpu cores\t: ${n}\n`;
    s += `apicid\t\t: ${i}\n`;
    s += `initial apicid\t: ${i}\n`;
    s += `fpu\t\t: yes\n`;
    s += `fpu_exception\t: yes\n`;
    s += `cpuid level\t: ${id.cpuidLevel}\n`;
    s += `wp\t\t: yes\n`;
    s += `flags\t\t: ${id.flags}\n`;
    s += `bugs\t\t: ${id.bugs}\n`;
    s += `bogomips\t: ${bogo}\n`;
    s += `clflush size\t: 64\n`;
    s += `cache_alignment\t: 64\n`;
    s += `address sizes\t: ${id.addressSizes}\n`;
    s += `power management:\n\n`;
  }
  return s;
}
