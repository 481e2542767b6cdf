/**
 * ulimit (bash 5.2 builtin): shows the login shell's resource limits (-a, -n, -u, -S/-H
 * soft/hard) and lets `ulimit -n N` change the shell's own soft limit (up to the hard limit;
 * raising the hard limit needs root), remembered per host for the session. Errors in bash's
 * wording ("bash: ulimit: open files: cannot modify limit: Operation not permitted").
 */
import type { Host } from "../../../engine/index.js";
import { defineCommand, type CommandContext } from "../../spec/define-command.js";

interface Limit {
  flag: string;
  label: string;
  unit: string;
  soft: (h: Host) => number | "unlimited";
  hard: (h: Host) => number | "unlimited";
}

const nproc = (h: Host): number => Math.floor(h.mem.totalKiB / 4 / 64);
const LIMITS: Limit[] = [
  { flag: "R", label: "real-time non-blocking time", unit: "microseconds", soft: () => "unlimited", hard: () => "unlimited" },
  { flag: "c", label: "core file size", unit: "blocks", soft: () => 0, hard: () => "unlimited" },
  { flag: "d", label: "data seg size", unit: "kbytes", soft: () => "unlimited", hard: () => "unlimited" },
  { flag: "e", label: "scheduling priority", unit: "", soft: () => 0, hard: () => 0 },
  { flag: "f", label: "file size", unit: "blocks", soft: () => "unlimited", hard: () => "unlimited" },
  { flag: "i", label: "pending signals", unit: "", soft: nproc, hard: nproc },
  { flag: "l", label: "max locked memory", unit: "kbytes", soft: () => 8192, hard: () => 8192 },
  { flag: "m", label: "max memory size", unit: "kbytes", soft: () => "unlimited", hard: () => "unlimited" },
  { flag: "n", label: "open files", unit: "", soft: () => 1024, hard: () => 524288 },
  { flag: "p", label: "pipe size", unit: "512 bytes", soft: () => 8, hard: () => 8 },
  { flag: "q", label: "POSIX message queues", unit: "bytes", soft: () => 819200, hard: () => 819200 },
  { flag: "r", label: "real-time priority", unit: "", soft: () => 0, hard: () => 0 },
  { flag: "s", label: "stack size", unit: "kbytes", soft: () => 8192, hard: () => "unlimited" },
  { flag: "t", label: "cpu time", unit: "seconds", soft: () => "unlimited", hard: () => "unlimited" },
  { flag: "u", label: "max user processes", unit: "", soft: nproc, hard: nproc },
  { flag: "v", label: "virtual memory", unit: "kbytes", soft: () => "unlimited", hard: () => "unlimited" },
  { flag: "x", label: "file locks", unit: "", soft: () => "unlimited", hard: () => "unlimited" },
];

/** bash's print_rlimtype(): "%-20s %20s" of the description and "(unit, -x) ", then the value. */
function row(l: Limit, v: string): string {
  return `${l.label.padEnd(20)} ${`(${l.unit ? `${l.unit}, ` : ""}-${l.flag}) `.padStart(20)}${v}`;
}

/** Per-host overrides set by `ulimit -n N` in this session's shell. */
const overrides = new WeakMap<Host, Map<string, { soft?: number | "unlimited"; hard?: number | "unlimited" }>>();

function value(ctx: CommandContext, l: Limit, hard: boolean): number | "unlimited" {
  const o = overrides.get(ctx.host)?.get(l.flag);
  const login = ctx.host.logins[0] ? [...ctx.host.procs.values()].find((p) => p.comm === "bash" && p.argv[0] === "-bash") : undefined;
  if (l.flag === "n" && login && !o) return hard ? login.nofileHard : login.nofileSoft;
  if (hard) return o?.hard ?? l.hard(ctx.host);
  return o?.soft ?? l.soft(ctx.host);
}

const HELP = "ulimit: ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]\n    Modify shell resource limits.\n\n    Provides control over the resources available to the shell and processes\n    it creates, on systems that allow such control.\n";

export const ulimitCommand = defineCommand({
  name: "ulimit",
  summary: "Modify shell resource limits.",
  usage: "ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]",
  parse: "raw",
  options: [],
  help: HELP,
  run(ctx, _o, argv) {
    let hard = false;
    let soft = false;
    let all = false;
    const flags: string[] = [];
    let newValue: string | undefined;
    for (const a of argv) {
      if (a === "--help") return { stdout: HELP };
      if (a.startsWith("-") && a.length > 1) {
        for (const ch of a.slice(1)) {
          if (ch === "H") hard = true;
          else if (ch === "S") soft = true;
          else if (ch === "a") all = true;
          else if (LIMITS.some((l) => l.flag === ch)) flags.push(ch);
          else return { stdout: "", stderr: `bash: ulimit: -${ch}: invalid option\nulimit: usage: ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]\n`, exitCode: 2 };
        }
      } else newValue = a;
    }
    const fmt = (v: number | "unlimited"): string => String(v);
    if (all) {
      const out = LIMITS.map((l) => row(l, fmt(value(ctx, l, hard && !soft))));
      return { stdout: out.map((l) => l + "\n").join("") };
    }
    const chosen = (flags.length ? flags : ["f"]).map((f) => LIMITS.find((l) => l.flag === f)!);
    if (newValue === undefined) {
      if (chosen.length === 1) return { stdout: `${fmt(value(ctx, chosen[0]!, hard && !soft))}\n` };
      return { stdout: chosen.map((l) => row(l, fmt(value(ctx, l, hard && !soft))) + "\n").join("") };
    }
    const n: number | "unlimited" | undefined = newValue === "unlimited" ? "unlimited" : /^\d+$/.test(newValue) ? Number(newValue) : undefined;
    if (n === undefined) return { stdout: "", stderr: `bash: ulimit: ${newValue}: invalid number\n`, exitCode: 1 };
    const root = ctx.cred.uid === 0;
    for (const l of chosen) {
      const curHard = value(ctx, l, true);
      const num = (v: number | "unlimited"): number => (v === "unlimited" ? Infinity : v);
      const setHard = hard || !soft;
      const setSoft = soft || !hard;
      if ((setSoft && num(n) > num(curHard) && !root) || (setHard && num(n) > num(curHard) && !root) || (l.flag === "n" && num(n) > 1048576)) {
        return { stdout: "", stderr: `bash: ulimit: ${l.label}: cannot modify limit: Operation not permitted\n`, exitCode: 1 };
      }
      const map = overrides.get(ctx.host) ?? new Map();
      const cur = map.get(l.flag) ?? { soft: value(ctx, l, false), hard: curHard };
      if (setSoft) cur.soft = n;
      if (setHard) cur.hard = n;
      map.set(l.flag, cur);
      overrides.set(ctx.host, map);
    }
    return { stdout: "" };
  },
});
