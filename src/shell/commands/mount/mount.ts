/**
 * mount (util-linux 2.38): without arguments lists the mount table ("SRC on TARGET type T
 * (OPTS)"), -l and -t TYPE filter it. Mounting is not modelled: non-root users get the real
 * "must be superuser" error, root gets a clear message that Faultline doesn't mount.
 */
import { defineCommand } from "../../spec/define-command.js";
import { readMountTable } from "../common/fs/mount-table.js";

const HELP = `
Usage:
 mount [-lhV]
 mount -a [options]
 mount [options] [--source] <source> | [--target] <directory>
 mount [options] <source> <directory>
 mount <operation> <mountpoint> [<target>]

Mount a filesystem.

Options:
 -a, --all               mount all filesystems mentioned in fstab
 -c, --no-canonicalize   don't canonicalize paths
 -f, --fake              dry run; skip the mount(2) syscall
 -F, --fork              fork off for each device (use with -a)
 -T, --fstab <path>      alternative file to /etc/fstab
 -i, --internal-only     don't call the mount.<type> helpers
 -l, --show-labels       show also filesystem labels
 -n, --no-mtab           don't write to /etc/mtab
 -o, --options <list>    comma-separated list of mount options
 -r, --read-only         mount the filesystem read-only (same as -o ro)
 -t, --types <list>      limit the set of filesystem types
 -v, --verbose           say what is being done
 -w, --rw, --read-write  mount the filesystem read-write (default)

 -h, --help              display this help
 -V, --version           display version

For more details see mount(8).
`;

export const mountCommand = defineCommand({
  name: "mount",
  summary: "mount a filesystem",
  usage: "mount [-lhV]",
  help: HELP,
  helpFlag: true,
  badOption: { kind: "custom", render: (opt, long) => ({ stderr: `mount: ${long ? `unrecognized option '--${opt}'` : `invalid option -- '${opt}'`}\nTry 'mount --help' for more information.\n`, exitCode: 1 }) },
  options: [
    { name: "a", short: "a", long: "all" },
    { name: "l", short: "l", long: "show-labels" },
    { name: "t", short: "t", long: "types", arg: "required" },
    { name: "o", short: "o", long: "options", arg: "required" },
    { name: "r", short: "r", long: "read-only" },
    { name: "w", short: "w", long: "rw" },
    { name: "v", short: "v", long: "verbose" },
    { name: "f", short: "f", long: "fake" },
    { name: "V", short: "V", long: "version" },
    { name: "h", short: "h" },
  ],
  run(ctx, o, operands) {
    if (o.h) return { stdout: HELP };
    if (o.V) return { stdout: "mount from util-linux 2.38.1 (libmount 2.38.1: selinux, smack, btrfs, verity, namespaces, assert, debug)\n" };
    if (!operands.length && !o.a) {
      const types = typeof o.t === "string" ? o.t.split(",") : undefined;
      const neg = types?.every((t) => t.startsWith("no"));
      const rows = readMountTable(ctx).filter((e) => !types || (neg ? !types.includes("no" + e.fstype) : types.includes(e.fstype)));
      return { stdout: rows.map((e) => `${e.source} on ${e.target} type ${e.fstype} (${e.options})\n`).join(""), evidence: ["mounts"] };
    }
    if (ctx.cred.uid !== 0) {
      const where = operands[operands.length - 1] ?? "";
      return { stdout: "", stderr: o.a ? "mount: only root can use \"--all\" option\n" : `mount: ${where}: must be superuser to use mount.\n`, exitCode: 1 };
    }
    if (o.a) return { stdout: "" };
    const target = operands[operands.length - 1] as string;
    const path = ctx.resolve(target);
    const existing = ctx.host.mounts.find((m) => !m.detached && (m.target === path || m.source === target));
    if (existing && operands.length === 1 && typeof o.o === "string" && o.o.includes("remount")) return { stdout: "" };
    if (existing) return { stdout: "", stderr: `mount: ${path}: ${existing.source} already mounted on ${existing.target}.\n`, exitCode: 32 };
    return { stdout: "", stderr: `mount: ${target}: can't find in /etc/fstab.\n(Faultline does not model mounting new filesystems.)\n`, exitCode: 1 };
  },
});
