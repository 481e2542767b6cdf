/**
 * sudo (1.9.13p3): runs the rest of the line as root through ctx.exec({asRoot:true}) with
 * the arguments shell-quoted (so `sudo systemctl restart nginx` or `sudo cat /var/log/x`
 * behave), `sudo -i` / `sudo -s` / `sudo su [-]` / `sudo bash` switch the session to root
 * (ctx.shell.switchUser), -l lists the (ALL : ALL) ALL grant, -u root/-n/-E/-H accepted.
 * Users outside the sudo group get the real refusal. The simulated sudoers is NOPASSWD.
 *
 * Evidence keys: "sudo:CMD" (the first word run as root), "sudo:shell".
 */
import { defineCommand, type CommandContext, type CommandResult } from "../../spec/define-command.js";

const USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABknS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABknS] [-g group] [-h host] [-p prompt] [-U user] [-u user]
            [command [arg ...]]
usage: sudo [-ABbEHknPS] [-r role] [-t type] [-C num] [-D directory] [-g
            group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user]
            [VAR=value] [-i | -s] [command [arg ...]]
usage: sudo -e [-ABknS] [-r role] [-t type] [-C num] [-D directory] [-g
            group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user]
            file ...
`;

const HELP = `sudo - execute a command as another user

${USAGE}
Options:
  -A, --askpass                 use a helper program for password prompting
  -b, --background              run command in the background
  -B, --bell                    ring bell when prompting
  -C, --close-from=num          close all file descriptors >= num
  -D, --chdir=directory         change the working directory before running
                                command
  -E, --preserve-env            preserve user environment when running command
      --preserve-env=list       preserve specific environment variables
  -e, --edit                    edit files instead of running a command
  -g, --group=group             run command as the specified group name or ID
  -H, --set-home                set HOME variable to target user's home dir
  -h, --help                    display help message and exit
  -h, --host=host               run command on host (if supported by plugin)
  -i, --login                   run login shell as the target user; a command
                                may also be specified
  -K, --remove-timestamp        remove timestamp file completely
  -k, --reset-timestamp         invalidate timestamp file
  -l, --list                    list user's privileges or check a specific
                                command; use twice for longer format
  -n, --non-interactive         non-interactive mode, no prompts are used
  -P, --preserve-groups         preserve group vector instead of setting to
                                target's
  -p, --prompt=prompt           use the specified password prompt
  -R, --chroot=directory        change the root directory before running command
  -S, --stdin                   read password from standard input
  -s, --shell                   run shell as the target user; a command may
                                also be specified
  -t, --type=type               create SELinux security context with specified
                                type
  -T, --command-timeout=timeout terminate command after the specified time limit
  -U, --other-user=user         in list mode, display privileges for user
  -u, --user=user               run command (or edit file) as specified user
                                name or ID
  -V, --version                 display version information and exit
  -v, --validate                update user's timestamp without running a
                                command
  --                            stop processing command line arguments
`;

export function shellQuote(a: string): string {
  if (a === "") return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a)) return a;
  return `'${a.replace(/'/g, `'\\''`)}'`;
}

function mayUseSudo(ctx: CommandContext): boolean {
  if (ctx.cred.uid === 0) return true;
  const login = ctx.shell.loginUser;
  const user = ctx.host.userByName(login);
  return ctx.host.groups.some((g) => (g.name === "sudo" || g.name === "admin" || g.name === "wheel") && (g.members.includes(login) || (user && user.gid === g.gid)));
}

const ARG_OPTS = new Set(["u", "g", "h", "p", "C", "D", "R", "T", "U", "r", "t"]);

export const sudoCommand = defineCommand({
  name: "sudo",
  summary: "execute a command as another user",
  usage: "sudo [-u user] command [arg ...]",
  options: [],
  parse: "raw",
  help: HELP,
  async run(ctx, _o, _ops, argv): Promise<CommandResult> {
    let i = 0;
    let login = false;
    let shell = false;
    let list = false;
    let user = "root";
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === "--") {
        i++;
        break;
      }
      if (!a.startsWith("-") || a === "-") break;
      if (a.startsWith("--")) {
        const [name, val] = a.slice(2).split("=", 2) as [string, string | undefined];
        if (name === "help") return { stdout: HELP };
        if (name === "version") return { stdout: "Sudo version 1.9.13p3\nSudoers policy plugin version 1.9.13p3\nSudoers file grammar version 50\nSudoers I/O plugin version 1.9.13p3\nSudoers audit plugin version 1.9.13p3\n" };
        if (name === "login") login = true;
        else if (name === "shell") shell = true;
        else if (name === "list") list = true;
        else if (name === "user") user = val ?? argv[++i] ?? "root";
        else if (["non-interactive", "preserve-env", "set-home", "reset-timestamp", "remove-timestamp", "validate", "background", "stdin"].includes(name)) void 0;
        else if (["group", "host", "prompt", "chdir", "command-timeout", "other-user"].includes(name)) {
          if (val === undefined) i++;
        } else return { stdout: "", stderr: `sudo: unrecognized option '${a}'\n${USAGE}`, exitCode: 1 };
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const ch = a[j]!;
        if (ARG_OPTS.has(ch)) {
          const v = a.slice(j + 1) || argv[++i];
          if (v === undefined) return { stdout: "", stderr: `sudo: option requires an argument -- '${ch}'\n${USAGE}`, exitCode: 1 };
          if (ch === "u") user = v;
          break;
        }
        if (ch === "i") login = true;
        else if (ch === "s") shell = true;
        else if (ch === "l") list = true;
        else if (ch === "V") return { stdout: "Sudo version 1.9.13p3\n" };
        else if (ch === "h") return { stdout: HELP };
        else if ("nEHkKvbBPSA".includes(ch)) void 0;
        else return { stdout: "", stderr: `sudo: invalid option -- '${ch}'\n${USAGE}`, exitCode: 1 };
      }
    }
    const cmd = argv.slice(i);
    const who = ctx.shell.loginUser;
    if (!mayUseSudo(ctx)) {
      return { stdout: "", stderr: `[sudo] password for ${who}: \n${who} is not in the sudoers file.  This incident will be reported.\n`, exitCode: 1, evidence: ["sudo:denied"] };
    }
    if (user !== "root" && user !== "#0" && !ctx.host.userByName(user)) return { stdout: "", stderr: `sudo: unknown user ${user}\nsudo: error initializing audit plugin sudoers_audit\n`, exitCode: 1 };
    if (list) {
      const h = ctx.host.hostname;
      return { stdout: `Matching Defaults entries for ${who} on ${h}:\n    env_reset, mail_badpass,\n    secure_path=/usr/local/sbin\\:/usr/local/bin\\:/usr/sbin\\:/usr/bin\\:/sbin\\:/bin,\n    use_pty\n\nUser ${who} may run the following commands on ${h}:\n    (ALL : ALL) ALL\n` };
    }
    const shellWords = new Set(["bash", "sh", "-bash", "/bin/bash", "/bin/sh", "/usr/bin/bash"]);
    const suShell = cmd[0] === "su" && cmd.slice(1).every((w) => w === "-" || w === "-l" || w === "--login" || w === "root");
    if (((login || shell) && !cmd.length) || suShell || (cmd.length === 1 && shellWords.has(cmd[0]!)) || (cmd.length === 2 && shellWords.has(cmd[0]!) && cmd[1] === "-l")) {
      const target = suShell ? (cmd.slice(1).find((w) => !w.startsWith("-")) ?? "root") : user;
      if (!ctx.shell.switchUser(target === "#0" ? "root" : target)) return { stdout: "", stderr: `sudo: unable to switch to ${target}\n`, exitCode: 1 };
      return { stdout: "", evidence: ["sudo:shell"] };
    }
    if (!cmd.length) return { stdout: "", stderr: USAGE, exitCode: 1 };
    // VAR=value prefixes stay as assignments
    const line = cmd.map((w, k) => (k === 0 || !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) ? shellQuote(w) : w)).join(" ");
    const asRoot = user === "root" || user === "#0";
    const r = await ctx.exec(line, { asRoot, stdin: ctx.stdin });
    let stderr = r.stderr;
    let exitCode = r.exitCode;
    // compared as text, not as a regex built from the name (a name of 300 kB is too large a regex)
    const lines = stderr.split("\n");
    const nf = lines.findIndex((l) => l.replace(/^-?bash: (?:line \d+: )?/, "") === `${cmd[0]}: command not found` && /^-?bash: /.test(l));
    if (r.exitCode === 127 && nf >= 0) {
      lines[nf] = `sudo: ${cmd[0]}: command not found`;
      stderr = lines.join("\n");
      exitCode = 1;
    }
    return { stdout: r.stdout, stderr, exitCode, evidence: [`sudo:${cmd[0]}`] };
  },
});
