/**
 * pgrep/pkill (procps-ng 4.0.2) matching: an extended regex against the process name (or the
 * full command line with -f), -x exact, -i, -v, -u/-U users, -P parents, -t terminals,
 * -r run states, -n newest / -o oldest, excluding the tool itself. pkill's signal forms:
 * -9, -KILL, -SIGKILL, --signal SIG. Output: PIDs (-d delimiter), -l "pid name", -a
 * "pid cmdline", -c count; pkill -e "name killed (pid N)".
 */
import type { CommandContext, CommandResult } from "../../spec/define-command.js";
import { argsOf, snapshot, uidOfUser, type Task } from "../ps/proc-view.js";
import { parseSignal } from "../kill/signals.js";
import { PGREP_HELP, PKILL_HELP } from "./pgrep-help.js";

type Mode = "pgrep" | "pkill";

const LONG: Record<string, string> = {
  delimiter: "d", "list-name": "l", "list-full": "a", inverse: "v", lightweight: "w", count: "c", full: "f", pgroup: "g", group: "G", "ignore-case": "i", newest: "n",
  oldest: "o", older: "O", parent: "P", session: "s", terminal: "t", euid: "u", uid: "U", exact: "x", pidfile: "F", logpidfile: "L", runstates: "r", "ignore-ancestors": "A",
  signal: "SIG", echo: "e", queue: "q", help: "h", version: "V",
};
const WITH_ARG = new Set(["d", "g", "G", "O", "P", "s", "t", "u", "U", "F", "r", "SIG", "q"]);

function usageErr(mode: Mode, msg: string): CommandResult {
  return { stdout: "", stderr: `${mode}: ${msg}\nTry \`${mode} --help' for more information.\n`, exitCode: 2 };
}

export function runPgrep(mode: Mode, ctx: CommandContext, argvIn: string[]): CommandResult {
  const argv = [...argvIn];
  let signal = 15;
  let signalBad = false;
  if (mode === "pkill") {
    // signal_option(): the first "-SIG" argument that names a signal
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a.startsWith("-") && !a.startsWith("--")) {
        const n = parseSignal(a.slice(1));
        if (n !== undefined) {
          signal = n;
          argv.splice(i, 1);
          break;
        }
      }
    }
  }
  const o: Record<string, string | boolean> = {};
  const operands: string[] = [];
  const allowed = mode === "pgrep" ? "dlavwcfgGinoOPstuUxFLrAhV" : "eqcfgGinoOPstuUxFLrAhV";
  const help = mode === "pgrep" ? PGREP_HELP : PKILL_HELP;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const key = LONG[name];
      if (!key || (key === "SIG" && mode === "pgrep") || ((key === "e" || key === "q") && mode === "pgrep") || (["d", "l", "a", "v", "w"].includes(key) && mode === "pkill")) {
        return { stdout: "", stderr: `${mode}: unrecognized option '${a}'\n${help}`, exitCode: 2 };
      }
      let v: string | boolean = true;
      if (WITH_ARG.has(key)) {
        const x = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (x === undefined) return { stdout: "", stderr: `${mode}: option '--${name}' requires an argument\n${help}`, exitCode: 2 };
        v = x;
      }
      o[key] = v;
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j]!;
        if (!allowed.includes(ch)) return { stdout: "", stderr: `${mode}: invalid option -- '${ch}'\n${help}`, exitCode: 2 };
        if (WITH_ARG.has(ch)) {
          const v = a.slice(j + 1) || argv[++i];
          if (v === undefined) return { stdout: "", stderr: `${mode}: option requires an argument -- '${ch}'\n${help}`, exitCode: 2 };
          o[ch] = v;
          break;
        }
        o[ch] = true;
      }
      continue;
    }
    operands.push(a);
  }
  if (o.h) return { stdout: help };
  if (o.V) return { stdout: `${mode} from procps-ng 4.0.2\n` };
  if (typeof o.SIG === "string") {
    const n = parseSignal(o.SIG);
    if (n === undefined) signalBad = true;
    else signal = n;
  }
  if (o.F) return usageErr(mode, "pidfile not valid");
  if (operands.length > 1) return usageErr(mode, "only one pattern can be provided");
  const criteria = ["g", "G", "P", "s", "t", "u", "U", "r", "O"].some((k) => o[k] !== undefined);
  if (!operands.length && !criteria) return usageErr(mode, "no matching criteria specified");
  const host = ctx.host;
  const uidList = (s: string): number[] | string => {
    const out: number[] = [];
    for (const u of s.split(",")) {
      const id = uidOfUser(host, u);
      if (id === undefined) return u;
      out.push(id);
    }
    return out;
  };
  let euids: number[] | undefined;
  let ruids: number[] | undefined;
  for (const [k, target] of [["u", "e"], ["U", "r"]] as const) {
    if (typeof o[k] === "string") {
      const l = uidList(o[k] as string);
      if (typeof l === "string") return { stdout: "", stderr: `${mode}: invalid user name: ${l}\n`, exitCode: 2 };
      if (target === "e") euids = l;
      else ruids = l;
    }
  }
  const pattern = operands[0];
  let re: RegExp | undefined;
  if (pattern !== undefined) {
    try {
      re = new RegExp(o.x ? `^(?:${pattern})$` : pattern, o.i ? "i" : "");
    } catch {
      return { stdout: "", stderr: `${mode}: Invalid preceding regular expression\n`, exitCode: 2 };
    }
    try {
      // V8 compiles on first use: a pattern of hundreds of kilobytes fails here (glibc's REG_ESPACE)
      re.test("");
    } catch {
      return { stdout: "", stderr: `${mode}: Memory exhausted\n`, exitCode: 2 };
    }
  }
  const parents = typeof o.P === "string" ? o.P.split(",").map(Number) : undefined;
  const ttys = typeof o.t === "string" ? o.t.split(",").map((t) => t.replace(/^\/dev\//, "")) : undefined;
  const states = typeof o.r === "string" ? o.r.split(",") : undefined;
  const all = snapshot(ctx).filter((t) => t.pid !== ctx.pid);
  const matches = (t: Task): boolean => {
    if (euids && !euids.includes(t.uid)) return false;
    if (ruids && !ruids.includes(t.uid)) return false;
    if (parents && !parents.includes(t.ppid)) return false;
    if (ttys && !ttys.includes(t.tty)) return false;
    if (states && !states.some((s) => s.includes(t.state))) return false;
    if (re) {
      const subject = o.f ? (t.argv.length ? t.argv.join(" ") : t.comm) : t.comm;
      if (!re.test(subject)) return false;
    }
    return true;
  };
  let found = all.filter((t) => matches(t) !== !!o.v);
  if (o.n || o.o) {
    const pick = found.reduce<Task | undefined>((best, t) => (!best ? t : o.n ? (t.startMs >= best.startMs ? t : best) : t.startMs < best.startMs ? t : best), undefined);
    found = pick ? [pick] : [];
  }
  let stderr = "";
  if (!found.length && !o.f && pattern && pattern.length > 15) {
    stderr += `${mode}: pattern that searches for process name longer than 15 characters will result in zero matches\nTry \`${mode} -f' option to match against the complete command line.\n`;
  }
  const evidence: string[] = found.length ? ["proc-list"] : [];
  if (mode === "pgrep") {
    if (o.c) return { stdout: `${found.length}\n`, stderr, exitCode: found.length ? 0 : 1, evidence };
    const delim = typeof o.d === "string" ? o.d : "\n";
    const items = found.map((t) => (o.a ? `${t.pid} ${t.argv.length ? t.argv.join(" ") : argsOf(t)}` : o.l ? `${t.pid} ${t.comm}` : String(t.pid)));
    return { stdout: items.length ? items.join(delim) + "\n" : "", stderr, exitCode: found.length ? 0 : 1, evidence };
  }
  let out = "";
  let killed = 0;
  for (const t of found) {
    if (signalBad) {
      stderr += `pkill: killing pid ${t.pid} failed: Invalid argument\n`;
      continue;
    }
    const r = ctx.act.signal(t.pid, signal);
    if (!r) {
      killed++;
      evidence.push(`signal:${t.pid}:${signal}`);
      if (o.e) out += `${t.comm} killed (pid ${t.pid})\n`;
    } else if (r === "EPERM") stderr += `pkill: killing pid ${t.pid} failed: Operation not permitted\n`;
  }
  if (o.c) out += `${found.length}\n`;
  return { stdout: out, stderr, exitCode: killed ? 0 : 1, evidence };
}
