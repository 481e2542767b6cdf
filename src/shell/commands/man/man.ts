/**
 * man (man-db 2.11): short, real-looking pages (NAME, SYNOPSIS, DESCRIPTION, the options an
 * SRE reaches for) for the main diagnostic tools, formatted like `man X | cat` at 80 columns
 * (header "SS(8) ... SS(8)", footer with the source and date). Unknown pages: "No manual
 * entry for X" exit 16; no argument: "What manual page do you want?" exit 1.
 *
 * Evidence keys: "man:NAME".
 */
import { defineCommand } from "../../spec/define-command.js";

interface Page {
  sec: number;
  name: string;
  synopsis: string[];
  desc: string[];
  options?: [string, string][];
  source: string;
  date: string;
}

const P: Record<string, Page> = {
  ss: { sec: 8, name: "another utility to investigate sockets", synopsis: ["ss [options] [ FILTER ]"], desc: ["ss is used to dump socket statistics. It allows showing information similar to netstat. It can display more TCP and state information than other tools."], options: [["-n, --numeric", "Do not try to resolve service names."], ["-l, --listening", "Display only listening sockets (these are omitted by default)."], ["-a, --all", "Display both listening and non-listening (for TCP this means established connections) sockets."], ["-p, --processes", "Show process using socket."], ["-t, --tcp", "Display TCP sockets."], ["-u, --udp", "Display UDP sockets."], ["-s, --summary", "Print summary statistics."], ["-o, --options", "Show timer information."]], source: "iproute2", date: "" },
  netstat: { sec: 8, name: "Print network connections, routing tables, interface statistics, masquerade connections, and multicast memberships", synopsis: ["netstat [address_family_options] [--tcp|-t] [--udp|-u] [--listening|-l] [--all|-a] [--numeric|-n] [--program|-p]", "netstat {--route|-r} [address_family_options] [--numeric|-n]", "netstat {--interfaces|-i} [--all|-a]", "netstat {--statistics|-s} [--tcp|-t] [--udp|-u]"], desc: ["Netstat prints information about the Linux networking subsystem. NOTE: This program is obsolete. Replacement for netstat is ss. Replacement for netstat -r is ip route. Replacement for netstat -i is ip -s link."], source: "net-tools", date: "2014-10-07" },
  ip: { sec: 8, name: "show / manipulate routing, network devices, interfaces and tunnels", synopsis: ["ip [ OPTIONS ] OBJECT { COMMAND | help }", "OBJECT := { link | address | route | neigh | rule | ... }"], desc: ["ip address - protocol (IP or IPv6) address on a device.", "ip link - network device.", "ip route - routing table entry.", "ip neigh - manage ARP or NDISC cache entries."], options: [["-s, -stats", "Output more information. If the option appears twice or more, the amount of information increases."], ["-br, -brief", "Print only basic information in a tabular format."], ["-4, -6", "Shortcuts for -family inet and -family inet6."]], source: "iproute2", date: "20 Dec 2011" },
  ping: { sec: 8, name: "send ICMP ECHO_REQUEST to network hosts", synopsis: ["ping [-c count] [-i interval] [-W timeout] [-w deadline] [-q] [-n] destination"], desc: ["ping uses the ICMP protocol's mandatory ECHO_REQUEST datagram to elicit an ICMP ECHO_RESPONSE from a host or gateway."], options: [["-c count", "Stop after sending count ECHO_REQUEST packets."], ["-i interval", "Wait interval seconds between sending each packet."], ["-W timeout", "Time to wait for a response, in seconds."], ["-q", "Quiet output."]], source: "iputils 20221126", date: "" },
  curl: { sec: 1, name: "transfer a URL", synopsis: ["curl [options / URLs]"], desc: ["curl is a tool for transferring data from or to a server using URLs."], options: [["-s, --silent", "Silent or quiet mode."], ["-S, --show-error", "When used with -s, make curl show an error message if it fails."], ["-I, --head", "Fetch the headers only."], ["-m, --max-time <seconds>", "Maximum time in seconds that you allow each transfer to take."], ["-w, --write-out <format>", "Make curl display information on stdout after a completed transfer, e.g. %{http_code}."]], source: "curl 7.88.1", date: "February 20 2023" },
  dig: { sec: 1, name: "DNS lookup utility", synopsis: ["dig [@server] [-x addr] [name] [type] [queryopt...]"], desc: ["dig is a flexible tool for interrogating DNS name servers. Unless it is told to query a specific name server, dig tries each of the servers listed in /etc/resolv.conf."], options: [["+short", "Provide a terse answer."], ["+time=T", "Sets the timeout for a query to T seconds. The default timeout is 5 seconds."], ["+tries=T", "Sets the number of times to try UDP queries to server to T instead of the default, 3."]], source: "BIND 9", date: "2009-2024" },
  top: { sec: 1, name: "display Linux processes", synopsis: ["top -hv|-bcEeHiOSs1 -d secs -n max -u|U user -p pids -o field -w [cols]"], desc: ["The top program provides a dynamic real-time view of a running system. It can display system summary information as well as a list of processes or threads currently being managed by the Linux kernel."], source: "procps-ng", date: "December 2022" },
  ps: { sec: 1, name: "report a snapshot of the current processes.", synopsis: ["ps [options]"], desc: ["ps displays information about a selection of the active processes. If you want a repetitive update of the selection and the displayed information, use top instead."], source: "procps-ng", date: "2022-12-10" },
  free: { sec: 1, name: "Display amount of free and used memory in the system", synopsis: ["free [options]"], desc: ["free displays the total amount of free and used physical and swap memory in the system, as well as the buffers and caches used by the kernel."], source: "procps-ng", date: "2022-12-10" },
  df: { sec: 1, name: "report file system space usage", synopsis: ["df [OPTION]... [FILE]..."], desc: ["This manual page documents the GNU version of df. df displays the amount of space available on the file system containing each file name argument."], options: [["-h, --human-readable", "print sizes in powers of 1024 (e.g., 1023M)"], ["-i, --inodes", "list inode information instead of block usage"], ["-T, --print-type", "print file system type"]], source: "GNU coreutils 9.1", date: "September 2022" },
  du: { sec: 1, name: "estimate file space usage", synopsis: ["du [OPTION]... [FILE]..."], desc: ["Summarize device usage of the set of FILEs, recursively for directories."], source: "GNU coreutils 9.1", date: "September 2022" },
  vmstat: { sec: 8, name: "Report virtual memory statistics", synopsis: ["vmstat [options] [delay [count]]"], desc: ["vmstat reports information about processes, memory, paging, block IO, traps, disks and cpu activity."], source: "procps-ng", date: "2022-08-19" },
  iostat: { sec: 1, name: "Report Central Processing Unit (CPU) statistics and input/output statistics for devices and partitions.", synopsis: ["iostat [ -c ] [ -d ] [ -h ] [ -k | -m ] [ -N ] [ -s ] [ -t ] [ -V ] [ -x ] [ -y ] [ -z ] [ interval [ count ] ]"], desc: ["The iostat command is used for monitoring system input/output device loading by observing the time the devices are active in relation to their average transfer rates."], source: "Linux", date: "JULY 2022" },
  journalctl: { sec: 1, name: "Print log entries from the systemd journal", synopsis: ["journalctl [OPTIONS...] [MATCHES...]"], desc: ["journalctl is used to print the log entries stored in the journal by systemd-journald.service(8) and systemd-journal-remote.service(8)."], options: [["-u, --unit=UNIT|PATTERN", "Show messages for the specified systemd unit UNIT."], ["-f, --follow", "Show only the most recent journal entries, and continuously print new entries as they are appended to the journal."], ["-n, --lines=", "Show the most recent journal events and limit the number of events shown."], ["-p, --priority=", "Filter output by message priorities or priority ranges."]], source: "systemd 252", date: "" },
  systemctl: { sec: 1, name: "Control the systemd system and service manager", synopsis: ["systemctl [OPTIONS...] COMMAND [UNIT...]"], desc: ["systemctl may be used to introspect and control the state of the \"systemd\" system and service manager."], source: "systemd 252", date: "" },
  kill: { sec: 1, name: "send a signal to a process", synopsis: ["kill [options] <pid> [...]"], desc: ["The default signal for kill is TERM. Use -l or -L to list available signals."], source: "procps-ng", date: "2020-04-24" },
  lsof: { sec: 8, name: "list open files", synopsis: ["lsof [ -?abChlnNOPRtUvVX ] [ -A A ] [ -c c ] [ +c c ] [ +|-d d ] [ +|-D D ] [ -i [i] ] [ +|-L [l] ] [ -p s ] [ +|-r [t[m<fmt>]] ] [ -u s ] [ names ]"], desc: ["Lsof revision 4.95.0 lists on its standard output file information about files opened by processes."], source: "Revision-4.95.0", date: "" },
  strace: { sec: 1, name: "trace system calls and signals", synopsis: ["strace [-ACdffhikqqrtttTvVwxxyyzZ] [-e expr]... [-o file] [-p pid]... [command [args]]"], desc: ["In the simplest case strace runs the specified command until it exits. It intercepts and records the system calls which are called by a process and the signals which are received by a process."], source: "strace 6.1", date: "2022-10-16" },
  uptime: { sec: 1, name: "Tell how long the system has been running.", synopsis: ["uptime [options]"], desc: ["uptime gives a one line display of the following information. The current time, how long the system has been running, how many users are currently logged on, and the system load averages for the past 1, 5, and 15 minutes."], source: "procps-ng", date: "2022-08-19" },
  dmesg: { sec: 1, name: "print or control the kernel ring buffer", synopsis: ["dmesg [options]"], desc: ["dmesg is used to examine or control the kernel ring buffer."], options: [["-T, --ctime", "Print human-readable timestamps."], ["-w, --follow", "Wait for new messages."]], source: "util-linux 2.38.1", date: "2022-08-04" },
  sudo: { sec: 8, name: "execute a command as another user", synopsis: ["sudo [-u user] command [arg ...]", "sudo -i | -s"], desc: ["sudo allows a permitted user to execute a command as the superuser or another user, as specified by the security policy."], source: "Sudo 1.9.13p3", date: "January 16, 2023" },
  watch: { sec: 1, name: "execute a program periodically, showing output fullscreen", synopsis: ["watch [options] command"], desc: ["watch runs command repeatedly, displaying its output and errors (the first screenfull). This allows you to watch the program output change over time. By default, command is run every 2 seconds and watch will run until interrupted."], source: "procps-ng", date: "2022-10-30" },
  man: { sec: 1, name: "an interface to the system reference manuals", synopsis: ["man [man options] [[section] page ...] ..."], desc: ["man is the system's manual pager. Each page argument given to man is normally the name of a program, utility or function."], source: "2.11.2", date: "2022-12-23" },
};

function wrap(text: string, indent: number, width = 80): string[] {
  const out: string[] = [];
  let line = "";
  for (const w of text.split(/\s+/)) {
    if (line && indent + line.length + 1 + w.length > width - 1) {
      out.push(" ".repeat(indent) + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(" ".repeat(indent) + line);
  return out;
}

export function renderPage(name: string, p: Page): string {
  const id = `${name.toUpperCase()}(${p.sec})`;
  const title = p.sec === 8 ? "System Manager's Manual" : "User Commands";
  const gap = 80 - id.length * 2 - title.length;
  const head = id + " ".repeat(Math.floor(gap / 2)) + title + " ".repeat(Math.ceil(gap / 2)) + id;
  const lines: string[] = [head, "", "NAME", ...wrap(`${name} - ${p.name}`, 7), "", "SYNOPSIS", ...p.synopsis.flatMap((s) => wrap(s, 7)), "", "DESCRIPTION", ...p.desc.flatMap((d, i) => [...(i ? [""] : []), ...wrap(d, 7)])];
  if (p.options?.length) {
    lines.push("", "OPTIONS");
    for (const [o, d] of p.options) lines.push(`       ${o}`, ...wrap(d, 14), "");
    lines.pop();
  }
  const fgap = 80 - p.source.length - p.date.length - id.length;
  lines.push("", p.source + " ".repeat(Math.max(1, Math.floor(fgap / 2))) + p.date + " ".repeat(Math.max(1, Math.ceil(fgap / 2))) + id);
  return lines.join("\n") + "\n";
}

export const manCommand = defineCommand({
  name: "man",
  summary: "an interface to the system reference manuals",
  usage: "man [man options] [[section] page ...] ...",
  options: [
    { name: "keyword", short: "k", long: "apropos", arg: "required" },
    { name: "whatis", short: "f", long: "whatis" },
    { name: "path", short: "w", long: "where" },
  ],
  help: "Usage: man [OPTION...] [SECTION] PAGE...\n\n  -f, --whatis               equivalent to whatis\n  -k, --apropos              equivalent to apropos\n  -w, --where, --path, --location\n                             print physical location of man page(s)\n",
  run(_ctx, o, operands) {
    if (typeof o.keyword === "string") {
      const k = o.keyword.toLowerCase();
      const hits = Object.entries(P).filter(([n, p]) => n.includes(k) || p.name.toLowerCase().includes(k));
      if (!hits.length) return { stdout: "", stderr: `${o.keyword}: nothing appropriate.\n`, exitCode: 16 };
      return { stdout: hits.map(([n, p]) => `${`${n} (${p.sec})`.padEnd(21)}- ${p.name}\n`).join("") };
    }
    const pages = operands.filter((x) => !/^\d[a-z]?$/.test(x));
    if (!pages.length) return { stdout: "", stderr: "What manual page do you want?\nFor example, try 'man man'.\n", exitCode: 1 };
    let out = "";
    let err = "";
    const evidence: string[] = [];
    for (const n of pages) {
      const p = P[n];
      if (!p) {
        err += `No manual entry for ${n}\n`;
        continue;
      }
      evidence.push(`man:${n}`);
      if (o.whatis) out += `${`${n} (${p.sec})`.padEnd(21)}- ${p.name}\n`;
      else if (o.path) out += `/usr/share/man/man${p.sec}/${n}.${p.sec}.gz\n`;
      else out += renderPage(n, p);
    }
    return { stdout: out, stderr: err, exitCode: err ? 16 : 0, evidence };
  },
});
