/**
 * date (GNU coreutils 9.1) on the sim clock (never the wall clock), TZ UTC: default
 * "Sun Nov 22 09:14:03 UTC 2026", +FORMAT with the common strftime specifiers (incl. %N,
 * %s, %:z, padding flags - _ 0), -u, -R, -I[TIMESPEC], --rfc-3339, -d/--date with
 * "now", "@EPOCH", ISO dates/times, "yesterday"/"tomorrow", "N unit ago", "+N unit", and
 * -r FILE (mtime). Setting the clock is refused.
 */
import { civilFromEpochMs, epochMsFromCivil, MONTHS, WEEKDAYS } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";

const HELP = "Usage: date [OPTION]... [+FORMAT]\n  or:  date [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]\nDisplay date and time in the given FORMAT.\nWith -s, or with [MMDDhhmm[[CC]YY][.ss]], set the date and time.\n\nMandatory arguments to long options are mandatory for short options too.\n  -d, --date=STRING          display time described by STRING, not 'now'\n      --debug                annotate the parsed date,\n                              and warn about questionable usage to stderr\n  -f, --file=DATEFILE        like --date; once for each line of DATEFILE\n  -I[FMT], --iso-8601[=FMT]  output date/time in ISO 8601 format.\n                               FMT='date' for date only (the default),\n                               'hours', 'minutes', 'seconds', or 'ns'\n                               for date and time to the indicated precision.\n                               Example: 2006-08-14T02:34:56-06:00\n  --resolution               output the available resolution of timestamps\n                               Example: 0.000000001\n  -R, --rfc-email            output date and time in RFC 5322 format.\n                               Example: Mon, 14 Aug 2006 02:34:56 -0600\n      --rfc-3339=FMT         output date/time in RFC 3339 format.\n                               FMT='date', 'seconds', or 'ns'\n                               for date and time to the indicated precision.\n                               Example: 2006-08-14 02:34:56-06:00\n  -r, --reference=FILE       display the last modification time of FILE\n  -s, --set=STRING           set time described by STRING\n  -u, --utc, --universal     print or set Coordinated Universal Time (UTC)\n      --help        display this help and exit\n      --version     output version information and exit\n\nFORMAT controls the output.  Interpreted sequences are:\n\n  %%   a literal %\n  %a   locale's abbreviated weekday name (e.g., Sun)\n  %A   locale's full weekday name (e.g., Sunday)\n  %b   locale's abbreviated month name (e.g., Jan)\n  %B   locale's full month name (e.g., January)\n  %c   locale's date and time (e.g., Thu Mar  3 23:05:25 2005)\n  %C   century; like %Y, except omit last two digits (e.g., 20)\n  %d   day of month (e.g., 01)\n  %D   date; same as %m/%d/%y\n  %e   day of month, space padded; same as %_d\n  %F   full date; like %+4Y-%m-%d\n  %g   last two digits of year of ISO week number (see %G)\n  %G   year of ISO week number (see %V); normally useful only with %V\n  %h   same as %b\n  %H   hour (00..23)\n  %I   hour (01..12)\n  %j   day of year (001..366)\n  %k   hour, space padded ( 0..23); same as %_H\n  %l   hour, space padded ( 1..12); same as %_I\n  %m   month (01..12)\n  %M   minute (00..59)\n  %n   a newline\n  %N   nanoseconds (000000000..999999999)\n  %p   locale's equivalent of either AM or PM; blank if not known\n  %P   like %p, but lower case\n  %q   quarter of year (1..4)\n  %r   locale's 12-hour clock time (e.g., 11:11:04 PM)\n  %R   24-hour hour and minute; same as %H:%M\n  %s   seconds since the Epoch (1970-01-01 00:00 UTC)\n  %S   second (00..60)\n  %t   a tab\n  %T   time; same as %H:%M:%S\n  %u   day of week (1..7); 1 is Monday\n  %U   week number of year, with Sunday as first day of week (00..53)\n  %V   ISO week number, with Monday as first day of week (01..53)\n  %w   day of week (0..6); 0 is Sunday\n  %W   week number of year, with Monday as first day of week (00..53)\n  %x   locale's date representation (e.g., 12/31/99)\n  %X   locale's time representation (e.g., 23:13:48)\n  %y   last two digits of year (00..99)\n  %Y   year\n  %z   +hhmm numeric time zone (e.g., -0400)\n  %:z  +hh:mm numeric time zone (e.g., -04:00)\n  %::z  +hh:mm:ss numeric time zone (e.g., -04:00:00)\n  %:::z  numeric time zone with : to necessary precision (e.g., -04, +05:30)\n  %Z   alphabetic time zone abbreviation (e.g., EDT)\n\nBy default, date pads numeric fields with zeroes.\nThe following optional flags may follow '%':\n\n  -  (hyphen) do not pad the field\n  _  (underscore) pad with spaces\n  0  (zero) pad with zeros\n  +  pad with zeros, and put '+' before future years with >4 digits\n  ^  use upper case if possible\n  #  use opposite case if possible\n\nAfter any flags comes an optional field width, as a decimal number;\nthen an optional modifier, which is either\nE to use the locale's alternate representations if available, or\nO to use the locale's alternate numeric symbols if available.\n\nExamples:\nConvert seconds since the Epoch (1970-01-01 UTC) to a date\n  $ date --date='@2147483647'\n\nShow the time on the west coast of the US (use tzselect(1) to find TZ)\n  $ TZ='America/Los_Angeles' date\n\nShow the local time for 9AM next Friday on the west coast of the US\n  $ date --date='TZ=\"America/Los_Angeles\" 09:00 next Fri'\n\nGNU coreutils online help: <https://www.gnu.org/software/coreutils/>\nReport any translation bugs to <https://translationproject.org/team/>\nFull documentation <https://www.gnu.org/software/coreutils/date>\nor available locally via: info '(coreutils) date invocation'\n";

const FULL_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const FULL_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function isoWeek(ms: number): { year: number; week: number } {
  const c = civilFromEpochMs(ms);
  const wd = (c.weekday + 6) % 7; // Monday = 0
  const thursday = ms - wd * 86400000 + 3 * 86400000;
  const t = civilFromEpochMs(thursday);
  const jan1 = epochMsFromCivil(t.year, 1, 1);
  return { year: t.year, week: Math.floor((thursday - jan1) / (7 * 86400000)) + 1 };
}

/** strftime in UTC. */
export function strftime(fmt: string, ms: number): string {
  const c = civilFromEpochMs(ms);
  let out = "";
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch !== "%" || i === fmt.length - 1) {
      out += ch;
      continue;
    }
    let j = i + 1;
    let flag = "";
    while ("-_0^#".includes(fmt[j] ?? "x")) flag += fmt[j++];
    let width = "";
    while (/\d/.test(fmt[j] ?? "x")) width += fmt[j++];
    let colon = "";
    while (fmt[j] === ":") colon += fmt[j++];
    const spec = fmt[j];
    i = j;
    const num = (n: number, w: number, padc = "0"): string => {
      const p = flag.includes("-") ? "" : flag.includes("_") ? " " : flag.includes("0") ? "0" : padc;
      const ww = width ? Number(width) : w;
      return p ? String(n).padStart(ww, p) : String(n);
    };
    const str = (s: string): string => {
      let v = flag.includes("^") ? s.toUpperCase() : flag.includes("#") ? s.toUpperCase() : s;
      if (width) v = v.padStart(Number(width), flag.includes("0") ? "0" : " ");
      return v;
    };
    const hour12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
    switch (spec) {
      case "a": out += str(WEEKDAYS[c.weekday]!); break;
      case "A": out += str(FULL_DAYS[c.weekday]!); break;
      case "b": case "h": out += str(MONTHS[c.month - 1]!); break;
      case "B": out += str(FULL_MONTHS[c.month - 1]!); break;
      case "c": out += `${WEEKDAYS[c.weekday]} ${MONTHS[c.month - 1]} ${String(c.day).padStart(2, " ")} ${strftime("%H:%M:%S", ms)} ${c.year}`; break;
      case "C": out += num(Math.floor(c.year / 100), 2); break;
      case "d": out += num(c.day, 2); break;
      case "D": out += strftime("%m/%d/%y", ms); break;
      case "e": out += num(c.day, 2, " "); break;
      case "F": out += strftime("%Y-%m-%d", ms); break;
      case "g": out += num(isoWeek(ms).year % 100, 2); break;
      case "G": out += num(isoWeek(ms).year, 4); break;
      case "H": out += num(c.hour, 2); break;
      case "I": out += num(hour12, 2); break;
      case "j": out += num(c.yearDay + 1, 3); break;
      case "k": out += num(c.hour, 2, " "); break;
      case "l": out += num(hour12, 2, " "); break;
      case "m": out += num(c.month, 2); break;
      case "M": out += num(c.minute, 2); break;
      case "n": out += "\n"; break;
      case "N": out += width ? String(c.ms * 1000000).padStart(9, "0").slice(0, Number(width)) : String(c.ms * 1000000).padStart(9, "0"); break;
      case "p": out += flag.includes("#") ? (c.hour < 12 ? "am" : "pm") : c.hour < 12 ? "AM" : "PM"; break;
      case "P": out += c.hour < 12 ? "am" : "pm"; break;
      case "r": out += `${strftime("%I:%M:%S", ms)} ${c.hour < 12 ? "AM" : "PM"}`; break;
      case "R": out += strftime("%H:%M", ms); break;
      case "s": out += String(Math.floor(ms / 1000)); break;
      case "S": out += num(c.second, 2); break;
      case "t": out += "\t"; break;
      case "T": out += strftime("%H:%M:%S", ms); break;
      case "u": out += String(c.weekday === 0 ? 7 : c.weekday); break;
      case "U": out += num(Math.floor((c.yearDay + 7 - c.weekday) / 7), 2); break;
      case "V": out += num(isoWeek(ms).week, 2); break;
      case "w": out += String(c.weekday); break;
      case "W": out += num(Math.floor((c.yearDay + 7 - ((c.weekday + 6) % 7)) / 7), 2); break;
      case "x": out += strftime("%m/%d/%y", ms); break;
      case "X": out += strftime("%H:%M:%S", ms); break;
      case "y": out += num(c.year % 100, 2); break;
      case "Y": out += num(c.year, 4); break;
      case "z": out += colon === "" ? "+0000" : colon === ":" ? "+00:00" : colon === "::" ? "+00:00:00" : "+00"; break;
      case "Z": out += str("UTC"); break;
      case "%": out += "%"; break;
      default: out += "%" + flag + width + colon + (spec ?? "");
    }
  }
  return out;
}

const UNITS: Record<string, number> = { sec: 1000, second: 1000, seconds: 1000, secs: 1000, s: 1000, min: 60000, mins: 60000, minute: 60000, minutes: 60000, m: 60000, hour: 3600000, hours: 3600000, h: 3600000, day: 86400000, days: 86400000, d: 86400000, week: 604800000, weeks: 604800000, fortnight: 1209600000, month: 2592000000, months: 2592000000, year: 31536000000, years: 31536000000 };

/** GNU date -d, the common forms; undefined when unparseable. */
export function parseDate(s: string, nowMs: number): number | undefined {
  let t = s.trim().toLowerCase();
  if (t === "" || t === "now" || t === "today") return nowMs;
  if (t === "yesterday") return nowMs - 86400000;
  if (t === "tomorrow") return nowMs + 86400000;
  let m = /^@(-?\d+(?:\.\d+)?)$/.exec(t);
  if (m) return Math.round(Number(m[1]) * 1000);
  let base = nowMs;
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(z|utc|[+-]00:?00)?(.*)$/.exec(t);
  if (m) {
    base = epochMsFromCivil(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
    t = (m[8] ?? "").trim();
    if (!t) return base;
  } else {
    m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(.*)$/.exec(t);
    if (m) {
      const c = civilFromEpochMs(nowMs);
      base = epochMsFromCivil(c.year, c.month, c.day, Number(m[1]), Number(m[2]), Number(m[3] ?? 0));
      t = (m[4] ?? "").trim();
      if (!t) return base;
    }
  }
  let total = base;
  const re = /([+-]?\s*\d+)?\s*([a-z]+)(\s+ago)?/g;
  let consumed = "";
  for (const mm of t.matchAll(re)) {
    const unit = UNITS[mm[2]!];
    if (mm[2] === "ago") continue;
    if (unit === undefined) {
      if (mm[2] === "next") continue;
      if (mm[2] === "last") continue;
      return undefined;
    }
    let n = mm[1] !== undefined ? Number(mm[1].replace(/\s+/g, "")) : 1;
    if (mm[3]) n = -n;
    total += n * unit;
    consumed += mm[0];
  }
  if (!consumed) return undefined;
  return total;
}

export const dateCommand = defineCommand({
  name: "date",
  summary: "print or set the system date and time",
  usage: "date [OPTION]... [+FORMAT]",
  options: [
    { name: "date", short: "d", long: "date", arg: "required" },
    { name: "file", short: "f", long: "file", arg: "required" },
    { name: "iso", short: "I", long: "iso-8601", arg: "optional" },
    { name: "rfc3339", long: "rfc-3339", arg: "required" },
    { name: "reference", short: "r", long: "reference", arg: "required" },
    { name: "rfcEmail", short: "R", long: "rfc-email", aliases: ["rfc-2822", "rfc-822"] },
    { name: "set", short: "s", long: "set", arg: "required" },
    { name: "utc", short: "u", long: "utc", aliases: ["universal"] },
    { name: "debug", long: "debug" },
  ],
  help: HELP,
  version: "date (GNU coreutils) 9.1",
  run(ctx, o, operands) {
    let ms = ctx.host.epochMs();
    const fmtOps = operands.filter((x) => x.startsWith("+"));
    const other = operands.filter((x) => !x.startsWith("+"));
    if (o.set !== undefined || other.length) {
      if (other.length && !/^\d{8,12}(\.\d\d)?$/.test(other[0]!)) return { stdout: "", stderr: `date: invalid date \u2018${other[0]}\u2019\n`, exitCode: 1 };
      return { stdout: "", stderr: "date: cannot set date: Operation not permitted\n", exitCode: 1 };
    }
    if (fmtOps.length > 1) return { stdout: "", stderr: `date: extra operand \u2018${fmtOps[1]}\u2019\nTry 'date --help' for more information.\n`, exitCode: 1 };
    if (typeof o.date === "string") {
      const p = parseDate(o.date, ms);
      if (p === undefined) return { stdout: "", stderr: `date: invalid date \u2018${o.date}\u2019\n`, exitCode: 1 };
      ms = p;
    }
    if (typeof o.reference === "string") {
      try {
        ms = ctx.host.vfs.stat(ctx.resolve(o.reference), ctx.cred).mtimeMs;
      } catch {
        return { stdout: "", stderr: `date: ${o.reference}: No such file or directory\n`, exitCode: 1 };
      }
    }
    let fmt = "%a %b %e %H:%M:%S %Z %Y";
    if (o.rfcEmail) fmt = "%a, %d %b %Y %H:%M:%S %z";
    if (o.iso !== undefined) {
      const spec = typeof o.iso === "string" && o.iso ? o.iso : "date";
      const f: Record<string, string> = { date: "%Y-%m-%d", hours: "%Y-%m-%dT%H%:z", minutes: "%Y-%m-%dT%H:%M%:z", seconds: "%Y-%m-%dT%H:%M:%S%:z", ns: "%Y-%m-%dT%H:%M:%S,%N%:z" };
      const k = Object.keys(f).find((x) => x.startsWith(spec));
      if (!k) return { stdout: "", stderr: `date: invalid argument \u2018${spec}\u2019 for \u2018--iso-8601\u2019\nValid arguments are:\n  - \u2018hours\u2019\n  - \u2018minutes\u2019\n  - \u2018date\u2019\n  - \u2018seconds\u2019\n  - \u2018ns\u2019\nTry 'date --help' for more information.\n`, exitCode: 1 };
      fmt = f[k]!;
    }
    if (typeof o.rfc3339 === "string") {
      const f: Record<string, string> = { date: "%Y-%m-%d", seconds: "%Y-%m-%d %H:%M:%S%:z", ns: "%Y-%m-%d %H:%M:%S.%N%:z" };
      if (!f[o.rfc3339]) return { stdout: "", stderr: `date: invalid argument \u2018${o.rfc3339}\u2019 for \u2018--rfc-3339\u2019\nValid arguments are:\n  - \u2018date\u2019\n  - \u2018seconds\u2019\n  - \u2018ns\u2019\nTry 'date --help' for more information.\n`, exitCode: 1 };
      fmt = f[o.rfc3339]!;
    }
    if (fmtOps[0]) fmt = fmtOps[0].slice(1);
    return { stdout: strftime(fmt, ms) + "\n" };
  },
});
