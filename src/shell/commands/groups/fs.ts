/**
 * The fs command group: GNU coreutils 9.1 / util-linux 2.38 filesystem tools that override
 * the interpreter library's built-ins (exact messages, block-based du, ARG_MAX), each in its
 * own folder under commands/, listed here.
 *
 * Evidence keys these commands report:
 *   fs:<mount>:usage      df showed the block usage of a mount
 *   fs:<mount>:inodes     df -i showed the inode usage of a mount
 *   mount:<target>:hung   df/du/find blocked on a hung (NFS) mount
 *   du:<path>             du measured a directory tree
 *   dir:<path>:count      ls/find listed a huge directory (>= 10000 entries)
 *   open-files:deleted    ls -l /proc/PID/fd or truncate touched a deleted-but-open file
 *   arg-list-too-long     a glob expanded beyond ARG_MAX (execve E2BIG)
 *   mounts                mount/findmnt/lsblk/umount showed the mount table
 *   log:<path>            tail showed a file's content
 *   file:<path>           cat showed a /proc file
 */
import type { Command } from "../../spec/define-command.js";
import { lsCommand } from "../ls/ls.js";
import { catCommand } from "../cat/cat.js";
import { headCommand } from "../head/head.js";
import { tailCommand } from "../tail/tail.js";
import { wcCommand } from "../wc/wc.js";
import { teeCommand } from "../tee/tee.js";
import { rmCommand } from "../rm/rm.js";
import { rmdirCommand } from "../rmdir/rmdir.js";
import { mkdirCommand } from "../mkdir/mkdir.js";
import { touchCommand } from "../touch/touch.js";
import { cpCommand } from "../cp/cp.js";
import { mvCommand } from "../mv/mv.js";
import { lnCommand } from "../ln/ln.js";
import { statCommand } from "../stat/stat.js";
import { truncateCommand } from "../truncate/truncate.js";
import { chmodCommand } from "../chmod/chmod.js";
import { chownCommand } from "../chown/chown.js";
import { dfCommand } from "../df/df.js";
import { duCommand } from "../du/du.js";
import { findCommand } from "../find/find.js";
import { lsblkCommand } from "../lsblk/lsblk.js";
import { mountCommand } from "../mount/mount.js";
import { umountCommand } from "../umount/umount.js";
import { findmntCommand } from "../findmnt/findmnt.js";

export const FS_COMMANDS: Command[] = [
  lsCommand, catCommand, headCommand, tailCommand, wcCommand, teeCommand, rmCommand, rmdirCommand, mkdirCommand, touchCommand, cpCommand, mvCommand, lnCommand,
  statCommand, truncateCommand, chmodCommand, chownCommand, dfCommand, duCommand, findCommand, lsblkCommand, mountCommand, umountCommand, findmntCommand,
];
