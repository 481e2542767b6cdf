/**
 * The simulated systemd journal as journalctl sees it: host.journal (units' and systemd's
 * lines, logger's) merged with the kernel ring buffer (host.kmsg as "kernel:" lines) in time
 * order, each with a microsecond realtime stamp, plus the short/short-iso/short-precise/cat/json
 * renderers and the access rule (root and members of adm, systemd-journal or wheel see the
 * system journal). Shared by journalctl and systemctl status.
 */
import { civilFromEpochMs, pad, syslogStamp, type Host } from "../../../engine/index.js";
import { hash32, kmsgEvidence, kmsgRecords } from "../dmesg/kmsg-format.js";

export interface JEntry {
  /** µs since boot */
  us: number;
  /** "nginx.service", "kernel", "user" */
  unit: string;
  ident: string;
  pid?: number;
  priority: number;
  message: string;
  kernel: boolean;
  /** stable ordinal (cursor) */
  seq: number;
  /** facility number (syslog) */
  facility: number;
}

/** Every journal entry (kernel records included), oldest first. */
export function journalEntries(host: Host): JEntry[] {
  const out: JEntry[] = [];
  let prev = 0;
  host.journal.forEach((j, i) => {
    const us = Math.max(j.simMs * 1000 + (hash32(`j:${j.simMs}`) % 500) + 50, prev + 20 + (hash32(`js:${i}`) % 40));
    prev = us;
    out.push({ us, unit: j.unit, ident: j.ident, pid: j.pid, priority: j.priority, message: j.message, kernel: false, seq: i * 2 + 1, facility: j.ident === "systemd" ? 3 : j.unit === "user" ? 1 : 3 });
  });
  for (const k of kmsgRecords(host)) out.push({ us: k.us, unit: "kernel", ident: "kernel", priority: k.level, message: k.text, kernel: true, seq: k.seq * 2, facility: k.facility });
  // stable: by time, then journal before kernel at the same µs, then original order
  return out.sort((a, b) => a.us - b.us || a.seq - b.seq);
}

/** Whether a user sees the system journal (root, adm, systemd-journal, wheel). */
export function canReadSystemJournal(host: Host, uid: number, gids: readonly number[]): boolean {
  if (uid === 0) return true;
  const allowed = host.groups.filter((g) => ["adm", "systemd-journal", "wheel"].includes(g.name)).map((g) => g.gid);
  return gids.some((g) => allowed.includes(g));
}

/** "nginx" -> "nginx.service"; names with a known unit suffix stay. */
export function unitName(name: string): string {
  return /\.(service|socket|timer|target|mount|slice|scope|path|device|swap|automount)$/.test(name) ? name : `${name}.service`;
}

/** Short unit name for evidence keys: "nginx.service" -> "nginx". */
export function shortUnit(unit: string): string {
  return unit.replace(/\.service$/, "");
}

function epochOf(host: Host, e: JEntry): number {
  return host.bootEpochMs + Math.floor(e.us / 1000);
}

function identField(e: JEntry): string {
  return e.kernel ? "kernel" : e.pid !== undefined ? `${e.ident}[${e.pid}]` : e.ident;
}

export type OutputMode = "short" | "short-iso" | "short-precise" | "short-iso-precise" | "short-full" | "short-monotonic" | "short-unix" | "cat" | "json" | "json-pretty" | "verbose" | "with-unit";

export const OUTPUT_MODES: readonly OutputMode[] = ["short", "short-iso", "short-precise", "short-iso-precise", "short-full", "short-monotonic", "short-unix", "cat", "json", "json-pretty", "verbose", "with-unit"];

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The timestamp column of the short family. */
function stampOf(host: Host, e: JEntry, mode: OutputMode): string {
  const ms = epochOf(host, e);
  const c = civilFromEpochMs(ms);
  const usPart = String((host.bootEpochMs * 1000 + e.us) % 1e6).padStart(6, "0");
  switch (mode) {
    case "short-iso":
      return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}+0000`;
    case "short-iso-precise":
      return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}.${usPart}+0000`;
    case "short-precise":
      return `${syslogStamp(ms)}.${usPart}`;
    case "short-full":
      return `${WEEKDAYS[c.weekday]} ${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} UTC`;
    case "short-monotonic":
      return `[${String(Math.floor(e.us / 1e6)).padStart(5, " ")}.${String(e.us % 1e6).padStart(6, "0")}]`;
    case "short-unix":
      return `${Math.floor(ms / 1000)}.${usPart}`;
    default:
      return syslogStamp(ms);
  }
}

const COLOR = { err: "\x1b[0;1;31m", warn: "\x1b[0;1;38;5;185m", notice: "\x1b[0;1;39m", debug: "\x1b[0;38;5;245m", off: "\x1b[0m" };

/** One entry in a line-oriented output mode ("" for modes rendered elsewhere). */
export function renderEntry(host: Host, e: JEntry, mode: OutputMode, opts: { color?: boolean; noHostname?: boolean } = {}): string {
  const hi = !opts.color ? "" : e.priority <= 3 ? COLOR.err : e.priority === 4 ? COLOR.warn : e.priority === 5 ? COLOR.notice : e.priority === 7 ? COLOR.debug : "";
  const msg = (m: string): string => (hi ? hi + m + COLOR.off : m);
  if (mode === "cat") return msg(e.message) + "\n";
  if (mode === "json" || mode === "json-pretty") return renderJson(host, e, mode === "json-pretty");
  if (mode === "verbose") return renderVerbose(host, e);
  const unitPart = mode === "with-unit" && !e.kernel ? e.unit : identField(e);
  const prefix = `${stampOf(host, e, mode === "with-unit" ? "short" : mode)} ${opts.noHostname ? "" : host.hostname + " "}${unitPart}: `;
  const lines = e.message.split("\n");
  const body = lines.map((l, i) => (i === 0 ? l : " ".repeat(prefix.length) + l)).join("\n");
  return prefix + msg(body) + "\n";
}

function bootId(host: Host): string {
  const h = (s: string): string => hash32(s).toString(16).padStart(8, "0");
  return h(`boot:${host.hostname}:${host.bootEpochMs}`) + h("b2") + h("b3") + h("b4");
}

function jsonFields(host: Host, e: JEntry): [string, string][] {
  const real = String(host.bootEpochMs * 1000 + e.us);
  const f: [string, string][] = [
    ["__CURSOR", `s=${bootId(host)};i=${(e.seq + 1).toString(16)};b=${bootId(host)};m=${e.us.toString(16)};t=${Number(real).toString(16)};x=${hash32(`x:${e.seq}`).toString(16)}`],
    ["__REALTIME_TIMESTAMP", real],
    ["__MONOTONIC_TIMESTAMP", String(e.us)],
    ["_BOOT_ID", bootId(host)],
    ["PRIORITY", String(e.priority)],
    ["SYSLOG_FACILITY", String(e.facility)],
    ["SYSLOG_IDENTIFIER", e.ident],
    ["_TRANSPORT", e.kernel ? "kernel" : e.unit === "user" ? "syslog" : e.ident === "systemd" ? "journal" : "stdout"],
    ["_HOSTNAME", host.hostname],
  ];
  if (e.pid !== undefined) f.push(["_PID", String(e.pid)]);
  if (!e.kernel && e.unit !== "user") f.push([e.ident === "systemd" ? "UNIT" : "_SYSTEMD_UNIT", e.unit]);
  f.push(["MESSAGE", e.message]);
  return f;
}

function renderJson(host: Host, e: JEntry, pretty: boolean): string {
  const f = jsonFields(host, e);
  if (!pretty) return "{" + f.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",") + "}\n";
  return "{\n" + f.map(([k, v]) => `\t${JSON.stringify(k)} : ${JSON.stringify(v)}`).join(",\n") + "\n}\n";
}

function renderVerbose(host: Host, e: JEntry): string {
  const ms = epochOf(host, e);
  const c = civilFromEpochMs(ms);
  const usPart = String((host.bootEpochMs * 1000 + e.us) % 1e6).padStart(6, "0");
  const f = jsonFields(host, e);
  const head = `${WEEKDAYS[c.weekday]} ${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}.${usPart} UTC [${f[0]![1]}]`;
  return head + "\n" + f.slice(3).map(([k, v]) => `    ${k}=${v}`).join("\n") + "\n";
}

/** Evidence keys shown entries reveal. */
export function entryEvidence(e: JEntry): string[] {
  const keys: string[] = [];
  if (e.kernel) keys.push(...kmsgEvidence(e.message));
  else if (e.unit !== "user") keys.push(`journal:${shortUnit(e.unit)}`);
  if (/OOM killer|oom-kill|Out of memory|invoked oom-killer/.test(e.message)) keys.push("journal:oom");
  return keys;
}

/** The last `n` journal lines of a unit in short format (systemctl status's tail). */
export function unitTail(host: Host, unit: string, n: number, color = false): { text: string; evidence: string[] } {
  const all = journalEntries(host).filter((e) => !e.kernel && e.unit === unit);
  const shown = all.slice(Math.max(0, all.length - n));
  const ev = new Set<string>();
  for (const e of shown) for (const k of entryEvidence(e)) ev.add(k);
  return { text: shown.map((e) => renderEntry(host, e, "short", { color })).join(""), evidence: [...ev] };
}
