/**
 * logrotate's configuration language (3.21): global directives, `include` of a file or a
 * directory (its files in name order, skipping packaging leftovers), log blocks of one or more
 * path patterns with their own directives, and prerotate/postrotate/firstaction/lastaction
 * scripts up to `endscript`. Unknown directives and bad values produce logrotate's own
 * "error: FILE:LINE ..." messages and are ignored, as the real tool does; config files
 * writable by group or others are refused.
 */
import { VfsError, type Cred, type Host } from "../../../engine/index.js";

export type Interval = "hourly" | "daily" | "weekly" | "monthly" | "yearly";

export interface CreateSpec {
  mode?: number;
  owner?: string;
  group?: string;
}

export interface LogOpts {
  interval?: Interval;
  rotate: number;
  size?: number;
  maxsize?: number;
  minsize?: number;
  compress: boolean;
  delaycompress: boolean;
  copytruncate: boolean;
  create: CreateSpec | false;
  missingok: boolean;
  ifempty: boolean;
  sharedscripts: boolean;
  /** rotated copies are named log-YYYYMMDD instead of log.N */
  dateext: boolean;
  su?: string;
}

export interface LogBlock {
  patterns: string[];
  opts: LogOpts;
  scripts: Partial<Record<"prerotate" | "postrotate" | "firstaction" | "lastaction", string>>;
}

export interface ParsedConfig {
  blocks: LogBlock[];
  /** messages in the order logrotate prints them ("reading config file", errors) */
  log: string[];
  /** an error that makes logrotate exit 1 */
  failed: boolean;
}

const DEFAULTS: LogOpts = { rotate: 0, compress: false, delaycompress: false, copytruncate: false, create: false, missingok: false, ifempty: true, sharedscripts: false, dateext: false };

const SCRIPTS = ["prerotate", "postrotate", "firstaction", "lastaction", "preremove"] as const;
/** Directives accepted (and not modelled further). */
const ACCEPTED = new Set(["dateformat", "dateyesterday", "datehourago", "extension", "compresscmd", "uncompresscmd", "compressext", "compressoptions", "mail", "nomail", "mailfirst", "maillast", "olddir", "noolddir", "createolddir", "nocreateolddir", "maxage", "start", "shred", "noshred", "shredcycles", "tabooext", "taboopat", "copy", "nocopy", "renamecopy", "norenamecopy", "nosharedscripts", "allowhardlink", "noallowhardlink", "addextension", "ignoreduplicates"]);

/** Sizes as logrotate reads them: a number with an optional k, M or G suffix (powers of 1024). */
export function parseLogSize(s: string): number | undefined {
  const m = /^(\d+)([kKmMgG]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase()] ?? 1;
  return Number(m[1]) * mult;
}

/** Splits a line into words, honouring double and single quotes. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Whether a file in an included directory is skipped (packaging leftovers, editor backups). */
function taboo(name: string): boolean {
  return name.startsWith(".") || name.endsWith("~") || /\.(dpkg-(old|dist|new|bak|tmp)|disabled|rpmsave|rpmorig|rpmnew|swp|cfsaved|rhn-cfg-tmp-.*|ucf-(old|dist|new))$/.test(name) || name.includes(",v");
}

export function parseConfig(host: Host, cred: Cred, files: string[], resolve: (p: string) => string): ParsedConfig {
  const res: ParsedConfig = { blocks: [], log: [], failed: false };
  const global: LogOpts = { ...DEFAULTS };
  const readFile = (shown: string, path: string, inInclude: boolean): void => {
    let st;
    try {
      st = host.vfs.stat(path, cred);
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      res.log.push(`error: cannot stat ${shown}: ${e.text}`);
      res.failed = true;
      return;
    }
    if (st.type === "dir") {
      if (!inInclude) res.log.push(`including ${shown}`);
      let names: string[] = [];
      try {
        names = host.vfs.readdir(path, cred).slice().sort();
      } catch (e) {
        if (!(e instanceof VfsError)) throw e;
      }
      for (const n of names) {
        if (taboo(n)) continue;
        readFile(n, `${path}/${n}`, true);
      }
      return;
    }
    res.log.push(`reading config file ${shown}`);
    if (st.mode & 0o022) {
      // logrotate refuses configs others could have written (it runs as root)
      res.log.splice(res.log.length - 1, 1, `warning: Potentially dangerous mode on ${shown}: 0${(st.mode & 0o777).toString(8)}`, `error: Ignoring ${shown} because it is writable by group or others.`);
      res.failed = true;
      return;
    }
    let text: string;
    try {
      text = host.vfs.readFile(path, cred);
    } catch (e) {
      if (!(e instanceof VfsError)) throw e;
      res.log.push(`error: failed to open config file ${shown}: ${e.text}`);
      res.failed = true;
      return;
    }
    parseText(shown, text);
  };
  const parseText = (file: string, text: string): void => {
    const lines = text.split("\n");
    let block: LogBlock | undefined;
    let pending: string[] | undefined; // patterns waiting for their '{'
    for (let i = 0; i < lines.length; i++) {
      const lineNo = i + 1;
      let line = lines[i]!.trim();
      if (line === "" || line.startsWith("#")) continue;
      if (!block) {
        if (line.includes("{") || pending) {
          const head = line.replace(/\{.*$/, "").trim();
          const pats = [...(pending ?? []), ...words(head)];
          if (!line.includes("{")) {
            pending = pats;
            continue;
          }
          pending = undefined;
          block = { patterns: pats, opts: { ...global, create: global.create && { ...global.create } }, scripts: {} };
          line = line.slice(line.indexOf("{") + 1).trim();
          if (line === "") continue;
        } else if (line.startsWith("/") || line.startsWith('"')) {
          pending = words(line);
          continue;
        }
      }
      if (block && line === "}") {
        res.blocks.push(block);
        block = undefined;
        continue;
      }
      const [key, ...args] = words(line);
      if (!key) continue;
      const o = block ? block.opts : global;
      if ((SCRIPTS as readonly string[]).includes(key)) {
        const body: string[] = [];
        i++;
        while (i < lines.length && lines[i]!.trim() !== "endscript") body.push(lines[i++]!);
        if (block && key !== "preremove") block.scripts[key as keyof LogBlock["scripts"]] = body.join("\n");
        continue;
      }
      switch (key) {
        case "hourly":
        case "daily":
        case "weekly":
        case "monthly":
        case "yearly":
          o.interval = key;
          break;
        case "rotate": {
          const n = Number(args[0]);
          if (!/^-?\d+$/.test(args[0] ?? "")) res.log.push(`error: ${file}:${lineNo} bad rotation count '${args[0] ?? ""}'`);
          else o.rotate = Math.max(0, n);
          break;
        }
        case "size":
        case "maxsize":
        case "minsize": {
          const n = parseLogSize(args[0] ?? "");
          if (n === undefined) res.log.push(`error: ${file}:${lineNo} unknown unit '${(args[0] ?? "").replace(/^\d+/, "")}'`);
          else o[key] = n;
          break;
        }
        case "compress":
        case "delaycompress":
        case "copytruncate":
        case "missingok":
        case "sharedscripts":
          o[key] = true;
          break;
        case "nocompress":
        case "nodelaycompress":
        case "nocopytruncate":
        case "nomissingok":
          o[key.slice(2) as "compress" | "delaycompress" | "copytruncate" | "missingok"] = false;
          break;
        case "ifempty":
          o.ifempty = true;
          break;
        case "dateext":
        case "nodateext":
          o.dateext = key === "dateext";
          break;
        case "notifempty":
          o.ifempty = false;
          break;
        case "create":
          o.create = { mode: args[0] !== undefined && /^[0-7]{3,4}$/.test(args[0]) ? parseInt(args[0], 8) : undefined, owner: args[1], group: args[2] };
          break;
        case "nocreate":
          o.create = false;
          break;
        case "su":
          o.su = args.join(" ");
          break;
        case "include":
          if (block) res.log.push(`error: ${file}:${lineNo} include is not allowed inside a log block`);
          else if (args[0]) readFile(args[0], resolve(args[0]), false);
          break;
        default:
          if (!ACCEPTED.has(key)) res.log.push(`error: ${file}:${lineNo} unknown option '${key}' -- ignoring line`);
      }
    }
    if (block) {
      res.log.push(`error: ${file}:prematurely ended log block in ${file}`);
      res.failed = true;
    }
  };
  for (const f of files) readFile(f, resolve(f), false);
  return res;
}
