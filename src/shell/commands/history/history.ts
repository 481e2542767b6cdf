/**
 * history (bash 5.2 builtin): the session's command lines numbered like bash ("%5d  %s"),
 * `history N` for the last N. -c cannot clear the session's list (read-only accessor):
 * it is accepted silently.
 */
import { defineCommand } from "../../spec/define-command.js";

const HELP = `history: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]
    Display or manipulate the history list.
    
    Display the history list with line numbers, prefixing each modified
    entry with a \`*'.  An argument of N lists only the last N entries.
    
    Options:
      -c	clear the history list by deleting all of the entries
      -d offset	delete the history entry at position OFFSET. Negative
    		offsets count back from the end of the history list
    
      -a	append history lines from this session to the history file
      -n	read all history lines not already read from the history file
    		and append them to the history list
      -r	read the history file and append the contents to the history
    		list
      -w	write the current history to the history file
    
      -p	perform history expansion on each ARG and display the result
    		without storing it in the history list
      -s	append the ARGs to the history list as a single entry
    
    If FILENAME is given, it is used as the history file.  Otherwise,
    if HISTFILE has a value, that is used, else ~/.bash_history.
    
    If the HISTTIMEFORMAT variable is set and not null, its value is used
    as a format string for strftime(3) to print the time stamp associated
    with each displayed history entry.  No time stamps are printed otherwise.
    
    Exit Status:
    Returns success unless an invalid option is given or an error occurs.
`;

export const historyCommand = defineCommand({
  name: "history",
  summary: "display the command history list",
  usage: "history [-c] [-d offset] [n]",
  options: [],
  parse: "raw",
  help: HELP,
  run(ctx, _o, _ops, argv) {
    const h = ctx.shell.history();
    let n = h.length;
    for (const a of argv) {
      if (a === "--help") return { stdout: HELP };
      if (/^-[canrwps]+$/.test(a)) return { stdout: "" };
      if (a.startsWith("-d")) return { stdout: "" };
      if (a.startsWith("-")) return { stdout: "", stderr: `-bash: history: ${a.slice(0, 2)}: invalid option\nhistory: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n`, exitCode: 2 };
      if (!/^\d+$/.test(a)) return { stdout: "", stderr: `-bash: history: ${a}: numeric argument required\n`, exitCode: 1 };
      n = Math.min(h.length, Number(a));
    }
    let out = "";
    for (let i = h.length - n; i < h.length; i++) out += `${String(i + 1).padStart(5)}  ${h[i]!.replace(/\n/g, "\n")}\n`;
    return { stdout: out };
  },
});
