/**
 * The logs command group: kernel log, journal, services, open files and syscall tracing
 * (dmesg, journalctl, systemctl, service, lsof, strace, logger, crontab, last, sysctl, ulimit,
 * fuser), each in its own folder under commands/, listed here.
 *
 * Evidence keys these commands attach (what the displayed output revealed):
 * - "kmsg:oom-kill"      an OOM-killer report line (dmesg, journalctl -k / journalctl)
 * - "kmsg:hung-task"     a khungtaskd "blocked for more than N seconds" report
 * - "kmsg:nfs-timeout"   "nfs: server X not responding"
 * - "kmsg:io-error"      block-layer I/O errors ("I/O error, dev vdb ...")
 * - "journal:<unit>"     journal lines of a unit were shown (unit without ".service", e.g. journal:api)
 * - "journal:oom"        a journal line about the OOM killer (systemd's "killed by the OOM killer",
 *                        "Failed with result 'oom-kill'", or a kernel OOM line)
 * - "unit:<unit>:status" systemctl status of a unit was shown (e.g. unit:api:status)
 * - "unit:<unit>:failed" the unit was shown failed / auto-restarting after a failure
 * - "open-files:deleted" lsof showed a deleted-but-open file (lsof +L1, or "(deleted)" rows)
 * - "fd-count:<pid>"     lsof listed the open files of a process (-p PID)
 * - "listen:<port>"      lsof -i showed who listens on a port
 * - "strace:<pid>"       strace attached to a process and showed its syscalls
 * - "strace:<pid>:blocked" strace showed the process stuck inside one syscall (D state)
 * - "sysctl:<key>"       sysctl printed (or set) a kernel parameter
 */
import type { Command } from "../../spec/define-command.js";
import { dmesgCommand } from "../dmesg/dmesg.js";
import { journalctlCommand } from "../journalctl/journalctl.js";
import { systemctlCommand } from "../systemctl/systemctl.js";
import { serviceCommand } from "../service/service.js";
import { lsofCommand } from "../lsof/lsof.js";
import { straceCommand } from "../strace/strace.js";
import { sysctlCommand } from "../sysctl/sysctl.js";
import { ulimitCommand } from "../ulimit/ulimit.js";
import { crontabCommand } from "../crontab/crontab.js";
import { lastCommand } from "../last/last.js";
import { loggerCommand } from "../logger/logger.js";
import { fuserCommand } from "../fuser/fuser.js";

export const LOGS_COMMANDS: Command[] = [
  dmesgCommand, journalctlCommand, systemctlCommand, serviceCommand, lsofCommand, straceCommand,
  sysctlCommand, ulimitCommand, crontabCommand, lastCommand, loggerCommand, fuserCommand,
];
