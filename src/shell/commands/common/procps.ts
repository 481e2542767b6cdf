/**
 * Shared procps-ng 4.0.2 formatting: the uptime/top/w header line ("11:33:59 up 50 min,
 * 1 user,  load average: 3.28, 2.63, 1.72"), user counting, and time helpers.
 */
import { civilFromEpochMs, formatLoad, pad, type Host } from "../../../engine/index.js";

/** "up 50 min," / "up  1:00," / "up 2 days,  3:17," as procps prints it. */
export function upText(host: Host): string {
  const upS = Math.floor(host.nowMs / 1000);
  const days = Math.floor(upS / 86400);
  const hours = Math.floor((upS % 86400) / 3600);
  const mins = Math.floor((upS % 3600) / 60);
  let s = "up ";
  if (days) s += `${days} day${days > 1 ? "s" : ""}, `;
  if (hours) s += `${String(hours).padStart(2, " ")}:${pad(mins)}, `;
  else s += `${mins} min, `;
  return s;
}

export function loggedInUsers(host: Host): number {
  return host.logins.length;
}

/** The full uptime line without the trailing newline. */
export function uptimeLine(host: Host): string {
  const c = civilFromEpochMs(host.epochMs());
  const n = loggedInUsers(host);
  return ` ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} ${upText(host)}${String(n).padStart(2, " ")} user${n > 1 ? "s" : ""},  load average: ${formatLoad(host.avenrun[0])}, ${formatLoad(host.avenrun[1])}, ${formatLoad(host.avenrun[2])}`;
}

/** "up 2 days, 3 hours, 17 minutes" (uptime -p). */
export function prettyUptime(host: Host): string {
  const upS = Math.floor(host.nowMs / 1000);
  const parts: string[] = [];
  const years = Math.floor(upS / (365 * 86400));
  const weeks = Math.floor((upS % (365 * 86400)) / (7 * 86400));
  const days = Math.floor((upS % (7 * 86400)) / 86400);
  const hours = Math.floor((upS % 86400) / 3600);
  const mins = Math.floor((upS % 3600) / 60);
  const add = (n: number, w: string): void => {
    if (n) parts.push(`${n} ${w}${n > 1 ? "s" : ""}`);
  };
  add(years, "year");
  add(weeks, "week");
  add(days, "day");
  add(hours, "hour");
  add(mins, "minute");
  return `up ${parts.length ? parts.join(", ") : "0 minutes"}`;
}
