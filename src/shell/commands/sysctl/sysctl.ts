/**
 * sysctl (procps-ng 4.0.2): reads kernel parameters from host.sysctl ("key = value"), -n / -N,
 * -a (sorted), -r PATTERN, -e, -q, writes with -w KEY=VALUE or a bare KEY=VALUE through
 * ctx.act.sysctlSet (non-root: 'permission denied on key "vm.swappiness"'), -p [FILE] /
 * --system loading key = value lines. Unknown keys: "cannot stat /proc/sys/...".
 */
import { defineCommand, type CommandContext } from "../../spec/define-command.js";

const USAGE = `
Usage:
 sysctl [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -A                   alias of -a
  -X                   alias of -a
      --deprecated     include deprecated parameters to listing
      --dry-run        Print the key and values but do not write
  -b, --binary         print value without new line
  -e, --ignore         ignore unknown variables errors
  -N, --names          print variable names without values
  -n, --values         print only values of the given variable(s)
  -p, --load[=<file>]  read values from file
  -f                   alias of -p
      --system         read values from all system directories
  -r, --pattern <expression>
                       select setting that match expression
  -q, --quiet          do not echo variable set
  -w, --write          enable writing a value to variable
  -o                   does nothing
  -x                   does nothing
  -d                   alias of -h

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see sysctl(8).
`;

/** Keys every Debian 12 kernel has that the host model does not list (read-only here). */
const EXTRA_DEFAULTS: Record<string, string> = {
  "kernel.dmesg_restrict": "1",
  "kernel.kptr_restrict": "0",
  "kernel.printk": "4\t4\t1\t7",
  "kernel.sysrq": "438",
  "kernel.panic_on_oops": "0",
  "vm.overcommit_kbytes": "0",
  "vm.vfs_cache_pressure": "100",
  "vm.max_map_count": "65530",
  "fs.nr_open": "1048576",
  "net.core.netdev_max_backlog": "1000",
};

function lookup(ctx: CommandContext, key: string): string | undefined {
  return ctx.host.sysctl.get(key) ?? EXTRA_DEFAULTS[key];
}

function normKey(k: string): string {
  return k.replace(/^\/?proc\/sys\//, "").replace(/\//g, ".");
}

export const sysctlCommand = defineCommand({
  name: "sysctl",
  summary: "Configure kernel parameters at runtime.",
  usage: "sysctl [options] [variable[=value] ...]",
  help: USAGE,
  helpFlag: false,
  version: "sysctl from procps-ng 4.0.2",
  badOption: { kind: "custom", render: (opt, long) => ({ stderr: `${long ? `sysctl: unrecognized option '--${opt}'` : `sysctl: invalid option -- '${opt}'`}\n${USAGE}`, exitCode: 0 }) },
  options: [
    { name: "all", short: "a", long: "all" },
    { name: "A", short: "A" },
    { name: "X", short: "X" },
    { name: "deprecated", long: "deprecated" },
    { name: "dryRun", long: "dry-run" },
    { name: "binary", short: "b", long: "binary" },
    { name: "ignore", short: "e", long: "ignore" },
    { name: "names", short: "N", long: "names" },
    { name: "values", short: "n", long: "values" },
    { name: "load", short: "p", long: "load", arg: "optional" },
    { name: "f", short: "f", arg: "optional" },
    { name: "system", long: "system" },
    { name: "pattern", short: "r", long: "pattern", arg: "required" },
    { name: "quiet", short: "q", long: "quiet" },
    { name: "write", short: "w", long: "write" },
    { name: "o", short: "o" },
    { name: "x", short: "x" },
    { name: "help", short: "h", long: "help" },
    { name: "d", short: "d" },
    { name: "version", short: "V", long: "version" },
  ],
  async run(ctx, opts, operands) {
    if (opts.help || opts.d) return { stdout: USAGE };
    if (opts.version) return { stdout: "sysctl from procps-ng 4.0.2\n" };
    const host = ctx.host;
    let stdout = "";
    let stderr = "";
    let exitCode = 0;
    const evidence = new Set<string>();
    const show = (k: string, v: string): void => {
      evidence.add(`sysctl:${k}`);
      if (opts.names) stdout += `${k}\n`;
      else if (opts.values) stdout += opts.binary ? v : `${v}\n`;
      else stdout += `${k} = ${v}\n`;
    };
    const pattern = typeof opts.pattern === "string" ? new RegExp(opts.pattern) : undefined;
    const set = (k: string, v: string): void => {
      const key = normKey(k.trim());
      const val = v.trim();
      if (lookup(ctx, key) === undefined) {
        if (!opts.ignore) {
          stderr += `sysctl: cannot stat /proc/sys/${key.replace(/\./g, "/")}: No such file or directory\n`;
          exitCode = 1;
        }
        return;
      }
      if (opts.dryRun) {
        if (!opts.quiet) show(key, val);
        return;
      }
      const r = host.sysctl.has(key) ? ctx.act.sysctlSet(key, val) : ctx.cred.uid === 0 ? undefined : "EPERM";
      if (r === "EPERM") {
        stderr += `sysctl: permission denied on key "${key}"\n`;
        exitCode = 1;
        return;
      }
      if (r === "ENOENT") {
        stderr += `sysctl: cannot stat /proc/sys/${key.replace(/\./g, "/")}: No such file or directory\n`;
        exitCode = 1;
        return;
      }
      if (!opts.quiet) show(key, val);
    };
    const loadFile = async (file: string): Promise<boolean> => {
      const r = await ctx.exec(`cat '${file.replace(/'/g, "'\\''")}'`);
      if (r.exitCode !== 0) {
        stderr += `sysctl: cannot open "${file}": No such file or directory\n`;
        exitCode = 1;
        return false;
      }
      for (const raw of r.stdout.split("\n")) {
        const l = raw.trim();
        if (!l || l.startsWith("#") || l.startsWith(";")) continue;
        const eq = l.indexOf("=");
        if (eq < 0) continue;
        set(l.slice(0, eq).replace(/^-/, ""), l.slice(eq + 1));
      }
      return true;
    };
    if (opts.all || opts.A || opts.X) {
      const keys = [...new Set([...host.sysctl.keys(), ...Object.keys(EXTRA_DEFAULTS)])].sort();
      for (const k of keys) if (!pattern || pattern.test(k)) show(k, lookup(ctx, k)!);
      return { stdout, evidence: [...evidence] };
    }
    if (opts.system) {
      for (const f of ["/etc/sysctl.d/99-sysctl.conf", "/etc/sysctl.conf"]) {
        if (!host.vfs.exists(f)) continue;
        stdout += `* Applying ${f} ...\n`;
        await loadFile(f);
      }
      return { stdout, stderr, exitCode, evidence: [...evidence] };
    }
    const load = opts.load ?? opts.f;
    if (load !== undefined) {
      const files = typeof load === "string" ? [load] : operands.length ? operands : ["/etc/sysctl.conf"];
      for (const f of files) await loadFile(f);
      return { stdout, stderr, exitCode, evidence: [...evidence] };
    }
    if (!operands.length) {
      if (pattern) {
        for (const k of [...host.sysctl.keys()].sort()) if (pattern.test(k)) show(k, host.sysctl.get(k)!);
        return { stdout, evidence: [...evidence] };
      }
      return { stdout: "", stderr: "sysctl: no variables specified\nTry `sysctl --help' for more information.\n", exitCode: 1 };
    }
    for (const op of operands) {
      const eq = op.indexOf("=");
      if (eq >= 0) {
        set(op.slice(0, eq), op.slice(eq + 1));
        continue;
      }
      if (opts.write) {
        stderr += `sysctl: "${op}" must be of the form name=value\n`;
        exitCode = 1;
        continue;
      }
      const key = normKey(op);
      const v = lookup(ctx, key);
      if (v === undefined) {
        if (!opts.ignore) {
          stderr += `sysctl: cannot stat /proc/sys/${key.replace(/\./g, "/")}: No such file or directory\n`;
          exitCode = 1;
        }
        continue;
      }
      if (!pattern || pattern.test(key)) show(key, v);
    }
    return { stdout, stderr, exitCode, evidence: [...evidence] };
  },
});
