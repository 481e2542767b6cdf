/**
 * Tab completion for the line editor, as bash does it without programmable completion: the
 * word in command position completes from the session's command names (or as a path when it
 * contains a slash), every other word completes as a path in the host's VFS relative to the
 * session's cwd (`~` expands to $HOME), with directories marked by a trailing "/", hidden
 * entries only when the word starts with ".", `cd` offering directories only, and special
 * characters backslash-escaped. The editor turns the candidates into a full completion, a
 * common prefix, or a column listing. Pure: it reads the VFS with the session user's rights.
 */
import { type Host, VfsError, normalizePath } from "../../engine/index.js";
import type { CompletionResult } from "./line-editor.js";

/** What completion needs from a shell session (ShellSession satisfies it). */
export interface CompletionSession {
  readonly host: Host;
  cwd: string;
  env: Record<string, string>;
  user: string;
  commandNames(): string[];
}

/** Words after which the next word is again a command name. */
const COMMAND_PREFIXES = new Set(["sudo", "time", "nohup", "exec", "command", "watch", "nice", "xargs", "builtin", "type", "which"]);
/** Commands whose operands are directories only. */
const DIR_ONLY = new Set(["cd", "pushd", "rmdir"]);
/** Directories bigger than this are not listed (a million-entry dir would stall the terminal). */
const MAX_LIST = 20000;

interface Word {
  /** raw text of the word as typed (quotes and escapes included) */
  raw: string;
  /** unquoted value */
  value: string;
  start: number;
}

/** Splits the text before the cursor into the words of the current simple command. */
function wordsBefore(text: string): { words: Word[]; current: Word } {
  let words: Word[] = [];
  let cur: Word = { raw: "", value: "", start: 0 };
  let quote: string | undefined;
  const push = () => {
    if (cur.raw) words.push(cur);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      cur.raw += c;
      if (c === quote) quote = undefined;
      else cur.value += c;
      continue;
    }
    if (c === "\\" && i + 1 < text.length) {
      cur.raw += c + text[i + 1];
      cur.value += text[i + 1];
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      cur.raw += c;
      continue;
    }
    if (/\s/.test(c) || ";|&()<>".includes(c)) {
      push();
      if (!/\s/.test(c) && !"<>".includes(c)) words = [];
      cur = { raw: "", value: "", start: i + 1 };
      continue;
    }
    if (cur.raw === "") cur.start = i;
    cur.raw += c;
    cur.value += c;
  }
  return { words, current: cur };
}

/** Backslash-escapes characters bash would escape in a completed word. */
function escapeWord(s: string): string {
  return s.replace(/[ \t\n'"\\$`!&;|()<>*?[\]{}#~]/g, (m, offset: number) => (m === "~" && offset > 0 ? m : "\\" + m));
}

/** Completes the word at `cursor`. */
export function completeLine(session: CompletionSession, line: string, cursor: number): CompletionResult | undefined {
  const before = line.slice(0, cursor);
  const { words, current } = wordsBefore(before);
  const start = current.raw ? current.start : cursor;
  let commandPos = words.length === 0;
  if (!commandPos && words.every((w) => COMMAND_PREFIXES.has(w.value) || w.value.startsWith("-"))) commandPos = COMMAND_PREFIXES.has(words[0].value);
  const value = current.value;
  if (commandPos && !value.includes("/")) {
    if (value.startsWith("$")) return undefined;
    const names = session.commandNames().filter((n) => n.startsWith(value)).sort();
    return { start, end: cursor, candidates: names.map((n) => escapeWord(n)), display: names };
  }
  const dirsOnly = words.length > 0 && DIR_ONLY.has(words[0].value);
  return completePath(session, value, start, cursor, dirsOnly);
}

function completePath(session: CompletionSession, value: string, start: number, end: number, dirsOnly: boolean): CompletionResult | undefined {
  const home = session.env.HOME ?? "/";
  const slash = value.lastIndexOf("/");
  const dirPart = slash >= 0 ? value.slice(0, slash + 1) : "";
  const base = slash >= 0 ? value.slice(slash + 1) : value;
  if (dirPart === "" && base.startsWith("~")) return undefined;
  const expanded = dirPart.startsWith("~/") || dirPart === "~/" ? home + dirPart.slice(1) : dirPart;
  const dir = normalizePath(session.cwd, expanded || ".");
  const vfs = session.host.vfs;
  const cred = session.host.credOf(session.user);
  let names: string[];
  try {
    if (vfs.countEntries(dir, cred) > MAX_LIST) return undefined;
    names = vfs.readdir(dir, cred);
  } catch (e) {
    if (e instanceof VfsError) return undefined;
    throw e;
  }
  const matches: { name: string; isDir: boolean }[] = [];
  for (const name of names) {
    if (!name.startsWith(base)) continue;
    if (name.startsWith(".") && !base.startsWith(".")) continue;
    let isDir = false;
    try {
      isDir = vfs.stat(normalizePath(dir, name), cred).type === "dir";
    } catch {
      isDir = false;
    }
    if (dirsOnly && !isDir) continue;
    matches.push({ name, isDir });
  }
  matches.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const prefix = escapeWord(dirPart).replace(/^\\~/, "~");
  return {
    start,
    end,
    candidates: matches.map((m) => prefix + escapeWord(m.name) + (m.isDir ? "/" : "")),
    display: matches.map((m) => m.name + (m.isDir ? "/" : "")),
  };
}
