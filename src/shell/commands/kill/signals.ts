/**
 * Signal names and numbers as bash's kill builtin and procps/psmisc parse and list them:
 * "9", "KILL", "SIGKILL", "kill" (case-insensitive), real-time signals 34..64 as
 * SIGRTMIN+n / SIGRTMAX-n, and bash's `kill -l` table.
 */
import { SIGNAL_NAMES, SIGNALS } from "../../../engine/index.js";

/** bash's name for signal n (without SIG), e.g. 9 -> "KILL", 35 -> "RTMIN+1". */
export function signalName(n: number): string | undefined {
  if (SIGNAL_NAMES[n]) return SIGNAL_NAMES[n];
  if (n === 34) return "RTMIN";
  if (n === 64) return "RTMAX";
  if (n > 34 && n <= 49) return `RTMIN+${n - 34}`;
  if (n >= 50 && n < 64) return `RTMAX-${64 - n}`;
  return undefined;
}

/** Parses a signal spec ("9", "KILL", "SIGKILL", "sigkill"); undefined when invalid. */
export function parseSignal(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    return n >= 0 && n <= 64 ? n : undefined;
  }
  const s = spec.toUpperCase().replace(/^SIG/, "");
  if (s === "POLL") return 29;
  if (s === "IOT") return 6;
  if (SIGNALS[s] !== undefined) return SIGNALS[s];
  for (let n = 34; n <= 64; n++) if (signalName(n) === s) return n;
  return undefined;
}

/** bash's `kill -l` table (five per line, tab separated). */
export function bashSignalTable(): string {
  const nums = [...Array(64).keys()].map((i) => i + 1).filter((n) => n !== 32 && n !== 33);
  let out = "";
  nums.forEach((n, i) => {
    out += `${String(n).padStart(2, " ")}) SIG${signalName(n)}\t`;
    if (i % 5 === 4) out = out.replace(/\t$/, "\n");
  });
  return out.endsWith("\n") ? out : out + "\n";
}
