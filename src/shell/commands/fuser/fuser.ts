/**
 * fuser (psmisc 23.6): which processes use a file, a mount (-m) or a port (80/tcp): pids with
 * access letters (c cwd, r root, e executable, f/F open file) on stdout (no newline) and the names and access
 * letters on stderr, as psmisc splits them; -v table, -k kills (SIGKILL, or -SIGNAL) through ctx.act,
 * -s silent. Exit 1 when nothing uses the name.
 */
import { SIGNALS, type Proc } from "../../../engine/index.js";
import { defineCommand } from "../../spec/define-command.js";

const USAGE = `Usage: fuser [-fIMuvw] [-a|-s] [-4|-6] [-c|-m|-n SPACE]
             [-k [-i] [-SIGNAL]] NAME...
       fuser -l
       fuser -V
Show which processes use the named files, sockets, or filesystems.

  -a,--all              display unused files too
  -i,--interactive      ask before killing (ignored without -k)
  -I,--inode            use always inodes to compare files
  -k,--kill             kill processes accessing the named file
  -l,--list-signals     list available signal names
  -m,--mount            show all processes using the named filesystems or
                        block device
  -M,--ismountpoint     fulfill request only if NAME is a mount point
  -n,--namespace SPACE  search in this name space (file, udp, or tcp)
  -s,--silent           silent operation
  -SIGNAL               send this signal instead of SIGKILL
  -u,--user             display user IDs
  -v,--verbose          verbose output
  -w,--writeonly        kill only processes with write access
  -V,--version          display version information
  -4,--ipv4             search IPv4 sockets only
  -6,--ipv6             search IPv6 sockets only
  -                     reset options

  udp/tcp names: [local_port][,[rmt_host][,[rmt_port]]]

`;

export const fuserCommand = defineCommand({
  name: "fuser",
  summary: "Identify processes using files or sockets.",
  usage: "fuser [-fIMuvw] [-a|-s] [-c|-m|-n SPACE] [-k [-i] [-SIGNAL]] NAME...",
  help: USAGE,
  parse: "raw",
  options: [],
  run(ctx, _o, argv) {
    const host = ctx.host;
    let verbose = false;
    let mount = false;
    let kill = false;
    let silent = false;
    let sig = 9;
    let ns: string | undefined;
    const names: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === "-l") return { stdout: Object.keys(SIGNALS).join(" ") + "\n" };
      if (a === "-V" || a === "--version") return { stdout: "", stderr: "fuser (PSmisc) 23.6\n" };
      if (a === "-h" || a === "--help") return { stdout: "", stderr: USAGE, exitCode: 0 };
      if (a === "-n") {
        ns = argv[++i];
        continue;
      }
      const sm = /^-(SIG)?([A-Z]+|\d+)$/.exec(a);
      if (sm && (SIGNALS[sm[2]!] !== undefined || /^\d+$/.test(sm[2]!)) && a !== "-") {
        sig = /^\d+$/.test(sm[2]!) ? Number(sm[2]) : SIGNALS[sm[2]!]!;
        continue;
      }
      if (a.startsWith("-") && a.length > 1) {
        for (const ch of a.slice(1)) {
          if (ch === "v") verbose = true;
          else if (ch === "m" || ch === "c") mount = true;
          else if (ch === "k") kill = true;
          else if (ch === "s") silent = true;
          else if ("aiIMuw46".includes(ch)) continue;
          else return { stdout: "", stderr: `fuser: Invalid option ${ch}\n${USAGE}`, exitCode: 1 };
        }
        continue;
      }
      names.push(a);
    }
    if (!names.length) return { stdout: "", stderr: `No process specification given\n${USAGE}`, exitCode: 1 };
    let stdout = "";
    let stderr = "";
    let found = false;
    for (const name of names) {
      const port = /^(\d+)\/(tcp|udp)$/.exec(name) ?? (ns === "tcp" || ns === "udp" ? /^(\d+)()$/.exec(name) : null);
      const users: { p: Proc; access: string }[] = [];
      if (port) {
        const n = Number(port[1]);
        for (const s of host.net.sockets) if (s.localPort === n && s.pid !== undefined && host.procs.has(s.pid) && !users.some((u) => u.p.pid === s.pid)) users.push({ p: host.procs.get(s.pid)!, access: "F" });
      } else {
        const abs = ctx.resolve(name);
        if (!host.vfs.exists(abs)) {
          stderr += `${name}: No such file or directory\n`;
          continue;
        }
        const target = mount ? host.vfs.mountOf(abs) : abs;
        const under = (p: string | undefined): boolean => !!p && (mount ? host.vfs.mountOf(p) === target || p === target || p.startsWith(target === "/" ? "/" : target + "/") : p === abs);
        for (const p of [...host.procs.values()].sort((a, b) => a.pid - b.pid)) {
          if (p.state === "Z" || p.kthread) continue;
          let acc = "";
          if (under(p.cwd ?? "/") && (mount || p.cwd === abs)) acc += "c";
          if (mount && target === "/") acc += "r";
          if (p.fds.some((f) => !f.path.startsWith("socket:") && !f.path.startsWith("pipe:") && under(f.path))) acc += p.fds.some((f) => f.mode !== "r" && under(f.path)) ? "F" : "f";
          if (acc) users.push({ p, access: acc });
        }
      }
      const label = port ? `${port[1]}/${port[2] || ns}` : name;
      if (!users.length) continue;
      found = true;
      if (silent) {
        /* nothing printed */
      } else if (verbose) {
        stderr += `${"".padEnd(21)}USER        PID ACCESS COMMAND\n`;
        const head = `${label}:`;
        if (head.length > 20) stderr += head + "\n";
        users.forEach((u, i) => {
          const first = i === 0 && head.length <= 20 ? head.padEnd(21) : "".padEnd(21);
          stderr += `${first}${host.userName(u.p.uid).padEnd(9)} ${String(u.p.pid).padStart(5)} ${u.access.padEnd(5, ".")} ${u.p.comm}\n`;
        });
      } else {
        // psmisc: the name and access letters go to stderr, the bare pids to stdout (no newline)
        stderr += `${label}:`;
        for (const u of users) {
          stdout += String(u.p.pid).padStart(6);
          stderr += u.access.replace(/[fF]/g, "");
        }
        stderr += "\n";
      }
      if (kill) for (const u of users) ctx.act.signal(u.p.pid, sig);
    }
    return { stdout, stderr, exitCode: found ? 0 : 1 };
  },
});
