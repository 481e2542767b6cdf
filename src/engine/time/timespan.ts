/**
 * systemd's format_timespan(usec, USEC_PER_MSEC): the duration style of `systemctl status`
 * (Duration:, CPU:) and of the journal's "Consumed 1min 2.345s CPU time." line.
 */
const SEC_MS = 1000;
const MIN_MS = 60 * SEC_MS;
const HOUR_MS = 60 * MIN_MS;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
const MONTH_MS = 2629800 * SEC_MS;
const YEAR_MS = 31557600 * SEC_MS;

export function formatTimespan(ms: number): string {
  let t = Math.max(0, Math.round(ms));
  if (t === 0) return "0";
  const table: [string, number][] = [["y", YEAR_MS], ["month", MONTH_MS], ["w", WEEK_MS], ["d", DAY_MS], ["h", HOUR_MS], ["min", MIN_MS], ["s", SEC_MS], ["ms", 1]];
  const parts: string[] = [];
  for (const [name, f] of table) {
    if (t <= 0) break;
    if (t < f) continue;
    const a = Math.floor(t / f);
    const b = t % f;
    if (name === "s" && b > 0) {
      // seconds carry the millisecond remainder as decimals, trailing zeros dropped
      parts.push(`${a}.${String(b).padStart(3, "0").replace(/0+$/, "")}s`);
      break;
    }
    parts.push(`${a}${name}`);
    t = b;
  }
  return parts.join(" ");
}
