/**
 * The misc command group: each command in its own folder under commands/, listed here.
 * (`groups` lives in id/groups.ts: the folder name commands/groups/ holds these files.)
 *
 * Evidence keys revealed by this group: kernel:release (uname -a/-r), cpu:count (nproc),
 * user:groups (id, groups), sudo:CMD / sudo:shell / sudo:denied (sudo), timeout:fired,
 * watch:CMD, man:NAME. The text tools (sort, uniq, awk, xargs) reveal nothing themselves.
 */
import type { Command } from "../../spec/define-command.js";
import { hostnameCommand } from "../hostname/hostname.js";
import { unameCommand } from "../uname/uname.js";
import { nprocCommand } from "../nproc/nproc.js";
import { idCommand } from "../id/id.js";
import { groupsCommand } from "../id/groups.js";
import { whoamiCommand } from "../whoami/whoami.js";
import { dateCommand } from "../date/date.js";
import { sudoCommand } from "../sudo/sudo.js";
import { watchCommand } from "../watch/watch.js";
import { timeoutCommand } from "../timeout/timeout.js";
import { manCommand } from "../man/man.js";
import { helpCommand } from "../help/help.js";
import { historyCommand } from "../history/history.js";
import { envCommand } from "../env/env.js";
import { printenvCommand } from "../printenv/printenv.js";
import { clearCommand } from "../clear/clear.js";
import { sortCommand } from "../sort/sort.js";
import { uniqCommand } from "../uniq/uniq.js";
import { awkCommand } from "../awk/awk.js";
import { xargsCommand } from "../xargs/xargs.js";

export const MISC_COMMANDS: Command[] = [
  hostnameCommand, unameCommand, nprocCommand, idCommand, groupsCommand, whoamiCommand, dateCommand, sudoCommand, watchCommand, timeoutCommand,
  manCommand, helpCommand, historyCommand, envCommand, printenvCommand, clearCommand, sortCommand, uniqCommand, awkCommand, xargsCommand,
];
