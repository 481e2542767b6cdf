/**
 * pstree (psmisc 23.6): the process tree from init (or a PID / user's processes), children
 * sorted by name (-n: by PID), identical sibling subtrees merged as N*[name] (not with -p or
 * -a), threads as {name}, -p PIDs, -a command lines (one process per line), -u uid
 * transitions, -l no truncation. ASCII connectors into a pipe; UTF-8 line drawing on a
 * terminal (C.UTF-8 locale), where lines are also cut at its width with a '+'.
 */
import { defineCommand } from "../../spec/define-command.js";
import { snapshot, threadIds, type Task } from "../ps/proc-view.js";

interface Node {
  name: string;
  pid: number;
  uid: number;
  args: string;
  thread: boolean;
  children: Node[];
}

const ASCII = { empty: "  ", branch: "|-", vert: "| ", last: "`-", single: "---", first: "-+-" };
const UTF = { empty: "  ", branch: "├─", vert: "│ ", last: "└─", single: "───", first: "─┬─" };

const HELP = `Usage: pstree [-acglpsStTuZ] [ -h | -H PID ] [ -n | -N type ]
              [ -A | -G | -U ] [ PID | USER ]
   or: pstree -V

Display a tree of processes.

  -a, --arguments     show command line arguments
  -A, --ascii         use ASCII line drawing characters
  -c, --compact-not   don't compact identical subtrees
  -C, --color=TYPE    color process by attribute
                      (age)
  -g, --show-pgids    show process group ids; implies -c
  -G, --vt100         use VT100 line drawing characters
  -h, --highlight-all highlight current process and its ancestors
  -H PID, --highlight-pid=PID
                      highlight this process and its ancestors
  -l, --long          don't truncate long lines
  -n, --numeric-sort  sort output by PID
  -N TYPE, --ns-sort=TYPE
                      sort output by this namespace type
                              (cgroup, ipc, mnt, net, pid, time, user, uts)
  -p, --show-pids     show PIDs; implies -c
  -s, --show-parents  show parents of the selected process
  -S, --ns-changes    show namespace transitions
  -t, --thread-names  show full thread names
  -T, --hide-threads  hide threads, show only processes
  -u, --uid-changes   show uid transitions
  -U, --unicode       use UTF-8 (Unicode) line drawing characters
  -V, --version       display version information
  -Z, --security-context
                      show security attributes

  PID    start at this PID; default is 1 (init)
  USER   show only trees rooted at processes of this user

`;

function sameTree(a: Node, b: Node): boolean {
  if (a.name !== b.name || a.children.length !== b.children.length) return false;
  return a.children.every((c, i) => sameTree(c, b.children[i]!));
}

export const pstreeCommand = defineCommand({
  name: "pstree",
  summary: "display a tree of processes",
  usage: "pstree [-acglpsStTuZ] [ -h | -H PID ] [ -n | -N type ] [ -A | -G | -U ] [ PID | USER ]",
  options: [
    { name: "args", short: "a", long: "arguments" },
    { name: "ascii", short: "A", long: "ascii" },
    { name: "compact", short: "c", long: "compact-not" },
    { name: "pgids", short: "g", long: "show-pgids" },
    { name: "vt100", short: "G", long: "vt100" },
    { name: "hl", short: "h", long: "highlight-all" },
    { name: "long", short: "l", long: "long" },
    { name: "numeric", short: "n", long: "numeric-sort" },
    { name: "pids", short: "p", long: "show-pids" },
    { name: "parents", short: "s", long: "show-parents" },
    { name: "tnames", short: "t", long: "thread-names" },
    { name: "hideThreads", short: "T", long: "hide-threads" },
    { name: "uid", short: "u", long: "uid-changes" },
    { name: "unicode", short: "U", long: "unicode" },
    { name: "version", short: "V", long: "version" },
  ],
  helpFlag: false,
  badOption: { kind: "usage", usage: HELP, exitCode: 1 }, // psmisc: the getopt message, then the usage
  completeOperands: "pid",
  run(ctx, o, ops) {
    if (o.version) return { stdout: "", stderr: "pstree (PSmisc) 23.6\nCopyright (C) 1993-2019 Werner Almesberger and Craig Small\n\nPSmisc comes with ABSOLUTELY NO WARRANTY.\nThis is free software, and you are welcome to redistribute it under\nthe terms of the GNU General Public License.\nFor more information about these matters, see the files named COPYING.\n" };
    if (ops.length > 1) return { stdout: "", stderr: HELP, exitCode: 1 };
    const host = ctx.host;
    const tasks = snapshot(ctx, { comm: "pstree", argv: ["pstree"], rssKiB: 3300, vszKiB: 6900, shrKiB: 2900 });
    const sym = o.ascii || (!o.unicode && !ctx.isTty) ? ASCII : UTF;
    const showPids = !!o.pids || !!o.pgids;
    const compact = !o.compact && !showPids && !o.args;
    const nodes = new Map<number, Node>();
    for (const t of tasks) nodes.set(t.pid, { name: t.comm, pid: t.pid, uid: t.uid, args: t.argv.slice(1).join(" "), thread: false, children: [] });
    const cmp = (a: Node, b: Node): number => (o.numeric ? a.pid - b.pid : a.name < b.name ? -1 : a.name > b.name ? 1 : a.pid - b.pid);
    const byPid = new Map(tasks.map((t) => [t.pid, t] as [number, Task]));
    for (const t of tasks) {
      const n = nodes.get(t.pid)!;
      if (t.nlwp > 1 && !o.hideThreads) {
        for (const tid of threadIds(host, t).slice(1)) n.children.push({ name: `{${t.comm}}`, pid: tid, uid: t.uid, args: "", thread: true, children: [] });
      }
      const parent = nodes.get(t.ppid);
      if (parent && t.ppid !== t.pid) parent.children.push(n);
    }
    for (const n of nodes.values()) n.children.sort(cmp);
    // roots
    let roots: Node[];
    const arg = ops[0];
    if (arg === undefined) roots = nodes.has(1) ? [nodes.get(1)!] : [];
    else if (/^\d+$/.test(arg)) {
      const n = nodes.get(Number(arg));
      if (!n) return { stdout: "", exitCode: 1 };
      roots = [n];
      if (o.parents) {
        // -s: the chain of ancestors down to the process, each with only that one child
        let top = n;
        let pid = Number(arg);
        for (let guard = 0; guard < 4096; guard++) {
          const ppid = byPid.get(pid)?.ppid;
          const up = ppid !== undefined && ppid !== pid ? nodes.get(ppid) : undefined;
          if (!up) break;
          top = { ...up, children: [top] };
          pid = up.pid;
        }
        roots = [top];
      }
    } else {
      const u = host.userByName(arg);
      if (!u) return { stdout: "", stderr: `No such user name: ${arg}\n`, exitCode: 1 };
      // topmost processes of that user
      roots = tasks.filter((t) => t.uid === u.uid && byPid.get(t.ppid)?.uid !== u.uid).map((t) => nodes.get(t.pid)!);
      if (!roots.length) return { stdout: "", stderr: "No processes found.\n", exitCode: 1 };
    }
    const width = o.long ? Infinity : ctx.isTty ? ctx.cols : 132;
    const lines: string[] = [];
    let cur = "";
    const widths: number[] = [];
    const more: boolean[] = [];
    const label = (n: Node, parentUid: number): string => {
      let s = n.name;
      if (showPids) s += o.args ? `,${n.pid}` : `(${n.pid})`;
      if (o.uid && n.uid !== parentUid && !n.thread) s += `(${host.userName(n.uid)})`;
      if (o.args && !n.thread && n.args) s += ` ${n.args}`;
      return s;
    };
    const newline = (): void => {
      lines.push(cur);
      cur = "";
    };
    const dump = (n: Node, level: number, rep: number, leaf: boolean, last: boolean, parentUid: number, closing: number): void => {
      if (!leaf) {
        for (let lvl = 0; lvl < level; lvl++) {
          cur += " ".repeat(widths[lvl]! + 1);
          cur += lvl === level - 1 ? (last ? sym.last : sym.branch) : more[lvl + 1] ? sym.vert : sym.empty;
        }
      }
      let add = 0;
      const start = cur.length;
      if (rep >= 2) {
        cur += `${rep}*[`;
        add = String(rep).length + 2;
      }
      cur += label(n, parentUid);
      widths[level] = o.args ? 1 : cur.length - start;
      void add;
      if (!n.children.length) {
        cur += "]".repeat(closing);
        newline();
        return;
      }
      more[level] = !last;
      // group identical siblings
      const groups: { node: Node; count: number }[] = [];
      for (const c of n.children) {
        const prev = groups[groups.length - 1];
        if (compact && prev && sameTree(prev.node, c)) prev.count++;
        else groups.push({ node: c, count: 1 });
      }
      if (o.args) {
        newline();
        groups.forEach((g, i) => {
          const isLast = i === groups.length - 1;
          more[level + 1] = !isLast;
          dump(g.node, level + 1, g.count, false, isLast, n.uid, g.count > 1 ? 1 : 0);
        });
        return;
      }
      if (groups.length === 1) {
        const g = groups[0]!;
        cur += sym.single;
        dump(g.node, level + 1, g.count, true, true, n.uid, closing + (g.count > 1 ? 1 : 0));
        return;
      }
      groups.forEach((g, i) => {
        const isLast = i === groups.length - 1;
        if (i === 0) cur += sym.first;
        more[level + 1] = !isLast;
        dump(g.node, level + 1, g.count, i === 0, isLast, n.uid, (isLast ? closing : 0) + (g.count > 1 ? 1 : 0));
      });
    };
    for (const r of roots) dump(r, 0, 1, true, true, -1, 0);
    const out = lines.map((l) => ([...l].length > width ? [...l].slice(0, width - 1).join("") + "+" : l));
    return { stdout: out.length ? out.join("\n") + "\n" : "", evidence: out.length ? ["proc-tree", "proc-list"] : [] };
  },
});
