/**
 * Shared reading of the simulated kernel ring buffer (host.kmsg) for dmesg and journalctl -k:
 * microsecond timestamps that stay stable and strictly increasing even when many records share
 * one sim millisecond (an OOM report is written in one step), the evidence a kernel record
 * reveals to the grader, and the kernel.dmesg_restrict check.
 */
import type { Host, KmsgEntry } from "../../../engine/index.js";

/** A small stable string hash (FNV-1a). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

export interface KmsgRecord extends KmsgEntry {
  /** index in host.kmsg (a stable sequence number) */
  seq: number;
  /** microseconds since boot */
  us: number;
}

/**
 * Every record with a microsecond timestamp: the sim millisecond plus a stable sub-millisecond
 * part; records written in the same millisecond step 7..15 µs apart, like printk bursts.
 */
export function kmsgRecords(host: Host): KmsgRecord[] {
  const out: KmsgRecord[] = [];
  let prev = 0;
  host.kmsg.forEach((k, i) => {
    const base = k.simMs * 1000 + (k.simMs === 0 ? 0 : hash32(`kmsg:${k.simMs}`) % 997);
    const us = k.simMs === 0 ? 0 : Math.max(base, prev + 7 + (hash32(`step:${i}`) % 9));
    out.push({ ...k, seq: i, us });
    prev = us;
  });
  return out;
}

/** Evidence keys a kernel record's text reveals (documented in groups/logs.ts). */
export function kmsgEvidence(text: string): string[] {
  const keys: string[] = [];
  if (/invoked oom-killer|Out of memory: Killed process|Memory cgroup out of memory|oom-kill:constraint|oom_reaper: reaped/.test(text)) keys.push("kmsg:oom-kill");
  if (/blocked for more than \d+ seconds/.test(text)) keys.push("kmsg:hung-task");
  if (/nfs: server \S+ not responding/.test(text)) keys.push("kmsg:nfs-timeout");
  if (/I\/O error|Buffer I\/O error|blk_update_request/.test(text)) keys.push("kmsg:io-error");
  return keys;
}

/** Debian sets kernel.dmesg_restrict=1: only CAP_SYSLOG (root) may read the ring buffer. */
export function dmesgRestricted(host: Host, uid: number): boolean {
  return uid !== 0 && (host.sysctl.get("kernel.dmesg_restrict") ?? "1") !== "0";
}

/** "[%5lu.%06lu]" of microseconds since boot. */
export function monoStamp(us: number): string {
  const s = Math.floor(us / 1e6);
  return `[${String(s).padStart(5, " ")}.${String(us % 1e6).padStart(6, "0")}]`;
}

/** Continuation lines of a multi-line record, indented to the message column. */
export function indentRecord(text: string, width: number): string {
  return text.replace(/\n/g, "\n" + " ".repeat(width));
}

export const LEVEL_NAMES = ["emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"] as const;
export const FACILITY_NAMES = ["kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "res0", "res1", "res2", "res3", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"] as const;
