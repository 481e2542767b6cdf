/**
 * strace (6.1): -p PID (repeatable) attaches ("strace: Process N attached"), then prints the
 * process's syscalls from its profile (see syscall-profile.ts) as the sim clock advances, until
 * interrupted ("strace: Process N detached", " <detached ...>" when a call was in progress). A
 * task in D shows the start of the call it is stuck in and then nothing — the point of the
 * exercise; a sync writer in D only for each fsync keeps making calls. -f, -c (summary table;
 * -w for wall-clock latency), -e trace=, -T, -t/-tt, -s, -o FILE; `strace CMD` runs the
 * command through the shell and prints a plausible loader + file-access trace, then its
 * output. All trace output goes to stderr, as strace writes it. Errors in strace's words.
 */
import type { Proc, SyscallProfileEntry } from "../../../engine/index.js";
import { hms } from "../../../engine/index.js";
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { hash32 } from "../dmesg/kmsg-format.js";
import { briefD, profileOf, syscallName } from "./syscall-profile.js";

const HELP = `Usage: strace [-ACdffhikqqrtttTvVwxxyyzZ] [-I N] [-b execve] [-e EXPR]...
              [-a COLUMN] [-o FILE] [-s STRSIZE] [-X FORMAT] [-O OVERHEAD]
              [-S SORTBY] [-P PATH]... [-p PID]... [-U COLUMNS] [--seccomp-bpf]
              { -p PID | [-DDD] [-E VAR=VAL]... [-u USERNAME] PROG [ARGS] }
   or: strace -c[dfwzZ] [-I N] [-b execve] [-e EXPR]... [-O OVERHEAD]
              [-S SORTBY] [-P PATH]... [-p PID]... [-U COLUMNS] [--seccomp-bpf]
              { -p PID | [-DDD] [-E VAR=VAL]... [-u USERNAME] PROG [ARGS] }

General:
  -e EXPR        a qualifying expression: OPTION=[!]all or OPTION=[!]VAL1[,VAL2]...
     options:    trace, abbrev, verbose, raw, signal, read, write, fault,
                 inject, status, quiet, kvm, decode-fds

Startup:
  -p PID, --attach=PID
                 trace process with process id PID, may be repeated

Tracing:
  -f, --follow-forks
                 follow forks

Output format:
  -a COLUMN, --columns=COLUMN
                 alignment COLUMN for printing syscall results (default 40)
  -o FILE, --output=FILE
                 send trace output to FILE instead of stderr
  -s STRSIZE, --string-limit=STRSIZE
                 limit length of print strings to STRSIZE chars (default 32)
  -t, --absolute-timestamps
                 print absolute timestamp
  -tt, --absolute-timestamps=[[precision:]us]
                 print absolute timestamp with usecs
  -T, --syscall-times
                 print time spent in each syscall

Statistics:
  -c, --summary-only
                 count time, calls, and errors for each syscall and report
                 summary
  -C, --summary  like -c, but also print the regular output

Miscellaneous:
  -d, --debug    enable debug output to stderr
  -h, --help     print help message
  -V, --version  print version
`;

/** A small deterministic PRNG for the trace mix (never the host's own RNG). */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

interface Stat {
  calls: number;
  errors: number;
  us: number;
  order: number;
}

interface Opts {
  summary: boolean;
  both: boolean;
  trace?: Set<string>;
  times: boolean;
  stamps: number;
  column: number;
  follow: boolean;
  /** -w: the summary counts wall-clock latency instead of system time */
  wall?: boolean;
}

function line(ctx: CommandContext, o: Opts, prefix: string, call: string, ret: string, durS: number): string {
  let head = prefix;
  if (o.stamps) {
    const ms = ctx.host.epochMs();
    head += o.stamps >= 2 ? `${hms(ms)}.${String((ms % 1000) * 1000 + (hash32(call + ms) % 1000)).padStart(6, "0")} ` : `${hms(ms)} `;
  }
  const left = head + call;
  const pad = left.length < o.column ? " ".repeat(o.column - left.length) + "= " : " = ";
  return `${left}${pad}${ret}${o.times ? ` <${durS.toFixed(6)}>` : ""}\n`;
}

function summaryTable(stats: Map<string, Stat>): string {
  const rows = [...stats.entries()].sort((a, b) => b[1].us - a[1].us || a[1].order - b[1].order);
  const totalUs = rows.reduce((a, [, s]) => a + s.us, 0);
  const totalCalls = rows.reduce((a, [, s]) => a + s.calls, 0);
  const totalErr = rows.reduce((a, [, s]) => a + s.errors, 0);
  const sep = "------ ----------- ----------- --------- --------- ----------------\n";
  let out = "% time     seconds  usecs/call     calls    errors syscall\n" + sep;
  const fmt = (pct: number, us: number, calls: number, errs: number, name: string): string =>
    `${pct.toFixed(2).padStart(6)} ${(us / 1e6).toFixed(6).padStart(11)} ${String(calls ? Math.floor(us / calls) : 0).padStart(11)} ${String(calls).padStart(9)} ${(errs ? String(errs) : "").padStart(9)} ${name}\n`;
  for (const [name, s] of rows) out += fmt(totalUs ? (s.us * 100) / totalUs : 0, s.us, s.calls, s.errors, name);
  out += sep + fmt(100, totalUs, totalCalls, totalErr, "total");
  return out;
}

export const straceCommand = defineCommand({
  name: "strace",
  summary: "Trace system calls and signals.",
  usage: "strace [options] { -p PID | PROG [ARGS] }",
  help: HELP,
  parse: "posix",
  badOption: {
    kind: "custom",
    render: (opt, long, missing) => ({
      stderr: `${missing ? (long ? `strace: option '--${opt}' requires an argument` : `strace: option requires an argument -- '${opt}'`) : long ? `strace: unrecognized option '--${opt}'` : `strace: invalid option -- '${opt}'`}\nTry 'strace -h' for more information.\n`,
      exitCode: 1,
    }),
  },
  version: "strace -- version 6.1\nCopyright (c) 1991-2022 The strace developers <https://strace.io>.\nThis is free software; see the source for copying conditions.  There is NO\nwarranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n\nOptional features enabled: stack-trace=libdw stack-demangle m32-mpers mx32-mpers",
  options: [
    { name: "pid", short: "p", long: "attach", arg: "required", multiple: true },
    { name: "follow", short: "f", long: "follow-forks" },
    { name: "summary", short: "c", long: "summary-only" },
    { name: "both", short: "C", long: "summary" },
    { name: "expr", short: "e", arg: "required", multiple: true },
    { name: "times", short: "T", long: "syscall-times" },
    { name: "wall", short: "w", long: "summary-wall-clock" },
    { name: "stamp", short: "t", long: "absolute-timestamps", multiple: true },
    { name: "relative", short: "r", long: "relative-timestamps" },
    { name: "output", short: "o", long: "output", arg: "required" },
    { name: "strsize", short: "s", long: "string-limit", arg: "required" },
    { name: "column", short: "a", long: "columns", arg: "required" },
    { name: "quiet", short: "q", long: "quiet" },
    { name: "verbose", short: "v", long: "no-abbrev" },
    { name: "y", short: "y", long: "decode-fds" },
    { name: "z", short: "z", long: "successful-only" },
    { name: "Z", short: "Z", long: "failed-only" },
    { name: "help", short: "h", long: "help" },
    { name: "version", short: "V", long: "version" },
  ],
  async run(ctx, opts, operands) {
    if (opts.help) return { stdout: HELP };
    if (opts.version) return { stdout: "strace -- version 6.1\n" };
    const fail = (m: string, code = 1): { stdout: string; stderr: string; exitCode: number } => ({ stdout: "", stderr: m, exitCode: code });
    const pids = ((opts.pid as string[] | undefined) ?? []).flatMap((p) => p.split(/[ ,]+/)).filter(Boolean);
    if (!pids.length && !operands.length) return fail("strace: must have PROG [ARGS] or -p PID\nTry 'strace -h' for more information.\n");
    let trace: Set<string> | undefined;
    for (const e of (opts.expr as string[] | undefined) ?? []) {
      const m = /^(?:(trace|t)=)?(.*)$/.exec(e)!;
      if (!m[1] && /^\w+=/.test(e)) continue;
      const names = m[2]!.replace(/^!/, "").split(",").filter(Boolean);
      for (const n of names) if (!/^[a-z_0-9]+$/.test(n) && !n.startsWith("%") && !n.startsWith("/")) return fail(`strace: invalid system call '${n}'\n`);
      if (names.includes("all")) continue;
      trace = new Set(names);
    }
    const stampsRaw = opts.stamp as string[] | undefined;
    const o: Opts = {
      summary: !!opts.summary,
      both: !!opts.both,
      trace,
      times: !!opts.times,
      stamps: stampsRaw ? (stampsRaw.length >= 2 || stampsRaw.some((s) => /us|ns|ms/.test(s)) ? 2 : 1) : 0,
      column: typeof opts.column === "string" && /^\d+$/.test(opts.column) ? Number(opts.column) : 40,
      follow: !!opts.follow,
      wall: !!opts.wall,
    };
    const outFile = typeof opts.output === "string" ? opts.output : undefined;
    if (pids.length) return attach(ctx, pids, o, outFile);
    return runProgram(ctx, operands, o, outFile);
  },
});

async function writeOut(ctx: CommandContext, file: string, text: string): Promise<void> {
  await ctx.exec(`cat > '${file.replace(/'/g, "'\\''")}'`, { stdin: text });
}

async function attach(ctx: CommandContext, pidArgs: string[], o: Opts, outFile?: string): Promise<{ stdout: string; stderr: string; exitCode: number; evidence: string[] }> {
  const host = ctx.host;
  const procs: Proc[] = [];
  let stderr = "";
  for (const a of pidArgs) {
    if (!/^\d+$/.test(a) || Number(a) <= 0) return { stdout: "", stderr: `strace: Invalid process id: '${a}'\n`, exitCode: 1, evidence: [] };
    const pid = Number(a);
    const p = host.procs.get(pid);
    if (pid === ctx.pid) return { stdout: "", stderr: "strace: I'm sorry, I can't let you do that, Dave.\n", exitCode: 1, evidence: [] };
    if (!p) return { stdout: "", stderr: `strace: attach: ptrace(PTRACE_SEIZE, ${pid}): No such process\n`, exitCode: 1, evidence: [] };
    if (p.kthread || p.state === "Z" || (ctx.cred.uid !== 0 && ctx.cred.uid !== p.uid)) return { stdout: "", stderr: `strace: attach: ptrace(PTRACE_SEIZE, ${pid}): Operation not permitted\n`, exitCode: 1, evidence: [] };
    procs.push(p);
  }
  // -f attaches to the threads/children too (strace -f -p lists each task)
  if (o.follow) {
    for (const p of [...procs]) for (const c of host.procs.values()) if (c.ppid === p.pid && c.state !== "Z" && !procs.includes(c)) procs.push(c);
  }
  let trace = "";
  const say = (s: string): void => {
    if (outFile && !s.startsWith("strace: ")) {
      trace += s;
      return;
    }
    if (!ctx.write(s)) stderr += s;
  };
  for (const p of procs) say(`strace: Process ${p.pid} attached\n`);
  const multi = procs.length > 1;
  const pidW = String(host.sysctl.get("kernel.pid_max") ?? "4194304").length;
  const pfx = (pid: number): string => (multi ? `[pid ${String(pid).padStart(pidW)}] ` : "");
  const state = procs.map((p) => {
    const prof = profileOf(host, p);
    // a writer that syncs its file (fsync/fdatasync on the fd it writes) does so after each write
    const syncAfter = new Map<SyscallProfileEntry, SyscallProfileEntry>();
    for (const e of prof.mix) {
      const fd = /^write\((\d+),/.exec(e.call)?.[1];
      const sync = fd !== undefined ? prof.mix.find((x) => x.call === `fsync(${fd})` || x.call === `fdatasync(${fd})`) : undefined;
      if (sync) syncAfter.set(e, sync);
    }
    const synced = new Set(syncAfter.values());
    const picks = synced.size ? prof.mix.filter((e) => !synced.has(e)) : prof.mix;
    return { p, prof, picks, syncAfter, next: undefined as SyscallProfileEntry | undefined, rnd: prng(hash32(`strace:${p.pid}:${host.nowMs}`)), carry: 0, inCall: "" as string };
  });
  const stats = new Map<string, Stat>();
  const record = (name: string, durS: number, ret: string, rnd: () => number): void => {
    const s = stats.get(name) ?? { calls: 0, errors: 0, us: 0, order: stats.size };
    s.calls++;
    // -c counts system time, not the wall time a blocking call waited (-w: wall time)
    s.us += o.wall ? Math.max(1, Math.round(durS * 1e6)) : durS >= 0.001 ? 6 + Math.floor(rnd() * 10) : Math.max(1, Math.round(durS * 1e6));
    if (/^-1 /.test(ret)) s.errors++;
    stats.set(name, s);
  };
  const printing = !o.summary || o.both;
  const evidence = new Set<string>();
  // the call in progress at attach time
  for (const st of state) {
    evidence.add(`strace:${st.p.pid}`);
    if (st.prof.blocked) {
      if (st.p.state === "D") evidence.add(`strace:${st.p.pid}:blocked`);
      const name = syscallName(st.prof.blocked);
      if (printing && (!o.trace || o.trace.has(name))) {
        say(multi ? `${pfx(st.p.pid)}${st.prof.blocked} <unfinished ...>\n` : st.prof.blocked);
        st.inCall = st.prof.blocked;
      }
    }
  }
  const pick = (st: (typeof state)[number]): SyscallProfileEntry => {
    if (st.next) {
      const e = st.next;
      st.next = undefined;
      return e;
    }
    const e = pickFrom(st);
    st.next = st.syncAfter.get(e);
    return e;
  };
  const pickFrom = (st: (typeof state)[number]): SyscallProfileEntry => {
    const mix = st.picks;
    const total = mix.reduce((a, e) => a + (e.weight ?? 1), 0);
    let r = st.rnd() * total;
    for (const e of mix) {
      r -= e.weight ?? 1;
      if (r <= 0) return e;
    }
    return mix[mix.length - 1]!;
  };
  let exitCode = 0;
  for (;;) {
    const ok = await ctx.sleep(250);
    for (const st of state) {
      const alive = host.procs.get(st.p.pid);
      if (!alive || alive.state === "Z") continue;
      if (!st.prof.mix.length || st.prof.rate <= 0 || (alive.state === "D" && !briefD(alive)) || alive.state === "T") continue;
      st.carry += st.prof.rate * 0.25;
      let n = Math.floor(st.carry);
      st.carry -= n;
      n = Math.min(n, 200);
      for (let i = 0; i < n; i++) {
        const e = pick(st);
        const name = syscallName(e.call);
        if (o.trace && !o.trace.has(name)) continue;
        record(name, e.durS ?? 0.00001, e.ret, st.rnd);
        if (printing) say(line(ctx, o, pfx(st.p.pid), e.call, e.ret, e.durS ?? 0.00001));
      }
    }
    if (!ok) break;
  }
  // detach
  for (const st of state) {
    if (!host.procs.has(st.p.pid)) continue;
    say(`strace: Process ${st.p.pid} detached\n`);
    if (st.inCall && !multi) say(" <detached ...>\n");
  }
  if (o.summary || o.both) say(summaryTable(stats));
  if (outFile) await writeOut(ctx, outFile, trace);
  exitCode = 0;
  return { stdout: "", stderr, exitCode, evidence: [...evidence] };
}

async function runProgram(ctx: CommandContext, argv: string[], o: Opts, outFile?: string): Promise<{ stdout: string; stderr: string; exitCode: number; evidence: string[] }> {
  const host = ctx.host;
  const prog = argv[0]!;
  const q = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;
  const which = await ctx.exec(`command -v ${q(prog)}`);
  const path = which.stdout.trim().split("\n")[0] ?? "";
  if (which.exitCode !== 0 || !path) return { stdout: "", stderr: `strace: Can't stat '${prog}': No such file or directory\n`, exitCode: 1, evidence: [] };
  const exe = path.startsWith("/") ? path : `/usr/bin/${prog}`;
  const r = await ctx.exec(argv.map(q).join(" "));
  const calls: [string, string][] = [];
  const vars = [...ctx.env.keys()].length;
  calls.push([`execve("${exe}", [${argv.map((a) => JSON.stringify(a)).join(", ")}], 0x7ffd3a2f1e58 /* ${vars} vars */)`, "0"]);
  calls.push(["brk(NULL)", "0x55d0c8a5e000"]);
  calls.push(["mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)", "0x7f3a8e9d2000"]);
  calls.push(['access("/etc/ld.so.preload", R_OK)', "-1 ENOENT (No such file or directory)"]);
  calls.push(['openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC)', "3"]);
  calls.push(['newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=21463, ...}, AT_EMPTY_PATH)', "0"]);
  calls.push(["mmap(NULL, 21463, PROT_READ, MAP_PRIVATE, 3, 0)", "0x7f3a8e9cc000"]);
  calls.push(["close(3)", "0"]);
  calls.push(['openat(AT_FDCWD, "/lib/x86_64-linux-gnu/libc.so.6", O_RDONLY|O_CLOEXEC)', "3"]);
  calls.push(['read(3, "\\177ELF\\2\\1\\1\\3\\0\\0\\0\\0\\0\\0\\0\\0\\3\\0>\\0\\1\\0\\0\\0\\20t\\2\\0\\0\\0\\0\\0"..., 832)', "832"]);
  calls.push(["mmap(NULL, 1974096, PROT_READ, MAP_PRIVATE|MAP_DENYWRITE, 3, 0)", "0x7f3a8e7ea000"]);
  calls.push(["close(3)", "0"]);
  calls.push(["arch_prctl(ARCH_SET_FS, 0x7f3a8e7e9740)", "0"]);
  calls.push(["set_tid_address(0x7f3a8e7e9a10)", String(ctx.pid)]);
  calls.push(["set_robust_list(0x7f3a8e7e9a20, 24)", "0"]);
  calls.push(["rseq(0x7f3a8e7ea060, 0x20, 0, 0x53053053)", "0"]);
  calls.push(['openat(AT_FDCWD, "/usr/lib/locale/locale-archive", O_RDONLY|O_CLOEXEC)', "-1 ENOENT (No such file or directory)"]);
  for (const a of argv.slice(1)) {
    if (a.startsWith("-")) continue;
    const abs = ctx.resolve(a);
    let ok = false;
    let dir = false;
    try {
      const st = host.vfs.stat(abs, ctx.cred);
      ok = true;
      dir = st.type === "dir";
    } catch {
      ok = false;
    }
    calls.push([`newfstatat(AT_FDCWD, "${a}", ${ok ? `{st_mode=${dir ? "S_IFDIR|0755" : "S_IFREG|0644"}, ...}` : "0x7ffd3a2f1c90"}, 0)`, ok ? "0" : "-1 ENOENT (No such file or directory)"]);
    if (ok) {
      calls.push([`openat(AT_FDCWD, "${a}", O_RDONLY${dir ? "|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY" : ""})`, "3"]);
      calls.push([dir ? "getdents64(3, 0x55d0c8a63f30 /* 12 entries */, 32768)" : `read(3, ${JSON.stringify(r.stdout.slice(0, 32))}${r.stdout.length > 32 ? "..." : ""}, 131072)`, dir ? "384" : String(Math.min(131072, r.stdout.length))]);
      calls.push(["close(3)", "0"]);
    }
  }
  if (!argv.slice(1).some((a) => !a.startsWith("-")) && /^(ls|dir)$/.test(prog)) {
    calls.push([`openat(AT_FDCWD, ".", O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY)`, "3"]);
    calls.push(["getdents64(3, 0x55d0c8a63f30 /* 18 entries */, 32768)", "552"]);
    calls.push(["getdents64(3, 0x55d0c8a63f30 /* 0 entries */, 32768)", "0"]);
    calls.push(["close(3)", "0"]);
  }
  if (r.stdout) calls.push([`write(1, ${JSON.stringify(r.stdout.slice(0, 32)).replace(/\\u00/g, "\\")}${r.stdout.length > 32 ? "..." : ""}, ${r.stdout.length})`, String(r.stdout.length)]);
  if (r.stderr) calls.push([`write(2, ${JSON.stringify(r.stderr.slice(0, 32))}${r.stderr.length > 32 ? "..." : ""}, ${r.stderr.length})`, String(r.stderr.length)]);
  calls.push(["close(1)", "0"]);
  calls.push(["close(2)", "0"]);
  let trace = "";
  const stats = new Map<string, Stat>();
  for (const [call, ret] of calls) {
    const name = syscallName(call);
    if (o.trace && !o.trace.has(name)) continue;
    const s = stats.get(name) ?? { calls: 0, errors: 0, us: 0, order: stats.size };
    s.calls++;
    if (ret.startsWith("-1 ")) s.errors++;
    stats.set(name, s);
    if (!o.summary || o.both) trace += line(ctx, o, "", call, ret, 0.000008);
  }
  if (!o.summary || o.both) {
    if (!o.trace || o.trace.has("exit_group")) trace += line(ctx, o, "", `exit_group(${r.exitCode})`, "?", 0).replace(/ <[\d.]+>\n$/, "\n");
    trace += `+++ exited with ${r.exitCode} +++\n`;
  }
  if (o.summary || o.both) {
    trace += summaryTable(stats);
  }
  if (outFile) {
    await writeOut(ctx, outFile, trace);
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, evidence: [] };
  }
  return { stdout: r.stdout, stderr: r.stderr + trace, exitCode: r.exitCode, evidence: [] };
}

