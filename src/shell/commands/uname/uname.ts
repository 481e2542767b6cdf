/**
 * uname (GNU coreutils 9.1): kernel name, node name (host.hostname), release and version
 * from the host, machine x86_64; -a prints the known fields (processor/platform are
 * "unknown" and omitted from -a like GNU does).
 *
 * Evidence keys: "kernel:release" (when the release is printed).
 */
import { defineCommand } from "../../spec/define-command.js";

const HELP = "Usage: uname [OPTION]...\nPrint certain system information.  With no OPTION, same as -s.\n\n  -a, --all                print all information, in the following order,\n                             except omit -p and -i if unknown:\n  -s, --kernel-name        print the kernel name\n  -n, --nodename           print the network node hostname\n  -r, --kernel-release     print the kernel release\n  -v, --kernel-version     print the kernel version\n  -m, --machine            print the machine hardware name\n  -p, --processor          print the processor type (non-portable)\n  -i, --hardware-platform  print the hardware platform (non-portable)\n  -o, --operating-system   print the operating system\n      --help        display this help and exit\n      --version     output version information and exit\n\nGNU coreutils online help: <https://www.gnu.org/software/coreutils/>\nReport any translation bugs to <https://translationproject.org/team/>\nFull documentation <https://www.gnu.org/software/coreutils/uname>\nor available locally via: info '(coreutils) uname invocation'\n";

export const unameCommand = defineCommand({
  name: "uname",
  summary: "print system information",
  usage: "uname [OPTION]...",
  options: [
    { name: "all", short: "a", long: "all" },
    { name: "kernelName", short: "s", long: "kernel-name", aliases: ["sysname"] },
    { name: "nodename", short: "n", long: "nodename" },
    { name: "release", short: "r", long: "kernel-release", aliases: ["release"] },
    { name: "kversion", short: "v", long: "kernel-version" },
    { name: "machine", short: "m", long: "machine" },
    { name: "processor", short: "p", long: "processor" },
    { name: "platform", short: "i", long: "hardware-platform" },
    { name: "os", short: "o", long: "operating-system" },
  ],
  help: HELP,
  version: "uname (GNU coreutils) 9.1",
  run(ctx, o, operands) {
    if (operands.length) return { stdout: "", stderr: `uname: extra operand '${operands[0]}'\nTry 'uname --help' for more information.\n`, exitCode: 1 };
    const h = ctx.host;
    const all = !!o.all;
    const none = !Object.values(o).some(Boolean);
    const parts: string[] = [];
    if (all || none || o.kernelName) parts.push("Linux");
    if (all || o.nodename) parts.push(h.hostname);
    if (all || o.release) parts.push(h.kernelRelease);
    if (all || o.kversion) parts.push(h.kernelVersion);
    if (all || o.machine) parts.push("x86_64");
    if (!all && o.processor) parts.push("unknown");
    if (!all && o.platform) parts.push("unknown");
    if (all || o.os) parts.push("GNU/Linux");
    return { stdout: parts.join(" ") + "\n", evidence: all || o.release ? ["kernel:release"] : [] };
  },
});
