/**
 * The table of /proc renderers: file name -> function of the live host. Each renderer lives
 * in its own module and reproduces the kernel's format byte for byte.
 */
import type { Host } from "../host/host.js";
import type { Proc } from "../host/types.js";
import { renderLoadavg, renderUptime } from "./basic.js";

export type HostRenderer = (host: Host) => string;
export type PidRenderer = (host: Host, p: Proc) => string;

export const PROC_FILES: Record<string, HostRenderer> = {
  loadavg: renderLoadavg,
  uptime: renderUptime,
  "pressure/cpu": () => "",
  "pressure/io": () => "",
  "pressure/memory": () => "",
  "sys/fs/file-nr": () => "",
};

export const PID_FILES: Record<string, PidRenderer> = {
  cmdline: (_h, p) => (p.argv.length ? p.argv.join("\0") + "\0" : ""),
  comm: (_h, p) => `${p.comm}\n`,
};
