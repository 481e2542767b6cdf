/**
 * The base Debian 12 server every host starts from: system users and groups, /usr/bin
 * entries, default sysctls, kernel threads, the usual daemons (systemd-journald, udevd,
 * cron, rsyslogd, sshd, ...) and the /etc and /var/log files an engineer expects to find.
 */
import type { Group, ProcState, User } from "./types.js";
import type { FileSpec, HostSpec, ProcSpec } from "./spec.js";
import type { Host } from "./host.js";
import { syslogStamp } from "../time/calendar.js";

export const BASE_USERS: User[] = [
  { name: "root", uid: 0, gid: 0, gecos: "root", home: "/root", shell: "/bin/bash" },
  { name: "daemon", uid: 1, gid: 1, gecos: "daemon", home: "/usr/sbin", shell: "/usr/sbin/nologin" },
  { name: "bin", uid: 2, gid: 2, gecos: "bin", home: "/bin", shell: "/usr/sbin/nologin" },
  { name: "sys", uid: 3, gid: 3, gecos: "sys", home: "/dev", shell: "/usr/sbin/nologin" },
  { name: "sync", uid: 4, gid: 65534, gecos: "sync", home: "/bin", shell: "/bin/sync" },
  { name: "man", uid: 6, gid: 12, gecos: "man", home: "/var/cache/man", shell: "/usr/sbin/nologin" },
  { name: "lp", uid: 7, gid: 7, gecos: "lp", home: "/var/spool/lpd", shell: "/usr/sbin/nologin" },
  { name: "mail", uid: 8, gid: 8, gecos: "mail", home: "/var/mail", shell: "/usr/sbin/nologin" },
  { name: "www-data", uid: 33, gid: 33, gecos: "www-data", home: "/var/www", shell: "/usr/sbin/nologin" },
  { name: "nobody", uid: 65534, gid: 65534, gecos: "nobody", home: "/nonexistent", shell: "/usr/sbin/nologin" },
  { name: "_apt", uid: 100, gid: 65534, gecos: "", home: "/nonexistent", shell: "/usr/sbin/nologin" },
  { name: "systemd-network", uid: 998, gid: 998, gecos: "systemd Network Management", home: "/", shell: "/usr/sbin/nologin" },
  { name: "messagebus", uid: 101, gid: 101, gecos: "", home: "/nonexistent", shell: "/usr/sbin/nologin" },
  { name: "systemd-timesync", uid: 997, gid: 997, gecos: "systemd Time Synchronization", home: "/", shell: "/usr/sbin/nologin" },
  { name: "sshd", uid: 102, gid: 65534, gecos: "", home: "/run/sshd", shell: "/usr/sbin/nologin" },
  { name: "postgres", uid: 103, gid: 104, gecos: "PostgreSQL administrator,,,", home: "/var/lib/postgresql", shell: "/bin/bash" },
  { name: "app", uid: 1001, gid: 1001, gecos: "app,,,", home: "/home/app", shell: "/bin/bash" },
];

export const BASE_GROUPS: Group[] = [
  { name: "root", gid: 0, members: [] },
  { name: "daemon", gid: 1, members: [] },
  { name: "bin", gid: 2, members: [] },
  { name: "sys", gid: 3, members: [] },
  { name: "adm", gid: 4, members: [] },
  { name: "tty", gid: 5, members: [] },
  { name: "disk", gid: 6, members: [] },
  { name: "lp", gid: 7, members: [] },
  { name: "mail", gid: 8, members: [] },
  { name: "man", gid: 12, members: [] },
  { name: "utmp", gid: 43, members: [] },
  { name: "shadow", gid: 42, members: [] },
  { name: "sudo", gid: 27, members: [] },
  { name: "www-data", gid: 33, members: [] },
  { name: "systemd-journal", gid: 999, members: [] },
  { name: "messagebus", gid: 101, members: [] },
  { name: "postgres", gid: 104, members: [] },
  { name: "app", gid: 1001, members: [] },
  { name: "nogroup", gid: 65534, members: [] },
];

/** Names under /usr/bin so `which` and `ls /usr/bin` look like a real server. */
export const BIN_NAMES = [
  "awk", "basename", "bash", "cat", "chmod", "chown", "cp", "curl", "cut", "date", "dd", "df", "diff", "dig", "dirname", "dmesg", "du", "echo", "env", "expr",
  "false", "file", "find", "findmnt", "free", "getent", "grep", "gzip", "head", "hostname", "id", "iostat", "ip", "journalctl", "kill", "killall", "last", "less",
  "ln", "ls", "lsblk", "lsof", "md5sum", "mkdir", "more", "mount", "mpstat", "mv", "nc", "netstat", "nproc", "nslookup", "pgrep", "pidstat", "ping", "pkill",
  "pmap", "printf", "ps", "pstree", "pwd", "readlink", "rm", "rmdir", "sar", "sed", "seq", "sha256sum", "sleep", "sort", "ss", "stat", "strace", "sudo", "sysctl",
  "systemctl", "tail", "tar", "tee", "test", "timeout", "top", "touch", "tr", "true", "truncate", "umount", "uname", "uniq", "uptime", "vi", "vim", "vmstat",
  "w", "watch", "wc", "whereis", "which", "whoami", "xargs", "yes", "zcat", "crontab", "iotop", "logger", "man", "nohup", "tree", "jq", "python3", "perl",
];

export const DEFAULT_SYSCTL: Record<string, string> = {
  "kernel.pid_max": "4194304",
  "kernel.threads-max": "191971",
  "kernel.hung_task_timeout_secs": "120",
  "kernel.panic": "0",
  "kernel.dmesg_restrict": "1",
  "kernel.ostype": "Linux",
  "kernel.osrelease": "6.1.0-18-amd64",
  "vm.swappiness": "60",
  "vm.overcommit_memory": "0",
  "vm.overcommit_ratio": "50",
  "vm.dirty_ratio": "20",
  "vm.dirty_background_ratio": "10",
  "vm.min_free_kbytes": "67584",
  "vm.panic_on_oom": "0",
  "fs.file-max": "9223372036854775807",
  "fs.inotify.max_user_watches": "65536",
  "net.core.somaxconn": "4096",
  "net.ipv4.ip_forward": "0",
  "net.ipv4.tcp_max_syn_backlog": "512",
  "net.ipv4.ip_local_port_range": "32768\t60999",
  "net.ipv4.tcp_fin_timeout": "60",
  "net.ipv4.tcp_tw_reuse": "2",
  "net.ipv4.tcp_syncookies": "1",
};

export interface KThread {
  name: string;
  state: ProcState;
  flags: string;
  wchan: string;
  nice?: number;
}

/** Kernel threads of a Debian 12 VM, per-CPU ones repeated for each CPU. */
export function KERNEL_THREADS(cpus: number): KThread[] {
  const t: KThread[] = [
    { name: "pool_workqueue_release", state: "S", flags: "", wchan: "kthread_worker_fn" },
    { name: "kworker/R-rcu_gp", state: "I", flags: "<", wchan: "rescuer_thread", nice: -20 },
    { name: "kworker/R-sync_wq", state: "I", flags: "<", wchan: "rescuer_thread", nice: -20 },
    { name: "kworker/R-slub_flushwq", state: "I", flags: "<", wchan: "rescuer_thread", nice: -20 },
    { name: "kworker/R-netns", state: "I", flags: "<", wchan: "rescuer_thread", nice: -20 },
    { name: "kworker/0:0H-events_highpri", state: "I", flags: "<", wchan: "worker_thread", nice: -20 },
    { name: "kworker/R-mm_percpu_wq", state: "I", flags: "<", wchan: "rescuer_thread", nice: -20 },
    { name: "rcu_tasks_kthread", state: "I", flags: "", wchan: "rcu_tasks_one_gp" },
    { name: "rcu_preempt", state: "I", flags: "", wchan: "rcu_gp_fqs_loop" },
  ];
  for (let c = 0; c < cpus; c++) {
    t.push({ name: `migration/${c}`, state: "S", flags: "", wchan: "smpboot_thread_fn" });
    t.push({ name: `cpuhp/${c}`, state: "S", flags: "", wchan: "smpboot_thread_fn" });
    t.push({ name: `ksoftirqd/${c}`, state: "S", flags: "", wchan: "smpboot_thread_fn" });
    t.push({ name: `kworker/${c}:1-events`, state: "I", flags: "", wchan: "worker_thread" });
  }
  t.push(
    { name: "kdevtmpfs", state: "S", flags: "", wchan: "devtmpfs_work_loop" },
    { name: "kauditd", state: "S", flags: "", wchan: "kauditd_thread" },
    { name: "khungtaskd", state: "S", flags: "", wchan: "watchdog" },
    { name: "oom_reaper", state: "S", flags: "", wchan: "oom_reaper" },
    { name: "kworker/R-writeback", state: "I", flags: "<", wchan: "rescuer_thread", nice: -20 },
    { name: "kcompactd0", state: "S", flags: "", wchan: "kcompactd" },
    { name: "ksmd", state: "S", flags: "N", wchan: "ksm_scan_thread", nice: 5 },
    { name: "khugepaged", state: "S", flags: "N", wchan: "khugepaged", nice: 19 },
    { name: "kworker/R-kblockd", state: "I", flags: "<", wchan: "rescuer_thread", nice: -20 },
    { name: "kswapd0", state: "S", flags: "", wchan: "kswapd" },
    { name: "jbd2/vda1-8", state: "S", flags: "", wchan: "kjournald2" },
    { name: "kworker/R-ext4-rsv-conversion", state: "I", flags: "<", wchan: "rescuer_thread", nice: -20 },
  );
  return t;
}

/** The daemons of a stock server. */
export function baseDaemons(spec: HostSpec): ProcSpec[] {
  const up = spec.uptimeMs / 1000;
  return [
    { comm: "systemd-journal", argv: ["/lib/systemd/systemd-journald"], rssKiB: 18000, vszKiB: 49300, shrKiB: 16800, startedAgoS: up - 2, oomScoreAdj: -250, statFlags: "s", wchan: "ep_poll", cgroup: "/system.slice/systemd-journald.service" },
    { comm: "systemd-udevd", argv: ["/lib/systemd/systemd-udevd"], rssKiB: 6800, vszKiB: 26000, shrKiB: 5200, startedAgoS: up - 2, oomScoreAdj: -1000, statFlags: "s", wchan: "ep_poll", cgroup: "/system.slice/systemd-udevd.service" },
    { comm: "systemd-timesyn", argv: ["/lib/systemd/systemd-timesyncd"], user: "systemd-timesync", rssKiB: 6800, vszKiB: 90100, shrKiB: 6000, startedAgoS: up - 3, threads: 2, statFlags: "sl", wchan: "ep_poll", cgroup: "/system.slice/systemd-timesyncd.service" },
    { comm: "cron", argv: ["/usr/sbin/cron", "-f"], rssKiB: 2700, vszKiB: 6600, shrKiB: 2500, startedAgoS: up - 4, statFlags: "s", wchan: "hrtimer_nanosleep", cgroup: "/system.slice/cron.service" },
    { comm: "dbus-daemon", argv: ["/usr/bin/dbus-daemon", "--system", "--address=systemd:", "--nofork", "--nopidfile", "--systemd-activation", "--syslog-only"], user: "messagebus", rssKiB: 4900, vszKiB: 9100, shrKiB: 4100, startedAgoS: up - 4, oomScoreAdj: -900, statFlags: "s", wchan: "ep_poll", cgroup: "/system.slice/dbus.service" },
    { comm: "rsyslogd", argv: ["/usr/sbin/rsyslogd", "-n", "-iNONE"], rssKiB: 5600, vszKiB: 221800, shrKiB: 4000, startedAgoS: up - 4, threads: 4, statFlags: "sl", wchan: "do_select", cgroup: "/system.slice/rsyslog.service", fds: [{ fd: 7, path: "/var/log/syslog", mode: "w" }, { fd: 8, path: "/var/log/kern.log", mode: "w" }, { fd: 9, path: "/var/log/auth.log", mode: "w" }] },
    { comm: "systemd-logind", argv: ["/lib/systemd/systemd-logind"], rssKiB: 7600, vszKiB: 17100, shrKiB: 6700, startedAgoS: up - 4, statFlags: "s", wchan: "ep_poll", cgroup: "/system.slice/systemd-logind.service" },
    { comm: "agetty", argv: ["/sbin/agetty", "-o", "-p -- \\u", "--noclear", "-", "linux"], rssKiB: 1900, vszKiB: 5900, shrKiB: 1800, startedAgoS: up - 5, tty: "tty1", statFlags: "s+", wchan: "do_select", cgroup: "/system.slice/system-getty.slice/getty@tty1.service" },
    { comm: "sshd", argv: ["sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"], rssKiB: 9400, vszKiB: 15400, shrKiB: 8200, startedAgoS: up - 5, oomScoreAdj: -1000, statFlags: "s", wchan: "do_select", cgroup: "/system.slice/ssh.service", listen: [{ port: 22, addr: "0.0.0.0", backlog: 128 }, { port: 22, addr: "[::]", backlog: 128 }] },
  ];
}

/** /etc and /var/log contents of the base system. */
export function BASE_FILES(spec: HostSpec, host: Host): FileSpec[] {
  const hn = spec.hostname;
  const ip = spec.net?.ip ?? "10.0.2.15";
  const ns = spec.net?.nameservers ?? ["10.0.2.3"];
  const login = spec.login.user;
  const os = host.os;
  const now = spec.bootEpochMs + spec.uptimeMs;
  const bootStamp = syslogStamp(spec.bootEpochMs);
  const users = host.users;
  const groups = host.groups;
  const passwd = users.map((u) => `${u.name}:x:${u.uid}:${u.gid}:${u.gecos}:${u.home}:${u.shell}`).join("\n") + "\n";
  const group = groups.map((g) => `${g.name}:x:${g.gid}:${g.members.join(",")}`).join("\n") + "\n";
  const resolv = `# Generated by NetworkManager\n${(spec.net?.search ?? []).length ? `search ${(spec.net?.search ?? []).join(" ")}\n` : ""}${ns.map((n) => `nameserver ${n}`).join("\n")}\n${(spec.net?.options ?? []).length ? `options ${(spec.net?.options ?? []).join(" ")}\n` : ""}`;
  const fstab =
    "# /etc/fstab: static file system information.\n#\n# <file system> <mount point>   <type>  <options>       <dump>  <pass>\n" +
    spec.mounts
      .filter((m) => !["proc", "sysfs", "tmpfs", "devtmpfs", "cgroup2", "devpts"].includes(m.fstype))
      .map((m) => `${m.source.startsWith("/dev/") ? m.source : m.source}\t${m.target}\t${m.fstype}\t${m.options ?? "defaults"}\t0\t${m.target === "/" ? 1 : m.fstype.startsWith("nfs") ? 0 : 2}`)
      .join("\n") +
    "\n";
  const syslog = [
    `${bootStamp} ${hn} kernel: [    0.000000] Linux version ${host.kernelRelease} (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) ${host.kernelVersion}`,
    `${bootStamp} ${hn} systemd[1]: Started systemd-journald.service - Journal Service.`,
    `${bootStamp} ${hn} systemd[1]: Reached target multi-user.target - Multi-User System.`,
    `${syslogStamp(now - 600000)} ${hn} CRON[${4000 + (spec.seed % 900)}]: (root) CMD (   cd / && run-parts --report /etc/cron.hourly)`,
    `${syslogStamp(now - 120000)} ${hn} systemd[1]: Starting apt-daily.service - Daily apt download activities...`,
    `${syslogStamp(now - 118000)} ${hn} systemd[1]: apt-daily.service: Deactivated successfully.`,
    `${syslogStamp(now - 60000)} ${hn} sshd[${2000 + (spec.seed % 900)}]: Accepted publickey for ${login} from ${spec.login.from} port 50514 ssh2: ED25519 SHA256:q3Vb6Xs0lJkF0yqv6tZ2pR1mWbH9dE6c5aYt4uK8nGs`,
  ].join("\n") + "\n";
  const auth = [
    `${syslogStamp(now - 3600000)} ${hn} sshd[1411]: Invalid user admin from 203.0.113.77 port 40112`,
    `${syslogStamp(now - 3599000)} ${hn} sshd[1411]: Connection closed by invalid user admin 203.0.113.77 port 40112 [preauth]`,
    `${syslogStamp(now - 60000)} ${hn} sshd[${2000 + (spec.seed % 900)}]: Accepted publickey for ${login} from ${spec.login.from} port 50514 ssh2: ED25519 SHA256:q3Vb6Xs0lJkF0yqv6tZ2pR1mWbH9dE6c5aYt4uK8nGs`,
    `${syslogStamp(now - 60000)} ${hn} sshd[${2000 + (spec.seed % 900)}]: pam_unix(sshd:session): session opened for user ${login}(uid=${host.userByName(login)?.uid ?? 0}) by (uid=0)`,
  ].join("\n") + "\n";
  return [
    { path: "/etc/os-release", content: `PRETTY_NAME="${os.prettyName}"\nNAME="${os.name}"\nVERSION_ID="${os.versionId}"\nVERSION="${os.version}"\nVERSION_CODENAME=${os.versionCodename}\nID=${os.id}\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n` },
    { path: "/etc/debian_version", content: "12.5\n" },
    { path: "/etc/hostname", content: `${hn}\n` },
    { path: "/etc/hosts", content: `127.0.0.1\tlocalhost\n${ip}\t${hn}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n` },
    { path: "/etc/resolv.conf", content: resolv },
    { path: "/etc/passwd", content: passwd },
    { path: "/etc/group", content: group },
    { path: "/etc/shadow", content: users.map((u) => `${u.name}:${u.uid === 0 || u.uid >= 1000 ? "!" : "*"}:19700:0:99999:7:::`).join("\n") + "\n", mode: 0o640, group: "shadow" },
    { path: "/etc/fstab", content: fstab },
    { path: "/etc/nsswitch.conf", content: "passwd:         files systemd\ngroup:          files systemd\nshadow:         files\n\nhosts:          files dns\nnetworks:       files\n\nprotocols:      db files\nservices:       db files\n" },
    { path: "/etc/logrotate.conf", content: "# see \"man logrotate\" for details\n\n# global options do not affect preceding include directives\n\n# rotate log files weekly\nweekly\n\n# keep 4 weeks worth of backlogs\nrotate 4\n\n# create new (empty) log files after rotating old ones\ncreate\n\n# packages drop log rotation information into this directory\ninclude /etc/logrotate.d\n" },
    { path: "/etc/logrotate.d/rsyslog", content: "/var/log/syslog\n/var/log/mail.log\n/var/log/kern.log\n/var/log/auth.log\n/var/log/user.log\n/var/log/cron.log\n{\n\trotate 4\n\tweekly\n\tmissingok\n\tnotifempty\n\tcompress\n\tdelaycompress\n\tsharedscripts\n\tpostrotate\n\t\t/usr/lib/rsyslog/rsyslog-rotate\n\tendscript\n}\n" },
    { path: "/etc/ssh/sshd_config", content: "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin prohibit-password\nKbdInteractiveAuthentication no\nUsePAM yes\nX11Forwarding yes\nPrintMotd no\nAcceptEnv LANG LC_*\nSubsystem\tsftp\t/usr/lib/openssh/sftp-server\n" },
    { path: "/etc/crontab", content: "# /etc/crontab: system-wide crontab\nSHELL=/bin/sh\nPATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin\n\n# Example of job definition:\n# .---------------- minute (0 - 59)\n# |  .------------- hour (0 - 23)\n# |  |  .---------- day of month (1 - 31)\n# |  |  |  .------- month (1 - 12) OR jan,feb,mar,apr ...\n# |  |  |  |  .---- day of week (0 - 6) (Sunday=0 or 7) OR sun,mon,tue,wed,thu,fri,sat\n# |  |  |  |  |\n# m h dom mon dow user\tcommand\n17 *\t* * *\troot\tcd / && run-parts --report /etc/cron.hourly\n25 6\t* * *\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }\n" },
    { path: "/etc/sysctl.conf", content: "#\n# /etc/sysctl.conf - Configuration file for setting system variables\n# See /etc/sysctl.d/ for additional system variables.\n# See sysctl.conf (5) for information.\n#\n\n#kernel.domainname = example.com\n" },
    { path: "/etc/security/limits.conf", content: "# /etc/security/limits.conf\n#\n#<domain>      <type>  <item>         <value>\n#\n\n#*               soft    core            0\n#root            hard    core            100000\n\n# End of file\n" },
    { path: "/etc/motd", content: "\nThe programs included with the Debian GNU/Linux system are free software;\nthe exact distribution terms for each program are described in the\nindividual files in /usr/share/doc/*/copyright.\n\nDebian GNU/Linux comes with ABSOLUTELY NO WARRANTY, to the extent\npermitted by applicable law.\n" },
    { path: "/var/log/syslog", content: syslog, mode: 0o640, owner: "root", group: "adm" },
    { path: "/var/log/kern.log", content: `${bootStamp} ${hn} kernel: [    0.000000] Linux version ${host.kernelRelease} (debian-kernel@lists.debian.org) ${host.kernelVersion}\n`, mode: 0o640, owner: "root", group: "adm" },
    { path: "/var/log/auth.log", content: auth, mode: 0o640, owner: "root", group: "adm" },
    { path: "/var/log/dpkg.log", content: "2026-07-25 10:02:11 startup archives unpack\n2026-07-25 10:02:12 upgrade libc6:amd64 2.36-9+deb12u4 2.36-9+deb12u7\n" },
    { path: "/var/log/apt/history.log", content: "\nStart-Date: 2026-07-25  10:02:10\nCommandline: apt-get -y upgrade\nUpgrade: libc6:amd64 (2.36-9+deb12u4, 2.36-9+deb12u7)\nEnd-Date: 2026-07-25  10:02:31\n" },
    { path: "/var/log/wtmp", content: "", mode: 0o664, group: "utmp" },
    { path: "/var/log/journal", dir: true, mode: 0o2755, group: "systemd-journal" },
    { path: "/root", dir: true, mode: 0o700 },
    { path: "/root/.bashrc", content: "# ~/.bashrc: executed by bash(1) for non-login shells.\nexport LS_OPTIONS='--color=auto'\nalias ls='ls $LS_OPTIONS'\n", mode: 0o644 },
    { path: "/root/.profile", content: "# ~/.profile: executed by Bourne-compatible login shells.\n\nif [ \"$BASH\" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\n\nmesg n 2> /dev/null || true\n" },
    { path: "/tmp", dir: true, mode: 0o1777 },
    { path: "/var/tmp", dir: true, mode: 0o1777 },
    { path: "/srv", dir: true },
    { path: "/opt", dir: true },
    { path: "/mnt", dir: true },
    { path: "/run", dir: true },
    { path: "/sys", dir: true },
    { path: "/boot", dir: true },
    { path: "/bin", symlink: "usr/bin" },
    { path: "/sbin", symlink: "usr/sbin" },
    { path: "/lib", symlink: "usr/lib" },
    { path: "/lib64", symlink: "usr/lib64" },
    { path: "/usr/sbin", dir: true },
    { path: "/usr/lib/systemd/system", dir: true },
    { path: "/usr/local/bin", dir: true },
    { path: "/home", dir: true },
    ...users.filter((u) => u.uid >= 1000 && u.uid < 65534).map((u) => ({ path: u.home, dir: true, mode: 0o750, owner: u.name })),
    ...users.filter((u) => u.uid >= 1000 && u.uid < 65534).map((u) => ({ path: `${u.home}/.bashrc`, content: "# ~/.bashrc: executed by bash(1) for non-login shells.\n[ -z \"$PS1\" ] && return\nHISTCONTROL=ignoreboth\nalias ll='ls -alF'\n", owner: u.name })),
  ];
}
