/**
 * top (procps-ng 4.0.2). Batch mode (-b) prints -n frames (default: until interrupted),
 * sleeping -d seconds of sim time between them; options -o FIELD (+/- prefix), -p PIDs,
 * -u/-U user, -H threads, -c full command lines, -1 per-CPU lines, -w width, -E/-e memory
 * scales. Without -b: on the interactive terminal it returns a full-screen program; anywhere
 * else it fails like real top ("top: failed tty get").
 *
 * Interactive keys: q quits; 1 per-CPU; M/P/T/N sort by %MEM/%CPU/TIME+/PID; R reverses;
 * c full command; H threads; space/Enter refresh; k kills with a two-step prompt flow:
 * key("k") returns {prompt: "PID to signal/kill [default pid = N] "}; the session then calls
 * key() once with the whole typed answer (a pid, or "" for the default), which returns
 * {prompt: "Send pid N signal [15/sigterm] "}; the next key() call with the typed answer
 * (a number, a name like KILL/SIGKILL, or "" for 15) sends the signal through ctx.act and
 * returns "redraw". Errors appear on the message line of the next frame, as top shows them.
 */
import { SIGNALS } from "../../../engine/index.js";
import { defineCommand, type CommandContext, type CommandResult, type FullScreenProgram } from "../../spec/define-command.js";
import { uidOfUser } from "../ps/proc-view.js";
import { renderFrame, TOP_FIELDS, type TopSample, type TopState } from "./top-render.js";

const HELP = "\nUsage:\n top [options]\n\nOptions:\n -b, --batch-mode                run in non-interactive batch mode\n -c, --cmdline-toggle            reverse last remembered 'c' state\n -d, --delay =SECS [.TENTHS]     iterative delay as SECS [.TENTHS]\n -E, --scale-summary-mem =SCALE  set mem as: k,m,g,t,p,e for SCALE\n -e, --scale-task-mem =SCALE     set mem with: k,m,g,t,p for SCALE\n -H, --threads-show              show tasks plus all their threads\n -i, --idle-toggle               reverse last remembered 'i' state\n -n, --iterations =NUMBER        exit on maximum iterations NUMBER\n -O, --list-fields               output all field names, then exit\n -o, --sort-override =FIELD      force sorting on this named FIELD\n -p, --pid =PIDLIST              monitor only the tasks in PIDLIST\n -S, --accum-time-toggle         reverse last remembered 'S' state\n -s, --secure-mode               run with secure mode restrictions\n -U, --filter-any-user =USER     show only processes owned by USER\n -u, --filter-only-euser =USER   show only processes owned by USER\n -w, --width [=COLUMNS]          change print width [,use COLUMNS]\n -1, --single-cpu-toggle         reverse last remembered '1' state\n\n -h, --help                      display this help text, then exit\n -V, --version                   output version information & exit\n\nFor more details see top(1).\n";

function err(msg: string): CommandResult {
  return { stdout: "", stderr: `top: ${msg}\n`, exitCode: 1 };
}

interface Parsed {
  batch: boolean;
  delayS: number;
  iterations?: number;
  width?: number;
  st: TopState;
}

const LONG: Record<string, string> = {
  "batch-mode": "b", "cmdline-toggle": "c", delay: "d", "scale-summary-mem": "E", "scale-task-mem": "e", "threads-show": "H", "idle-toggle": "i", iterations: "n",
  "list-fields": "O", "sort-override": "o", pid: "p", "accum-time-toggle": "S", "secure-mode": "s", "filter-any-user": "U", "filter-only-euser": "u", width: "w",
  "single-cpu-toggle": "1", help: "h", version: "V",
};
const WITH_ARG = new Set(["d", "E", "e", "n", "o", "p", "U", "u"]);

function parse(ctx: CommandContext, argv: string[]): Parsed | CommandResult {
  const st: TopState = { sort: "%CPU", desc: true, threads: false, fullCmd: false, perCpu: false, summScale: "m", taskScale: "k" };
  const p: Parsed = { batch: false, delayS: 3, st };
  const items: [string, string | undefined][] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const ch = LONG[name] ?? Object.entries(LONG).find(([k]) => k.startsWith(name))?.[1];
      if (!ch) return { stdout: "", stderr: `top: unrecognized option '${a}'\n`, exitCode: 0 };
      let v = eq >= 0 ? a.slice(eq + 1) : undefined;
      if (WITH_ARG.has(ch) && v === undefined) v = argv[++i];
      if (ch === "w" && v === undefined && argv[i + 1] && /^\d+$/.test(argv[i + 1]!)) v = argv[++i];
      items.push([ch, v]);
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j]!;
        if (!"bcdEeHinOopSsUuw1hV".includes(ch)) return { stdout: "", stderr: `top: invalid option -- '${ch}'\n`, exitCode: 0 };
        const rest = a.slice(j + 1);
        if (WITH_ARG.has(ch)) {
          let v: string | undefined = rest || argv[++i];
          if (v === undefined) return { stdout: "", stderr: `top: option requires an argument -- '${ch}'\n`, exitCode: 0 };
          if (ch === "d" && !rest && v !== undefined) v = v.trim();
          items.push([ch, v]);
          break;
        }
        if (ch === "w") {
          const v = rest || (argv[i + 1] && /^\d+$/.test(argv[i + 1]!) ? argv[++i] : undefined);
          items.push([ch, v]);
          break;
        }
        items.push([ch, undefined]);
      }
      continue;
    }
    return err(`unknown option '${a}'`);
  }
  for (const [ch, v] of items) {
    switch (ch) {
      case "h":
        return { stdout: HELP };
      case "V":
        return { stdout: "top from procps-ng 4.0.2\n" };
      case "b":
        p.batch = true;
        break;
      case "c":
        st.fullCmd = !st.fullCmd;
        break;
      case "H":
        st.threads = true;
        break;
      case "1":
        st.perCpu = !st.perCpu;
        break;
      case "d": {
        const d = Number((v ?? "").replace(",", "."));
        if (!v || !Number.isFinite(d)) return err(`bad delay interval '${v ?? ""}'`);
        if (d < 0) return err("delay interval must be >= 0");
        p.delayS = d;
        break;
      }
      case "n": {
        if (!v || !/^\d+$/.test(v) || Number(v) < 1) return err(`bad iterations argument '${v ?? ""}'`);
        p.iterations = Number(v);
        break;
      }
      case "o": {
        let f = v ?? "";
        let desc = true;
        if (f.startsWith("+")) f = f.slice(1);
        else if (f.startsWith("-")) {
          desc = false;
          f = f.slice(1);
        }
        const k = TOP_FIELDS[f];
        if (!k) return err(`unrecognized field name '${v}'`);
        st.sort = k;
        st.desc = desc;
        break;
      }
      case "p": {
        const list = (v ?? "").split(",");
        const pids: number[] = [];
        for (const x of list) {
          if (!/^\d+$/.test(x)) return err(`bad pid '${x}'`);
          pids.push(Number(x));
        }
        st.pids = [...(st.pids ?? []), ...pids];
        break;
      }
      case "u":
      case "U": {
        const uid = uidOfUser(ctx.host, v ?? "");
        if (uid === undefined || !ctx.host.users.some((u) => u.uid === uid)) return err("Invalid user");
        st.uid = uid;
        break;
      }
      case "E":
      case "e": {
        const s = (v ?? "").toLowerCase();
        if (!(ch === "E" ? "kmgtpe" : "kmgtp").includes(s) || s.length !== 1) return err(`bad memory scaling arg '${v ?? ""}'`);
        if (ch === "E") st.summScale = s;
        else st.taskScale = s;
        break;
      }
      case "w": {
        if (v !== undefined) {
          if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 512) return err(`bad width arg '${v}'`);
          p.width = Number(v);
        } else p.width = 512;
        break;
      }
      default:
        break;
    }
  }
  return p;
}

const KEY_SORT: Record<string, TopState["sort"]> = { M: "%MEM", P: "%CPU", T: "TIME+", N: "PID" };

function screen(ctx: CommandContext, st: TopState, delayS: number): FullScreenProgram {
  let prev: TopSample | undefined;
  let stage: "none" | "pid" | "sig" = "none";
  let target = 0;
  const firstPid = (): number => {
    const lines = renderFrame(ctx, { ...st, message: undefined }, prev, 200, 1).text.split("\n");
    const h = lines.findIndex((l) => /^\s*PID USER/.test(l));
    const m = /^\s*(\d+)/.exec(lines[h + 1] ?? "");
    return m ? Number(m[1]) : 1;
  };
  return {
    intervalMs: Math.max(100, delayS * 1000),
    render(cols, rows) {
      const f = renderFrame(ctx, st, prev, cols, Math.max(0, rows - 7));
      prev = f.sample;
      return f.text.replace(/\n$/, "");
    },
    key(k) {
      if (stage === "pid") {
        stage = "none";
        const ans = k.trim();
        const pid = ans === "" ? firstPid() : Number(ans);
        if (!/^\d*$/.test(ans) || !Number.isInteger(pid) || pid <= 0) {
          st.message = ` Unacceptable integer`;
          return "redraw";
        }
        target = pid;
        stage = "sig";
        return { prompt: `Send pid ${pid} signal [15/sigterm] ` };
      }
      if (stage === "sig") {
        stage = "none";
        const ans = k.trim().toUpperCase().replace(/^SIG/, "");
        const sig = ans === "" ? 15 : /^\d+$/.test(ans) ? Number(ans) : SIGNALS[ans];
        if (sig === undefined || sig < 1 || sig > 64) {
          st.message = ` Unacceptable signal value`;
          return "redraw";
        }
        const r = ctx.act.signal(target, sig);
        st.message = r ? ` Failed signal pid '${target}' with '${sig}': ${r === "ESRCH" ? "No such process" : "Operation not permitted"}` : undefined;
        return "redraw";
      }
      st.message = undefined;
      switch (k) {
        case "q":
        case "Q":
          return "exit";
        case "1":
          st.perCpu = !st.perCpu;
          return "redraw";
        case "c":
          st.fullCmd = !st.fullCmd;
          return "redraw";
        case "H":
          st.threads = !st.threads;
          return "redraw";
        case "R":
          st.desc = !st.desc;
          return "redraw";
        case "k":
          stage = "pid";
          return { prompt: `PID to signal/kill [default pid = ${firstPid()}] ` };
        case " ":
        case "\r":
        case "\n":
          return "redraw";
        default:
          if (KEY_SORT[k]) {
            st.sort = KEY_SORT[k]!;
            st.desc = true;
            return "redraw";
          }
          return undefined;
      }
    },
  };
}

export const topCommand = defineCommand({
  name: "top",
  summary: "display Linux processes",
  usage: "top [options]",
  options: [],
  parse: "raw",
  async run(ctx, _o, _ops, argv) {
    const p = parse(ctx, argv);
    if (!("st" in p)) return p;
    if (!p.batch) {
      if (ctx.interactive && ctx.isTty && p.iterations === undefined) return { stdout: "", screen: screen(ctx, p.st, p.delayS), evidence: ["proc-list", "load", "cpu", "mem"] };
      if (!ctx.isTty) return { stdout: "", stderr: "top: failed tty get\n", exitCode: 1 };
    }
    const width = p.width ?? (ctx.isTty ? ctx.cols : 80);
    let prev: TopSample | undefined;
    let out = "";
    const evidence = new Set<string>();
    for (let i = 0; p.iterations === undefined || i < p.iterations; i++) {
      if (i > 0) {
        const ok = await ctx.sleep(p.delayS * 1000, { bounded: p.iterations !== undefined });
        if (!ok) break;
      }
      const f = renderFrame(ctx, p.st, prev, width);
      prev = f.sample;
      const chunk = (i > 0 ? "\n" : "") + f.text;
      for (const e of f.evidence) evidence.add(e);
      if (!ctx.write(chunk)) out += chunk;
      if (ctx.interrupted()) break;
    }
    return { stdout: out, evidence: [...evidence] };
  },
});
