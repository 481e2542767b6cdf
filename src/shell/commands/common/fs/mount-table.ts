/**
 * The mount table as util-linux reads it (/proc/self/mounts, pseudo filesystems included),
 * joined with the host's Mount records (sizes, inodes, hung flag), for mount, findmnt and df.
 */
import type { Cred, Mount } from "../../../../engine/index.js";
import type { CommandContext } from "../../../spec/define-command.js";

export interface TableEntry {
  source: string;
  target: string;
  fstype: string;
  options: string;
  host?: Mount;
}

function unmangle(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
}

export function readMountTable(ctx: CommandContext): TableEntry[] {
  let text = "";
  try {
    text = ctx.host.vfs.readFile("/proc/self/mounts", ctx.cred as Cred);
  } catch {
    text = "";
  }
  const live = ctx.host.mounts.filter((m) => !m.detached);
  const used = new Set<Mount>();
  const out: TableEntry[] = [];
  for (const line of text.split("\n")) {
    const f = line.split(" ");
    if (f.length < 4) continue;
    const e: TableEntry = { source: unmangle(f[0] as string), target: unmangle(f[1] as string), fstype: f[2] as string, options: f[3] as string };
    const h = live.find((m) => m.target === e.target && m.source === e.source && !used.has(m));
    if (h) {
      used.add(h);
      e.host = h;
    }
    out.push(e);
  }
  if (!out.length) for (const m of live) out.push({ source: m.source, target: m.target, fstype: m.fstype, options: m.options, host: m });
  return out;
}
