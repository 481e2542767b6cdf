/**
 * /proc/diskstats (the 20-column 6.x format: major, minor, name, then 17 counters incl.
 * discards and flushes) and /proc/partitions. Whole disks print the host's counters;
 * partitions share them out by their role (the mounted root takes nearly all the I/O; an
 * unmounted BIOS-boot partition only saw the boot-time probe reads). Partition lines have no
 * flush counters, like the kernel's.
 */
import type { Host } from "../host/host.js";
import type { BlockDevice } from "../host/types.js";

type Part = NonNullable<BlockDevice["partitions"]>[number];

function counters(d: BlockDevice): number[] {
  return [
    d.readsCompleted, d.readsMerged, d.sectorsRead, d.msReading,
    d.writesCompleted, d.writesMerged, d.sectorsWritten, d.msWriting,
    d.inFlight, d.ioTicksMs, d.weightedMs,
    0, 0, 0, 0,
    d.flushes, d.msFlushing,
  ].map((v) => Math.max(0, Math.floor(v)));
}

/** The share of the disk's I/O a partition saw. */
function partShare(host: Host, d: BlockDevice, part: Part): { r: number; w: number } {
  const mounted = part.mountpoint ?? host.mounts.find((m) => !m.detached && m.source === `/dev/${part.name}`)?.target;
  const parts = d.partitions ?? [];
  const mountedParts = parts.filter((p) => p.mountpoint ?? host.mounts.some((m) => !m.detached && m.source === `/dev/${p.name}`));
  if (!mounted) return { r: 0, w: 0 };
  if (mounted === "/" || mountedParts.length === 1) return { r: 0.985, w: 0.997 };
  if (mounted.startsWith("/boot")) return { r: 0.004, w: 0.0005 };
  return { r: 0.985 / Math.max(1, mountedParts.length - 1), w: 0.997 / Math.max(1, mountedParts.length - 1) };
}

function partCounters(host: Host, d: BlockDevice, part: Part): number[] {
  const c = counters(d);
  const { r, w } = partShare(host, d, part);
  if (r === 0 && w === 0) {
    // probed at boot (partition table scan, blkid): a handful of reads
    const reads = 60 + (part.minor % 7) * 9;
    return [reads, 0, reads * 40 + 2 * 1000, Math.floor(reads / 3), 0, 0, 0, 0, 0, Math.floor(reads / 2), Math.floor(reads / 3), 0, 0, 0, 0, 0, 0];
  }
  const f = (v: number, k: number): number => Math.floor(v * k);
  return [
    f(c[0]!, r), f(c[1]!, r), f(c[2]!, r), f(c[3]!, r),
    f(c[4]!, w), f(c[5]!, w), f(c[6]!, w), f(c[7]!, w),
    c[8]!, f(c[9]!, Math.max(r, w)), f(c[10]!, Math.max(r, w)),
    0, 0, 0, 0, 0, 0,
  ];
}

const row = (major: number, minor: number, name: string, c: number[]): string => `${String(major).padStart(4)} ${String(minor).padStart(7)} ${name} ${c.join(" ")}\n`;

export function renderDiskstats(host: Host): string {
  let s = "";
  for (const d of host.disks) {
    s += row(d.major, d.minor, d.name, counters(d));
    for (const p of [...(d.partitions ?? [])].sort((a, b) => a.minor - b.minor)) s += row(d.major, p.minor, p.name, partCounters(host, d, p));
  }
  return s;
}

export function renderPartitions(host: Host): string {
  let s = "major minor  #blocks  name\n\n";
  const line = (major: number, minor: number, bytes: number, name: string): string => `${String(major).padStart(4)}  ${String(minor).padStart(7)} ${String(Math.floor(bytes / 1024)).padStart(10)} ${name}\n`;
  for (const d of host.disks) {
    s += line(d.major, d.minor, d.sizeBytes, d.name);
    for (const p of [...(d.partitions ?? [])].sort((a, b) => a.minor - b.minor)) s += line(d.major, p.minor, p.sizeBytes, p.name);
  }
  return s;
}
