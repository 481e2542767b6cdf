/**
 * last (util-linux 2.38.1): the wtmp view of logins — the host's current logins ("still
 * logged in"), a few earlier sessions of the same users during this boot (derived from the
 * seed-free boot time, so stable), the "reboot system boot" record ("still running"), then
 * "wtmp begins ...". -n N / -N, -x (shutdown/runlevel), -F (full times), -i, -w, user/tty filters.
 */
import { ctime, hms, MONTHS, civilFromEpochMs, type Host } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";

interface Rec {
  user: string;
  tty: string;
  host: string;
  startMs: number;
  endMs?: number;
  /** "still logged in" / "still running" */
  open: string;
}

const WD = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function short(ms: number): string {
  const c = civilFromEpochMs(ms);
  return `${WD[c.weekday]} ${MONTHS[c.month - 1]} ${String(c.day).padStart(2, " ")} ${hms(ms).slice(0, 5)}`;
}

function records(host: Host): Rec[] {
  const recs: Rec[] = [];
  const boot = host.bootEpochMs;
  for (const l of host.logins) recs.push({ user: l.user, tty: l.tty, host: l.from, startMs: host.bootEpochMs + l.loginMs, open: "still logged in" });
  // earlier sessions during this boot: one per day of uptime, at stable times
  const days = Math.floor(host.nowMs / 86400000);
  const first = host.logins[0];
  if (first) {
    for (let d = days; d >= 1; d--) {
      const start = boot + host.nowMs - d * 86400000 + 3600000 * 2 + 17 * 60000;
      if (start <= boot + 600000) continue;
      recs.push({ user: first.user, tty: "pts/0", host: first.from, startMs: start, endMs: start + 3600000 + 1000 * 60 * 23, open: "" });
    }
  }
  recs.sort((a, b) => b.startMs - a.startMs);
  recs.push({ user: "reboot", tty: "system boot", host: host.kernelRelease, startMs: boot, open: "still running" });
  return recs;
}

function dur(ms: number): string {
  const m = Math.floor(ms / 60000);
  const d = Math.floor(m / 1440);
  const hh = String(Math.floor((m % 1440) / 60)).padStart(2, "0");
  const mm = String(m % 60).padStart(2, "0");
  return d ? `(${d}+${hh}:${mm})` : `(${hh}:${mm})`;
}

export const lastCommand = defineCommand({
  name: "last",
  summary: "Show a listing of last logged in users.",
  usage: "last [options] [<username>...] [<tty>...]",
  version: "last from util-linux 2.38.1",
  options: [
    { name: "limit", short: "n", long: "limit", arg: "required", description: "how many lines to show" },
    { name: "full", short: "F", long: "fulltimes", description: "print full login and logout times and dates" },
    { name: "ip", short: "i", long: "ip", description: "display IP numbers in numeric format" },
    { name: "nohost", short: "R", long: "nohostname", description: "don't display the hostname field" },
    { name: "wide", short: "w", long: "fullnames", description: "display full user and domain names" },
    { name: "system", short: "x", long: "system", description: "display system shutdown entries and run level changes" },
    { name: "file", short: "f", long: "file", arg: "required", description: "use a specific file instead of /var/log/wtmp" },
  ],
  run(ctx, opts, operands) {
    const host = ctx.host;
    let recs = records(host);
    const numOp = operands.find((o) => /^-\d+$/.test(o));
    const names = operands.filter((o) => !/^-\d+$/.test(o));
    if (names.length) recs = recs.filter((r) => names.includes(r.user) || names.includes(r.tty) || names.includes(r.tty.replace(/^pts\//, "")));
    const limit = typeof opts.limit === "string" ? Number(opts.limit) : numOp ? Number(numOp.slice(1)) : undefined;
    if (limit !== undefined && !Number.isFinite(limit)) return { stdout: "", stderr: `last: failed to parse number: '${opts.limit}'\n`, exitCode: 1 };
    if (limit !== undefined) recs = recs.slice(0, limit);
    const nowMs = host.epochMs();
    const lines = recs.map((r) => {
      const when = opts.full ? ctime(r.startMs) : short(r.startMs);
      let tail: string;
      if (r.open) tail = r.user === "reboot" ? `   ${r.open}` : `   ${r.open}`;
      else tail = ` - ${opts.full ? ctime(r.endMs!) : hms(r.endMs!).slice(0, 5)}  ${dur(r.endMs! - r.startMs)}`;
      if (r.user === "reboot" && !r.open) tail = ` - ${hms(r.endMs!).slice(0, 5)}  ${dur((r.endMs ?? nowMs) - r.startMs)}`;
      const hostCol = opts.nohost ? "" : `${r.host.padEnd(16).slice(0, opts.wide ? undefined : 16)} `;
      return `${r.user.padEnd(8).slice(0, opts.wide ? undefined : 8)} ${r.tty.padEnd(12).slice(0, 12)} ${hostCol}${when}${tail}`.trimEnd();
    });
    const begins = `wtmp begins ${ctime(host.bootEpochMs)}`;
    return { stdout: (lines.length ? lines.join("\n") + "\n" : "") + "\n" + begins + "\n" };
  },
});
