/**
 * journalctl (systemd 252): the simulated journal (units' lines, systemd's own lines about
 * them, logger's, and the kernel ring buffer as "kernel:" lines) with -u, -k, -t, FIELD=VALUE
 * matches, -p priorities and ranges, -g grep (smart case), -S/-U time specs, -n, -e, -r, -b,
 * -f (follows as the sim clock advances), -x catalog text for common systemd messages, -o
 * short/short-iso/short-precise/short-full/short-monotonic/short-unix/cat/json/json-pretty/
 * verbose/with-unit, --no-hostname, --list-boots and --disk-usage. No "Logs begin at" header
 * (systemd 252); "-- No entries --" when nothing matches. Users outside adm/systemd-journal
 * get systemd's hint and no system lines. Pager options are accepted and ignored.
 */
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { OUTPUT_MODES, canReadSystemJournal, entryEvidence, journalEntries, renderEntry, unitName, type JEntry, type OutputMode } from "./journal-read.js";
import { parseTimeSpec } from "./time-spec.js";
import { hash32 } from "../dmesg/kmsg-format.js";
import { civilFromEpochMs, pad } from "../../../engine/index.js";

const HELP = `journalctl [OPTIONS...] [MATCHES...]

Query the journal.

Source Options:
     --system                Show the system journal
     --user                  Show the user journal for the current user
  -M --machine=CONTAINER     Operate on local container
  -m --merge                 Show entries from all available journals
  -D --directory=PATH        Show journal files from directory
     --file=PATH             Show journal file
     --root=ROOT             Operate on an alternate filesystem root
     --image=IMAGE           Operate on disk image as filesystem root
     --namespace=NAMESPACE   Show journal data from specified journal namespace

Filtering Options:
  -S --since=DATE            Show entries not older than the specified date
  -U --until=DATE            Show entries not newer than the specified date
  -c --cursor=CURSOR         Show entries starting at the specified cursor
     --after-cursor=CURSOR   Show entries after the specified cursor
     --cursor-file=FILE      Show entries after cursor in FILE and update FILE
  -b --boot[=ID]             Show current boot or the specified boot
  -u --unit=UNIT             Show logs from the specified unit
     --user-unit=UNIT        Show logs from the specified user unit
  -t --identifier=STRING     Show entries with the specified syslog identifier
  -p --priority=RANGE        Show entries with the specified priority
     --facility=FACILITY...  Show entries with the specified facilities
  -g --grep=PATTERN          Show entries with MESSAGE matching PATTERN
     --case-sensitive[=BOOL] Force case sensitive or insensitive matching
  -k --dmesg                 Show kernel message log from the current boot

Output Control Options:
  -o --output=STRING         Change journal output mode (short, short-precise,
                               short-iso, short-iso-precise, short-full,
                               short-monotonic, short-unix, verbose, export,
                               json, json-pretty, json-sse, json-seq, cat,
                               with-unit)
     --output-fields=LIST    Select fields to print in verbose/export/json modes
  -n --lines[=INTEGER]       Number of journal entries to show
  -r --reverse               Show the newest entries first
     --show-cursor           Print the cursor after all the entries
     --utc                   Express time in Coordinated Universal Time (UTC)
  -x --catalog               Add message explanations where available
     --no-hostname           Suppress output of hostname field
     --no-full               Ellipsize fields
  -a --all                   Show all fields, including long and unprintable
  -f --follow                Follow the journal
     --no-tail               Show all lines, even in follow mode
  -q --quiet                 Do not show info messages and privilege warning

Pager Control Options:
     --no-pager              Do not pipe output into a pager
  -e --pager-end             Immediately jump to the end in the pager

Commands:
  -h --help                  Show this help text
     --version               Show package version
  -N --fields                List all field names currently used
  -F --field=FIELD           List all values that a specified field takes
     --list-boots            Show terse information about recorded boots
     --disk-usage            Show total disk usage of all journal files
     --vacuum-size=BYTES     Reduce disk usage below specified size
     --vacuum-files=INT      Leave only the specified number of journal files
     --vacuum-time=TIME      Remove journal files older than specified time
     --verify                Verify journal file consistency
     --sync                  Synchronize unwritten journal messages to disk
     --relinquish-var        Stop logging to disk, log to temporary file system
     --smart-relinquish-var  Similar, but NOP if log directory is on root mount
     --flush                 Flush all journal data from /run into /var
     --rotate                Request immediate rotation of the journal files

See the journalctl(1) man page for details.
`;

const PRIORITIES = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

function parsePriority(s: string): number | undefined {
  if (/^[0-7]$/.test(s)) return Number(s);
  const i = PRIORITIES.indexOf(s);
  return i >= 0 ? i : undefined;
}

/** systemd's catalog explanations (-x) for the messages the simulator writes. */
function catalogFor(e: JEntry): string[] | undefined {
  const m = e.message;
  const unitOf = (re: RegExp): string | undefined => re.exec(m)?.[1];
  const head = (subject: string): string[] => [`Subject: ${subject}`, "Defined-By: systemd", "Support: https://www.debian.org/support", ""];
  let u: string | undefined;
  if (e.kernel || e.ident !== "systemd") return undefined;
  if ((u = unitOf(/^Started (\S+)/))) return [...head(`A start job for unit ${u} has finished successfully`), `A start job for unit ${u} has finished successfully.`, "", "The job identifier is 1."];
  if ((u = unitOf(/^Starting (\S+)/))) return [...head(`A start job for unit ${u} has begun execution`), `A start job for unit ${u} has begun execution.`, "", "The job identifier is 1."];
  if ((u = unitOf(/^Stopped (\S+)/))) return [...head(`A stop job for unit ${u} has finished`), `A stop job for unit ${u} has finished.`, "", "The job identifier is 1 and the job result is done."];
  if ((u = unitOf(/^Failed to start (\S+)/))) return [...head(`A start job for unit ${u} has failed`), `A start job for unit ${u} has finished with a failure.`, "", "The job identifier is 1 and the job result is failed."];
  const r = /^(\S+): Failed with result '([^']+)'/.exec(m);
  if (r) return [...head("Unit failed"), `The unit ${r[1]} has entered the 'failed' state with result '${r[2]}'.`];
  const x = /^(\S+): Main process exited, code=(\w+), status=(\S+)/.exec(m);
  if (x) return [...head("Unit process exited"), `An ExecStart= process belonging to unit ${x[1]} has exited.`, "", `The process' exit code is '${x[2]}' and its exit status is ${x[3]!.split("/")[0]}.`];
  const d = /^(\S+): Deactivated successfully/.exec(m);
  if (d) return [...head("Unit succeeded"), `The unit ${d[1]} has successfully entered the 'dead' state.`];
  const o = /^(\S+): A process of this unit has been killed by the OOM killer/.exec(m);
  if (o) return [...head("A process of " + o[1] + " unit has been killed by the OOM killer."), `A process of unit @UNIT has been killed by the Linux kernel out-of-memory (OOM)`.replace("@UNIT", o[1]!), "killer logic. This usually indicates that the system is low on memory and that", "memory needed to be freed. A process associated with this unit has been killed", "in order to free up memory."];
  const s = /^(\S+): Scheduled restart job, restart counter is at (\d+)/.exec(m);
  if (s) return [...head(`Automatic restarting of a unit has been scheduled`), `Automatic restarting of the unit ${s[1]} has been scheduled, as the result for`, "the configured Restart= setting for the unit."];
  return undefined;
}

function renderWithCatalog(e: JEntry, line: string, catalog: boolean): string {
  if (!catalog) return line;
  const c = catalogFor(e);
  return c ? line + c.map((l) => `░░ ${l}`.trimEnd() + "\n").join("").replace(/^░░\n/gm, "░░ \n") : line;
}

export const journalctlCommand = defineCommand({
  name: "journalctl",
  summary: "Query the systemd journal.",
  usage: "journalctl [OPTIONS...] [MATCHES...]",
  help: HELP,
  version: "systemd 252 (252.22-1~deb12u1)\n+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT +QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified",
  badOption: {
    kind: "custom",
    render: (opt, long, missing) => ({
      stderr: missing ? (long ? `journalctl: option '--${opt}' requires an argument\n` : `journalctl: option requires an argument -- '${opt}'\n`) : long ? `journalctl: unrecognized option '--${opt}'\n` : `journalctl: invalid option -- '${opt}'\n`,
      exitCode: 1,
    }),
  },
  options: [
    { name: "system", long: "system" },
    { name: "user", long: "user" },
    { name: "merge", short: "m", long: "merge" },
    { name: "since", short: "S", long: "since", arg: "required" },
    { name: "until", short: "U", long: "until", arg: "required" },
    { name: "boot", short: "b", long: "boot", arg: "optional" },
    { name: "unit", short: "u", long: "unit", arg: "required", multiple: true },
    { name: "userUnit", long: "user-unit", arg: "required", multiple: true },
    { name: "identifier", short: "t", long: "identifier", arg: "required", multiple: true },
    { name: "priority", short: "p", long: "priority", arg: "required" },
    { name: "grep", short: "g", long: "grep", arg: "required" },
    { name: "caseSensitive", long: "case-sensitive", arg: "optional" },
    { name: "dmesg", short: "k", long: "dmesg" },
    { name: "output", short: "o", long: "output", arg: "required" },
    { name: "lines", short: "n", long: "lines", arg: "optional" },
    { name: "reverse", short: "r", long: "reverse" },
    { name: "utc", long: "utc" },
    { name: "catalog", short: "x", long: "catalog" },
    { name: "noHostname", long: "no-hostname" },
    { name: "noFull", long: "no-full" },
    { name: "full", short: "l", long: "full" },
    { name: "all", short: "a", long: "all" },
    { name: "follow", short: "f", long: "follow" },
    { name: "noTail", long: "no-tail" },
    { name: "quiet", short: "q", long: "quiet" },
    { name: "noPager", long: "no-pager" },
    { name: "pagerEnd", short: "e", long: "pager-end" },
    { name: "help", short: "h", long: "help" },
    { name: "version", long: "version" },
    { name: "listBoots", long: "list-boots" },
    { name: "diskUsage", long: "disk-usage" },
    { name: "fields", short: "N", long: "fields" },
    { name: "field", short: "F", long: "field", arg: "required" },
    { name: "vacuumSize", long: "vacuum-size", arg: "required" },
    { name: "vacuumTime", long: "vacuum-time", arg: "required" },
    { name: "flush", long: "flush" },
    { name: "rotate", long: "rotate" },
  ],
  async run(ctx, opts, operands, argv) {
    if (opts.help) return { stdout: HELP };
    const host = ctx.host;
    const fail = (msg: string, code = 1): { stdout: string; stderr: string; exitCode: number } => ({ stdout: "", stderr: msg, exitCode: code });
    // "-n 20": journalctl takes a following number for its optional argument
    let lines: number | undefined;
    const ops = [...operands];
    if (opts.lines !== undefined) {
      let v = opts.lines === true ? undefined : String(opts.lines);
      if (v === undefined) {
        const i = argv.findIndex((a) => a === "-n" || a === "--lines" || /^-[a-zA-Z]*n$/.test(a));
        const next = i >= 0 ? argv[i + 1] : undefined;
        if (next !== undefined && /^(\+?\d+|all)$/.test(next) && ops.includes(next)) {
          v = next;
          ops.splice(ops.indexOf(next), 1);
        }
      }
      if (v === undefined) lines = 10;
      else if (v === "all") lines = undefined;
      else if (/^\+?\d+$/.test(v)) lines = Number(v.replace("+", ""));
      else return fail(`Failed to parse lines '${v}'\n`);
    }
    if (typeof opts.boot === "string" && !/^(0|\+?0|-0)$/.test(opts.boot)) {
      if (/^-?\d+$/.test(opts.boot) || /^[0-9a-f]{32}$/.test(opts.boot)) return fail(`Data from the specified boot (${opts.boot}) is not available: No such boot ID in journal\n`);
      return fail(`Failed to parse boot descriptor '${opts.boot}'\n`);
    }
    let mode: OutputMode = "short";
    if (typeof opts.output === "string") {
      if (!OUTPUT_MODES.includes(opts.output as OutputMode)) return fail(`Unknown output format '${opts.output}'.\n`);
      mode = opts.output as OutputMode;
    }
    let prio: [number, number] | undefined;
    if (typeof opts.priority === "string") {
      const [a, b] = opts.priority.split("..");
      const lo = parsePriority(a ?? "");
      const hi = b === undefined ? 0 : parsePriority(b);
      if (lo === undefined || hi === undefined) return fail(`Unknown log level ${opts.priority}\n`);
      prio = b === undefined ? [0, lo] : [Math.min(lo, hi), Math.max(lo, hi)];
    }
    const nowEpoch = host.epochMs();
    let sinceUs = -Infinity;
    let untilUs = Infinity;
    if (typeof opts.since === "string") {
      const t = parseTimeSpec(opts.since, nowEpoch);
      if (t === undefined) return fail(`Failed to parse timestamp: ${opts.since}\n`);
      sinceUs = (t - host.bootEpochMs) * 1000;
    }
    if (typeof opts.until === "string") {
      const t = parseTimeSpec(opts.until, nowEpoch);
      if (t === undefined) return fail(`Failed to parse timestamp: ${opts.until}\n`);
      untilUs = (t - host.bootEpochMs) * 1000;
    }
    if (sinceUs > untilUs) return fail("--since= must be before --until=.\n");
    let grep: RegExp | undefined;
    if (typeof opts.grep === "string") {
      const cs = opts.caseSensitive === undefined ? /[A-Z]/.test(opts.grep) : opts.caseSensitive === true || opts.caseSensitive === "yes" || opts.caseSensitive === "true" || opts.caseSensitive === "1";
      try {
        grep = new RegExp(opts.grep, cs ? "" : "i");
      } catch {
        return fail(`Failed to compile pattern "${opts.grep}"\n`);
      }
    }
    // FIELD=VALUE matches
    const matches: [string, string][] = [];
    for (const o of ops) {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(o);
      if (m) matches.push([m[1]!, m[2]!]);
      else if (o.startsWith("/")) matches.push(["_EXE", o]);
      else return fail(`Failed to add match '${o}': Invalid argument\n`);
    }
    const units = ((opts.unit as string[] | undefined) ?? []).map(unitName);
    const unitRes = units.map((u) => new RegExp("^" + u.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$"));
    const idents = (opts.identifier as string[] | undefined) ?? [];
    const privileged = canReadSystemJournal(host, ctx.cred.uid, ctx.cred.gids);
    let stderr = "";
    if (!privileged && !opts.quiet) stderr += "Hint: You are currently not seeing messages from other users and the system.\n      Users in groups 'adm', 'systemd-journal' can see all messages.\n      Pass -q to turn off this notice.\n";

    if (opts.diskUsage) return { stdout: `Archived and active journals take up ${(8 + (host.journal.length + host.kmsg.length) / 2000).toFixed(1)}M in the file system.\n`, stderr };
    if (opts.listBoots) {
      const id = hash32(`boot:${host.hostname}:${host.bootEpochMs}`).toString(16).padStart(8, "0") + hash32("b2").toString(16).padStart(8, "0") + hash32("b3").toString(16).padStart(8, "0") + hash32("b4").toString(16).padStart(8, "0");
      const fmt = (ms: number): string => {
        const c = civilFromEpochMs(ms);
        return `${["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][c.weekday]} ${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} UTC`;
      };
      return { stdout: ` 0 ${id} ${fmt(host.bootEpochMs)}—${fmt(nowEpoch)}\n`, stderr };
    }
    if (opts.vacuumSize !== undefined || opts.vacuumTime !== undefined || opts.flush || opts.rotate) {
      if (ctx.cred.uid !== 0) return fail("Failed to open /var/log/journal: Permission denied\n");
      return { stdout: "", stderr: opts.flush || opts.rotate ? "" : "Vacuuming done, freed 0B of archived journals from /var/log/journal.\n" };
    }

    const want = (e: JEntry): boolean => {
      if (!privileged) return false;
      if (opts.dmesg && !e.kernel) return false;
      if (units.length && (e.kernel || !unitRes.some((r) => r.test(e.unit)))) return false;
      if (idents.length && !idents.includes(e.ident)) return false;
      if (prio && (e.priority < prio[0] || e.priority > prio[1])) return false;
      if (e.us < sinceUs || e.us > untilUs) return false;
      if (grep && !grep.test(e.message)) return false;
      for (const [k, v] of matches) {
        const val = k === "_PID" ? String(e.pid ?? "") : k === "_SYSTEMD_UNIT" || k === "UNIT" ? e.unit : k === "SYSLOG_IDENTIFIER" ? e.ident : k === "PRIORITY" ? String(e.priority) : k === "_TRANSPORT" ? (e.kernel ? "kernel" : "journal") : k === "_HOSTNAME" ? host.hostname : k === "_COMM" ? e.ident : undefined;
        if (val !== v) return false;
      }
      return true;
    };
    const color = ctx.isTty;
    const evidence = new Set<string>();
    const emitEntries = (list: JEntry[]): string => {
      let s = "";
      for (const e of list) {
        for (const k of entryEvidence(e)) evidence.add(k);
        s += renderWithCatalog(e, renderEntry(host, e, mode, { color, noHostname: !!opts.noHostname }), !!opts.catalog);
      }
      return s;
    };
    let all = journalEntries(host).filter(want);
    if (lines === undefined && (opts.pagerEnd || opts.follow) && opts.lines === undefined) lines = opts.follow ? 10 : 1000;
    if (opts.noTail) lines = undefined;
    if (lines !== undefined) all = lines === 0 ? [] : all.slice(Math.max(0, all.length - lines));
    if (opts.reverse) all = all.reverse();
    let stdout = "";
    const emit = (s: string): void => {
      if (s && !ctx.write(s)) stdout += s;
    };
    if (!all.length && !opts.follow) {
      if (!opts.quiet) stdout += "-- No entries --\n";
      for (const u of units) evidence.add(`journal:${u.replace(/\.service$/, "")}`);
      return { stdout, stderr, evidence: [...evidence] };
    }
    for (const u of units) evidence.add(`journal:${u.replace(/\.service$/, "")}`);
    emit(emitEntries(all));
    let exitCode = 0;
    if (opts.follow) {
      let seenJ = host.journal.length;
      let seenK = host.kmsg.length;
      exitCode = await followLoop(ctx, () => {
        const fresh = journalEntries(host).filter((e) => (e.kernel ? e.seq / 2 >= seenK : (e.seq - 1) / 2 >= seenJ) && want(e));
        seenJ = host.journal.length;
        seenK = host.kmsg.length;
        emit(emitEntries(fresh));
      });
    }
    return { stdout, stderr, exitCode, evidence: [...evidence] };
  },
});

async function followLoop(ctx: CommandContext, poll: () => void): Promise<number> {
  for (;;) {
    const ok = await ctx.sleep(1000);
    poll();
    if (!ok) return 130;
  }
}
