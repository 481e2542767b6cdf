/**
 * du (GNU coreutils 9.1): disk usage in 1K blocks (4 KiB allocation units) per directory, -s,
 * -a, -h/-H, -c, -d/--max-depth, -x, -b/--apparent-size, --inodes. Synthetic million-entry
 * directories are counted as count x allocation without visiting entries. A mount's data not
 * modelled file by file (the OS image on /) is counted under /usr on the root filesystem and
 * at the mount's root elsewhere, so du -x and df agree. Files that are deleted but still open
 * are not in any directory, so du does not see them — unlike df.
 */
import { VfsError, type Cred, type VStat } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, human, shq } from "../common/fs/fs-common.js";

const HELP = `Usage: du [OPTION]... [FILE]...
  or:  du [OPTION]... --files0-from=F
Summarize device usage of the set of FILEs, recursively for directories.

Mandatory arguments to long options are mandatory for short options too.
  -0, --null            end each output line with NUL, not newline
  -a, --all             write counts for all files, not just directories
      --apparent-size   print apparent sizes rather than device usage; although
                          the apparent size is usually smaller, it may be
                          larger due to holes in ('sparse') files, internal
                          fragmentation, indirect blocks, and the like
  -b, --bytes           equivalent to '--apparent-size --block-size=1'
  -c, --total           produce a grand total
  -d, --max-depth=N     print the total for a directory (or file, with --all)
                          only if it is N or fewer levels below the command
                          line argument;  --max-depth=0 is the same as
                          --summarize
  -h, --human-readable  print sizes in human readable format (e.g., 1K 234M 2G)
      --inodes          list inode usage information instead of block usage
  -k                    like --block-size=1K
  -m                    like --block-size=1M
  -s, --summarize       display only a total for each argument
      --si              like -h, but use powers of 1000 not 1024
  -x, --one-file-system    skip directories on different file systems
      --help        display this help and exit
      --version     output version information and exit

Display values are in units of the first available SIZE from --block-size,
and the DU_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.
Otherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/du>
or available locally via: info '(coreutils) du invocation'
`;

export const duCommand = defineCommand({
  name: "du",
  summary: "estimate file space usage",
  usage: "du [OPTION]... [FILE]...",
  help: HELP,
  version: "du (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "null", short: "0", long: "null" },
    { name: "a", short: "a", long: "all" },
    { name: "apparent", long: "apparent-size" },
    { name: "b", short: "b", long: "bytes" },
    { name: "c", short: "c", long: "total" },
    { name: "d", short: "d", long: "max-depth", arg: "required" },
    { name: "h", short: "h", long: "human-readable" },
    { name: "inodes", long: "inodes" },
    { name: "k", short: "k" },
    { name: "m", short: "m" },
    { name: "s", short: "s", long: "summarize" },
    { name: "si", long: "si" },
    { name: "x", short: "x", long: "one-file-system" },
  ],
  async run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "du", argv);
    if (big) return big;
    const vfs = ctx.host.vfs;
    const cred = ctx.cred as Cred;
    let maxDepth = Infinity;
    if (typeof o.d === "string") {
      if (!/^\d+$/.test(o.d)) return { stdout: "", stderr: `du: invalid maximum depth ‘${o.d}’\nTry 'du --help' for more information.\n`, exitCode: 1 };
      maxDepth = Number(o.d);
    }
    if (o.s) {
      if (typeof o.d === "string" && maxDepth !== 0) return { stdout: "", stderr: `du: warning: summarizing conflicts with --max-depth=${maxDepth}\nTry 'du --help' for more information.\n`, exitCode: 1 };
      maxDepth = 0;
    }
    const apparent = !!(o.apparent || o.b);
    const inodes = !!o.inodes;
    const nl = o.null ? "\0" : "\n";
    const fmt = (v: number): string => {
      if (inodes) return o.h || o.si ? (v === 0 ? "0" : human(v, !!o.si)) : String(v);
      if (o.b) return String(v);
      if (o.h || o.si) return v === 0 ? "0" : human(v, !!o.si);
      if (o.m) return String(Math.ceil(v / 1048576));
      return String(Math.ceil(v / 1024));
    };
    const sizeOf = (st: VStat): number => (inodes ? 1 : apparent ? st.size : (st.blocks / 2) * 1024);
    let out = "";
    let err = "";
    let code = 0;
    let grand = 0;
    const seen = new Set<number>();
    const evidence: string[] = [];
    let blockedOn: string | undefined;
    const mounts = ctx.host.mounts;
    // what df counts on a mount but the VFS does not model file by file (the OS image on /,
    // a volume's existing data) lives in /usr on the root filesystem and at a mount's root
    // elsewhere, so du and df tell the same story
    const unmodelled = (path: string): number => {
      const m = path === "/usr" ? mounts.find((x) => x.target === "/" && !x.detached) : path !== "/" ? mounts.find((x) => x.target === path && !x.detached) : undefined;
      if (!m) return 0;
      return inodes ? m.baseInodes : m.baseUsedKiB * 1024;
    };
    const walk = (path: string, shown: string, st: VStat, depth: number, rootMount: string): number => {
      if (blockedOn) return 0;
      let total = sizeOf(st) + (st.type === "dir" ? unmodelled(path) : 0);
      if (st.type !== "dir") {
        if (st.nlink > 1 && seen.has(st.ino)) return 0;
        if (st.nlink > 1) seen.add(st.ino);
        // a file named on the command line is always listed (du -sh /var/log/*), others only with -a
        if ((o.a || depth === 0) && depth <= maxDepth) out += `${fmt(total)}\t${shown}${nl}`;
        return total;
      }
      const m = mounts.find((x) => x.target === st.mount && !x.detached);
      if (m?.hung) {
        blockedOn = m.target;
        return 0;
      }
      const readable = cred.uid === 0 || (((st.uid === cred.uid ? st.mode >> 6 : cred.gids.includes(st.gid) ? st.mode >> 3 : st.mode) & 5) === 5);
      if (!readable) {
        err += `du: cannot read directory ${shq(shown)}: Permission denied\n`;
        code = 1;
      } else if (!path.startsWith("/proc") && !path.startsWith("/sys")) {
        const dyn = safe(() => vfs.dynamicAt(path, cred));
        const uniform = dyn?.uniformFileStat?.();
        const statics = safe(() => vfs.staticChildren(path, cred)) ?? [];
        let names: string[];
        if (dyn && uniform && !o.a) {
          const n = dyn.count ? dyn.count() : dyn.list().length;
          total += n * (inodes ? 1 : apparent ? uniform.size : (uniform.blocks / 2) * 1024);
          names = statics;
        } else names = dyn ? (safe(() => vfs.readdir(path, cred)) ?? []) : statics;
        const base = shown.endsWith("/") ? shown : `${shown}/`;
        for (const n of names.slice().sort()) {
          const cp = `${path === "/" ? "" : path}/${n}`;
          let cst: VStat;
          try {
            cst = vfs.lstat(cp, cred);
          } catch (e) {
            if (!(e instanceof VfsError)) throw e;
            if (e.code === "EIO") {
              blockedOn = vfs.mountOf(cp);
              return 0;
            }
            continue;
          }
          if (o.x && devOf(cp, cst) !== rootMount) continue;
          if (cst.type === "dir" && vfs.isMountpoint(cp)) {
            const mm = mounts.find((x) => x.target === cp && !x.detached);
            if (mm?.hung) {
              blockedOn = mm.target;
              return 0;
            }
          }
          total += walk(cp, base + n, cst, depth + 1, rootMount);
          if (blockedOn) return 0;
        }
      }
      if (depth <= maxDepth) out += `${fmt(total)}\t${shown}${nl}`;
      return total;
    };
    const args = operands.length ? operands : ["."];
    for (const a of args) {
      const path = ctx.resolve(a);
      let st: VStat;
      try {
        st = vfs.lstat(path, cred);
        if (st.type === "symlink" && a.endsWith("/")) st = vfs.stat(path, cred);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        if (e.code === "EIO") {
          blockedOn = vfs.mountOf(path);
          break;
        }
        err += `du: cannot access ${shq(a)}: ${e.text}\n`;
        code = 1;
        continue;
      }
      const shown = a;
      grand += walk(path, shown, st, 0, devOf(path, st));
      if (blockedOn) break;
      evidence.push(`du:${path}`);
    }
    if (blockedOn) {
      evidence.push(`mount:${blockedOn}:hung`);
      const streamed = ctx.write(out);
      while (await ctx.sleep(1000)) {
        /* blocked in the NFS client */
      }
      return { stdout: streamed ? "" : out, stderr: err, exitCode: 130, evidence };
    }
    if (o.c) out += `${fmt(grand)}\ttotal${nl}`;
    return { stdout: out, stderr: err, exitCode: code, evidence };
  },
});

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** The filesystem a path is on for -x: /proc, /sys and /dev are pseudo filesystems of their own, not part of the VFS mount table. */
function devOf(abs: string, st: VStat): string {
  for (const pseudo of ["/proc", "/sys", "/dev"]) if (abs === pseudo || abs.startsWith(pseudo + "/")) return pseudo;
  return st.mount;
}
