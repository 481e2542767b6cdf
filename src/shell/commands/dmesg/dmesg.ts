/**
 * dmesg (util-linux 2.38.1): prints the simulated kernel ring buffer (host.kmsg) with
 * "[%5lu.%06lu] " timestamps (sim time since boot), -T ctime stamps, -t, -d deltas, -H/-e
 * relative stamps, -r raw "<pri>" prefixes, -x decoded facility/level, -l/-f/-k/-u filters,
 * --since/--until, -w/-W following new records as the sim clock advances, -c/-C clearing (root),
 * and util-linux's colours on a tty (timestamp green, subsystem prefix yellow, err red, warn
 * bold). Multi-line records print their continuation lines indented to the message column.
 * Debian's kernel.dmesg_restrict=1 makes non-root reads fail with EPERM.
 */
import { ctime, civilFromEpochMs, MONTHS, pad, type Host } from "../../../engine/index.js";
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { parseTimeSpec } from "../journalctl/time-spec.js";
import { FACILITY_NAMES, LEVEL_NAMES, dmesgRestricted, indentRecord, kmsgEvidence, kmsgRecords, monoStamp, type KmsgRecord } from "./kmsg-format.js";

const HELP = `
Usage:
 dmesg [options]

Display or control the kernel ring buffer.

Options:
 -C, --clear                 clear the kernel ring buffer
 -c, --read-clear            read and clear all messages
 -D, --console-off           disable printing messages to console
 -E, --console-on            enable printing messages to console
 -F, --file <file>           use the file instead of the kernel log buffer
 -f, --facility <list>       restrict output to defined facilities
 -H, --human                 human readable output
 -J, --json                  use JSON output format
 -k, --kernel                display kernel messages
 -L, --color[=<when>]        colorize messages (auto, always or never)
                               colors are enabled by default
 -l, --level <list>          restrict output to defined levels
 -n, --console-level <level> set level of messages printed to console
 -P, --nopager               do not pipe output into a pager
 -p, --force-prefix          force timestamp output on each line of multi-line messages
 -r, --raw                   print the raw message buffer
     --noescape              don't escape unprintable character
 -S, --syslog                force to use syslog(2) rather than /dev/kmsg
 -s, --buffer-size <size>    buffer size to query the kernel ring buffer
 -u, --userspace             display userspace messages
 -w, --follow                wait for new messages
 -W, --follow-new            wait and print only new messages
 -x, --decode                decode facility and level to readable string
 -d, --show-delta            show time delta between printed messages
 -e, --reltime               show local time and time delta in readable format
 -T, --ctime                 show human-readable timestamp (may be inaccurate!)
 -t, --notime                don't show any timestamp with messages
     --time-format <format>  show timestamp using the given format:
                               [delta|reltime|ctime|notime|iso]
Suspending/resume will make ctime and iso timestamps inaccurate.
     --since <time>          display the lines since the specified time
     --until <time>          display the lines until the specified time

 -h, --help                  display this help
 -V, --version               display version

Supported log facilities:
    kern - kernel messages
    user - random user-level messages
    mail - mail system
  daemon - system daemons
    auth - security/authorization messages
  syslog - messages generated internally by syslogd
     lpr - line printer subsystem
    news - network news subsystem

Supported log levels (priorities):
   emerg - system is unusable
   alert - action must be taken immediately
    crit - critical conditions
     err - error conditions
    warn - warning conditions
  notice - normal but significant condition
    info - informational
   debug - debug-level messages

For more details see dmesg(1).
`;

const C = { time: "\x1b[32m", timebreak: "\x1b[32m\x1b[1m", subsys: "\x1b[33m", alert: "\x1b[7m\x1b[31m", crit: "\x1b[1m\x1b[31m", err: "\x1b[31m", warn: "\x1b[1m", segfault: "\x1b[2m\x1b[31m", off: "\x1b[0m" };


type TimeFmt = "mono" | "ctime" | "notime" | "delta" | "reltime" | "iso" | "raw";

function parseLevels(list: string): Set<number> | string {
  const out = new Set<number>();
  for (const raw of list.split(",")) {
    let name = raw.trim();
    let dir = 0;
    if (name.startsWith("+")) {
      dir = 1;
      name = name.slice(1);
    } else if (name.endsWith("+")) {
      dir = -1;
      name = name.slice(0, -1);
    }
    const i = LEVEL_NAMES.indexOf(name as (typeof LEVEL_NAMES)[number]);
    const n = i >= 0 ? i : name === "warning" ? 4 : name === "error" ? 3 : /^[0-7]$/.test(name) ? Number(name) : -1;
    if (n < 0) return `dmesg: unknown level '${raw}'\n`;
    if (dir === 0) out.add(n);
    else for (let l = 0; l < 8; l++) if ((dir < 0 && l <= n) || (dir > 0 && l >= n)) out.add(l);
  }
  return out;
}

function parseFacilities(list: string): Set<number> | string {
  const out = new Set<number>();
  for (const raw of list.split(",")) {
    const i = FACILITY_NAMES.indexOf(raw.trim() as (typeof FACILITY_NAMES)[number]);
    if (i < 0) return `dmesg: unknown facility '${raw}'\n`;
    out.add(i);
  }
  return out;
}

/** The subsystem prefix util-linux colours: text up to the first ":" followed by a blank. */
function subsysEnd(text: string): number {
  const first = text.split("\n")[0]!;
  for (let i = 0; i < first.length - 1; i++) if (first[i] === ":" && (first[i + 1] === " " || first[i + 1] === "\t")) return i + 2;
  return -1;
}

function levelColor(level: number, text: string): string | undefined {
  if (level === 1) return C.alert;
  if (level === 2) return C.crit;
  if (level === 3) return C.err;
  if (level === 4) return C.warn;
  if (text.includes("segfault at")) return C.segfault;
  return undefined;
}

interface Printer {
  fmt: TimeFmt;
  color: boolean;
  decode: boolean;
  lastUs?: number;
  lastMinute?: string;
}

function printRecord(host: Host, r: KmsgRecord, p: Printer): string {
  let head = "";
  let stamp = "";
  let stampColor = C.time;
  if (p.decode) head = `${(FACILITY_NAMES[r.facility] ?? "kern").padEnd(6)}:${(LEVEL_NAMES[r.level] ?? "info").padEnd(6)}: `;
  const epoch = host.bootEpochMs + Math.floor(r.us / 1000);
  switch (p.fmt) {
    case "mono":
      stamp = `${monoStamp(r.us)} `;
      break;
    case "raw":
      head = `<${(r.facility << 3) | r.level}>`;
      stamp = `${monoStamp(r.us)} `;
      break;
    case "ctime":
      stamp = `[${ctime(epoch)}] `;
      break;
    case "iso": {
      const c = civilFromEpochMs(epoch);
      stamp = `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)},${String(r.us % 1e6).padStart(6, "0")}+00:00 `;
      break;
    }
    case "delta": {
      const d = p.lastUs === undefined ? 0 : r.us - p.lastUs;
      stamp = `${monoStamp(r.us).slice(0, -1)} <${String(Math.floor(d / 1e6)).padStart(5, " ")}.${String(d % 1e6).padStart(6, "0")}>] `;
      break;
    }
    case "reltime": {
      const c = civilFromEpochMs(epoch);
      const minute = `${MONTHS[c.month - 1]}${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}`;
      if (minute !== p.lastMinute) {
        stamp = `[${minute}] `;
        stampColor = C.timebreak;
      } else {
        const d = r.us - (p.lastUs ?? r.us);
        stamp = `[${("+" + Math.floor(d / 1e6)).padStart(4, " ")}.${String(d % 1e6).padStart(6, "0")}] `;
      }
      p.lastMinute = minute;
      break;
    }
    case "notime":
      break;
  }
  p.lastUs = r.us;
  const width = head.length + stamp.length;
  let text = r.text;
  let body: string;
  if (p.color && p.fmt !== "raw") {
    let out = head + (stamp ? stampColor + stamp + C.off : "");
    const e = subsysEnd(text);
    if (e > 0) {
      out += C.subsys + text.slice(0, e) + C.off;
      text = text.slice(e);
    }
    const lc = levelColor(r.level, text);
    out += lc ? lc + indentRecord(text, width) + C.off : indentRecord(text, width);
    body = out;
  } else body = head + stamp + (p.fmt === "raw" ? text : indentRecord(text, width));
  return body + "\n";
}

export const dmesgCommand = defineCommand({
  name: "dmesg",
  summary: "Print or control the kernel ring buffer.",
  usage: "dmesg [options]",
  help: HELP,
  version: "dmesg from util-linux 2.38.1",
  options: [
    { name: "clear", short: "C", long: "clear" },
    { name: "readClear", short: "c", long: "read-clear" },
    { name: "consoleOff", short: "D", long: "console-off" },
    { name: "consoleOn", short: "E", long: "console-on" },
    { name: "file", short: "F", long: "file", arg: "required" },
    { name: "facility", short: "f", long: "facility", arg: "required" },
    { name: "human", short: "H", long: "human" },
    { name: "json", short: "J", long: "json" },
    { name: "kernel", short: "k", long: "kernel" },
    { name: "color", short: "L", long: "color", arg: "optional" },
    { name: "level", short: "l", long: "level", arg: "required" },
    { name: "consoleLevel", short: "n", long: "console-level", arg: "required" },
    { name: "nopager", short: "P", long: "nopager" },
    { name: "forcePrefix", short: "p", long: "force-prefix" },
    { name: "raw", short: "r", long: "raw" },
    { name: "noescape", long: "noescape" },
    { name: "syslog", short: "S", long: "syslog" },
    { name: "bufferSize", short: "s", long: "buffer-size", arg: "required" },
    { name: "userspace", short: "u", long: "userspace" },
    { name: "follow", short: "w", long: "follow" },
    { name: "followNew", short: "W", long: "follow-new" },
    { name: "decode", short: "x", long: "decode" },
    { name: "delta", short: "d", long: "show-delta" },
    { name: "reltime", short: "e", long: "reltime" },
    { name: "ctime", short: "T", long: "ctime" },
    { name: "notime", short: "t", long: "notime" },
    { name: "timeFormat", long: "time-format", arg: "required" },
    { name: "since", long: "since", arg: "required" },
    { name: "until", long: "until", arg: "required" },
    { name: "help", short: "h", long: "help" },
    { name: "version", short: "V", long: "version" },
  ],
  async run(ctx, opts) {
    if (opts.help) return { stdout: HELP };
    if (opts.version) return { stdout: "dmesg from util-linux 2.38.1\n" };
    const host = ctx.host;
    const fail = (msg: string): { stdout: string; stderr: string; exitCode: number } => ({ stdout: "", stderr: msg, exitCode: 1 });
    // colour mode
    let color = ctx.isTty;
    if (opts.color !== undefined && opts.color !== true) {
      const m = String(opts.color);
      if (m === "always") color = true;
      else if (m === "never") color = false;
      else if (m !== "auto") return fail(`dmesg: unsupported color mode: '${m}'\n`);
    }
    let fmt: TimeFmt = "mono";
    if (opts.human || opts.reltime) fmt = "reltime";
    if (opts.ctime) fmt = "ctime";
    if (opts.delta) fmt = "delta";
    if (opts.notime) fmt = "notime";
    if (opts.raw) fmt = "raw";
    if (typeof opts.timeFormat === "string") {
      const tf = opts.timeFormat;
      const map: Record<string, TimeFmt> = { delta: "delta", reltime: "reltime", ctime: "ctime", notime: "notime", iso: "iso" };
      if (!map[tf]) return fail(`dmesg: unknown time format: ${tf}\n`);
      fmt = map[tf]!;
    }
    let levels: Set<number> | undefined;
    if (typeof opts.level === "string") {
      const l = parseLevels(opts.level);
      if (typeof l === "string") return fail(l);
      levels = l;
    }
    let facilities: Set<number> | undefined;
    if (typeof opts.facility === "string") {
      const f = parseFacilities(opts.facility);
      if (typeof f === "string") return fail(f);
      facilities = f;
    }
    if (opts.kernel && !opts.userspace) facilities = new Set([0]);
    if (opts.userspace && !opts.kernel) facilities = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23]);
    const now = host.epochMs();
    let sinceUs = -Infinity;
    let untilUs = Infinity;
    for (const [k, set] of [["since", (v: number) => (sinceUs = v)], ["until", (v: number) => (untilUs = v)]] as const) {
      const v = opts[k];
      if (typeof v !== "string") continue;
      const t = parseTimeSpec(v, now);
      if (t === undefined) return fail(`dmesg: invalid time value "${v}"\n`);
      set((t - host.bootEpochMs) * 1000);
    }
    const root = ctx.cred.uid === 0;
    if (opts.clear && !opts.readClear) {
      if (!root) return fail("dmesg: clear kernel buffer failed: Operation not permitted\n");
      ctx.act.clearKernelLog();
      return { stdout: "" };
    }
    if (opts.consoleOff || opts.consoleOn || opts.consoleLevel !== undefined) {
      if (!root) return fail("dmesg: klogctl failed: Operation not permitted\n");
      return { stdout: "" };
    }
    if (typeof opts.file === "string") {
      const r = await ctx.exec(`cat -- '${opts.file.replace(/'/g, "'\\''")}'`);
      if (r.exitCode !== 0) return fail(`dmesg: cannot open ${opts.file}: No such file or directory\n`);
      return { stdout: r.stdout };
    }
    if (dmesgRestricted(host, ctx.cred.uid)) return fail("dmesg: read kernel buffer failed: Operation not permitted\n");

    const evidence = new Set<string>();
    const printer: Printer = { fmt, color, decode: !!opts.decode && fmt !== "raw" };
    const want = (r: KmsgRecord): boolean =>
      r.seq >= host.kmsgClearedUpTo && (!levels || levels.has(r.level)) && (!facilities || facilities.has(r.facility)) && r.us >= sinceUs && r.us <= untilUs;
    const render = (recs: KmsgRecord[]): string => {
      let s = "";
      for (const r of recs) {
        if (!want(r)) continue;
        for (const e of kmsgEvidence(r.text)) evidence.add(e);
        s += printRecord(host, r, printer);
      }
      return s;
    };
    let stdout = "";
    const emit = (s: string): void => {
      if (s && !ctx.write(s)) stdout += s;
    };
    if (opts.json) {
      const recs = kmsgRecords(host).filter(want);
      for (const r of recs) for (const e of kmsgEvidence(r.text)) evidence.add(e);
      const items = recs.map((r) => `      {\n         "pri": ${(r.facility << 3) | r.level},\n         "time": ${(Math.floor(r.us / 1e6) + "." + String(r.us % 1e6).padStart(6, "0")).padStart(12, " ")},\n         "msg": ${JSON.stringify(r.text)}\n      }`);
      return { stdout: `{\n   "dmesg": [\n${items.join(",\n")}\n   ]\n}\n`, evidence: [...evidence] };
    }
    let seen = host.kmsg.length;
    if (!opts.followNew) emit(render(kmsgRecords(host)));
    if (opts.readClear) ctx.act.clearKernelLog();
    let exitCode = 0;
    if (opts.follow || opts.followNew) {
      exitCode = await follow(ctx, () => {
        const recs = kmsgRecords(host);
        const fresh = recs.slice(seen);
        seen = recs.length;
        emit(render(fresh));
      });
    }
    return { stdout, exitCode, evidence: [...evidence] };
  },
});

/** Polls once a sim second until interrupted; returns the exit status of a SIGINT'd dmesg. */
async function follow(ctx: CommandContext, poll: () => void): Promise<number> {
  for (;;) {
    const ok = await ctx.sleep(1000);
    poll();
    if (!ok) return 130;
  }
}
