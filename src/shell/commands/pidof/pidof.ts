/**
 * pidof (procps-ng 4.0.2): PIDs of running programs, newest first, on one line. A program
 * matches by process name or by argv[0]'s basename; -s prints one PID, -o omits PIDs
 * (%PPID = the calling shell), -x also matches scripts run by an interpreter, -q is quiet.
 */
import { defineCommand } from "../../spec/define-command.js";
import { snapshot } from "../ps/proc-view.js";

const HELP = `
Usage:
 pidof [options] [program [...]]

Options:
 -s, --single-shot         return one PID only
 -c, --check-root          omit processes with different root
 -q,                       quiet mode, only set the exit code
 -w, --with-workers        show kernel workers too
 -x                        also find shells running the named scripts
 -o, --omit-pid <PID,...>  omit processes with PID
 -t, --lightweight         list threads too
 -S, --separator SEP       use SEP as separator put between PIDs
 -h, --help                display this help and exit
 -V, --version             output version information and exit

For more details see pidof(1).
`;

export const pidofCommand = defineCommand({
  name: "pidof",
  summary: "find the process ID of a running program",
  usage: "pidof [options] [program [...]]",
  options: [
    { name: "single", short: "s", long: "single-shot" },
    { name: "check", short: "c", long: "check-root" },
    { name: "quiet", short: "q" },
    { name: "workers", short: "w", long: "with-workers" },
    { name: "scripts", short: "x" },
    { name: "omit", short: "o", long: "omit-pid", arg: "required", multiple: true },
    { name: "threads", short: "t", long: "lightweight" },
    { name: "sep", short: "S", long: "separator", arg: "required" },
    { name: "help", short: "h", long: "help" },
    { name: "version", short: "V", long: "version" },
  ],
  helpFlag: false,
  badOption: { kind: "custom", render: () => ({ stderr: "", exitCode: 1 }) },
  run(ctx, o, names) {
    if (o.help) return { stdout: HELP };
    if (o.version) return { stdout: "pidof from procps-ng 4.0.2\n" };
    const shellPid = ctx.host.procs.get(ctx.pid)?.ppid ?? ctx.host.logins[0]?.pid ?? 0;
    const omit = new Set<number>([ctx.pid]);
    for (const list of (o.omit as string[] | undefined) ?? []) {
      for (const x of list.split(",")) {
        if (x === "%PPID") omit.add(shellPid);
        else if (/^\d+$/.test(x)) omit.add(Number(x));
        else return { stdout: "", stderr: `pidof: illegal omit pid value (${x})!\n`, exitCode: 1 };
      }
    }
    const tasks = snapshot(ctx).filter((t) => !omit.has(t.pid) && t.state !== "Z" && (!t.kthread || o.workers));
    const found: number[] = [];
    for (const name of names) {
      const base = name.replace(/^.*\//, "");
      for (const t of [...tasks].reverse()) {
        const a0 = t.argv[0] ?? "";
        const byComm = t.comm === base.slice(0, 15) && (base.length <= 15 || a0.replace(/^.*\//, "") === base);
        const byArgv = a0 === name || a0.replace(/^.*\//, "") === base;
        const byScript = !!o.scripts && (t.argv[1] ?? "").replace(/^.*\//, "") === base && /^(\/usr\/bin\/)?(python3?|bash|sh|perl)$/.test(a0);
        const hit = byComm || byArgv || byScript;
        if (hit && !found.includes(t.pid)) found.push(t.pid);
      }
    }
    const shown = o.single ? found.slice(0, 1) : found;
    if (!shown.length) return { stdout: "", exitCode: 1 };
    if (o.quiet) return { stdout: "", exitCode: 0 };
    return { stdout: shown.join(typeof o.sep === "string" ? o.sep : " ") + "\n", evidence: ["proc-list"] };
  },
});
