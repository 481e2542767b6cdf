/**
 * Calendar arithmetic without the Date global: the engine formats sim time (epoch ms, UTC)
 * for tools such as `date`, `uptime`, `dmesg -T`, `journalctl` and sysstat headers.
 * days-from-civil / civil-from-days follow Howard Hinnant's public-domain algorithms.
 */

/** Broken-down UTC time. */
export interface Civil {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
  yearDay: number; // 0-based
}

export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
export const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

/** Days since 1970-01-01 for a civil date. */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch milliseconds (UTC) for a civil date-time. */
export function epochMsFromCivil(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + s * 1000;
}

/** Breaks epoch milliseconds (UTC) into civil fields. */
export function civilFromEpochMs(epochMs: number): Civil {
  const msOfDay = ((epochMs % 86400000) + 86400000) % 86400000;
  const z0 = Math.floor(epochMs / 86400000);
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const weekday = (((z0 + 4) % 7) + 7) % 7;
  const yearDay = z0 - daysFromCivil(year, 1, 1);
  return {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / 3600000),
    minute: Math.floor(msOfDay / 60000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    ms: msOfDay % 1000,
    weekday,
    yearDay,
  };
}

/** Zero-pads a number to `width` digits. */
export function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** "HH:MM:SS" for epoch ms. */
export function hms(epochMs: number): string {
  const c = civilFromEpochMs(epochMs);
  return `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
}

/** ctime-style "Sun Nov 22 11:34:14 2026" (used by dmesg -T, date). */
export function ctime(epochMs: number): string {
  const c = civilFromEpochMs(epochMs);
  return `${WEEKDAYS[c.weekday]} ${MONTHS[c.month - 1]} ${String(c.day).padStart(2, " ")} ${hms(epochMs)} ${c.year}`;
}

/** "2026-11-22" */
export function isoDate(epochMs: number): string {
  const c = civilFromEpochMs(epochMs);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
}

/** syslog-style "Nov 22 11:34:14" */
export function syslogStamp(epochMs: number): string {
  const c = civilFromEpochMs(epochMs);
  return `${MONTHS[c.month - 1]} ${String(c.day).padStart(2, " ")} ${hms(epochMs)}`;
}
