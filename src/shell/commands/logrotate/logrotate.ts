/**
 * logrotate 3.21 (Debian 12): reads its config (logrotate-config.ts), decides per log whether it
 * needs rotating (forced with -f; `size`; the interval against the state file
 * /var/lib/logrotate/status; `maxsize`; `notifempty`), and rotates: shifts the numbered copies,
 * drops the one past `rotate`, renames (or, with `copytruncate`, copies then truncates) the log,
 * `create`s a new one, runs prerotate/postrotate scripts (once per block with `sharedscripts`)
 * and gzips old copies (`compress`, `delaycompress`). -d only prints what it would do, -v
 * prints it while doing it; like the real tool everything but --version goes to stderr, with
 * its exact messages (including the missing newline after "acquired lock on state file").
 * Copying a log on a full filesystem fails with ENOSPC, as it does for real.
 */
import { VfsError, civilFromEpochMs, epochMsFromCivil, pad, type Cred, type Host } from "../../../engine/index.js";
import { defineCommand, type CommandContext } from "../../spec/define-command.js";
import { globRe } from "../common/fnmatch.js";
import { parseConfig, type Interval, type LogBlock } from "./logrotate-config.js";

const USAGE = `Usage: logrotate [-dfv?] [-d|--debug] [-f|--force] [-m|--mail=command]
        [-s|--state=statefile] [--skip-state-lock] [--wait-for-state-lock]
        [-v|--verbose] [-l|--log=logfile] [--version] [-?|--help] [--usage]
        [OPTION...] <configfile>
`;

const HELP = `Usage: logrotate [OPTION...] <configfile>
  -d, --debug                   Don't do anything, just test and print debug
                                messages
  -f, --force                   Force file rotation
  -m, --mail=command            Command to send mail (instead of
                                \`/usr/bin/mail')
  -s, --state=statefile         Path of state file
      --skip-state-lock         Do not lock the state file
      --wait-for-state-lock     Wait for lock on the state file
  -v, --verbose                 Display messages during rotation
  -l, --log=logfile             Log file or 'syslog' to log to syslog
      --version                 Display version information

Help options:
  -?, --help                    Show this help message
      --usage                   Display brief usage message
`;

const VERSION = `logrotate 3.21.0

    Default mail command:       /usr/bin/mail
    Default compress command:   /bin/gzip
    Default uncompress command: /bin/gunzip
    Default compress extension: .gz
    Default state file path:    /var/lib/logrotate/status
    ACL support:                yes
    SELinux support:            yes`;

const STATE = "/var/lib/logrotate/status";
const ROOT: Cred = { uid: 0, gids: [0] };
/** gzip on a text log: about 1/12 of the bytes */
const GZIP_RATIO = 12;

const stampMin = (ms: number): string => {
  const c = civilFromEpochMs(ms);
  return `${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}`;
};

function readState(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of text.split("\n").slice(1)) {
    const m = /^"(.*)" (\d+)-(\d+)-(\d+)-(\d+):(\d+):(\d+)$/.exec(l);
    if (m) out.set(m[1]!, epochMsFromCivil(+m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!));
  }
  return out;
}

function writeState(entries: Map<string, number>): string {
  let s = "logrotate state -- version 2\n";
  for (const [p, ms] of entries) {
    const c = civilFromEpochMs(ms);
    s += `"${p}" ${c.year}-${c.month}-${c.day}-${c.hour}:${c.minute}:${c.second}\n`;
  }
  return s;
}

/** Whether the interval has passed between two times (calendar-based, as logrotate compares them). */
function due(interval: Interval, lastMs: number, nowMs: number): boolean {
  const a = civilFromEpochMs(lastMs);
  const b = civilFromEpochMs(nowMs);
  switch (interval) {
    case "hourly":
      return nowMs - lastMs >= 3600000 || a.hour !== b.hour || a.day !== b.day;
    case "daily":
      return a.day !== b.day || a.month !== b.month || a.year !== b.year || nowMs - lastMs >= 86400000;
    case "weekly":
      return nowMs - lastMs >= 7 * 86400000;
    case "monthly":
      return a.month !== b.month || a.year !== b.year;
    case "yearly":
      return a.year !== b.year;
  }
}

const AGO: Record<Interval, string> = { hourly: "an hour", daily: "a day", weekly: "a week", monthly: "a month", yearly: "a year" };

function criterion(b: LogBlock, force: boolean): string {
  const rot = b.opts.rotate === 0 ? "no old logs will be kept" : `${b.opts.rotate} rotations`;
  const when = force ? "forced from command line" : b.opts.size !== undefined ? `${b.opts.size} bytes` : !b.opts.interval || b.opts.interval === "daily" ? "after 1 days" : b.opts.interval;
  return `rotating pattern: ${b.patterns.join(" ")}  ${when} (${rot})`;
}

function secondLine(b: LogBlock): string {
  const o = b.opts;
  return `${o.ifempty ? "empty log files are rotated" : "empty log files are not rotated"}${o.minsize !== undefined ? `, only log files >= ${o.minsize} bytes are rotated` : ""}${o.maxsize !== undefined ? `, log files >= ${o.maxsize} are rotated earlier` : ""}, old logs are removed`;
}

const isGlob = (p: string): boolean => /[*?[]/.test(p);

/** The files a pattern names (a glob in its last component); a glob that matches nothing stays as it is, as glob(3) with GLOB_NOCHECK leaves it. */
function expand(host: Host, pattern: string): string[] {
  if (!isGlob(pattern)) return [pattern];
  const found = matches(host, pattern);
  return found.length ? found : [pattern];
}

function matches(host: Host, pattern: string): string[] {
  const dir = pattern.slice(0, pattern.lastIndexOf("/")) || "/";
  const re = globRe(pattern.slice(pattern.lastIndexOf("/") + 1), false);
  try {
    return host.vfs
      .readdir(dir, ROOT)
      .filter((n) => re.test(n) && !n.startsWith("."))
      .sort()
      .map((n) => `${dir === "/" ? "" : dir}/${n}`)
      .filter((p) => {
        try {
          return host.vfs.stat(p, ROOT).type === "file";
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

export const logrotateCommand = defineCommand({
  name: "logrotate",
  summary: "rotates, compresses, and mails system logs",
  usage: "logrotate [OPTION...] <configfile>",
  help: HELP,
  version: VERSION,
  completeOperands: "path",
  badOption: { kind: "custom", render: (opt, long) => ({ stderr: `logrotate: bad argument ${long ? "--" : "-"}${opt}: unknown error\n`, exitCode: 2 }) },
  options: [
    { name: "d", short: "d", long: "debug" },
    { name: "f", short: "f", long: "force" },
    { name: "v", short: "v", long: "verbose" },
    { name: "s", short: "s", long: "state", arg: "required" },
    { name: "m", short: "m", long: "mail", arg: "required" },
    { name: "l", short: "l", long: "log", arg: "required" },
    { name: "skiplock", long: "skip-state-lock" },
    { name: "waitlock", long: "wait-for-state-lock" },
    { name: "q", short: "?" },
    { name: "usage", long: "usage" },
  ],
  async run(ctx, o, operands) {
    if (o.q) return { stdout: HELP, stderr: "", exitCode: 0 };
    if (o.usage) return { stdout: USAGE, stderr: "", exitCode: 0 };
    if (!operands.length) return { stdout: "", stderr: `logrotate 3.21.0 - Copyright (C) 1995-2001 Red Hat, Inc.\nThis may be freely redistributed under the terms of the GNU General Public License\n\n${USAGE}`, exitCode: 1 };
    return rotate(ctx, { debug: !!o.d, force: !!o.f, verbose: !!o.v || !!o.d, state: typeof o.s === "string" ? ctx.resolve(o.s) : STATE, stateShown: typeof o.s === "string" ? o.s : STATE }, operands);
  },
});

interface Flags {
  debug: boolean;
  force: boolean;
  verbose: boolean;
  state: string;
  stateShown: string;
}

async function rotate(ctx: CommandContext, f: Flags, operands: string[]): Promise<{ stdout: string; stderr: string; exitCode: number; evidence: string[] }> {
  const host = ctx.host;
  const vfs = host.vfs;
  const cred = ctx.cred as Cred;
  const out: string[] = [];
  let failed = false;
  const say = (...l: string[]): void => {
    if (f.verbose) out.push(...l);
  };
  const error = (l: string): void => {
    out.push(`error: ${l}`);
    failed = true;
  };
  if (f.debug) out.push("warning: logrotate in debug mode does nothing except printing debug messages!  Consider using verbose mode (-v) instead if this is not what you want.", "");
  const cfg = parseConfig(host, cred, operands, (p) => ctx.resolve(p));
  for (const l of cfg.log) if (f.verbose || /^(error|warning):/.test(l)) out.push(l);
  if (cfg.failed) failed = true;
  const nowMs = host.epochMs();
  let entries = new Map<string, number>();
  let stateText: string | undefined;
  try {
    stateText = vfs.readFile(f.state, cred);
  } catch (e) {
    if (!(e instanceof VfsError)) throw e;
  }
  const lock = f.debug ? "" : `acquired lock on state file ${f.stateShown}`;
  if (stateText === undefined) {
    if (f.debug) say(`Reading state from file: ${f.stateShown}`, `state file ${f.stateShown} does not exist`);
    else {
      try {
        vfs.writeFile(f.state, "", cred);
        say(`Creating stub state file: ${f.stateShown}`);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        error(`error creating stub state file ${f.stateShown}: ${e.text}`);
        return { stdout: "", stderr: out.map((l) => l + "\n").join(""), exitCode: 1, evidence: [] };
      }
    }
  } else entries = readState(stateText);
  if (!(f.debug && stateText === undefined)) say(`${lock}Reading state from file: ${f.stateShown}`);
  say("Allocating hash table for state file, size 64 entries");
  for (let i = 0; i < entries.size; i++) say("Creating new state");
  say("");
  say(`Handling ${cfg.blocks.length} logs`);
  const hourMs = nowMs - (nowMs % 3600000);
  const evidence: string[] = [];
  for (const b of cfg.blocks) {
    say("");
    say(criterion(b, f.force));
    say(secondLine(b));
    const todo: string[] = [];
    for (const pat of b.patterns) {
      const files = expand(host, pat);
      for (const path of files) {
        say(`considering log ${path}`);
        let st;
        try {
          st = vfs.stat(path, ROOT);
        } catch (e) {
          if (!(e instanceof VfsError)) throw e;
          const dir = path.slice(0, path.lastIndexOf("/")) || "/";
          if (b.opts.missingok) {
            if (!isGlob(path)) say(`  log ${path} does not exist -- skipping`);
          } else error(`stat of ${isGlob(path) && !vfs.exists(dir, ROOT) ? dir : path} failed: ${e.text}`);
          if (!entries.has(path)) {
            say("Creating new state");
            entries.set(path, hourMs);
          }
          continue;
        }
        const parent = vfs.stat(path.slice(0, path.lastIndexOf("/")) || "/", ROOT);
        if (!b.opts.su && (parent.mode & 0o002 || (parent.mode & 0o020 && parent.gid !== 0))) {
          error(`skipping "${path}" because parent directory has insecure permissions (It's world writable or writable by group which is not "root") Set "su" directive in config file to tell logrotate which user/group should be used for rotation.`);
          if (!entries.has(path)) {
            say("Creating new state");
            entries.set(path, hourMs);
          }
          continue;
        }
        const fresh = !entries.has(path);
        if (fresh) {
          say("Creating new state");
          entries.set(path, hourMs);
        }
        const last = entries.get(path)!;
        say(`  Now: ${stampMin(nowMs)}`);
        say(`  Last rotated at ${stampMin(last)}`);
        const interval = b.opts.interval ?? "daily";
        let why: string | undefined;
        if (st.size === 0 && !b.opts.ifempty) why = "log is empty";
        else if (f.force) why = undefined;
        else if (b.opts.size !== undefined) why = st.size >= b.opts.size ? undefined : "log size is below the 'size' threshold";
        else if (b.opts.minsize !== undefined && st.size < b.opts.minsize) why = "log size is below the 'minsize' threshold";
        else if (!fresh && due(interval, last, nowMs)) why = undefined;
        else if (b.opts.maxsize !== undefined && st.size >= b.opts.maxsize) why = undefined;
        else why = fresh ? "log has already been rotated" : `log has been rotated at ${stampMin(last)}, which is less than ${AGO[interval]} ago`;
        if (why) say(`  log does not need rotating (${why})`);
        else {
          say("  log needs rotating");
          todo.push(path);
        }
      }
    }
    // rotate what needs it
    const toCompress: string[] = [];
    const pruneAfter: (() => void)[] = [];
    const runScript = async (name: "prerotate" | "postrotate", arg: string): Promise<void> => {
      const body = b.scripts[name];
      if (body === undefined) return;
      say(`running ${name} script`);
      if (f.debug) return;
      const r = await ctx.exec(body, { asRoot: true, stdin: "" });
      if (r.exitCode !== 0) error(`error running ${b.opts.sharedscripts ? "shared " : "non-shared "}${name} script for ${arg}`);
    };
    if (b.opts.sharedscripts && todo.length) await runScript("prerotate", b.patterns.join(" ") + " ");
    for (const path of todo) {
      const n = b.opts.rotate;
      const ext = b.opts.compress ? ".gz" : "";
      const c = civilFromEpochMs(nowMs);
      say(`rotating log ${path}, log->rotateCount is ${n}`);
      say(`dateext suffix '-${c.year}${pad(c.month)}${pad(c.day)}'`);
      say("glob pattern '-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'");
      const exists = (p: string): boolean => vfs.exists(p, ROOT);
      const op = (what: () => void, msg: string): boolean => {
        if (f.debug) return true;
        try {
          what();
          return true;
        } catch (e) {
          if (!(e instanceof VfsError)) throw e;
          error(`${msg}: ${e.text}`);
          return false;
        }
      };
      const st = vfs.stat(path, ROOT);
      /** copytruncate's copy; on failure (ENOSPC) the partial copy goes and the log stays */
      const copyTo = (dest: string): boolean => {
        const copied = op(() => {
          const text = vfs.readFile(path, ROOT);
          vfs.writeFile(dest, text, cred, { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid });
          if (st.size > text.length) vfs.growFile(dest, st.size - text.length, cred);
        }, `error writing to ${dest}`);
        if (!copied) op(() => vfs.unlink(dest, cred), `error removing ${dest}`);
        return copied;
      };
      const createNew = (): void => {
        const cr = b.opts.create;
        if (!cr) return;
        const uid = cr.owner ? (host.userByName(cr.owner)?.uid ?? st.uid) : st.uid;
        const gid = cr.group ? (host.groups.find((g) => g.name === cr.group)?.gid ?? st.gid) : st.gid;
        const mode = cr.mode ?? st.mode & 0o7777;
        say(`creating new ${path} mode = 0${mode.toString(8)} uid = ${uid} gid = ${gid}`);
        op(() => vfs.writeFile(path, "", cred, { mode, uid, gid }), `error creating output file ${path}`);
      };
      const finish = (p: string): void => {
        if (!f.debug) ctx.host.emit({ type: "file-written", simMs: host.nowMs, path: p });
        evidence.push(`logrotate:${p}`);
        entries.set(p, nowMs);
      };
      const delayed = b.opts.compress && b.opts.delaycompress;
      if (b.opts.dateext) {
        // log-YYYYMMDD copies: the oldest beyond `rotate` go, the log is renamed to today's name
        const dated = `${path}-${c.year}${pad(c.month)}${pad(c.day)}`;
        if (exists(dated) || exists(`${dated}${ext}`)) {
          error(`destination ${exists(dated) ? dated : `${dated}${ext}`} already exists, skipping rotation`);
          continue;
        }
        const dir = path.slice(0, path.lastIndexOf("/")) || "/";
        const base = path.slice(path.lastIndexOf("/") + 1);
        const olds = (): string[] => {
          const re = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-\\d{8}(\\.gz)?$`);
          return vfs.readdir(dir, ROOT).filter((n) => re.test(n)).sort().map((n) => `${dir}/${n}`);
        };
        const prune = (keep: number, both: boolean): void => {
          const list = olds();
          for (const old of list.slice(0, Math.max(0, list.length - keep))) {
            if (both) say(`removing ${old}`);
            say(`removing old log ${old}`);
            op(() => ctx.act.unlink(old), `Failed to remove old log ${old}`);
          }
        };
        if (!f.debug) prune(n, true);
        const prev = delayed ? olds().filter((x) => !x.endsWith(".gz")) : [];
        if (b.opts.copytruncate) {
          say(`copying ${path} to ${dated}`);
          if (!copyTo(dated)) continue;
          say(`truncating ${path}`);
          op(() => vfs.truncate(path, 0, cred), `error truncating ${path}`);
        } else {
          say(`renaming ${path} to ${dated}`);
          if (!op(() => ctx.act.rename(path, dated), `error renaming ${path} to ${dated}`)) continue;
          createNew();
        }
        finish(path);
        if (!b.opts.sharedscripts) await runScript("postrotate", path);
        if (b.opts.compress) toCompress.push(...(delayed ? prev : [dated]));
        if (!f.debug) pruneAfter.push(() => prune(n, false));
        continue;
      }
      if (delayed && !exists(`${path}.1`)) say(`previous log ${path}.1 does not exist`);
      for (let i = n; i >= 1; i--) {
        const from = `${path}.${i}${ext}`;
        const to = `${path}.${i + 1}${ext}`;
        say(`renaming ${from} to ${to} (rotatecount ${n}, logstart 1, i ${i}), `);
        if (f.debug) continue;
        if (!exists(from)) say(`old log ${from} does not exist`);
        else op(() => ctx.act.rename(from, to), `error renaming ${from} to ${to}`);
      }
      if (delayed && exists(`${path}.1`) && !f.debug) {
        if (op(() => ctx.act.rename(`${path}.1`, `${path}.2`), `error renaming ${path}.1 to ${path}.2`)) toCompress.push(`${path}.2`);
      }
      const drop = `${path}.${n + 1}${ext}`;
      if (exists(drop)) {
        say(`removing old log ${drop}`);
        op(() => ctx.act.unlink(drop), `Failed to remove old log ${drop}`);
      } else say(`log ${drop} doesn't exist -- won't try to dispose of it`);
      if (b.opts.copytruncate) {
        say(`copying ${path} to ${path}.1`);
        if (!copyTo(`${path}.1`)) continue;
        say(`truncating ${path}`);
        op(() => vfs.truncate(path, 0, cred), `error truncating ${path}`);
      } else {
        say(`renaming ${path} to ${path}.1`);
        if (!op(() => ctx.act.rename(path, `${path}.1`), `error renaming ${path} to ${path}.1`)) continue;
        createNew();
      }
      finish(path);
      if (!b.opts.sharedscripts) await runScript("postrotate", path);
      if (b.opts.compress && !b.opts.delaycompress) toCompress.push(`${path}.1`);
    }
    if (b.scripts.postrotate !== undefined && b.opts.sharedscripts) {
      if (todo.length) await runScript("postrotate", b.patterns.join(" ") + " ");
      else say("not running postrotate script, since no logs were rotated");
    }
    for (const p of toCompress) {
      say("compressing log with: /bin/gzip");
      if (f.debug) continue;
      try {
        const st = vfs.stat(p, ROOT);
        vfs.writeFile(`${p}.gz`, "", cred, { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid });
        vfs.growFile(`${p}.gz`, Math.ceil(st.size / GZIP_RATIO) + 20, cred);
        ctx.act.unlink(p);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        // gzip fails half-way: logrotate drops the partial .gz and keeps the log uncompressed
        try {
          vfs.unlink(`${p}.gz`, cred);
        } catch {
          /* it was never created */
        }
        out.push(`error: Compressing program wrote following message to stderr when compressing log ${p}:`, `gzip: stdout: ${e.text}`);
        error(`failed to compress log ${p}`);
      }
    }
    for (const prune of pruneAfter) prune();
  }
  if (!f.debug) {
    try {
      vfs.writeFile(f.state, writeState(entries), cred);
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      error(`error creating output file ${f.stateShown}.tmp: ${e.text}`);
    }
  }
  return { stdout: "", stderr: out.map((l) => l + "\n").join(""), exitCode: failed ? 1 : 0, evidence };
}
