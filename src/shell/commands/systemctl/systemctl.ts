/**
 * systemctl (systemd 252): status (unit block with the ●/×/○ bullet coloured on a tty,
 * Loaded/Active/Docs/Main PID/Tasks/Memory/CPU/CGroup tree, then the unit's last journal
 * lines; the host overview without a unit), start/stop/restart/reload/try-restart/
 * reload-or-restart/enable/disable/kill through ctx.act (non-root: "Interactive authentication
 * required", polkit-less Debian), is-active/is-enabled/is-failed, list-units (--all, --failed,
 * --type, --state), list-unit-files, cat, show (-p, --value), daemon-reload, reset-failed.
 * Units are the host's services plus its base daemons (see units.ts).
 */
import { defineCommand, type CommandContext, type CommandResult } from "../../spec/define-command.js";
import { SIGNALS } from "../../../engine/index.js";
import { canReadSystemJournal, shortUnit, unitTail } from "../journalctl/journal-read.js";
import { formatBytes, formatRelative, formatTimespan, formatTimestamp, quoteArg } from "./systemd-format.js";
import { allUnits, canonicalName, findUnit, unitProcs, type UnitView } from "./units.js";

const HELP = `systemctl [OPTIONS...] COMMAND ...

Query or send control commands to the system manager.

Unit Commands:
  list-units [PATTERN...]             List units currently in memory
  list-unit-files [PATTERN...]        List installed unit files
  is-active PATTERN...                Check whether units are active
  is-failed PATTERN...                Check whether units are failed
  status [PATTERN...|PID...]          Show runtime status of one or more units
  show [PATTERN...|JOB...]            Show properties of one or more
                                      units/jobs or the manager
  cat PATTERN...                      Show files and drop-ins of specified units
  start UNIT...                       Start (activate) one or more units
  stop UNIT...                        Stop (deactivate) one or more units
  reload UNIT...                      Reload one or more units
  restart UNIT...                     Start or restart one or more units
  try-restart UNIT...                 Restart one or more units if active
  reload-or-restart UNIT...           Reload one or more units if possible,
                                      otherwise start or restart
  kill UNIT...                        Send signal to processes of a unit
  reset-failed [PATTERN...]           Reset failed state for all, one, or more
                                      units

Unit File Commands:
  enable [UNIT...|PATH...]            Enable one or more unit files
  disable UNIT...                     Disable one or more unit files
  is-enabled UNIT...                  Check whether unit files are enabled

Manager State Commands:
  daemon-reload                       Reload systemd manager configuration

Options:
  -h --help              Show this help
     --version           Show package version
  -t --type=TYPE         List units of a particular type
     --state=STATE       List units with particular LOAD or SUB or ACTIVE state
     --failed            Shortcut for --state=failed
  -p --property=NAME     Show only properties by this name
  -P NAME                Equivalent to --value --property=NAME
  -a --all               Show all properties/all units currently in memory,
                         including dead/empty ones
  -l --full              Don't ellipsize unit names on output
     --value             When showing properties, only print the value
     --now               Start or stop unit after enabling or disabling it
  -q --quiet             Suppress output
     --no-block          Do not wait until operation finished
     --no-legend         Do not print a legend (column headers and hints)
     --no-pager          Do not pipe output into a pager
  -s --signal=SIGNAL     Which signal to send
  -n --lines=INTEGER     Number of journal entries to show
  -o --output=STRING     Change journal output mode

See the systemctl(1) man page for details.
`;

const GREEN = "\x1b[0;1;32m";
const RED = "\x1b[0;1;31m";
const OFF = "\x1b[0m";
const AUTH = "Interactive authentication required.";

type Out = { stdout: string; stderr: string; exitCode: number; evidence: string[] };

function glyph(u: UnitView): string {
  if (u.active === "failed") return "×";
  if (u.active === "inactive") return "○";
  return "●";
}

function tasksLimit(ctx: CommandContext, u: UnitView): number {
  const pidMax = Number(ctx.host.sysctl.get("kernel.pid_max") ?? 4194304);
  const thr = Number(ctx.host.sysctl.get("kernel.threads-max") ?? 191971);
  return u.svc?.tasksMax ?? Math.floor(Math.min(pidMax, thr) * 0.15);
}

function cmdline(p: { argv: string[]; comm: string; kthread?: boolean }): string {
  if (!p.argv.length) return `[${p.comm}]`;
  return p.argv.map(quoteArg).join(" ");
}

/** Cuts a line to `cols` visible columns with "…", ignoring (and keeping) SGR escapes. */
function ellipsize(line: string, cols: number): string {
  const visible = line.replace(/\x1b\[[0-9;]*m/g, "");
  if ([...visible].length <= cols) return line;
  let out = "";
  let n = 0;
  let colored = false;
  for (let i = 0; i < line.length; ) {
    const esc = /^\x1b\[[0-9;]*m/.exec(line.slice(i));
    if (esc) {
      out += esc[0];
      colored = esc[0] !== "\x1b[0m";
      i += esc[0].length;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    if (n === cols - 1) break;
    out += ch;
    n++;
    i += ch.length;
  }
  return out + "…" + (colored ? "\x1b[0m" : "");
}

function statusBlock(ctx: CommandContext, u: UnitView, opts: { full: boolean; lines: number }): { text: string; evidence: string[]; ellipsized: boolean } {
  const host = ctx.host;
  const color = ctx.isTty;
  const on = !color ? "" : u.active === "failed" ? RED : u.active === "active" || u.active === "reloading" ? GREEN : "";
  const off = on ? OFF : "";
  const procs = unitProcs(host, u);
  const L: string[] = [];
  L.push(`${on}${glyph(u)}${off} ${u.name} - ${u.description}`);
  L.push(`     Loaded: loaded (${u.fragmentPath}; ${u.enabled}; preset: enabled)`);
  const result = u.result && u.result !== "success" ? ` (Result: ${u.result})` : "";
  const since = `since ${formatTimestamp(host.bootEpochMs + u.sinceMs)}; ${formatRelative(host.nowMs - u.sinceMs)}`;
  if (u.active === "inactive" && u.sinceMs <= 0) L.push(`     Active: inactive (dead)`);
  else L.push(`     Active: ${on}${u.active}${u.sub && u.sub !== u.active ? ` (${u.sub})` : ""}${off}${result} ${since}`);
  const docs = /^Documentation=(.+)$/m.exec(u.unitText)?.[1]?.trim().split(/\s+/) ?? [];
  docs.forEach((d, i) => L.push(`${i === 0 ? "       Docs: " : "             "}${d}`));
  const main = host.procs.get(u.mainPid);
  const down = u.active === "inactive" || u.active === "failed" || u.sub === "auto-restart";
  const svc = u.svc;
  // a unit that ran and stopped: how long it ran, how its processes ended (systemd 252)
  if (svc?.ranFromMs !== undefined && (u.active === "inactive" || u.active === "failed") && u.sinceMs > svc.ranFromMs) {
    L.splice(3, 0, `   Duration: ${formatTimespan(u.sinceMs - svc.ranFromMs)}`);
  }
  if (svc?.lastProcess && down) L.push(`    Process: ${svc.lastProcess.pid} ${svc.lastProcess.exec} (${svc.lastProcess.how})`);
  if (main && main.state !== "Z" && !down) L.push(`   Main PID: ${main.pid} (${main.comm})`);
  else if (svc?.lastMain && down && !svc.lastProcess) L.push(`   Main PID: ${svc.lastMain.pid} (${svc.lastMain.how})`);
  if (procs.length) {
    const tasks = procs.reduce((a, p) => a + p.threads, 0);
    L.push(`      Tasks: ${tasks} (limit: ${tasksLimit(ctx, u)})`);
    const memBytes = procs.reduce((a, p) => a + p.rssKiB, 0) * 1024;
    L.push(`     Memory: ${formatBytes(memBytes)}${u.memoryMaxKiB ? ` (max: ${formatBytes(u.memoryMaxKiB * 1024)} available: ${formatBytes(Math.max(0, u.memoryMaxKiB * 1024 - memBytes))})` : ""}`);
  }
  const cpuMs = u.cpuMs + procs.reduce((a, p) => a + (p.utimeTicks + p.stimeTicks) * 10, 0);
  if (cpuMs > 0) L.push(`        CPU: ${formatTimespan(cpuMs)}`);
  if (procs.length) {
    L.push(`     CGroup: ${u.cgroup}`);
    procs.forEach((p, i) => L.push(`             ${i === procs.length - 1 ? "└─" : "├─"}${p.pid} ${cmdline(p)}`));
  }
  let ellipsized = false;
  const cut = (l: string): string => {
    if (opts.full || !ctx.isTty) return l;
    const e = ellipsize(l, ctx.cols);
    if (e !== l) ellipsized = true;
    return e;
  };
  const firstTree = L.findIndex((l) => l.startsWith("     CGroup: "));
  let text = L.map((l, i) => (firstTree >= 0 && i > firstTree ? cut(l) : l) + "\n").join("");
  const evidence = [`unit:${shortUnit(u.name)}:status`];
  if (u.active === "failed" || (u.result && u.result !== "success")) evidence.push(`unit:${shortUnit(u.name)}:failed`);
  if (opts.lines > 0 && canReadSystemJournal(host, ctx.cred.uid, ctx.cred.gids)) {
    const tail = unitTail(host, u.name, opts.lines, color);
    if (tail.text) {
      text += "\n" + tail.text.split("\n").filter((l, i, a) => i < a.length - 1 || l).map((l) => cut(l) + "\n").join("");
      evidence.push(...tail.evidence);
    }
  }
  return { text, evidence, ellipsized };
}

function overview(ctx: CommandContext): string {
  const host = ctx.host;
  const units = allUnits(host);
  const failed = units.filter((u) => u.active === "failed").length;
  const color = ctx.isTty;
  const dot = failed ? (color ? `${RED}●${OFF}` : "●") : color ? `${GREEN}●${OFF}` : "●";
  const L = [
    `${dot} ${host.hostname}`,
    `    State: ${failed ? (color ? `${RED}degraded${OFF}` : "degraded") : color ? `${GREEN}running${OFF}` : "running"}`,
    `    Units: ${180 + units.length} loaded (incl. loaded aliases)`,
    `     Jobs: 0 queued`,
    `   Failed: ${failed} units`,
    `    Since: ${formatTimestamp(host.bootEpochMs)}; ${formatRelative(host.nowMs)}`,
    `  systemd: 252.22-1~deb12u1`,
    `   CGroup: /`,
  ];
  const tree: { label: string; children: { label: string; children: { label: string }[] }[] }[] = [];
  const init = host.procs.get(1);
  tree.push({ label: "init.scope", children: init ? [{ label: `1 ${cmdline(init)}`, children: [] }] : [] });
  const sys = units.filter((u) => unitProcs(host, u).length).map((u) => ({ label: u.cgroup.replace(/^\/system\.slice\//, ""), children: unitProcs(host, u).map((p) => ({ label: `${p.pid} ${cmdline(p)}` })) }));
  tree.push({ label: "system.slice", children: sys });
  const login = host.logins[0];
  const bash = login ? [...host.procs.values()].find((p) => p.comm === "bash" && p.argv[0] === "-bash") : undefined;
  if (login && bash) {
    const uid = host.userByName(login.user)?.uid ?? 0;
    const chain: number[] = [];
    let q = host.procs.get(bash.ppid);
    while (q && q.comm === "sshd" && q.pid !== 1 && !/listener/.test(q.argv[0] ?? "")) {
      chain.unshift(q.pid);
      q = host.procs.get(q.ppid);
    }
    const pids = [...chain, bash.pid].sort((a, b) => a - b);
    tree.push({ label: "user.slice", children: [{ label: `user-${uid}.slice`, children: [{ label: "session-1.scope" }, ...pids.map((pid) => ({ label: `  ${pid} ${cmdline(host.procs.get(pid)!)}` }))] }] });
  }
  const pad = "           ";
  tree.forEach((t, i) => {
    const lastT = i === tree.length - 1;
    L.push(`${pad}${lastT ? "└─" : "├─"}${t.label}`);
    const p1 = pad + (lastT ? "  " : "│ ");
    t.children.forEach((c, j) => {
      const lastC = j === t.children.length - 1;
      L.push(`${p1}${lastC ? "└─" : "├─"}${c.label}`);
      const p2 = p1 + (lastC ? "  " : "│ ");
      c.children.forEach((g, k) => {
        if (g.label.startsWith("  ")) L.push(`${p2}  ${k === c.children.length - 1 ? "└─" : "├─"}${g.label.trim()}`);
        else L.push(`${p2}${k === c.children.length - 1 ? "└─" : "├─"}${g.label}`);
      });
    });
  });
  return L.map((l) => (ctx.isTty ? ellipsize(l, ctx.cols) : l) + "\n").join("");
}

function listUnits(ctx: CommandContext, o: { all: boolean; states: string[]; types: string[]; legend: boolean; patterns: string[] }): string {
  const host = ctx.host;
  let units = allUnits(host);
  if (o.types.length && !o.types.includes("service")) units = [];
  if (o.states.length) units = units.filter((u) => o.states.includes(u.active) || o.states.includes(u.sub) || o.states.includes("loaded"));
  else if (!o.all) units = units.filter((u) => u.active !== "inactive");
  if (o.patterns.length) {
    const res = o.patterns.map((p) => new RegExp("^" + canonicalName(p).replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$"));
    units = units.filter((u) => res.some((r) => r.test(u.name)));
  }
  let out = "";
  if (units.length) {
    const rows = units.map((u) => [u.name, "loaded", u.active, u.sub, u.description]);
    const w = [4, 4, 6, 3].map((h, i) => Math.max(h, ...rows.map((r) => r[i]!.length)));
    if (o.legend) out += `  ${"UNIT".padEnd(w[0]!)} ${"LOAD".padEnd(w[1]!)} ${"ACTIVE".padEnd(w[2]!)} ${"SUB".padEnd(w[3]!)} DESCRIPTION\n`;
    units.forEach((u, i) => {
      const r = rows[i]!;
      const mark = u.active === "failed" ? (ctx.isTty ? `${RED}●${OFF} ` : "● ") : "  ";
      const act = u.active === "failed" && ctx.isTty ? `${RED}${r[2]!.padEnd(w[2]!)}${OFF}` : r[2]!.padEnd(w[2]!);
      const sub = u.active === "failed" && ctx.isTty ? `${RED}${r[3]!.padEnd(w[3]!)}${OFF}` : r[3]!.padEnd(w[3]!);
      out += `${mark}${r[0]!.padEnd(w[0]!)} ${r[1]!.padEnd(w[1]!)} ${act} ${sub} ${r[4]}\n`;
    });
  }
  if (o.legend) {
    if (units.length) out += "\nLOAD   = Reflects whether the unit definition was properly loaded.\nACTIVE = The high-level unit activation state, i.e. generalization of SUB.\nSUB    = The low-level unit activation state, values depend on unit type.\n";
    out += `${units.length} loaded units listed.${o.all ? "" : " Pass --all to see loaded but inactive units, too."}\nTo show all installed unit files use 'systemctl list-unit-files'.\n`;
  }
  return out;
}

function listUnitFiles(ctx: CommandContext, legend: boolean): string {
  const units = allUnits(ctx.host);
  const rows = units.map((u) => [u.fragmentPath.split("/").pop()!, u.enabled, "enabled"]);
  const uniq = [...new Map(rows.map((r) => [r[0], r])).values()].sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  const w0 = Math.max(9, ...uniq.map((r) => r[0]!.length));
  const w1 = Math.max(5, ...uniq.map((r) => r[1]!.length));
  let out = legend ? `${"UNIT FILE".padEnd(w0)} ${"STATE".padEnd(w1)} VENDOR PRESET\n` : "";
  for (const r of uniq) out += `${r[0]!.padEnd(w0)} ${r[1]!.padEnd(w1)} ${r[2]}\n`;
  if (legend) out += `\n${uniq.length} unit files listed.\n`;
  return out;
}

function showProps(ctx: CommandContext, u: UnitView | undefined, name: string): [string, string][] {
  const host = ctx.host;
  if (!u) return [["Id", name], ["Names", name], ["LoadState", "not-found"], ["ActiveState", "inactive"], ["SubState", "dead"], ["LoadError", `org.freedesktop.systemd1.NoSuchUnit "Unit ${name} not found."`], ["MainPID", "0"], ["UnitFileState", ""]];
  const procs = unitProcs(host, u);
  const ts = (ms: number): string => formatTimestamp(host.bootEpochMs + ms);
  const user = /^User=(.+)$/m.exec(u.unitText)?.[1] ?? "";
  const oom = /^OOMScoreAdjust=(.+)$/m.exec(u.unitText)?.[1] ?? "0";
  const exec = /^ExecStart=(.+)$/m.exec(u.unitText)?.[1] ?? "";
  const cpuNs = (u.cpuMs + procs.reduce((a, p) => a + (p.utimeTicks + p.stimeTicks) * 10, 0)) * 1e6;
  const running = u.active === "active" || u.active === "reloading";
  return [
    ["Type", /^Type=(.+)$/m.exec(u.unitText)?.[1] ?? "simple"],
    ["Restart", u.restart],
    ["NotifyAccess", "none"],
    ["RestartUSec", formatTimespan(u.restartSec * 1000)],
    ["MainPID", String(running ? u.mainPid : 0)],
    ["ExecMainPID", String(u.mainPid)],
    ["NRestarts", String(u.restarts)],
    ["ExecStart", exec ? `{ path=${exec.split(" ")[0]} ; argv[]=${exec} ; ignore_errors=no ; start_time=[${ts(u.sinceMs)}] ; stop_time=[n/a] ; pid=${u.mainPid} ; code=(null) ; status=0/0 }` : ""],
    ["Slice", "system.slice"],
    ["ControlGroup", u.cgroup],
    ["MemoryCurrent", procs.length ? String(procs.reduce((a, p) => a + p.rssKiB, 0) * 1024) : "[not set]"],
    ["CPUUsageNSec", String(Math.round(cpuNs))],
    ["TasksCurrent", String(procs.reduce((a, p) => a + p.threads, 0))],
    ["TasksMax", String(tasksLimit(ctx, u))],
    ["MemoryMax", u.memoryMaxKiB ? String(u.memoryMaxKiB * 1024) : "infinity"],
    ["LimitNOFILE", "524288"],
    ["LimitNOFILESoft", "1024"],
    ["OOMScoreAdjust", oom],
    ["User", user],
    ["Id", u.name],
    ["Names", u.name],
    ["Description", u.description],
    ["LoadState", "loaded"],
    ["ActiveState", u.active],
    ["SubState", u.sub],
    ["Result", u.result ?? "success"],
    ["FragmentPath", u.fragmentPath],
    ["UnitFileState", u.enabled],
    ["UnitFilePreset", "enabled"],
    ["StateChangeTimestamp", ts(u.sinceMs)],
    ["ActiveEnterTimestamp", running ? ts(u.sinceMs) : ""],
    ["ActiveEnterTimestampMonotonic", running ? String(u.sinceMs * 1000) : "0"],
  ];
}

async function control(ctx: CommandContext, verb: string, names: string[], opts: { now: boolean; signal?: string; quiet: boolean }): Promise<Out> {
  const res: Out = { stdout: "", stderr: "", exitCode: 0, evidence: [] };
  if (!names.length) {
    res.stderr = `Too few arguments.\n`;
    res.exitCode = 1;
    return res;
  }
  const root = ctx.cred.uid === 0;
  const verbWord = verb === "try-restart" || verb === "reload-or-restart" ? "restart" : verb;
  for (const arg of names) {
    const name = canonicalName(arg);
    if (verb === "enable" || verb === "disable") {
      if (!root) return { ...res, stderr: res.stderr + `Failed to ${verb} unit: ${AUTH}\n`, exitCode: 1 };
      const u = findUnit(ctx.host, arg);
      if (!u) return { ...res, stderr: res.stderr + `Failed to ${verb} unit: Unit file ${name} does not exist.\n`, exitCode: 1 };
      const link = `/etc/systemd/system/multi-user.target.wants/${u.name}`;
      if (u.svc && (verb === "enable") !== (u.enabled === "enabled")) {
        ctx.act.service(verb, u.name);
        if (!opts.quiet) res.stderr += verb === "enable" ? `Created symlink ${link} → ${u.fragmentPath}.\n` : `Removed "${link}".\n`;
      }
      if (opts.now && u.svc) {
        const e = ctx.act.service(verb === "enable" ? "start" : "stop", u.name);
        if (e) res.stderr += e.endsWith("\n") ? e : e + "\n";
      }
      continue;
    }
    if (verb === "kill") {
      if (!root) return { ...res, stderr: res.stderr + `Failed to kill unit ${name}: Access denied\n`, exitCode: 1 };
      const u = findUnit(ctx.host, arg);
      if (!u) return { ...res, stderr: res.stderr + `Failed to kill unit ${name}: Unit ${name} not loaded.\n`, exitCode: 1 };
      const s = (opts.signal ?? "SIGTERM").replace(/^SIG/, "");
      const sig = /^\d+$/.test(s) ? Number(s) : SIGNALS[s];
      if (sig === undefined) return { ...res, stderr: `Failed to parse signal string ${opts.signal}.\n`, exitCode: 1 };
      for (const p of unitProcs(ctx.host, u)) ctx.act.signal(p.pid, sig);
      continue;
    }
    if (!root) {
      return { ...res, stderr: res.stderr + `Failed to ${verbWord} ${name}: ${AUTH}\nSee system logs and 'systemctl status ${name}' for details.\n`, exitCode: 4 };
    }
    const u = findUnit(ctx.host, arg);
    if (!u) {
      const why = verb === "stop" || verb === "reload" ? `Unit ${name} not loaded.` : `Unit ${name} not found.`;
      return { ...res, stderr: res.stderr + `Failed to ${verbWord} ${name}: ${why}\n`, exitCode: 5 };
    }
    if (!u.svc) continue; // base daemons: modelled as always healthy; nothing to change
    let action: "start" | "stop" | "restart" | "reload" = verb === "start" ? "start" : verb === "stop" ? "stop" : verb === "reload" ? "reload" : "restart";
    if (verb === "try-restart" && u.active !== "active") continue;
    if (verb === "reload-or-restart") action = u.active === "active" ? "reload" : "restart";
    const err = ctx.act.service(action, u.name);
    if (err) {
      if (/^Job for /.test(err)) res.stderr += err.endsWith("\n") ? err : err + "\n";
      else res.stderr += `Failed to ${action} ${u.name}: ${err}\n`;
      res.exitCode = 1;
    }
  }
  return res;
}

export const systemctlCommand = defineCommand({
  name: "systemctl",
  summary: "Control the systemd system and service manager.",
  usage: "systemctl [OPTIONS...] COMMAND ...",
  help: HELP,
  version: "systemd 252 (252.22-1~deb12u1)\n+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT +QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified",
  completeOperands: "service",
  badOption: {
    kind: "custom",
    render: (opt, long, missing) => ({
      stderr: missing ? (long ? `systemctl: option '--${opt}' requires an argument\n` : `systemctl: option requires an argument -- '${opt}'\n`) : long ? `systemctl: unrecognized option '--${opt}'\n` : `systemctl: invalid option -- '${opt}'\n`,
      exitCode: 1,
    }),
  },
  options: [
    { name: "help", short: "h", long: "help" },
    { name: "version", long: "version" },
    { name: "type", short: "t", long: "type", arg: "required", multiple: true },
    { name: "state", long: "state", arg: "required", multiple: true },
    { name: "failed", long: "failed" },
    { name: "property", short: "p", long: "property", arg: "required", multiple: true },
    { name: "P", short: "P", arg: "required", multiple: true },
    { name: "all", short: "a", long: "all" },
    { name: "full", short: "l", long: "full" },
    { name: "value", long: "value" },
    { name: "now", long: "now" },
    { name: "quiet", short: "q", long: "quiet" },
    { name: "noBlock", long: "no-block" },
    { name: "noLegend", long: "no-legend" },
    { name: "noPager", long: "no-pager" },
    { name: "signal", short: "s", long: "signal", arg: "required" },
    { name: "lines", short: "n", long: "lines", arg: "required" },
    { name: "output", short: "o", long: "output", arg: "required" },
    { name: "system", long: "system" },
    { name: "force", short: "f", long: "force" },
    { name: "plain", long: "plain" },
  ],
  async run(ctx, opts, operands): Promise<CommandResult> {
    if (opts.help) return { stdout: HELP };
    const host = ctx.host;
    const verb = operands[0] ?? "list-units";
    const args = operands.slice(1);
    const quiet = !!opts.quiet;
    const legend = !opts.noLegend;
    const types = ((opts.type as string[] | undefined) ?? []).flatMap((t) => t.split(","));
    const states = [...((opts.state as string[] | undefined) ?? []).flatMap((t) => t.split(",")), ...(opts.failed ? ["failed"] : [])];
    switch (verb) {
      case "list-units":
        return { stdout: listUnits(ctx, { all: !!opts.all, states, types, legend, patterns: args }) };
      case "list-unit-files":
        return { stdout: listUnitFiles(ctx, legend) };
      case "status": {
        if (!args.length) return { stdout: overview(ctx) };
        let stdout = "";
        let stderr = "";
        let exitCode = 0;
        const evidence: string[] = [];
        let ell = false;
        const lines = opts.lines !== undefined ? Number(opts.lines) : 10;
        for (const a of args) {
          const u = findUnit(host, a);
          if (!u) {
            stderr += /^\d+$/.test(a) ? `Failed to get unit for PID ${a}: PID ${a} does not belong to any loaded unit.\n` : `Unit ${canonicalName(a)} could not be found.\n`;
            exitCode = 4;
            continue;
          }
          const b = statusBlock(ctx, u, { full: !!opts.full, lines: Number.isFinite(lines) ? lines : 10 });
          if (stdout) stdout += "\n";
          stdout += b.text;
          ell ||= b.ellipsized;
          evidence.push(...b.evidence);
          if (u.active !== "active" && exitCode === 0) exitCode = 3;
        }
        if (ell) stdout += "Hint: Some lines were ellipsized, use -l to show in full.\n";
        return { stdout, stderr, exitCode, evidence };
      }
      case "is-active":
      case "is-failed": {
        if (!args.length) return { stdout: "", stderr: "Too few arguments.\n", exitCode: 1 };
        let out = "";
        let ok = false;
        for (const a of args) {
          const u = findUnit(host, a);
          const st = u?.active ?? "inactive";
          out += `${st}\n`;
          if (verb === "is-active" ? st === "active" || st === "reloading" : st === "failed") ok = true;
        }
        return { stdout: quiet ? "" : out, exitCode: ok ? 0 : verb === "is-active" ? 3 : 1 };
      }
      case "is-enabled": {
        if (!args.length) return { stdout: "", stderr: "Too few arguments.\n", exitCode: 1 };
        let out = "";
        let ok = false;
        for (const a of args) {
          const u = findUnit(host, a);
          if (!u) return { stdout: out, stderr: `Failed to get unit file state for ${canonicalName(a)}: No such file or directory\n`, exitCode: 1 };
          out += `${u.enabled}\n`;
          if (u.enabled === "enabled" || u.enabled === "static") ok = true;
        }
        return { stdout: quiet ? "" : out, exitCode: ok ? 0 : 1 };
      }
      case "cat": {
        if (!args.length) return { stdout: "", stderr: "Too few arguments.\n", exitCode: 1 };
        let stdout = "";
        let stderr = "";
        let exitCode = 0;
        for (const a of args) {
          const u = findUnit(host, a);
          if (!u) {
            stderr += `No files found for ${canonicalName(a)}.\n`;
            exitCode = 1;
            continue;
          }
          const r = await ctx.exec(`cat ${u.fragmentPath}`);
          const text = r.exitCode === 0 ? r.stdout : u.unitText;
          if (stdout) stdout += "\n";
          stdout += `# ${u.fragmentPath}\n${text}${text.endsWith("\n") ? "" : "\n"}`;
        }
        return { stdout, stderr, exitCode };
      }
      case "show": {
        const props = [...((opts.property as string[] | undefined) ?? []), ...((opts.P as string[] | undefined) ?? [])].flatMap((p) => p.split(","));
        const valueOnly = !!opts.value || opts.P !== undefined;
        const targets = args.length ? args : [];
        if (!targets.length) {
          const mgr: [string, string][] = [["Version", "252.22-1~deb12u1"], ["Architecture", "x86-64"], ["SystemState", allUnits(host).some((u) => u.active === "failed") ? "degraded" : "running"], ["NFailedUnits", String(allUnits(host).filter((u) => u.active === "failed").length)], ["DefaultTasksMax", String(Math.floor(Number(host.sysctl.get("kernel.threads-max") ?? 191971) * 0.15))]];
          const sel = props.length ? mgr.filter(([k]) => props.includes(k)) : mgr;
          return { stdout: sel.map(([k, v]) => (valueOnly ? `${v}\n` : `${k}=${v}\n`)).join("") };
        }
        const blocks: string[] = [];
        for (const a of targets) {
          const u = findUnit(host, a);
          let kv = showProps(ctx, u, canonicalName(a));
          if (props.length) kv = props.map((p): [string, string] => kv.find(([k]) => k === p) ?? [p, ""]);
          else if (!opts.all) kv = kv.filter(([, v]) => v !== "");
          blocks.push(kv.map(([k, v]) => (valueOnly ? `${v}\n` : `${k}=${v}\n`)).join(""));
        }
        return { stdout: blocks.join("\n"), evidence: targets.map((a) => `unit:${shortUnit(canonicalName(a))}:status`) };
      }
      case "daemon-reload":
      case "daemon-reexec":
        if (ctx.cred.uid !== 0) return { stdout: "", stderr: `Failed to reload daemon: ${AUTH}\n`, exitCode: 1 };
        return { stdout: "" };
      case "reset-failed":
        if (ctx.cred.uid !== 0) return { stdout: "", stderr: `Failed to reset failed state of unit ${canonicalName(args[0] ?? "")}: ${AUTH}\n`, exitCode: 1 };
        for (const a of args) if (!findUnit(host, a)) return { stdout: "", stderr: `Failed to reset failed state of unit ${canonicalName(a)}: Unit ${canonicalName(a)} not loaded.\n`, exitCode: 1 };
        for (const svc of args.length ? args.map((a) => canonicalName(a)) : [...host.services.keys()]) ctx.act.resetFailed(svc);
        return { stdout: "" };
      case "start":
      case "stop":
      case "restart":
      case "reload":
      case "try-restart":
      case "reload-or-restart":
      case "enable":
      case "disable":
      case "kill": {
        const r = await control(ctx, verb, args, { now: !!opts.now, signal: typeof opts.signal === "string" ? opts.signal : undefined, quiet });
        return r;
      }
      case "mask":
      case "unmask":
        if (ctx.cred.uid !== 0) return { stdout: "", stderr: `Failed to ${verb} unit: ${AUTH}\n`, exitCode: 1 };
        if (!args.length) return { stdout: "", stderr: "Too few arguments.\n", exitCode: 1 };
        return { stdout: "", stderr: verb === "mask" ? args.map((a) => `Created symlink /etc/systemd/system/${canonicalName(a)} → /dev/null.\n`).join("") : args.map((a) => `Removed "/etc/systemd/system/${canonicalName(a)}".\n`).join("") };
      default:
        return { stdout: "", stderr: `Unknown command verb '${verb}'.\n`, exitCode: 1 };
    }
  },
});
