/**
 * Parsing of the time specifications journalctl --since/--until and dmesg --since/--until
 * accept (systemd.time(7) subset): "2026-11-22 09:00[:00]", "2026-11-22", "09:00[:00]" (today),
 * "today", "yesterday", "tomorrow", "now", "-1h", "+5min", "10 min ago", "1 hour ago",
 * "@1795347265". All in UTC (the simulated hosts run in UTC). Returns epoch ms or undefined.
 */
import { civilFromEpochMs, epochMsFromCivil } from "../../../engine/index.js";

const UNITS: Record<string, number> = {
  us: 0.001, usec: 0.001, ms: 1, msec: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60000, min: 60000, mins: 60000, minute: 60000, minutes: 60000,
  h: 3600000, hr: 3600000, hour: 3600000, hours: 3600000,
  d: 86400000, day: 86400000, days: 86400000,
  w: 604800000, week: 604800000, weeks: 604800000,
  M: 2629800000, month: 2629800000, months: 2629800000,
  y: 31557600000, year: 31557600000, years: 31557600000,
};

/** "1h 30min", "10 min", "5m" -> ms; undefined if malformed. */
export function parseSpan(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*/y;
  let pos = 0;
  while (pos < t.length) {
    re.lastIndex = pos;
    const m = re.exec(t);
    if (!m || m[0] === "") return undefined;
    const unit = m[2] || "s";
    const f = UNITS[unit] ?? UNITS[unit.toLowerCase()];
    if (f === undefined) return undefined;
    total += Number(m[1]) * f;
    pos = re.lastIndex;
  }
  return total;
}

/** Parses a timestamp relative to `nowMs` (epoch ms). */
export function parseTimeSpec(spec: string, nowMs: number): number | undefined {
  const s = spec.trim();
  const today = (): number => {
    const c = civilFromEpochMs(nowMs);
    return epochMsFromCivil(c.year, c.month, c.day);
  };
  if (s === "now") return nowMs;
  if (s === "today") return today();
  if (s === "yesterday") return today() - 86400000;
  if (s === "tomorrow") return today() + 86400000;
  if (/^@\d+(\.\d+)?$/.test(s)) return Math.round(Number(s.slice(1)) * 1000);
  let m = /^([+-])\s*(.+)$/.exec(s);
  if (m) {
    const span = parseSpan(m[2]!);
    return span === undefined ? undefined : nowMs + (m[1] === "-" ? -span : span);
  }
  m = /^(.+?)\s+ago$/.exec(s);
  if (m) {
    const span = parseSpan(m[1]!);
    return span === undefined ? undefined : nowMs - span;
  }
  m = /^(?:(\d{4})-(\d{2})-(\d{2}))?(?:[ T]?(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*(?:UTC|Z))?$/.exec(s);
  if (m && (m[1] || m[4])) {
    const c = civilFromEpochMs(nowMs);
    const y = m[1] ? Number(m[1]) : c.year;
    const mo = m[2] ? Number(m[2]) : c.month;
    const d = m[3] ? Number(m[3]) : c.day;
    const hh = m[4] ? Number(m[4]) : 0;
    const mi = m[5] ? Number(m[5]) : 0;
    const ss = m[6] ? Number(m[6]) : 0;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mi > 59 || ss > 60) return undefined;
    return epochMsFromCivil(y, mo, d, hh, mi, ss);
  }
  return undefined;
}
