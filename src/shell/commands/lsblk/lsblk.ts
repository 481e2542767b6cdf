/**
 * lsblk (util-linux 2.38): block devices and their partitions as a tree (├─ └─), with
 * NAME MAJ:MIN RM SIZE RO TYPE MOUNTPOINTS sized from the content, util-linux's size format
 * (2G, 124M, 0B, 63.9M), -f-less basics: -b bytes, -n no headings, -l list, -d no children,
 * -p full paths.
 */
import { defineCommand } from "../../spec/define-command.js";

const HELP = `
Usage:
 lsblk [options] [<device> ...]

List information about block devices.

Options:
 -D, --discard        print discard capabilities
 -E, --dedup <column> de-duplicate output by <column>
 -I, --include <list> show only devices with specified major numbers
 -J, --json           use JSON output format
 -O, --output-all     output all columns
 -P, --pairs          use key="value" output format
 -S, --scsi           output info about SCSI devices
 -T, --tree[=<column>] use tree format output
 -a, --all            print all devices
 -b, --bytes          print SIZE in bytes rather than in human readable format
 -d, --nodeps         don't print slaves or holders
 -e, --exclude <list> exclude devices by major number (default: RAM disks)
 -f, --fs             output info about filesystems
 -i, --ascii          use ascii characters only
 -l, --list           use list format output
 -M, --merge          group parents of sub-trees (usable for RAIDs, Multi-path)
 -m, --perms          output info about permissions
 -n, --noheadings     don't print headings
 -o, --output <list>  output columns
 -p, --paths          print complete device path
 -r, --raw            use raw output format
 -s, --inverse        inverse dependencies
 -t, --topology       output info about topology
 -w, --width <num>    specifies output width as number of characters
 -x, --sort <column>  sort output by <column>
 -y, --shell          use column names to be usable as shell variable identifiers
 -z, --zoned          print zone related information
     --sysroot <dir>  use specified directory as system root

 -h, --help           display this help
 -V, --version        display version

For more details see lsblk(8).
`;

/** util-linux size_to_human_string: 1024 powers, one rounded decimal, "B" only for bytes. */
export function blkSize(bytes: number): string {
  const units = ["B", "K", "M", "G", "T", "P", "E"];
  let e = 0;
  let v = bytes;
  while (v >= 1024 && e < units.length - 1) {
    v /= 1024;
    e++;
  }
  if (e === 0) return `${bytes}B`;
  const r = Math.round(v * 10) / 10;
  if (r >= 1024 && e < units.length - 1) return `1${units[e + 1]}`;
  return `${Number.isInteger(r) ? String(r) : r.toFixed(1)}${units[e]}`;
}

export const lsblkCommand = defineCommand({
  name: "lsblk",
  summary: "list block devices",
  usage: "lsblk [options] [<device> ...]",
  help: HELP,
  badOption: { kind: "custom", render: (opt, long) => ({ stderr: `lsblk: ${long ? `unrecognized option '--${opt}'` : `invalid option -- '${opt}'`}\nTry 'lsblk --help' for more information.\n`, exitCode: 1 }) },
  options: [
    { name: "a", short: "a", long: "all" },
    { name: "b", short: "b", long: "bytes" },
    { name: "d", short: "d", long: "nodeps" },
    { name: "l", short: "l", long: "list" },
    { name: "n", short: "n", long: "noheadings" },
    { name: "p", short: "p", long: "paths" },
    { name: "i", short: "i", long: "ascii" },
    { name: "f", short: "f", long: "fs" },
    { name: "V", short: "V", long: "version" },
    { name: "h", short: "h" },
  ],
  run(ctx, o, operands) {
    if (o.h) return { stdout: HELP };
    if (o.V) return { stdout: "lsblk from util-linux 2.38.1\n" };
    const host = ctx.host;
    const mountsOf = (dev: string): string => host.mounts.filter((m) => !m.detached && m.source === `/dev/${dev}`).map((m) => m.target).join("\n");
    type Row = { name: string; majmin: string; rm: string; size: string; ro: string; type: string; mnt: string; fs: string };
    const rows: Row[] = [];
    const disks = host.disks.slice().sort((a, b) => a.major - b.major || a.minor - b.minor);
    let err = "";
    const wanted = operands.map((x) => x.replace(/^\/dev\//, ""));
    for (const d of disks) {
      if (wanted.length && !wanted.includes(d.name) && !d.partitions?.some((p) => wanted.includes(p.name))) continue;
      const size = (b: number): string => (o.b ? String(b) : blkSize(b));
      const nm = (n: string): string => (o.p ? `/dev/${n}` : n);
      const fsOf = (n: string): string => host.mounts.find((m) => m.source === `/dev/${n}`)?.fstype ?? "";
      if (!wanted.length || wanted.includes(d.name)) rows.push({ name: nm(d.name), majmin: `${String(d.major).padStart(3)}:${String(d.minor).padEnd(3)}`, rm: "0", size: size(d.sizeBytes), ro: "0", type: d.name.startsWith("loop") ? "loop" : "disk", mnt: mountsOf(d.name), fs: fsOf(d.name) });
      if (o.d) continue;
      const parts = d.partitions ?? [];
      parts.forEach((p, i) => {
        if (wanted.length && !wanted.includes(d.name) && !wanted.includes(p.name)) return;
        const last = i === parts.length - 1;
        const glyph = o.l || (wanted.length && !wanted.includes(d.name)) ? "" : o.i ? (last ? "`-" : "|-") : last ? "└─" : "├─";
        rows.push({ name: glyph + nm(p.name), majmin: `${String(d.major).padStart(3)}:${String(p.minor).padEnd(3)}`, rm: "0", size: size(p.sizeBytes), ro: "0", type: "part", mnt: mountsOf(p.name) || (p.mountpoint && host.mounts.some((m) => !m.detached && m.target === p.mountpoint) ? (p.mountpoint as string) : ""), fs: fsOf(p.name) });
      });
    }
    for (const w of wanted) if (!disks.some((d) => d.name === w || d.partitions?.some((p) => p.name === w))) err += `lsblk: /dev/${w}: not a block device\n`;
    const head: Row = { name: "NAME", majmin: "MAJ:MIN", rm: "RM", size: "SIZE", ro: "RO", type: "TYPE", mnt: "MOUNTPOINTS", fs: "FSTYPE" };
    const all = o.n ? rows : [head, ...rows];
    const len = (s: string): number => [...s].length;
    const w = (k: keyof Row): number => Math.max(...all.map((r) => len(r[k])));
    const wn = w("name");
    const wm = Math.max(7, w("majmin"));
    const ws = Math.max(5, w("size"));
    const wt = w("type");
    const lines = all.map((r) => {
      const mnts = r.mnt.split("\n");
      const first = `${r.name}${" ".repeat(wn - len(r.name))} ${r.majmin.padEnd(wm)} ${r.rm.padStart(2)} ${r.size.padStart(ws)} ${r.ro.padStart(2)} ${r.type.padEnd(wt)} ${mnts[0]}`;
      const more = mnts.slice(1).map((m) => `${" ".repeat(wn + wm + ws + wt + 10)} ${m}`);
      return [first, ...more].join("\n");
    });
    return { stdout: lines.join("\n") + (lines.length ? "\n" : ""), stderr: err, exitCode: err ? 32 : 0, evidence: ["mounts"] };
  },
});
