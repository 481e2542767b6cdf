/**
 * stat (GNU coreutils 9.1): the default multi-line report (File/Size/Blocks/IO Block/type,
 * Device/Inode/Links, Access mode and owners, the four timestamps) and -c/--format/--printf
 * with the common specifiers (%s %n %N %U %G %u %g %a %A %i %h %y %Y %x %z %F %b %d %m %t %T %r ...),
 * and -t/--terse.
 */
import { civilFromEpochMs, pad, VfsError, type Cred, type Host, type VStat } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";
import { argListTooLong, modeString, shq } from "../common/fs/fs-common.js";

const HELP = `Usage: stat [OPTION]... FILE...
Display file or file system status.

Mandatory arguments to long options are mandatory for short options too.
  -L, --dereference     follow links
  -f, --file-system     display file system status instead of file status
  -c  --format=FORMAT   use the specified FORMAT instead of the default;
                          output a newline after each use of FORMAT
      --printf=FORMAT   like --format, but interpret backslash escapes,
                          and do not output a mandatory trailing newline;
                          if you want a newline, include \\n in FORMAT
  -t, --terse           print the information in terse form
      --help        display this help and exit
      --version     output version information and exit

The valid format sequences for files (without --file-system):

  %a   permission bits in octal (note '#' and '0' printf flags)
  %A   permission bits and file type in human readable form
  %b   number of blocks allocated (see %B)
  %B   the size in bytes of each block reported by %b
  %C   SELinux security context string
  %d   device number in decimal (st_dev)
  %D   device number in hex (st_dev)
  %Hd  major device number in decimal
  %Ld  minor device number in decimal
  %f   raw mode in hex
  %F   file type
  %g   group ID of owner
  %G   group name of owner
  %h   number of hard links
  %i   inode number
  %m   mount point
  %n   file name
  %N   quoted file name with dereference if symbolic link
  %o   optimal I/O transfer size hint
  %s   total size, in bytes
  %r   device type in decimal (st_rdev)
  %R   device type in hex (st_rdev)
  %Hr  major device type in decimal, for character/block device special files
  %Lr  minor device type in decimal, for character/block device special files
  %t   major device type in hex, for character/block device special files
  %T   minor device type in hex, for character/block device special files
  %u   user ID of owner
  %U   user name of owner
  %w   time of file birth, human-readable; - if unknown
  %W   time of file birth, seconds since Epoch; 0 if unknown
  %x   time of last access, human-readable
  %X   time of last access, seconds since Epoch
  %y   time of last data modification, human-readable
  %Y   time of last data modification, seconds since Epoch
  %z   time of last status change, human-readable
  %Z   time of last status change, seconds since Epoch

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/stat>
or available locally via: info '(coreutils) stat invocation'
`;

function stamp(ms: number): string {
  const c = civilFromEpochMs(ms);
  const frac = String(((ms % 1000) + 1000) % 1000).padStart(3, "0") + "000000";
  return `${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}.${frac} +0000`;
}

/** What --terse prints (coreutils 9.1 without SELinux: no trailing %C). */
const TERSE = "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o";

/** The S_IFMT bits GNU stat's %f adds to the permission bits. */
const TYPE_BITS: Record<VStat["type"], number> = { file: 0o100000, dir: 0o040000, symlink: 0o120000, chr: 0o020000, fifo: 0o010000, sock: 0o140000 };

function fileType(st: VStat): string {
  switch (st.type) {
    case "dir":
      return "directory";
    case "symlink":
      return "symbolic link";
    case "chr":
      return "character special file";
    case "fifo":
      return "fifo";
    case "sock":
      return "socket";
    default:
      return st.size === 0 ? "regular empty file" : "regular file";
  }
}

/** The device numbers of the mount a file lives on. */
export function deviceOf(host: Host, mount: string): [number, number] {
  const m = host.mounts.find((x) => x.target === mount);
  if (m) {
    const dev = host.disks.find((d) => d.name === m.device);
    const part = dev?.partitions?.find((p) => `/dev/${p.name}` === m.source);
    if (dev) return [dev.major, part ? part.minor : dev.minor];
    return [0, 20 + host.mounts.indexOf(m)];
  }
  if (mount.startsWith("/proc")) return [0, 21];
  return [0, 5];
}

export const statCommand = defineCommand({
  name: "stat",
  summary: "display file or file system status",
  usage: "stat [OPTION]... FILE...",
  help: HELP,
  version: "stat (GNU coreutils) 9.1",
  completeOperands: "path",
  options: [
    { name: "L", short: "L", long: "dereference" },
    { name: "f", short: "f", long: "file-system" },
    { name: "c", short: "c", long: "format", arg: "required" },
    { name: "printf", long: "printf", arg: "required" },
    { name: "t", short: "t", long: "terse" },
  ],
  run(ctx, o, operands, argv) {
    const big = argListTooLong(ctx, "stat", argv);
    if (big) return big;
    if (!operands.length) return { stdout: "", stderr: "stat: missing operand\nTry 'stat --help' for more information.\n", exitCode: 1 };
    const host = ctx.host;
    const cred = ctx.cred as Cred;
    let out = "";
    let err = "";
    let code = 0;
    for (const name of operands) {
      const path = ctx.resolve(name);
      let st: VStat;
      try {
        st = o.L ? host.vfs.stat(path, cred) : host.vfs.lstat(path, cred);
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
        err += `stat: cannot statx ${shq(name)}: ${e.text}\n`;
        code = 1;
        continue;
      }
      let target = "";
      if (st.type === "symlink") {
        try {
          target = host.vfs.readlink(path, cred);
        } catch {
          target = "";
        }
      }
      const [maj, min] = st.type === "chr" && path.startsWith("/dev/") ? [0, 5] : deviceOf(host, st.mount);
      const devNum = maj * 256 + min;
      // st_rdev: only device nodes have one; GNU stat prints 0 for every other file.
      const [rdevMaj, rdevMin] = st.type === "chr" && st.rdev ? st.rdev : [0, 0];
      const spec = (c: string): string => {
        switch (c) {
          case "a":
            return (st.mode & 0o7777).toString(8);
          case "A":
            return modeString(st);
          case "b":
            return String(st.blocks);
          case "B":
            return "512";
          case "d":
            return String(devNum);
          case "D":
            return devNum.toString(16);
          case "f":
            return (TYPE_BITS[st.type] | st.mode).toString(16);
          case "F":
            return fileType(st);
          case "g":
            return String(st.gid);
          case "G":
            return host.groupName(st.gid);
          case "h":
            return String(st.nlink);
          case "i":
            return String(st.ino);
          case "m":
            return st.mount;
          case "n":
            return name;
          case "N":
            return st.type === "symlink" ? `${shq(name)} -> ${shq(target)}` : shq(name);
          case "o":
            return "4096";
          case "r":
            return String(rdevMaj * 256 + rdevMin);
          case "R":
            return (rdevMaj * 256 + rdevMin).toString(16);
          case "t":
            return rdevMaj.toString(16);
          case "T":
            return rdevMin.toString(16);
          case "s":
            return String(st.size);
          case "u":
            return String(st.uid);
          case "U":
            return host.userName(st.uid);
          case "w":
            return "-";
          case "W":
            return "0";
          case "x":
            return stamp(st.atimeMs);
          case "X":
            return String(Math.floor(st.atimeMs / 1000));
          case "y":
            return stamp(st.mtimeMs);
          case "Y":
            return String(Math.floor(st.mtimeMs / 1000));
          case "z":
            return stamp(st.ctimeMs);
          case "Z":
            return String(Math.floor(st.ctimeMs / 1000));
          case "%":
            return "%";
          default:
            return `?`;
        }
      };
      const fmt = typeof o.printf === "string" ? o.printf : typeof o.c === "string" ? o.c : o.t ? TERSE : undefined;
      if (fmt !== undefined) {
        let s = fmt.replace(/%(-?\d*)([HL][dr]|[a-zA-Z%])/g, (_m, w: string, c: string) => {
          const v = c.length === 2 ? String(c[1] === "d" ? (c[0] === "H" ? maj : min) : c[0] === "H" ? rdevMaj : rdevMin) : spec(c);
          if (!w) return v;
          const n = Number(w);
          return n < 0 ? v.padEnd(-n) : v.padStart(n);
        });
        if (typeof o.printf === "string") s = s.replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\\\/g, "\\");
        else s += "\n";
        out += s;
        continue;
      }
      const fileLine = st.type === "symlink" ? `${name} -> ${target}` : name;
      out += `  File: ${fileLine}\n`;
      out += `  Size: ${String(st.size).padEnd(10)}\tBlocks: ${String(st.blocks).padEnd(10)} IO Block: ${"4096".padEnd(6)} ${fileType(st)}\n`;
      if (st.type === "chr" && st.rdev) out += `Device: ${maj},${min}\tInode: ${String(st.ino).padEnd(11)} Links: ${String(st.nlink).padEnd(5)} Device type: ${st.rdev[0]},${st.rdev[1]}\n`;
      else out += `Device: ${maj},${min}\tInode: ${String(st.ino).padEnd(11)} Links: ${st.nlink}\n`;
      out += `Access: (${(st.mode & 0o7777).toString(8).padStart(4, "0")}/${modeString(st)})  Uid: (${String(st.uid).padStart(5)}/${host.userName(st.uid).padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${host.groupName(st.gid).padStart(8)})\n`;
      out += `Access: ${stamp(st.atimeMs)}\nModify: ${stamp(st.mtimeMs)}\nChange: ${stamp(st.ctimeMs)}\n Birth: -\n`;
    }
    return { stdout: out, stderr: err, exitCode: code };
  },
});
