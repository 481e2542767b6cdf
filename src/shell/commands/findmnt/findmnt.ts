/**
 * findmnt (util-linux 2.38): the mount table as a tree (TARGET SOURCE FSTYPE OPTIONS with
 * ├─ └─ │ glyphs) from /proc/self/mounts, or a list with -l / filters (-t TYPE, -T PATH, a
 * target/source operand), -n, and --df (SOURCE FSTYPE SIZE USED AVAIL USE% TARGET).
 */
import { defineCommand } from "../../spec/define-command.js";
import { human } from "../common/fs/fs-common.js";
import { readMountTable, type TableEntry } from "../common/fs/mount-table.js";

const HELP = `
Usage:
 findmnt [options]
 findmnt [options] <device> | <mountpoint>
 findmnt [options] <device> <mountpoint>
 findmnt [options] [--source <device>] [--target <path> | --mountpoint <dir>]

Find a (mounted) filesystem.

Options:
 -s, --fstab            search in static table of filesystems
 -m, --mtab             search in table of mounted filesystems
 -k, --kernel           search in kernel table of mounted
                          filesystems (default)

 -D, --df               imitate the output of df(1)
 -l, --list             use list format output
 -n, --noheadings       don't print column headings
 -S, --source <string>  the device to mount (by name, maj:min,
                          LABEL=, UUID=, PARTUUID=, PARTLABEL=)
 -T, --target <path>    the path to the filesystem to use
 -t, --types <list>     limit the set of filesystems by FS types

 -h, --help             display this help
 -V, --version          display version

For more details see findmnt(8).
`;

export const findmntCommand = defineCommand({
  name: "findmnt",
  summary: "find a filesystem",
  usage: "findmnt [options]",
  help: HELP,
  badOption: { kind: "custom", render: (opt, long) => ({ stderr: `findmnt: ${long ? `unrecognized option '--${opt}'` : `invalid option -- '${opt}'`}\nTry 'findmnt --help' for more information.\n`, exitCode: 1 }) },
  options: [
    { name: "D", short: "D", long: "df" },
    { name: "l", short: "l", long: "list" },
    { name: "n", short: "n", long: "noheadings" },
    { name: "S", short: "S", long: "source", arg: "required" },
    { name: "T", short: "T", long: "target", aliases: ["mountpoint"], arg: "required" },
    { name: "t", short: "t", long: "types", arg: "required" },
    { name: "k", short: "k", long: "kernel" },
    { name: "m", short: "m", long: "mtab" },
    { name: "V", short: "V", long: "version" },
    { name: "h", short: "h" },
  ],
  run(ctx, o, operands) {
    if (o.h) return { stdout: HELP };
    if (o.V) return { stdout: "findmnt from util-linux 2.38.1\n" };
    let table = readMountTable(ctx);
    let filtered = false;
    if (typeof o.t === "string") {
      const types = o.t.split(",");
      const neg = types.every((t) => t.startsWith("no"));
      table = table.filter((e) => (neg ? !types.includes("no" + e.fstype) : types.includes(e.fstype)));
      filtered = true;
    }
    if (typeof o.S === "string") {
      table = table.filter((e) => e.source === o.S);
      filtered = true;
    }
    const target = typeof o.T === "string" ? o.T : operands[operands.length - 1];
    if (typeof o.T === "string") {
      const path = ctx.resolve(o.T);
      const mnt = ctx.host.vfs.mountOf(path);
      const best = table.filter((e) => e.target === mnt || path === e.target || path.startsWith(e.target === "/" ? "/" : e.target + "/")).sort((a, b) => b.target.length - a.target.length)[0];
      table = best ? [best] : [];
      filtered = true;
    } else if (target !== undefined) {
      const path = target.startsWith("/dev/") || target.includes(":") ? target : ctx.resolve(target);
      table = table.filter((e) => e.target === path || e.source === target);
      filtered = true;
    }
    if (!table.length) return { stdout: "", exitCode: 1 };
    if (o.D) {
      const rows = table.map((e) => {
        const m = e.host;
        const size = m ? m.sizeKiB : 0;
        const used = m ? ctx.host.usedKiB(m) : 0;
        const avail = m ? Math.max(0, ctx.host.freeKiB(m, false)) : 0;
        const h = (k: number): string => (k ? human(k * 1024) : "0");
        return [e.source, e.fstype, h(size), h(used), h(avail), size ? `${Math.round((used * 100) / size)}%` : "-", e.target];
      });
      return { stdout: render(o.n ? rows : [["SOURCE", "FSTYPE", "SIZE", "USED", "AVAIL", "USE%", "TARGET"], ...rows], [false, false, true, true, true, true, false]), evidence: ["mounts"] };
    }
    const tree = !o.l && !filtered;
    const rows: string[][] = [];
    if (tree) {
      const parentOf = (i: number): number => {
        const e = table[i] as TableEntry;
        let best = -1;
        for (let j = 0; j < table.length; j++) {
          if (j === i) continue;
          const c = (table[j] as TableEntry).target;
          const prefix = c === "/" ? "/" : c + "/";
          const under = e.target !== "/" && (e.target.startsWith(prefix) || (c === e.target && j < i));
          if (!under) continue;
          if (best < 0 || c.length > (table[best] as TableEntry).target.length || (c.length === (table[best] as TableEntry).target.length && j > best && j < i)) best = j;
        }
        return best;
      };
      const parents = table.map((_, i) => parentOf(i));
      const kids = (p: number): number[] => table.map((_, i) => i).filter((i) => parents[i] === p);
      const emit = (i: number, prefix: string, last: boolean, root: boolean): void => {
        const e = table[i] as TableEntry;
        rows.push([root ? e.target : `${prefix}${last ? "└─" : "├─"}${e.target}`, e.source, e.fstype, e.options]);
        const ch = kids(i);
        ch.forEach((c, k) => emit(c, root ? "" : prefix + (last ? "  " : "│ "), k === ch.length - 1, false));
      };
      for (const r of kids(-1)) emit(r, "", true, true);
    } else for (const e of table) rows.push([e.target, e.source, e.fstype, e.options]);
    return { stdout: render(o.n ? rows : [["TARGET", "SOURCE", "FSTYPE", "OPTIONS"], ...rows], [false, false, false, false]), evidence: ["mounts"] };
  },
});

function render(rows: string[][], right: boolean[]): string {
  const len = (s: string): number => [...s].length;
  const widths = right.map((_, c) => Math.max(...rows.map((r) => len(r[c] ?? ""))));
  return rows
    .map((r) =>
      r
        .map((v, c) => {
          if (c === r.length - 1 && !right[c]) return v;
          const padn = (widths[c] as number) - len(v);
          return right[c] ? " ".repeat(padn) + v : v + " ".repeat(padn);
        })
        .join(" "),
    )
    .join("\n") + "\n";
}
