/**
 * systemd's own formatting helpers, re-implemented for systemctl: format_timestamp
 * ("Fri 2026-11-20 05:56:59 UTC"), format_timestamp_relative ("2 days ago", "4min 2s ago"),
 * format_timespan with millisecond accuracy ("2min 13.207s", "36ms") and format_bytes
 * ("7.9M"), plus shell-style quoting of command lines in cgroup trees.
 */
import { civilFromEpochMs, pad } from "../../../engine/index.js";

/** systemd's format_timespan lives in the engine: the journal's "Consumed … CPU time." line uses it too. */
export { formatTimespan } from "../../../engine/index.js";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function formatTimestamp(epochMs: number): string {
  const c = civilFromEpochMs(epochMs);
  return `${WEEKDAYS[c.weekday]} ${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} UTC`;
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 2629800 * SEC;
const YEAR = 31557600 * SEC;

/** format_timestamp_relative(): delta in ms before now. */
export function formatRelative(deltaMs: number): string {
  const d = Math.max(0, Math.floor(deltaMs));
  const s = "ago";
  if (d >= YEAR) {
    const y = Math.floor(d / YEAR);
    const m = Math.floor((d % YEAR) / MONTH);
    return m > 0 ? `${y} ${y === 1 ? "year" : "years"} ${m} ${m === 1 ? "month" : "months"} ${s}` : `${y} ${y === 1 ? "year" : "years"} ${s}`;
  }
  if (d >= MONTH) {
    const m = Math.floor(d / MONTH);
    const days = Math.floor((d % MONTH) / DAY);
    return days > 0 ? `${m} ${m === 1 ? "month" : "months"} ${days} ${days === 1 ? "day" : "days"} ${s}` : `${m} ${m === 1 ? "month" : "months"} ${s}`;
  }
  if (d >= WEEK) {
    const w = Math.floor(d / WEEK);
    const days = Math.floor((d % WEEK) / DAY);
    return days > 0 ? `${w} ${w === 1 ? "week" : "weeks"} ${days} ${days === 1 ? "day" : "days"} ${s}` : `${w} ${w === 1 ? "week" : "weeks"} ${s}`;
  }
  if (d >= 2 * DAY) return `${Math.floor(d / DAY)} days ${s}`;
  if (d >= 25 * HOUR) return `1 day ${Math.floor((d - DAY) / HOUR)}h ${s}`;
  if (d >= 6 * HOUR) return `${Math.floor(d / HOUR)}h ${s}`;
  if (d >= HOUR) return `${Math.floor(d / HOUR)}h ${Math.floor((d % HOUR) / MIN)}min ${s}`;
  if (d >= 5 * MIN) return `${Math.floor(d / MIN)}min ${s}`;
  if (d >= MIN) return `${Math.floor(d / MIN)}min ${Math.floor((d % MIN) / SEC)}s ${s}`;
  if (d >= SEC) return `${Math.floor(d / SEC)}s ${s}`;
  if (d >= 1) return `${d}ms ${s}`;
  return "now";
}

/** format_bytes(): IEC with one decimal ("7.9M", "512.0K", "312B"). */
export function formatBytes(bytes: number): string {
  const b = Math.max(0, Math.floor(bytes));
  const table: [string, number][] = [["E", 1024 ** 6], ["P", 1024 ** 5], ["T", 1024 ** 4], ["G", 1024 ** 3], ["M", 1024 ** 2], ["K", 1024]];
  for (const [suf, f] of table) {
    if (b >= f) return `${Math.floor(b / f)}.${Math.floor(((b % f) * 10) / f)}${suf}`;
  }
  return `${b}B`;
}

/** One argument quoted the way systemd prints command lines (cgroup tree). */
export function quoteArg(a: string): string {
  if (a !== "" && /^[A-Za-z0-9_@%+=:,./-]+$/.test(a)) return a;
  return `"${a.replace(/(["\\$`])/g, "\\$1")}"`;
}
