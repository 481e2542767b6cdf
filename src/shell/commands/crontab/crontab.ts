/**
 * crontab (cron 3.0pl1, Debian): -l lists the user's crontab from host.crontabs ("no crontab
 * for sre" when none), -u USER (root only: "must be privileged to use -u"). Editing (-e, -r,
 * installing a file) is not modelled and says so in cron's style.
 */
import { defineCommand } from "../../spec/define-command.js";

const USAGE = `crontab: usage error: file name or - (for stdin) must be specified
Usage:
 crontab [options] file
 crontab [options]
 crontab -n [hostname]

Options:
 -u <user>  define user
 -e         edit user's crontab
 -l         list user's crontab
 -r         delete user's crontab
 -i         prompt before deleting
 -n <host>  set host in cluster to run users' crontabs
 -c         get host in cluster to run users' crontabs
 -s         selinux context
 -V         print version and exit
 -x <mask>  enable debugging

Default operation is replace, per 1003.2
`;

export const crontabCommand = defineCommand({
  name: "crontab",
  summary: "Maintain crontab files for individual users.",
  usage: "crontab [-u user] { -l | -e | -r | file }",
  help: USAGE,
  helpFlag: false,
  parse: "posix",
  badOption: { kind: "custom", render: (opt) => ({ stderr: `crontab: invalid option -- '${opt}'\n${USAGE}`, exitCode: 1 }) },
  options: [
    { name: "user", short: "u", arg: "required" },
    { name: "list", short: "l" },
    { name: "edit", short: "e" },
    { name: "remove", short: "r" },
    { name: "interactive", short: "i" },
    { name: "version", short: "V" },
  ],
  run(ctx, opts, operands) {
    if (opts.version) return { stdout: "", stderr: "crontab: invalid option -- 'V'\n" + USAGE, exitCode: 1 };
    let user = ctx.userName;
    if (typeof opts.user === "string") {
      if (ctx.cred.uid !== 0 && opts.user !== ctx.userName) return { stdout: "", stderr: "must be privileged to use -u\n", exitCode: 1 };
      if (!ctx.host.userByName(opts.user)) return { stdout: "", stderr: `crontab: user \`${opts.user}' unknown\n`, exitCode: 1 };
      user = opts.user;
    }
    const text = ctx.host.crontabs.get(user);
    if (opts.list) {
      if (text === undefined) return { stdout: "", stderr: `no crontab for ${user}\n`, exitCode: 1 };
      return { stdout: text.endsWith("\n") || !text ? text : text + "\n", evidence: [`crontab:${user}`] };
    }
    if (opts.remove) {
      if (text === undefined) return { stdout: "", stderr: `no crontab for ${user}\n`, exitCode: 1 };
      return { stdout: "", stderr: "crontab: removing crontabs is not supported in this simulation\n", exitCode: 1 };
    }
    if (opts.edit) return { stdout: "", stderr: `${text === undefined ? `no crontab for ${user} - using an empty one\n` : ""}crontab: no editor is available in this terminal (use crontab -l to read it)\n`, exitCode: 1 };
    if (!operands.length) return { stdout: "", stderr: USAGE, exitCode: 1 };
    return { stdout: "", stderr: "crontab: installing crontabs is not supported in this simulation\n", exitCode: 1 };
  },
});
