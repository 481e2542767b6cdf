/**
 * help (bash 5.2 builtin): the builtin list header and a few common builtins' one-line
 * synopses; `help NAME` for them, otherwise bash's "no help topics match" error.
 */
import { defineCommand } from "../../spec/define-command.js";

const TOPICS: [string, string][] = [
  ["alias [-p] [name[=value] ... ]", "Define or display aliases."],
  ["cd [-L|[-P [-e]] [-@]] [dir]", "Change the shell working directory."],
  ["echo [-neE] [arg ...]", "Write arguments to the standard output."],
  ["exit [n]", "Exit the shell."],
  ["export [-fn] [name[=value] ...] or export -p", "Set export attribute for shell variables."],
  ["for NAME [in WORDS ... ] ; do COMMANDS; done", "Execute commands for each member in a list."],
  ["help [-dms] [pattern ...]", "Display information about builtin commands."],
  ["history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]", "Display or manipulate the history list."],
  ["if COMMANDS; then COMMANDS; [ elif COMMANDS; then COMMANDS; ]... [ else COMMANDS; ] fi", "Execute commands based on conditional."],
  ["kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]", "Send a signal to a job."],
  ["pwd [-LP]", "Print the name of the current working directory."],
  ["read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]", "Read a line from the standard input and split it into fields."],
  ["set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]", "Set or unset values of shell options and positional parameters."],
  ["source filename [arguments]", "Execute commands from a file in the current shell."],
  ["type [-afptP] name [name ...]", "Display information about command type."],
  ["ulimit [-SHabcdefiklmnpqrstuvxPT] [limit]", "Modify shell resource limits."],
  ["unset [-f] [-v] [-n] [name ...]", "Unset values and attributes of shell variables and functions."],
  ["while COMMANDS; do COMMANDS; done", "Execute commands as long as a test succeeds."],
];

const HEADER = `GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)
These shell commands are defined internally.  Type \`help' to see this list.
Type \`help name' to find out more about the function \`name'.
Use \`info bash' to find out more about the shell in general.
Use \`man -k' or \`info' to find out more about commands not in this list.

A star (*) next to a name means that the command is disabled.

`;

export const helpCommand = defineCommand({
  name: "help",
  summary: "display information about builtin commands",
  usage: "help [-dms] [pattern ...]",
  options: [],
  parse: "raw",
  help: HEADER,
  run(_ctx, _o, _ops, argv) {
    const pats = argv.filter((a) => !a.startsWith("-"));
    if (!pats.length || argv[0] === "--help") {
      const col = (s: string): string => (s.length > 36 ? s.slice(0, 35) + ">" : s.padEnd(36));
      let out = HEADER;
      for (let i = 0; i < TOPICS.length; i += 2) out += ` ${col(TOPICS[i]![0])}${TOPICS[i + 1] ? ` ${TOPICS[i + 1]![0].length > 36 ? TOPICS[i + 1]![0].slice(0, 35) + ">" : TOPICS[i + 1]![0]}` : ""}\n`;
      return { stdout: out };
    }
    let out = "";
    for (const p of pats) {
      const t = TOPICS.find(([s]) => s.split(/\s/)[0] === p);
      if (!t) return { stdout: out, stderr: `-bash: help: no help topics match \`${p}'.  Try \`help help' or \`man -k ${p}' or \`info ${p}'.\n`, exitCode: 1 };
      out += `${p}: ${t[0]}\n    ${t[1]}\n`;
    }
    return { stdout: out };
  },
});
