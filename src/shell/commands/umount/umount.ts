/**
 * umount (util-linux 2.38): detaches a mount through the host (-l lazy, -f force, which for
 * NFS aborts the hung RPCs and frees the blocked tasks), with util-linux's messages: "target
 * is busy.", "not mounted.", "must be superuser to unmount.", and umount.nfs's "device is busy".
 */
import { defineCommand } from "../../spec/define-command.js";

const HELP = `
Usage:
 umount [-hV]
 umount -a [options]
 umount [options] <source> | <directory>

Unmount filesystems.

Options:
 -a, --all               unmount all filesystems
 -A, --all-targets       unmount all mountpoints for the given device in the
                           current namespace
 -c, --no-canonicalize   don't canonicalize paths
 -d, --detach-loop       if mounted loop device, also free this loop device
     --fake              dry run; skip the umount(2) syscall
 -f, --force             force unmount (in case of an unreachable NFS system)
 -i, --internal-only     don't call the umount.<type> helpers
 -n, --no-mtab           don't write to /etc/mtab
 -l, --lazy              detach the filesystem now, clean up things later
 -O, --test-opts <list>  limit the set of filesystems (use with -a)
 -R, --recursive         recursively unmount a target with all its children
 -r, --read-only         in case unmounting fails, try to remount read-only
 -t, --types <list>      limit the set of filesystem types
 -v, --verbose           say what is being done
 -q, --quiet             suppress 'not mounted' error messages
 -N, --namespace <ns>    perform umount in another namespace

 -h, --help              display this help
 -V, --version           display version

For more details see umount(8).
`;

export const umountCommand = defineCommand({
  name: "umount",
  summary: "unmount filesystems",
  usage: "umount [options] <source> | <directory>",
  help: HELP,
  completeOperands: "path",
  badOption: { kind: "custom", render: (opt, long) => ({ stderr: `umount: ${long ? `unrecognized option '--${opt}'` : `invalid option -- '${opt}'`}\nTry 'umount --help' for more information.\n`, exitCode: 1 }) },
  options: [
    { name: "a", short: "a", long: "all" },
    { name: "f", short: "f", long: "force" },
    { name: "l", short: "l", long: "lazy" },
    { name: "v", short: "v", long: "verbose" },
    { name: "q", short: "q", long: "quiet" },
    { name: "R", short: "R", long: "recursive" },
    { name: "r", short: "r", long: "read-only" },
    { name: "t", short: "t", long: "types", arg: "required" },
    { name: "V", short: "V", long: "version" },
    { name: "h", short: "h" },
  ],
  run(ctx, o, operands) {
    if (o.h) return { stdout: HELP };
    if (o.V) return { stdout: "umount from util-linux 2.38.1 (libmount 2.38.1: selinux, smack, btrfs, verity, namespaces, assert, debug)\n" };
    if (!operands.length) return { stdout: "", stderr: "umount: bad usage\nTry 'umount --help' for more information.\n", exitCode: 1 };
    let out = "";
    let err = "";
    let code = 0;
    for (const arg of operands) {
      const path = arg.startsWith("/dev/") || arg.includes(":") ? arg : ctx.resolve(arg);
      const m = ctx.host.mounts.find((x) => !x.detached && (x.target === path || x.source === arg));
      if (!m) {
        if (!ctx.host.vfs.exists(path, ctx.cred)) err += `umount: ${arg}: no mount point specified.\n`;
        else if (!o.q) err += `umount: ${path}: not mounted.\n`;
        code = 32;
        continue;
      }
      if (ctx.cred.uid !== 0) {
        err += `umount: ${m.target}: must be superuser to unmount.\n`;
        code = 32;
        continue;
      }
      const r = ctx.act.umount(m.target, !!o.l, !!o.f);
      if (r === "EBUSY") {
        err += m.fstype.startsWith("nfs") ? `umount.${m.fstype}: ${m.target}: device is busy\n` : `umount: ${m.target}: target is busy.\n`;
        code = 32;
      } else if (r === "EINVAL") {
        err += `umount: ${m.target}: not mounted.\n`;
        code = 32;
      } else if (r === "EPERM") {
        err += `umount: ${m.target}: must be superuser to unmount.\n`;
        code = 32;
      } else if (o.v) out += `umount: ${m.target} unmounted\n`;
    }
    return { stdout: out, stderr: err, exitCode: code, evidence: ["mounts"] };
  },
});
