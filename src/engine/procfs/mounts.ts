/**
 * The mount table as the kernel shows it: /proc/PID/mounts (fstab-like "src target type opts
 * 0 0"), /proc/PID/mountinfo (ids, parent ids, major:minor, propagation, super options) —
 * the host's mounts (lazily detached ones are gone) interleaved with the pseudo filesystems a
 * systemd Debian 12 boot mounts (sysfs, proc, devtmpfs, devpts, cgroup2, ...), in mount
 * order. Also /proc/filesystems and /proc/swaps.
 */
import type { Host } from "../host/host.js";
import type { Mount } from "../host/types.js";
import { kib } from "./proc-ids.js";

export interface MountEntry {
  source: string;
  target: string;
  fstype: string;
  options: string;
  /** major:minor of the superblock */
  dev: string;
  /** index in the host's mount table, when it is one of the host's mounts */
  host?: Mount;
}

/** Options as /proc/mounts prints them (tmpfs gains inode64, NFS its negotiated options). */
function shownOptions(host: Host, m: Mount): string {
  let o = m.options || "rw,relatime";
  if (m.fstype === "tmpfs" && !/\binode64\b/.test(o)) o += ",inode64";
  if (m.fstype.startsWith("nfs") && !/\bvers=/.test(o)) {
    const server = m.source.split(":")[0] ?? "";
    const addr = host.net.dnsRecords[server]?.[0] ?? (/^\d+\.\d+\.\d+\.\d+$/.test(server) ? server : "10.0.2.50");
    const ip = host.net.interfaces.find((i) => i.name !== "lo")?.addrs.find((a) => a.family === "inet")?.addr ?? "10.0.2.15";
    const vers = m.fstype === "nfs4" ? "4.2" : "3";
    o += `,vers=${vers},rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys,${m.fstype === "nfs4" ? `clientaddr=${ip},` : `mountaddr=${addr},mountvers=3,mountport=20048,mountproto=udp,`}local_lock=none,addr=${addr}`;
  }
  return o;
}

export function mountTable(host: Host): MountEntry[] {
  const total = host.mem.totalKiB;
  let anon = 20;
  const pseudo = (source: string, target: string, fstype: string, options: string): MountEntry => ({ source, target, fstype, options, dev: `0:${anon++}` });
  const live = host.mounts.filter((m) => !m.detached);
  const used = new Set<Mount>();
  const fromHost = (m: Mount): MountEntry => {
    used.add(m);
    let dev: string;
    const name = m.source.startsWith("/dev/") ? m.source.slice(5) : undefined;
    const disk = name ? host.disks.find((d) => d.name === name || d.partitions?.some((p) => p.name === name)) : undefined;
    if (disk && name) dev = `${disk.major}:${disk.name === name ? disk.minor : disk.partitions!.find((p) => p.name === name)!.minor}`;
    else dev = `0:${anon++}`;
    return { source: m.source, target: m.target, fstype: m.fstype, options: shownOptions(host, m), dev, host: m };
  };
  const hostAt = (target: string): MountEntry[] => live.filter((m) => m.target === target && !used.has(m)).map(fromHost);
  const out: MountEntry[] = [];
  out.push(pseudo("sysfs", "/sys", "sysfs", "rw,nosuid,nodev,noexec,relatime"));
  out.push(pseudo("proc", "/proc", "proc", "rw,nosuid,nodev,noexec,relatime"));
  out.push(pseudo("udev", "/dev", "devtmpfs", `rw,nosuid,relatime,size=${Math.floor(total / 2)}k,nr_inodes=${Math.floor(total / 8)},mode=755,inode64`));
  out.push(pseudo("devpts", "/dev/pts", "devpts", "rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000"));
  out.push(...hostAt("/run"));
  out.push(...hostAt("/"));
  out.push(pseudo("securityfs", "/sys/kernel/security", "securityfs", "rw,nosuid,nodev,noexec,relatime"));
  out.push(...hostAt("/dev/shm"));
  out.push(...hostAt("/run/lock"));
  out.push(pseudo("cgroup2", "/sys/fs/cgroup", "cgroup2", "rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot"));
  out.push(pseudo("pstore", "/sys/fs/pstore", "pstore", "rw,nosuid,nodev,noexec,relatime"));
  out.push(pseudo("bpf", "/sys/fs/bpf", "bpf", "rw,nosuid,nodev,noexec,relatime,mode=700"));
  out.push(pseudo("systemd-1", "/proc/sys/fs/binfmt_misc", "autofs", `rw,relatime,fd=30,pgrp=1,timeout=0,minproto=5,maxproto=5,direct,pipe_ino=${10400 + (host.cpu.count % 7) * 13}`));
  out.push(pseudo("hugetlbfs", "/dev/hugepages", "hugetlbfs", "rw,relatime,pagesize=2M"));
  out.push(pseudo("mqueue", "/dev/mqueue", "mqueue", "rw,nosuid,nodev,noexec,relatime"));
  out.push(pseudo("debugfs", "/sys/kernel/debug", "debugfs", "rw,nosuid,nodev,noexec,relatime"));
  out.push(pseudo("tracefs", "/sys/kernel/tracing", "tracefs", "rw,nosuid,nodev,noexec,relatime"));
  out.push(pseudo("fusectl", "/sys/fs/fuse/connections", "fusectl", "rw,nosuid,nodev,noexec,relatime"));
  out.push(pseudo("configfs", "/sys/kernel/config", "configfs", "rw,nosuid,nodev,noexec,relatime"));
  for (const m of live) if (!used.has(m) && !m.target.startsWith("/run/user/")) out.push(fromHost(m));
  out.push(pseudo("binfmt_misc", "/proc/sys/fs/binfmt_misc", "binfmt_misc", "rw,nosuid,nodev,noexec,relatime"));
  const uids = [...new Set(host.logins.map((l) => host.userByName(l.user)?.uid ?? 0))];
  for (const uid of uids) {
    const existing = hostAt(`/run/user/${uid}`);
    if (existing.length) out.push(...existing);
    else {
      const u = host.users.find((x) => x.uid === uid);
      out.push(pseudo("tmpfs", `/run/user/${uid}`, "tmpfs", `rw,nosuid,nodev,relatime,size=${kib(total / 10)}k,nr_inodes=${kib(total / 40)},mode=700,uid=${uid},gid=${u?.gid ?? uid},inode64`));
    }
  }
  for (const m of live) if (!used.has(m)) out.push(fromHost(m));
  return out;
}

/** Octal escapes the kernel uses in mount paths. */
export function mangle(s: string): string {
  return s.replace(/[\\ \t\n]/g, (c) => "\\" + c.charCodeAt(0).toString(8).padStart(3, "0"));
}

export function renderMounts(host: Host): string {
  return mountTable(host).map((e) => `${mangle(e.source)} ${mangle(e.target)} ${e.fstype} ${e.options} 0 0\n`).join("");
}

const PER_MOUNT = new Set(["rw", "ro", "nosuid", "nodev", "noexec", "relatime", "noatime", "nodiratime", "strictatime"]);

export function renderMountinfo(host: Host): string {
  const t = mountTable(host);
  const ids = t.map((_, i) => 21 + i);
  const rootIdx = t.findIndex((e) => e.target === "/");
  let s = "";
  t.forEach((e, i) => {
    let parent = 1;
    if (e.target !== "/") {
      let best = -1;
      for (let j = 0; j < t.length; j++) {
        if (j === i) continue;
        const cand = t[j]!.target;
        const prefix = cand === "/" ? "/" : cand + "/";
        if (!(e.target.startsWith(prefix) || (cand === e.target && j < i))) continue;
        if (best < 0 || cand.length > t[best]!.target.length || (cand.length === t[best]!.target.length && j < i && j > best)) best = j;
      }
      parent = best >= 0 ? ids[best]! : rootIdx >= 0 ? ids[rootIdx]! : 1;
    }
    const opts = e.options.split(",");
    const mnt = opts.filter((o) => PER_MOUNT.has(o)).join(",");
    const sup = [opts.includes("ro") ? "ro" : "rw", ...opts.filter((o) => !PER_MOUNT.has(o))].join(",");
    const shared = e.fstype === "autofs" || e.fstype === "binfmt_misc" ? "" : ` shared:${i + 1}`;
    s += `${ids[i]} ${parent} ${e.dev} / ${mangle(e.target)} ${mnt}${shared} - ${e.fstype} ${mangle(e.source)} ${sup}\n`;
  });
  return s;
}

export function renderFilesystems(host: Host): string {
  const nodev = ["sysfs", "tmpfs", "bdev", "proc", "cgroup", "cgroup2", "cpuset", "devtmpfs", "configfs", "debugfs", "tracefs", "securityfs", "sockfs", "bpf", "pipefs", "ramfs", "hugetlbfs", "devpts"];
  const dev = ["ext3", "ext2", "ext4"];
  const extraNodev = ["autofs", "mqueue", "pstore", "binfmt_misc"];
  const types = new Set(host.mounts.map((m) => m.fstype));
  let s = nodev.map((f) => `nodev\t${f}\n`).join("") + dev.map((f) => `\t${f}\n`).join("") + extraNodev.map((f) => `nodev\t${f}\n`).join("");
  for (const f of ["vfat", "xfs", "btrfs"]) if (types.has(f)) s += `\t${f}\n`;
  if (types.has("nfs") || types.has("nfs4")) s += "nodev\tnfs\nnodev\tnfs4\n";
  return s;
}

export function renderSwaps(host: Host): string {
  let s = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n";
  const size = kib(host.mem.swapTotalKiB);
  if (size > 0) {
    const used = kib(host.swapUsedKiB());
    const path = "/swapfile";
    s += `${path}${" ".repeat(Math.max(1, 40 - path.length))}file\t\t${size}\t${size < 10000000 ? "\t" : ""}${used}\t${used < 10000000 ? "\t" : ""}-2\n`;
  }
  return s;
}
