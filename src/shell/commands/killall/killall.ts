/**
 * killall (psmisc 23.6): signal processes by name. Names match the process name (the
 * kernel's 15-character comm; -e requires the full name), -I ignores case, -r takes a regex,
 * -u limits to a user, -s/-SIG/-9 choose the signal, -v reports, -q is quiet, -w waits for the
 * processes to die (sim time, up to 30 s), -l lists signals. Signals go through the engine.
 */
import { defineCommand, type CommandResult } from "../../spec/define-command.js";
import { snapshot, uidOfUser, type Task } from "../ps/proc-view.js";
import { parseSignal, signalName } from "../kill/signals.js";

const HELP = "Usage: killall [OPTION]... [--] NAME...\n       killall -l, --list\n       killall -V, --version\n\n  -e,--exact          require exact match for very long names\n  -I,--ignore-case    case insensitive process name match\n  -g,--process-group  kill process group instead of process\n  -y,--younger-than   kill processes younger than TIME\n  -o,--older-than     kill processes older than TIME\n  -i,--interactive    ask for confirmation before killing\n  -l,--list           list all known signal names\n  -q,--quiet          don't print complaints\n  -r,--regexp         interpret NAME as an extended regular expression\n  -s,--signal SIGNAL  send this signal instead of SIGTERM\n  -u,--user USER      kill only process(es) running as USER\n  -v,--verbose        report if the signal was successfully sent\n  -V,--version        display version information\n  -w,--wait           wait for processes to die\n  -n,--ns PID         match processes that belong to the same namespaces\n                      as PID\n  -Z,--context REGEXP kill only process(es) having context\n                      (must precede other arguments)\n\n";

const LIST = "HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\nCHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n";

export const killallCommand = defineCommand({
  name: "killall",
  summary: "kill processes by name",
  usage: "killall [OPTION]... [--] NAME...",
  options: [],
  parse: "raw",
  async run(ctx, _o, _ops, argv) {
    let sig = 15;
    const o: Record<string, string | boolean> = {};
    const names: string[] = [];
    const LONGS: Record<string, string> = { exact: "e", "ignore-case": "I", "process-group": "g", "younger-than": "y", "older-than": "o", interactive: "i", list: "l", quiet: "q", regexp: "r", signal: "s", user: "u", verbose: "v", version: "V", wait: "w", ns: "n", context: "Z", help: "h" };
    const withArg = new Set(["y", "o", "s", "u", "n", "Z"]);
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === "--") {
        names.push(...argv.slice(i + 1));
        break;
      }
      if (a.startsWith("--")) {
        const eq = a.indexOf("=");
        const key = LONGS[eq >= 0 ? a.slice(2, eq) : a.slice(2)];
        if (!key) return { stdout: "", stderr: HELP, exitCode: 1 };
        o[key] = withArg.has(key) ? (eq >= 0 ? a.slice(eq + 1) : (argv[++i] ?? "")) : true;
        continue;
      }
      if (a.startsWith("-") && a.length > 1) {
        const n = parseSignal(a.slice(1));
        if (n !== undefined && !/^-[eIgyoilqrsuvVwnZh]$/.test(a)) {
          sig = n;
          continue;
        }
        for (let j = 1; j < a.length; j++) {
          const ch = a[j]!;
          if (!"eIgyoilqrsuvVwnZh".includes(ch)) {
            const n2 = parseSignal(a.slice(1));
            if (n2 !== undefined) {
              sig = n2;
              break;
            }
            return { stdout: "", stderr: `${a.slice(1)}: unknown signal; killall -l lists signals.\n`, exitCode: 1 };
          }
          if (withArg.has(ch)) {
            o[ch] = a.slice(j + 1) || (argv[++i] ?? "");
            break;
          }
          o[ch] = true;
        }
        continue;
      }
      names.push(a);
    }
    if (o.h) return { stdout: HELP };
    if (o.V) return { stdout: "", stderr: "killall (PSmisc) 23.6\nCopyright (C) 1993-2022 Werner Almesberger and Craig Small\n\nPSmisc comes with ABSOLUTELY NO WARRANTY.\nThis is free software, and you are welcome to redistribute it under\nthe terms of the GNU General Public License.\nFor more information about these matters, see the files named COPYING.\n" };
    if (o.l) return { stdout: LIST };
    if (typeof o.s === "string") {
      const n = parseSignal(o.s);
      if (n === undefined) return { stdout: "", stderr: `${o.s}: unknown signal; killall -l lists signals.\n`, exitCode: 1 };
      sig = n;
    }
    if (!names.length) return { stdout: "", stderr: HELP, exitCode: 1 };
    let uid: number | undefined;
    if (typeof o.u === "string") {
      uid = uidOfUser(ctx.host, o.u);
      if (uid === undefined) return { stdout: "", stderr: `killall: Cannot find user ${o.u}\n`, exitCode: 1 };
    }
    const tasks = snapshot(ctx).filter((t) => t.pid !== ctx.pid && !t.kthread);
    const out = "";
    let err = "";
    let failed = false;
    const evidence: string[] = [];
    const waitFor: number[] = [];
    for (const name of names) {
      let re: RegExp | undefined;
      if (o.r) {
        try {
          re = new RegExp(name, o.I ? "i" : "");
        } catch {
          return { stdout: "", stderr: `killall: Bad regular expression: ${name}\n`, exitCode: 1 };
        }
      }
      const base = name.replace(/^.*\//, "");
      const eq = (a: string, b: string): boolean => (o.I ? a.toLowerCase() === b.toLowerCase() : a === b);
      const match = (t: Task): boolean => {
        if (uid !== undefined && t.uid !== uid) return false;
        if (re) return re.test(t.comm);
        if (base.length > 15 && !o.e) return eq(t.comm, base.slice(0, 15)) || eq((t.argv[0] ?? "").replace(/^.*\//, ""), base);
        return eq(t.comm, base) || (t.comm.length === 15 && eq((t.argv[0] ?? "").replace(/^.*\//, ""), base));
      };
      const hits = tasks.filter(match);
      if (!hits.length) {
        if (!o.q) err += `${name}: no process found\n`;
        failed = true;
        continue;
      }
      let ok = 0;
      for (const t of hits) {
        const r = ctx.act.signal(t.pid, sig);
        if (r === "EPERM") {
          if (!o.q) err += `${t.comm}(${t.pid}): Operation not permitted\n`;
          continue;
        }
        if (r === "ESRCH") continue;
        ok++;
        evidence.push(`signal:${t.pid}:${sig}`);
        waitFor.push(t.pid);
        if (o.v) err += `Killed ${t.comm}(${t.pid}) with signal ${sig}\n`;
      }
      if (!ok) failed = true;
    }
    if (o.w) {
      for (let s = 0; s < 30 && waitFor.some((p) => ctx.host.procs.has(p) && ctx.host.procs.get(p)!.state !== "Z"); s++) {
        if (!(await ctx.sleep(1000, { bounded: true }))) break;
      }
    }
    void signalName;
    return { stdout: out, stderr: err, exitCode: failed ? 1 : 0, evidence } satisfies CommandResult;
  },
});
