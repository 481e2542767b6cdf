/**
 * swapoff (util-linux 2.38.1): disable swap (-a every area in /proc/swaps, or the one named:
 * /swapfile). Through the engine (ctx.act.swapOff): every swapped-out page is read back into
 * RAM, and on a host that has no room for them the OOM killer runs until they fit, which is
 * why swapoff on a thrashing box is a destructive "fix". Messages and exit codes (4 failure,
 * 16 usage) as the real tool; -v prints "swapoff /swapfile".
 */
import { defineCommand } from "../../spec/define-command.js";

const HELP = `
Usage:
 swapoff [options] [<spec>]

Disable devices and files for paging and swapping.

Options:
 -a, --all              disable all swaps from /proc/swaps
 -v, --verbose          verbose mode

 -h, --help             display this help
 -V, --version          display version

The <spec> parameter:
 -L <label>             LABEL of device to be used
 -U <uuid>              UUID of device to be used
 LABEL=<label>          LABEL of device to be used
 UUID=<uuid>            UUID of device to be used
 <device>               name of device to be used
 <file>                 name of file to be used

For more details see swapoff(8).
`;

const SWAP_PATH = "/swapfile";
const USAGE_TAIL = "Try 'swapoff --help' for more information.\n";

export const swapoffCommand = defineCommand({
  name: "swapoff",
  summary: "disable devices and files for paging and swapping",
  usage: "swapoff [options] [<spec>]",
  options: [],
  parse: "raw",
  run(ctx, _o, _ops, argv) {
    let all = false;
    let verbose = false;
    const specs: string[] = [];
    for (const a of argv) {
      if (a === "-h" || a === "--help") return { stdout: HELP };
      if (a === "-V" || a === "--version") return { stdout: "swapoff from util-linux 2.38.1\n" };
      if (a === "--all") all = true;
      else if (a === "--verbose") verbose = true;
      else if (/^-[av]+$/.test(a)) {
        all ||= a.includes("a");
        verbose ||= a.includes("v");
      } else if (a.startsWith("--")) return { stdout: "", stderr: `swapoff: unrecognized option '${a}'\n${USAGE_TAIL}`, exitCode: 16 };
      else if (a.startsWith("-") && a.length > 1) return { stdout: "", stderr: `swapoff: invalid option -- '${[...a.slice(1)].find((c) => c !== "a" && c !== "v")}'\n${USAGE_TAIL}`, exitCode: 16 };
      else specs.push(a);
    }
    if (!all && !specs.length) return { stdout: "", stderr: `swapoff: bad usage\n${USAGE_TAIL}`, exitCode: 16 };
    let out = "";
    let err = "";
    let code = 0;
    const swapOn = (): boolean => ctx.host.mem.swapTotalKiB > 0;
    const off = (spec: string, quiet: boolean): void => {
      if (verbose) out += `swapoff ${spec}\n`;
      const path = ctx.resolve(spec);
      // the syscall checks CAP_SYS_ADMIN first; swapoff then exits at once
      if (ctx.cred.uid !== 0) {
        err += "swapoff: Not superuser.\n";
        code = 1;
        return;
      }
      if (path === SWAP_PATH && swapOn()) {
        ctx.act.swapOff(ctx.pid);
        return;
      }
      if (quiet) return;
      const exists = ctx.host.vfs.exists(path);
      err += `swapoff: ${spec}: swapoff failed: ${exists ? "Invalid argument" : "No such file or directory"}\n`;
      code = 4;
    };
    for (const s of specs) if (code !== 1) off(s, false);
    if (all && swapOn() && code !== 1) off(SWAP_PATH, true);
    return { stdout: out, stderr: err, exitCode: code };
  },
});
