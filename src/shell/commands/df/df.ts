/**
 * df (GNU coreutils 9.1): file system usage from the host's mount table — 1K blocks, -h/-H,
 * -i inodes, -T types, -t/-x filters, -l local, -a, -P, -B, --total, --output and paths —
 * with GNU's content-sized columns. Used/Avail come from the host's accounting (Avail
 * excludes the root reserve; space held by deleted-but-open files counts as used). A hung
 * NFS mount blocks statfs(): like the real tool, df prints nothing and waits until Ctrl-C
 * (-l or -x nfs4 skip it).
 */
import { normalizePath, type Mount } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, human, lq, parseSize } from "../common/fs/fs-common.js";
import { readMountTable } from "../common/fs/mount-table.js";

const HELP = `Usage: df [OPTION]... [FILE]...
Show information about the file system on which each FILE resides,
or all file systems by default.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all             include pseudo, duplicate, inaccessible file systems
  -B, --block-size=SIZE  scale sizes by SIZE before printing them; e.g.,
                           '-BM' prints sizes in units of 1,048,576 bytes;
                           see SIZE format below
  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)
  -H, --si              print sizes in powers of 1000 (e.g., 1.1G)
  -i, --inodes          list inode information instead of block usage
  -k                    like --block-size=1K
  -l, --local           limit listing to local file systems
      --no-sync         do not invoke sync before getting usage info (default)
      --output[=FIELD_LIST]  use the output format defined by FIELD_LIST,
                               or print all fields if FIELD_LIST is omitted.
  -P, --portability     use the POSIX output format
      --sync            invoke sync before getting usage info
      --total           elide all entries insignificant to available space,
                          and produce a grand total
  -t, --type=TYPE       limit listing to file systems of type TYPE
  -T, --print-type      print file system type
  -x, --exclude-type=TYPE   limit listing to file systems not of type TYPE
  -v                    (ignored)
      --help        display this help and exit
      --version     output version information and exit

Display values are in units of the first available SIZE from --block-size,
and the DF_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.
Otherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

FIELD_LIST is a comma-separated list of columns to be included.  Valid
field names are: 'source', 'fstype', 'itotal', 'iused', 'iavail', 'ipcent',
'size', 'used', 'avail', 'pcent', 'file' and 'target' (see info page).

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/df>
or available locally via: info '(coreutils) df invocation'
`;

const PSEUDO = new Set(["proc", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue", "debugfs", "tracefs", "securityfs", "pstore", "bpf", "autofs", "hugetlbfs", "configfs", "fusectl", "binfmt_misc", "rpc_pipefs", "nsfs"]);
const REMOTE = /^(nfs\d?|cifs|smb3?|smbfs|sshfs|fuse\.sshfs|ceph|glusterfs|9p|afs)$/;
const FIELDS = ["source", "fstype", "itotal", "iused", "iavail", "ipcent", "size", "used", "avail", "pcent", "file", "target"] as const;
type Field = (typeof FIELDS)[number];
const LEFT = new Set<Field>(["source", "fstype", "file", "target"]);
const MIN: Partial<Record<Field, number>> = { source: 14, fstype: 4, size: 5, used: 5, avail: 5, pcent: 4, itotal: 5, iused: 5, iavail: 5, ipcent: 5 };

function pct(used: number, avail: number): string {
  const total = used + avail;
  if (total === 0) return "-";
  return `${Math.ceil((used * 100) / total)}%`;
}

export const dfCommand = defineCommand({
  name: "df",
  summary: "report file system space usage",
  usage: "df [OPTION]... [FILE]...",
  help: HELP,
  version: "df (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "a", short: "a", long: "all" },
    { name: "B", short: "B", long: "block-size", arg: "required" },
    { name: "h", short: "h", long: "human-readable" },
    { name: "H", short: "H", long: "si" },
    { name: "i", short: "i", long: "inodes" },
    { name: "k", short: "k" },
    { name: "l", short: "l", long: "local" },
    { name: "nosync", long: "no-sync" },
    { name: "output", long: "output", arg: "optional" },
    { name: "P", short: "P", long: "portability" },
    { name: "sync", long: "sync" },
    { name: "total", long: "total" },
    { name: "t", short: "t", long: "type", arg: "required", multiple: true },
    { name: "T", short: "T", long: "print-type" },
    { name: "x", short: "x", long: "exclude-type", arg: "required", multiple: true },
    { name: "v", short: "v" },
  ],
  async run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "df", argv);
    if (big) return big;
    const host = ctx.host;
    const si = !!o.H;
    const hum = !!o.h || si;
    let blockSize = 1024;
    let blockLabel = o.P ? "1024-blocks" : "1K-blocks";
    if (typeof o.B === "string") {
      const n = parseSize(o.B.replace(/^(\d*)/, (d) => d || "1"));
      if (!n) return { stdout: "", stderr: `df: invalid --block-size argument ${lq(o.B)}\n`, exitCode: 1 };
      blockSize = n;
      blockLabel = /^\d+$/.test(o.B) ? `${o.B}-blocks` : `${o.B}-blocks`.replace(/^([KMGTPE])/, "1$1");
    }
    let fields: Field[];
    if (o.output !== undefined) {
      const list = o.output === true ? [...FIELDS] : String(o.output).split(",");
      for (const f of list) if (!(FIELDS as readonly string[]).includes(f)) return { stdout: "", stderr: `df: ${lq(f)}: not a valid field for --output\nTry 'df --help' for more information.\n`, exitCode: 1 };
      fields = list as Field[];
    } else if (o.i) fields = ["source", ...(o.T ? (["fstype"] as Field[]) : []), "itotal", "iused", "iavail", "ipcent", "target"];
    else fields = ["source", ...(o.T ? (["fstype"] as Field[]) : []), "size", "used", "avail", "pcent", "target"];
    const types = (o.t as string[] | undefined) ?? [];
    const excl = (o.x as string[] | undefined) ?? [];
    const header: Record<Field, string> = {
      source: "Filesystem",
      fstype: "Type",
      itotal: "Inodes",
      iused: "IUsed",
      iavail: "IFree",
      ipcent: "IUse%",
      size: hum ? "Size" : blockLabel,
      used: "Used",
      avail: hum || o.output !== undefined ? "Avail" : "Available",
      pcent: o.P && o.output === undefined ? "Capacity" : "Use%",
      file: "File",
      target: "Mounted on",
    };
    const fmtBlocks = (kib: number): string => (hum ? (kib === 0 ? "0" : human(kib * 1024, si)) : String(Math.ceil((kib * 1024) / blockSize)));
    const fmtCount = (n: number): string => (hum ? (n === 0 ? "0" : human(n, si)) : String(n));
    let err = "";
    let code = 0;
    const evidence: string[] = [];
    // which mounts, in mount-table order
    const live = host.mounts.filter((m) => !m.detached);
    const chosen: { m: Mount; file?: string }[] = [];
    const wanted = (m: Mount): boolean => {
      if (types.length && !types.includes(m.fstype)) return false;
      if (excl.includes(m.fstype)) return false;
      if (o.l && REMOTE.test(m.fstype)) return false;
      return true;
    };
    if (operands.length) {
      for (const f of operands) {
        const path = ctx.resolve(f);
        const target = host.vfs.mountOf(path);
        const m = live.find((x) => x.target === target) ?? live.find((x) => x.target === "/");
        const hung = m?.hung;
        if (!hung) {
          try {
            host.vfs.stat(path, ctx.cred);
          } catch (e) {
            const text = (e as { text?: string }).text ?? "No such file or directory";
            err += `df: ${f}: ${text}\n`;
            code = 1;
            continue;
          }
        }
        if (m && wanted(m)) chosen.push({ m, file: f });
      }
    } else {
      // mount-table order, with the kernel's own tmpfs/devtmpfs mounts (udev, /run/user/N)
      const table = readMountTable(ctx);
      const seen = new Set<Mount>();
      for (const e of table) {
        let m = e.host;
        if (!m) {
          const size = /(?:^|,)size=(\d+)k/.exec(e.options);
          if (!o.a && !size) continue;
          const nr = /(?:^|,)nr_inodes=(\d+)/.exec(e.options);
          const kib = size ? Number(size[1]) : 0;
          m = { source: e.source, target: e.target, fstype: e.fstype, options: e.options, sizeKiB: kib, baseUsedKiB: 0, reservedKiB: 0, inodesTotal: size ? (nr ? Number(nr[1]) : Math.floor(kib / 4)) : 0, baseInodes: e.fstype === "devtmpfs" ? 412 : 18, id: 0, parentId: 0 };
        } else seen.add(m);
        if (!o.a && (PSEUDO.has(m.fstype) || m.sizeKiB === 0)) continue;
        if (wanted(m)) chosen.push({ m });
      }
      for (const m of live) if (!seen.has(m) && (o.a || (!PSEUDO.has(m.fstype) && m.sizeKiB > 0)) && wanted(m)) chosen.push({ m });
      if (!chosen.length) return { stdout: "", stderr: `${err}df: no file systems processed\n`, exitCode: 1 };
    }
    // statfs() on a hung NFS server never returns
    const hung = chosen.find((c) => c.m.hung);
    if (hung) {
      evidence.push(`mount:${hung.m.target}:hung`);
      while (await ctx.sleep(1000)) {
        /* blocked in statfs (D state) */
      }
      return { stdout: "", stderr: err, exitCode: 130, evidence };
    }
    const rows: Record<Field, string>[] = [];
    const tot = { size: 0, used: 0, avail: 0, itotal: 0, iused: 0, iavail: 0 };
    for (const { m, file } of chosen) {
      const real = m.id !== 0;
      const used = real ? host.usedKiB(m) : 0;
      const avail = real ? Math.max(0, host.freeKiB(m, false)) : m.sizeKiB;
      const itotal = m.inodesTotal;
      const iused = itotal ? (real ? host.inodesUsed(m) : m.baseInodes) : 0;
      const ifree = Math.max(0, itotal - iused);
      tot.size += m.sizeKiB;
      tot.used += used;
      tot.avail += avail;
      tot.itotal += itotal;
      tot.iused += iused;
      tot.iavail += ifree;
      const inodeView = fields.some((f) => f.startsWith("i"));
      evidence.push(`fs:${m.target}:${inodeView ? "inodes" : "usage"}`);
      if (inodeView && fields.includes("size")) evidence.push(`fs:${m.target}:usage`);
      rows.push({
        source: m.source,
        fstype: m.fstype,
        size: fmtBlocks(m.sizeKiB),
        used: fmtBlocks(used),
        avail: fmtBlocks(avail),
        pcent: pct(used, avail),
        itotal: fmtCount(itotal),
        iused: fmtCount(iused),
        iavail: fmtCount(ifree),
        ipcent: itotal ? pct(iused, ifree) : "-",
        file: file ?? "-",
        target: m.target,
      });
    }
    if (o.total) {
      rows.push({
        source: "total",
        fstype: "-",
        size: fmtBlocks(tot.size),
        used: fmtBlocks(tot.used),
        avail: fmtBlocks(tot.avail),
        pcent: pct(tot.used, tot.avail),
        itotal: fmtCount(tot.itotal),
        iused: fmtCount(tot.iused),
        iavail: fmtCount(tot.iavail),
        ipcent: tot.itotal ? pct(tot.iused, tot.iavail) : "-",
        file: "-",
        target: "-",
      });
    }
    const all = [header, ...rows];
    const width = new Map<Field, number>();
    for (const f of fields) width.set(f, Math.max(MIN[f] ?? 0, ...all.map((r) => r[f].length)));
    const out = all
      .map((r) =>
        fields
          .map((f, i) => {
            const v = r[f];
            const w = width.get(f) as number;
            if (i === fields.length - 1 && LEFT.has(f)) return v;
            return LEFT.has(f) ? v.padEnd(w) : v.padStart(w);
          })
          .join(" "),
      )
      .join("\n");
    void normalizePath;
    return { stdout: out + "\n", stderr: err, exitCode: code, evidence };
  },
});
