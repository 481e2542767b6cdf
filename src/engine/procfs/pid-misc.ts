/**
 * The remaining per-PID files: limits (RLIMIT table with the kernel's column widths), io
 * (task I/O accounting), stack and wchan (kernel wait point), cgroup (v2 "0::/path"),
 * oom_score/oom_score_adj, environ, maps (a short plausible mapping list whose sizes follow
 * the task's VSZ), loginuid/sessionid and the exe path shared with the fd/exe links.
 */
import type { Host } from "../host/host.js";
import type { Proc } from "../host/types.js";
import { stackOf } from "./kernel-stacks.js";
import { cgroupPathOf, codeBase, defaultSigPending, hashStr, loginOf, stackTop } from "./proc-ids.js";
import { vmLayout } from "./pid-status.js";

export function renderLimits(host: Host, p: Proc): string {
  const np = defaultSigPending(host);
  const rows: [string, string | number, string | number, string][] = [
    ["Max cpu time", "unlimited", "unlimited", "seconds"],
    ["Max file size", "unlimited", "unlimited", "bytes"],
    ["Max data size", "unlimited", "unlimited", "bytes"],
    ["Max stack size", 8388608, "unlimited", "bytes"],
    ["Max core file size", 0, "unlimited", "bytes"],
    ["Max resident set", "unlimited", "unlimited", "bytes"],
    ["Max processes", np, np, "processes"],
    ["Max open files", p.nofileSoft, p.nofileHard, "files"],
    ["Max locked memory", 8388608, 8388608, "bytes"],
    ["Max address space", "unlimited", "unlimited", "bytes"],
    ["Max file locks", "unlimited", "unlimited", "locks"],
    ["Max pending signals", np, np, "signals"],
    ["Max msgqueue size", 819200, 819200, "bytes"],
    ["Max nice priority", 0, 0, ""],
    ["Max realtime priority", 0, 0, ""],
    ["Max realtime timeout", "unlimited", "unlimited", "us"],
  ];
  let s = `${"Limit".padEnd(25)} ${"Soft Limit".padEnd(20)} ${"Hard Limit".padEnd(20)} ${"Units".padEnd(10)}\n`;
  for (const [name, soft, hard, unit] of rows) {
    const v = (x: string | number): string => (typeof x === "number" && x >= 2 ** 63 - 1 ? "unlimited" : String(x));
    s += `${name.padEnd(25)} ${v(soft).padEnd(20)} ${v(hard).padEnd(20)} ${unit ? unit.padEnd(10) : ""}\n`;
  }
  return s;
}

export function renderIo(_host: Host, p: Proc): string {
  const rchar = Math.floor(p.rchar);
  const wchar = Math.floor(p.wchar);
  const syscr = p.kthread ? 0 : Math.floor(rchar / 3072) + Math.floor(p.nvcsw / 2);
  const syscw = Math.floor(wchar / 1536) + (wchar > 0 ? 1 : 0);
  const cancelled = p.fds.some((f) => f.deleted) ? Math.floor(p.writeBytes * 0.01 / 4096) * 4096 : 0;
  return `rchar: ${rchar}\nwchar: ${wchar}\nsyscr: ${syscr}\nsyscw: ${syscw}\nread_bytes: ${Math.floor(p.readBytes / 4096) * 4096}\nwrite_bytes: ${Math.floor(p.writeBytes / 4096) * 4096}\ncancelled_write_bytes: ${cancelled}\n`;
}

export function renderStack(_host: Host, p: Proc): string {
  return stackOf(p).map((f) => `[<0>] ${f}\n`).join("");
}

/** The symbol the task sleeps in, without a newline; "0" while running. */
export function renderWchan(_host: Host, p: Proc): string {
  if (p.state === "R" || p.state === "Z" || !p.wchan || p.wchan === "-") return "0";
  if (p.state === "T") return "do_signal_stop";
  if (p.kthread && p.comm === "kthreadd") return "kthreadd";
  return p.wchan;
}

export function renderCgroup(host: Host, p: Proc): string {
  return `0::${cgroupPathOf(host, p)}\n`;
}

export function renderOomScore(host: Host, p: Proc): string {
  return `${p.kthread || p.state === "Z" || p.pid === 1 ? 0 : host.oomScore(p)}\n`;
}

export function renderOomScoreAdj(_host: Host, p: Proc): string {
  return `${p.oomScoreAdj}\n`;
}

/** The legacy oom_adj view of oom_score_adj (-17..15). */
export function renderOomAdj(_host: Host, p: Proc): string {
  if (p.oomScoreAdj === 1000) return "15\n";
  return `${Math.trunc((p.oomScoreAdj * 17) / 1000)}\n`;
}

const DEFAULT_ENV = ["LANG=C.UTF-8", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"];

export function renderEnviron(host: Host, p: Proc): string {
  if (p.kthread || p.state === "Z") return "";
  let env = p.environ;
  if (!env && p.pid === 1) env = ["HOME=/", "init=/sbin/init", "NETWORK_SKIP_ENSLAVED=", "TERM=linux", `BOOT_IMAGE=/boot/vmlinuz-${host.kernelRelease}`, "drop_caps=", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "PWD=/", "rootmnt=/root"];
  if (!env) {
    const u = host.users.find((x) => x.uid === p.uid);
    if (loginOf(host, p)) env = [`USER=${u?.name ?? "root"}`, `LOGNAME=${u?.name ?? "root"}`, `HOME=${u?.home ?? "/root"}`, "PATH=/usr/local/bin:/usr/bin:/bin:/usr/games", `SHELL=${u?.shell ?? "/bin/bash"}`, "TERM=xterm-256color", "LANG=C.UTF-8"];
    else if (p.unit) env = [...DEFAULT_ENV, `INVOCATION_ID=${hashStr(p.unit).toString(16).padStart(8, "0")}${hashStr(p.unit + "i").toString(16).padStart(8, "0")}${hashStr(p.unit + "j").toString(16).padStart(8, "0")}${hashStr(p.unit + "k").toString(16).padStart(8, "0")}`, "JOURNAL_STREAM=8:" + (14000 + (hashStr(p.unit) % 9000)), "SYSTEMD_EXEC_PID=" + (host.services.get(p.unit)?.mainPid || p.pid)];
    else env = DEFAULT_ENV;
  }
  return env.length ? env.join("\0") + "\0" : "";
}

/** The executable path /proc/PID/exe points at. */
export function exePath(p: Proc): string {
  if (p.exe) return p.exe;
  const a0 = p.argv[0] ?? "";
  if (a0 === "/sbin/init") return "/usr/lib/systemd/systemd";
  if (a0 === "/usr/bin/python3") return "/usr/bin/python3.11";
  if (a0.startsWith("/")) return a0.replace(/^\/(bin|sbin|lib)\//, "/usr/$1/");
  if (p.comm === "nginx") return "/usr/sbin/nginx";
  if (p.comm === "sshd") return "/usr/sbin/sshd";
  if (p.comm === "postgres") return "/usr/lib/postgresql/15/bin/postgres";
  if (p.comm === "bash") return "/usr/bin/bash";
  return `/usr/bin/${p.comm}`;
}

const hex = (n: number, w = 0): string => n.toString(16).padStart(w, "0");

export function renderMaps(host: Host, p: Proc): string {
  const vm = vmLayout(host, p);
  if (!vm) return "";
  const rows: string[] = [];
  const add = (start: number, end: number, perm: string, off: number, dev: string, ino: number, name?: string): void => {
    const head = `${hex(start)}-${hex(end)} ${perm} ${hex(off, 8)} ${dev} ${ino} `;
    rows.push(name ? head.padEnd(72) + " " + name : head);
  };
  const exe = exePath(p);
  const exeIno = 260000 + (hashStr(exe) % 90000);
  const base = codeBase(p);
  const exeBytes = Math.max(4, vm.exe) * 1024;
  const seg = (n: number): number => Math.max(0x1000, Math.floor(n / 0x1000) * 0x1000);
  const ro1 = seg(exeBytes * 0.2);
  const text = seg(exeBytes * 0.6);
  const ro2 = seg(exeBytes * 0.15);
  let a = base;
  add(a, a + ro1, "r--p", 0, "fe:01", exeIno, exe);
  add(a + ro1, a + ro1 + text, "r-xp", ro1, "fe:01", exeIno, exe);
  a += ro1 + text;
  add(a, a + ro2, "r--p", ro1 + text, "fe:01", exeIno, exe);
  add(a + ro2, a + ro2 + 0x1000, "r--p", ro1 + text + ro2, "fe:01", exeIno, exe);
  add(a + ro2 + 0x1000, a + ro2 + 0x2000, "rw-p", ro1 + text + ro2 + 0x1000, "fe:01", exeIno, exe);
  const heapStart = base + 0x30000000 + (hashStr(`brk${p.pid}`) % 0xfff) * 0x1000;
  const heap = seg(Math.min(vm.data, 135168) * 1024);
  add(heapStart, heapStart + heap, "rw-p", 0, "00:00", 0, "[heap]");
  let m = 0x7f0000000000 + (hashStr(`mmap${p.pid}`) % 0xffffff) * 0x1000;
  const anon = seg(Math.max(0, vm.data - Math.min(vm.data, 135168)) * 1024);
  if (anon > 0) {
    add(m, m + anon, "rw-p", 0, "00:00", 0);
    m += anon;
  }
  const lib = (path: string, sizes: [number, number, number, number, number]): void => {
    const ino = 330000 + (hashStr(path) % 20000);
    let off = 0;
    const perms = ["r--p", "r-xp", "r--p", "r--p", "rw-p"];
    sizes.forEach((sz, i) => {
      add(m, m + sz, perms[i]!, off, "fe:01", ino, path);
      off += sz;
      m += sz;
    });
  };
  lib("/usr/lib/x86_64-linux-gnu/libc.so.6", [0x26000, 0x155000, 0x53000, 0x4000, 0x2000]);
  add(m, m + 0xd000, "rw-p", 0, "00:00", 0);
  m += 0xd000;
  lib("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", [0x1000, 0x25000, 0xa000, 0x2000, 0x2000]);
  const top = stackTop(p);
  const stackEnd = Math.ceil(top / 0x1000) * 0x1000 + 0x1000;
  add(stackEnd - 0x21000, stackEnd, "rw-p", 0, "00:00", 0, "[stack]");
  const vdso = stackEnd + 0x1c000 + (hashStr(`vdso${p.pid}`) % 0x40) * 0x1000;
  add(vdso, vdso + 0x4000, "r--p", 0, "00:00", 0, "[vvar]");
  add(vdso + 0x4000, vdso + 0x6000, "r-xp", 0, "00:00", 0, "[vdso]");
  rows.push("ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0 ".padEnd(72) + " [vsyscall]");
  return rows.map((r) => r + "\n").join("");
}

export function renderLoginuid(host: Host, p: Proc): string {
  const l = loginOf(host, p);
  return `${l ? (host.userByName(l.user)?.uid ?? 0) : 4294967295}\n`;
}

export function renderSessionid(host: Host, p: Proc): string {
  const l = loginOf(host, p);
  return `${l ? l.index : 4294967295}`;
}
