/**
 * A readline-like line editor as a pure state machine, shared by the browser terminal (xterm.js)
 * and the `faultline play` CLI (a raw TTY). It is fed raw terminal input exactly as those deliver
 * it (printable text, control characters, CSI/SS3 escape sequences, bracketed paste) and answers
 * with ordered events: terminal output (ANSI) that redraws the line, and "submit" / "eof" /
 * "interrupt" notifications. It knows nothing about the shell: the prompt and completion come in
 * as callbacks, history as an array. After a submit the editor is idle until `start()` is called
 * again (when the command has finished); input fed meanwhile is kept as typeahead and replayed at
 * the next prompt, which is also how a multi-line paste executes one line after the other.
 * Keys: arrows, Home/End (all the usual encodings), Delete, Backspace, Ctrl-A/B/E/F/D/H/K/U/W/Y/T/L/C/P/N,
 * Alt-B/F/D/Backspace, Ctrl-Left/Right, Up/Down history, Ctrl-R reverse-i-search (bash's display),
 * Tab completion (common prefix, then a bash-style column listing on the second Tab), and
 * continuation lines ("> ") for unclosed quotes, a trailing backslash/pipe or an open do/if/case.
 */

/** What the completion callback answers for the word around the cursor. */
export interface CompletionResult {
  /** index in the line where the word being completed starts */
  start: number;
  /** index where it ends (usually the cursor) */
  end: number;
  /** full replacement texts for line[start, end), sorted; a directory ends with "/" */
  candidates: string[];
  /** what the listing shows for each candidate (e.g. the basename); defaults to the candidates */
  display?: string[];
}

export type EditorEvent =
  /** bytes for the terminal */
  | { type: "output"; data: string }
  /** a complete line was entered (continuation lines joined with "\n") */
  | { type: "submit"; line: string }
  /** Ctrl-D on an empty line */
  | { type: "eof" }
  /** Ctrl-C at the prompt: the line was discarded and a fresh prompt drawn */
  | { type: "interrupt" };

export interface LineEditorOptions {
  /** the primary prompt (PS1), asked each time a line starts */
  prompt(): string;
  /** completion for the word at `cursor`; undefined or no candidates rings the bell */
  complete?(line: string, cursor: number): CompletionResult | undefined;
  /** history, oldest first; read live (the caller may append to it) */
  history?: string[];
  /** whether the editor appends submitted lines to `history` itself (default true) */
  recordHistory?: boolean;
  /** terminal width for wrapping and completion listings (default 80) */
  cols?: number;
  /** the continuation prompt (PS2), default "> " */
  continuationPrompt?: string;
  /** whether the text needs another line (default: needsMoreInput) */
  isIncomplete?(text: string): boolean;
  /** ask before listing more completions than this (readline's completion-query-items, 100) */
  completionQueryItems?: number;
}

const CSI_RE = /^\x1b\[([0-9;?]*)([\x40-\x7e])/;
const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";
const ANSI_RE = /\x1b\[[0-9;?]*[\x40-\x7e]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-B]/g;

/** Visible width of a string (ANSI sequences are zero-width). */
export function visibleWidth(s: string): number {
  return s.replace(ANSI_RE, "").length;
}

/** Key names produced by the tokenizer for escape sequences. */
type Key = "up" | "down" | "left" | "right" | "home" | "end" | "delete" | "word-left" | "word-right" | "insert" | "page-up" | "page-down" | "unknown";

type Token = { kind: "char"; ch: string } | { kind: "key"; key: Key } | { kind: "meta"; ch: string } | { kind: "paste-start" };

interface SearchState {
  query: string;
  /** history index of the current match (history.length = none) */
  index: number;
  /** position of the match inside the entry */
  pos: number;
  failed: boolean;
  /** previous states, popped by Backspace */
  stack: { query: string; index: number; pos: number; failed: boolean }[];
  /** the line and cursor before the search started */
  savedLine: string;
  savedCursor: number;
}

export class LineEditor {
  private readonly opts: LineEditorOptions;
  private readonly history: string[];
  private cols: number;
  private text = "";
  private cur = 0;
  /** earlier lines of a multi-line (continued) command */
  private continued: string[] = [];
  /** whether a prompt is shown and keys are being edited */
  private active = false;
  /** unprocessed input (typeahead while idle, or an incomplete escape sequence) */
  private buf = "";
  private inPaste = false;
  /** terminal cursor position, in cells from the start of the prompt */
  private termPos = 0;
  /** cells currently drawn (prompt + text) */
  private drawnEnd = 0;
  private promptText = "";
  private histIndex = 0;
  private drafts = new Map<number, string>();
  private killRing = "";
  private lastWasTab = false;
  private search?: SearchState;
  private confirmList?: { items: string[] };
  private out: EditorEvent[] = [];

  constructor(opts: LineEditorOptions) {
    this.opts = opts;
    this.history = opts.history ?? [];
    this.cols = Math.max(2, opts.cols ?? 80);
  }

  /** The line being edited (the current continuation line only). */
  get line(): string {
    return this.text;
  }

  /** Cursor index in `line`. */
  get cursor(): number {
    return this.cur;
  }

  /** Whether the editor is showing a prompt and taking keys (false while a command runs). */
  get isActive(): boolean {
    return this.active;
  }

  /** Whether input is waiting to be processed at the next prompt. */
  get hasTypeahead(): boolean {
    return this.buf.length > 0;
  }

  /** Whether reverse-i-search is on. */
  get searching(): boolean {
    return this.search !== undefined;
  }

  setCols(cols: number): void {
    this.cols = Math.max(2, cols);
  }

  /** Shows a fresh prompt and processes any typeahead. */
  start(): EditorEvent[] {
    this.out = [];
    this.beginLine(this.continued.length ? (this.opts.continuationPrompt ?? "> ") : this.opts.prompt());
    this.drain();
    return this.flush();
  }

  /** Feeds raw terminal input. While idle (a command runs) it is kept as typeahead. */
  feed(data: string): EditorEvent[] {
    this.out = [];
    this.buf += data;
    if (this.active) this.drain();
    return this.flush();
  }

  /** Drops typeahead (e.g. after Ctrl-C interrupted a command). */
  discardTypeahead(): void {
    this.buf = "";
    this.inPaste = false;
  }

  // ---- plumbing -------------------------------------------------------------------------

  private flush(): EditorEvent[] {
    // merge consecutive outputs
    const merged: EditorEvent[] = [];
    for (const e of this.out) {
      const last = merged[merged.length - 1];
      if (e.type === "output" && last?.type === "output") last.data += e.data;
      else if (e.type !== "output" || e.data) merged.push(e.type === "output" ? { ...e } : e);
    }
    this.out = [];
    return merged;
  }

  private write(data: string): void {
    if (data) this.out.push({ type: "output", data });
  }

  private beginLine(prompt: string): void {
    this.active = true;
    this.text = "";
    this.cur = 0;
    this.histIndex = this.history.length;
    this.drafts.clear();
    this.lastWasTab = false;
    this.promptText = prompt;
    this.write(prompt);
    this.termPos = visibleWidth(prompt);
    this.fixWrap(this.termPos);
    this.drawnEnd = this.termPos;
  }

  /** After writing up to `end` cells, a full last row leaves xterm in pending-wrap: move down. */
  private fixWrap(end: number): void {
    if (end > 0 && end % this.cols === 0) this.write("\r\n");
  }

  private drain(): void {
    while (this.active && this.buf.length) {
      if (this.inPaste) {
        if (!this.drainPaste()) return;
        continue;
      }
      const t = this.nextToken();
      if (!t) return;
      this.handle(t);
    }
  }

  /** Consumes pasted text up to the end marker; returns false when more input is needed. */
  private drainPaste(): boolean {
    const endAt = this.buf.indexOf(PASTE_END);
    let chunk: string;
    if (endAt >= 0) chunk = this.buf.slice(0, endAt);
    else {
      // keep a possible partial end marker
      let keep = 0;
      for (let k = Math.min(PASTE_END.length - 1, this.buf.length); k > 0; k--) {
        if (PASTE_END.startsWith(this.buf.slice(-k))) {
          keep = k;
          break;
        }
      }
      chunk = this.buf.slice(0, this.buf.length - keep);
    }
    if (this.search) this.acceptSearch();
    let i = 0;
    let ins = "";
    while (i < chunk.length) {
      const c = chunk[i];
      if (c === "\r" || c === "\n") {
        this.insert(ins);
        ins = "";
        i += c === "\r" && chunk[i + 1] === "\n" ? 2 : 1;
        this.buf = this.buf.slice(i);
        this.enter();
        return true;
      }
      ins += c === "\t" ? " " : c < " " || c === "\x7f" ? "" : c;
      i++;
    }
    this.insert(ins);
    this.buf = this.buf.slice(chunk.length);
    if (endAt >= 0) {
      this.buf = this.buf.slice(PASTE_END.length);
      this.inPaste = false;
      return true;
    }
    return false;
  }

  private nextToken(): Token | undefined {
    const b = this.buf;
    if (b[0] !== "\x1b") {
      const code = b.charCodeAt(0);
      const n = code >= 0xd800 && code <= 0xdbff && b.length > 1 ? 2 : 1;
      this.buf = b.slice(n);
      return { kind: "char", ch: b.slice(0, n) };
    }
    if (b.length < 2) return undefined;
    if (b[1] === "[") {
      const m = CSI_RE.exec(b);
      if (!m) {
        if (/^\x1b\[[0-9;?]*$/.test(b)) return undefined; // incomplete
        this.buf = b.slice(2);
        return { kind: "key", key: "unknown" };
      }
      this.buf = b.slice(m[0].length);
      if (m[0] === PASTE_START) return { kind: "paste-start" };
      return { kind: "key", key: csiKey(m[1], m[2]) };
    }
    if (b[1] === "O") {
      if (b.length < 3) return undefined;
      this.buf = b.slice(3);
      const k = ({ A: "up", B: "down", C: "right", D: "left", H: "home", F: "end" } as Record<string, Key>)[b[2]];
      return { kind: "key", key: k ?? "unknown" };
    }
    this.buf = b.slice(2);
    return { kind: "meta", ch: b[1] };
  }

  // ---- key handling ---------------------------------------------------------------------

  private handle(t: Token): void {
    if (t.kind === "paste-start") {
      this.inPaste = true;
      this.lastWasTab = false;
      return;
    }
    if (this.confirmList) {
      this.answerConfirm(t);
      return;
    }
    if (this.search && this.handleSearch(t)) return;
    const wasTab = this.lastWasTab;
    this.lastWasTab = false;
    if (t.kind === "key") {
      this.handleKey(t.key);
      return;
    }
    if (t.kind === "meta") {
      this.handleMeta(t.ch);
      return;
    }
    const ch = t.ch;
    switch (ch) {
      case "\r":
      case "\n":
        if (ch === "\n" && this.lastCr) {
          this.lastCr = false;
          return;
        }
        this.lastCr = ch === "\r";
        this.enter();
        return;
      case "\x01": return this.moveTo(0);
      case "\x02": return this.moveTo(this.cur - 1);
      case "\x05": return this.moveTo(this.text.length);
      case "\x06": return this.moveTo(this.cur + 1);
      case "\x03": return this.interrupt();
      case "\x04":
        if (this.text === "" && this.continued.length === 0) {
          this.active = false;
          this.out.push({ type: "eof" });
          return;
        }
        if (this.cur < this.text.length) this.edit(this.text.slice(0, this.cur) + this.text.slice(this.cur + 1), this.cur);
        return;
      case "\x7f":
      case "\x08":
        if (this.cur > 0) this.backspace();
        return;
      case "\x0b": return this.kill(this.cur, this.text.length);
      case "\x15": return this.kill(0, this.cur);
      case "\x17": return this.kill(unixWordStart(this.text, this.cur), this.cur);
      case "\x19": return this.insert(this.killRing);
      case "\x14": return this.transpose();
      case "\x0c": return this.clearScreen();
      case "\x10": return this.historyMove(-1);
      case "\x0e": return this.historyMove(1);
      case "\x12": return this.startSearch();
      case "\x07": return this.write("\x07");
      case "\t": return this.tab(wasTab);
      default:
        this.lastCr = false;
        if (ch < " ") return; // other control characters are ignored
        this.insert(ch);
    }
  }

  private lastCr = false;

  private handleKey(k: Key): void {
    switch (k) {
      case "left": return this.moveTo(this.cur - 1);
      case "right": return this.moveTo(this.cur + 1);
      case "home": return this.moveTo(0);
      case "end": return this.moveTo(this.text.length);
      case "up": return this.historyMove(-1);
      case "down": return this.historyMove(1);
      case "delete":
        if (this.cur < this.text.length) this.edit(this.text.slice(0, this.cur) + this.text.slice(this.cur + 1), this.cur);
        return;
      case "word-left": return this.moveTo(wordStart(this.text, this.cur));
      case "word-right": return this.moveTo(wordEnd(this.text, this.cur));
      default: return;
    }
  }

  private handleMeta(ch: string): void {
    switch (ch) {
      case "b": case "B": return this.moveTo(wordStart(this.text, this.cur));
      case "f": case "F": return this.moveTo(wordEnd(this.text, this.cur));
      case "d": case "D": return this.kill(this.cur, wordEnd(this.text, this.cur));
      case "\x7f": case "\x08": return this.kill(wordStart(this.text, this.cur), this.cur);
      case "\r": return this.enter();
      default: return;
    }
  }

  private enter(): void {
    if (this.search) this.acceptSearch();
    this.moveTo(this.text.length);
    this.write("\r\n");
    const full = [...this.continued, this.text].join("\n");
    const isIncomplete = this.opts.isIncomplete ?? needsMoreInput;
    if (isIncomplete(full)) {
      this.continued.push(this.text);
      this.beginLine(this.opts.continuationPrompt ?? "> ");
      return;
    }
    this.continued = [];
    this.active = false;
    this.termPos = 0;
    if (this.opts.recordHistory !== false) {
      const h = this.history;
      if (full.trim() && !full.startsWith(" ") && h[h.length - 1] !== full) h.push(full);
    }
    this.out.push({ type: "submit", line: full });
  }

  private interrupt(): void {
    this.search = undefined;
    this.moveTo(this.text.length);
    this.write("^C\r\n");
    this.continued = [];
    this.out.push({ type: "interrupt" });
    this.beginLine(this.opts.prompt());
  }

  private insert(s: string): void {
    if (!s) return;
    this.edit(this.text.slice(0, this.cur) + s + this.text.slice(this.cur), this.cur + s.length);
  }

  private backspace(): void {
    this.edit(this.text.slice(0, this.cur - 1) + this.text.slice(this.cur), this.cur - 1);
  }

  private kill(from: number, to: number): void {
    if (to <= from) return;
    this.killRing = this.text.slice(from, to);
    this.edit(this.text.slice(0, from) + this.text.slice(to), from);
  }

  private transpose(): void {
    const t = this.text;
    if (t.length < 2 || this.cur === 0) return;
    const i = this.cur === t.length ? this.cur - 1 : this.cur;
    this.edit(t.slice(0, i - 1) + t[i] + t[i - 1] + t.slice(i + 1), i + 1);
  }

  // ---- history and search ---------------------------------------------------------------

  private historyMove(dir: -1 | 1): void {
    const next = this.histIndex + dir;
    if (next < 0 || next > this.history.length) {
      this.write("\x07");
      return;
    }
    this.drafts.set(this.histIndex, this.text);
    this.histIndex = next;
    const entry = this.drafts.get(next) ?? (next === this.history.length ? "" : this.history[next]);
    this.edit(entry, entry.length);
  }

  private startSearch(): void {
    this.search = { query: "", index: this.history.length, pos: this.cur, failed: false, stack: [], savedLine: this.text, savedCursor: this.cur };
    this.renderSearch();
  }

  /** Returns true when the token was consumed by the search. */
  private handleSearch(t: Token): boolean {
    const s = this.search!;
    if (t.kind === "char") {
      const ch = t.ch;
      if (ch === "\x12") {
        this.searchFrom(s.query, s.index - 1, true);
        return true;
      }
      if (ch === "\x07") {
        this.search = undefined;
        this.text = s.savedLine;
        this.cur = s.savedCursor;
        this.redraw();
        return true;
      }
      if (ch === "\x7f" || ch === "\x08") {
        const prev = s.stack.pop();
        if (prev) Object.assign(s, prev);
        else this.write("\x07");
        this.renderSearch();
        return true;
      }
      if (ch >= " ") {
        this.searchFrom(s.query + ch, s.index, false);
        return true;
      }
      if (ch === "\x03") {
        // leave the search display as it is; interrupt() prints ^C after it
        this.promptText = `(${s.failed ? "failed " : ""}reverse-i-search)\`${s.query}': `;
        this.text = this.searchLine();
        this.cur = s.index < this.history.length ? s.pos : Math.min(s.savedCursor, this.text.length);
        this.search = undefined;
        return false;
      }
    }
    this.acceptSearch();
    return false;
  }

  private searchFrom(query: string, fromIndex: number, again: boolean): void {
    const s = this.search!;
    const h = this.history;
    let start = Math.min(fromIndex, h.length - 1);
    if (!again && s.index < h.length) start = s.index;
    for (let i = start; i >= 0; i--) {
      const entry = h[i];
      const limit = !again && i === s.index ? s.pos + query.length : entry.length;
      const pos = entry.lastIndexOf(query, Math.max(0, limit - query.length));
      if (pos >= 0 && (again || i !== s.index || pos <= limit)) {
        s.stack.push({ query: s.query, index: s.index, pos: s.pos, failed: s.failed });
        s.query = query;
        s.index = i;
        s.pos = pos;
        s.failed = false;
        this.renderSearch();
        return;
      }
    }
    s.stack.push({ query: s.query, index: s.index, pos: s.pos, failed: s.failed });
    s.query = query;
    s.failed = true;
    this.write("\x07");
    this.renderSearch();
  }

  private searchLine(): string {
    const s = this.search!;
    return s.index < this.history.length ? this.history[s.index] : s.savedLine;
  }

  private renderSearch(): void {
    const s = this.search!;
    const prompt = `(${s.failed ? "failed " : ""}reverse-i-search)\`${s.query}': `;
    const line = this.searchLine();
    const pos = s.index < this.history.length ? s.pos : Math.min(s.savedCursor, line.length);
    this.paint(prompt, line, pos);
  }

  private acceptSearch(): void {
    const s = this.search!;
    this.search = undefined;
    if (s.index < this.history.length) {
      this.histIndex = s.index;
      this.text = this.history[s.index];
      this.cur = s.pos;
    } else {
      this.text = s.savedLine;
      this.cur = Math.min(s.savedCursor, this.text.length);
    }
    this.redraw();
  }

  // ---- completion -----------------------------------------------------------------------

  private tab(secondTab: boolean): void {
    const r = this.opts.complete?.(this.text, this.cur);
    if (!r || r.candidates.length === 0) {
      this.write("\x07");
      return;
    }
    const word = this.text.slice(r.start, r.end);
    if (r.candidates.length === 1) {
      const c = r.candidates[0];
      const suffix = c.endsWith("/") || this.text[r.end] === " " ? "" : " ";
      this.replace(r.start, r.end, c + suffix);
      return;
    }
    const prefix = commonPrefix(r.candidates);
    if (prefix.length > word.length) {
      this.replace(r.start, r.end, prefix);
      this.lastWasTab = true;
      return;
    }
    if (!secondTab) {
      this.write("\x07");
      this.lastWasTab = true;
      return;
    }
    const items = r.display ?? r.candidates;
    const limit = this.opts.completionQueryItems ?? 100;
    this.moveTo(this.text.length);
    if (items.length >= limit) {
      this.write(`\r\nDisplay all ${items.length} possibilities? (y or n)`);
      this.confirmList = { items };
      return;
    }
    this.listCompletions(items);
  }

  private answerConfirm(t: Token): void {
    const items = this.confirmList!.items;
    const ch = t.kind === "char" ? t.ch : "";
    if (ch === "y" || ch === "Y" || ch === " ") {
      this.confirmList = undefined;
      this.listCompletions(items);
    } else if (ch === "n" || ch === "N" || ch === "\x7f" || ch === "\x03" || ch === "\x07") {
      this.confirmList = undefined;
      this.write("\r\n");
      this.redrawFresh();
    } else this.write("\x07");
  }

  private listCompletions(items: string[]): void {
    this.write("\r\n" + formatColumns(items, this.cols).join("\r\n") + "\r\n");
    this.redrawFresh();
  }

  private replace(from: number, to: number, s: string): void {
    this.edit(this.text.slice(0, from) + s + this.text.slice(to), from + s.length);
  }

  // ---- drawing --------------------------------------------------------------------------

  private clearScreen(): void {
    this.write("\x1b[H\x1b[2J");
    this.redrawFresh();
  }

  /** Draws prompt + text from the current terminal line's start (cursor is at column 0). */
  private redrawFresh(): void {
    this.termPos = 0;
    this.drawnEnd = 0;
    this.paint(this.promptText, this.text, this.cur, true);
  }

  private redraw(): void {
    this.paint(this.promptText, this.text, this.cur);
  }

  /** Applies a new text and cursor, with a minimal update for the common cases. */
  private edit(text: string, cursor: number): void {
    const old = this.text;
    const oldCur = this.cur;
    const p = visibleWidth(this.promptText);
    this.text = text;
    this.cur = Math.max(0, Math.min(cursor, text.length));
    // typing at the end of the line: echo only
    if (oldCur === old.length && text.startsWith(old) && this.cur === text.length && !this.search) {
      const added = text.slice(old.length);
      this.write(added);
      this.termPos = p + text.length;
      this.drawnEnd = this.termPos;
      this.fixWrap(this.termPos);
      return;
    }
    // backspace at the end of the line, not at a row start
    if (oldCur === old.length && old.startsWith(text) && old.length - text.length === 1 && this.cur === text.length && (p + oldCur) % this.cols !== 0) {
      this.write("\b \b");
      this.termPos = p + this.cur;
      this.drawnEnd = this.termPos;
      return;
    }
    this.redraw();
  }

  private moveTo(i: number): void {
    const target = Math.max(0, Math.min(i, this.text.length));
    if (target === this.cur && !this.search) return;
    this.cur = target;
    if (this.search) {
      this.acceptSearch();
      return;
    }
    this.moveTerm(visibleWidth(this.promptText) + target);
  }

  /** Moves the terminal cursor between cell offsets counted from the prompt start. */
  private moveTerm(to: number): void {
    const from = this.termPos;
    if (to === from) return;
    const [fr, fc] = [Math.floor(from / this.cols), from % this.cols];
    const [tr, tc] = [Math.floor(to / this.cols), to % this.cols];
    let s = "";
    if (tr < fr) s += `\x1b[${fr - tr}A`;
    else if (tr > fr) s += `\x1b[${tr - fr}B`;
    if (tr !== fr) s += "\r" + (tc > 0 ? `\x1b[${tc}C` : "");
    else if (tc < fc) s += fc - tc === 1 ? "\b" : `\x1b[${fc - tc}D`;
    else if (tc > fc) s += tc - fc === 1 ? "\x1b[C" : `\x1b[${tc - fc}C`;
    this.write(s);
    this.termPos = to;
  }

  /** Full repaint of prompt + text, leaving the cursor at `cursor` within text. */
  private paint(prompt: string, text: string, cursor: number, fresh = false): void {
    if (!fresh) {
      const row = Math.floor(this.termPos / this.cols);
      this.write((row > 0 ? `\x1b[${row}A` : "") + "\r");
    }
    const end = visibleWidth(prompt) + text.length;
    this.write(prompt + text);
    this.fixWrap(end);
    this.write(!fresh && Math.floor(this.drawnEnd / this.cols) > Math.floor(end / this.cols) ? "\x1b[J" : "\x1b[K");
    this.termPos = end;
    this.drawnEnd = end;
    this.moveTerm(visibleWidth(prompt) + cursor);
  }
}

// ---- helpers ----------------------------------------------------------------------------

function csiKey(params: string, final: string): Key {
  const p = params.split(";");
  const mod = p[1];
  switch (final) {
    case "A": return "up";
    case "B": return "down";
    case "C": return mod === "5" || mod === "3" ? "word-right" : "right";
    case "D": return mod === "5" || mod === "3" ? "word-left" : "left";
    case "H": return "home";
    case "F": return "end";
    case "~":
      switch (p[0]) {
        case "1": case "7": return "home";
        case "4": case "8": return "end";
        case "3": return "delete";
        case "2": return "insert";
        case "5": return "page-up";
        case "6": return "page-down";
        default: return "unknown";
      }
    default: return "unknown";
  }
}

const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);

/** Start of the alphanumeric word before `i` (readline backward-word). */
function wordStart(t: string, i: number): number {
  let j = i;
  while (j > 0 && !isWordChar(t[j - 1])) j--;
  while (j > 0 && isWordChar(t[j - 1])) j--;
  return j;
}

/** End of the alphanumeric word after `i` (readline forward-word). */
function wordEnd(t: string, i: number): number {
  let j = i;
  while (j < t.length && !isWordChar(t[j])) j++;
  while (j < t.length && isWordChar(t[j])) j++;
  return j;
}

/** Start of the whitespace-delimited word before `i` (unix-word-rubout, Ctrl-W). */
function unixWordStart(t: string, i: number): number {
  let j = i;
  while (j > 0 && /\s/.test(t[j - 1])) j--;
  while (j > 0 && !/\s/.test(t[j - 1])) j--;
  return j;
}

/** The longest common prefix of the strings. */
export function commonPrefix(items: string[]): string {
  if (items.length === 0) return "";
  let p = items[0];
  for (const s of items) {
    let i = 0;
    while (i < p.length && i < s.length && p[i] === s[i]) i++;
    p = p.slice(0, i);
  }
  return p;
}

/**
 * Lays out completion candidates in columns, top to bottom then left to right, as readline's
 * rl_display_match_list does: column width = longest + 2, as many columns as fit in `cols`.
 */
export function formatColumns(items: string[], cols: number): string[] {
  if (items.length === 0) return [];
  const max = Math.max(...items.map((s) => s.length)) + 2;
  let limit = Math.floor(cols / max);
  if (limit !== 1 && limit * max === cols) limit--;
  if (limit <= 0) limit = 1;
  const rows = Math.ceil(items.length / limit);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = "";
    for (let c = 0; c < limit; c++) {
      const idx = r + c * rows;
      if (idx >= items.length) break;
      const item = items[idx];
      line += item;
      if (c + 1 < limit && idx + rows < items.length) line += " ".repeat(max - item.length);
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Whether a command text is unfinished the way bash would ask for more with PS2: an unclosed
 * quote, a trailing backslash, a trailing `|`, `&&` or `||`, or an open do/then/case/{ block.
 */
export function needsMoreInput(text: string): boolean {
  let quote: "'" | '"' | undefined;
  let depth = 0;
  let word = "";
  let atCommandStart = true;
  let lastSignificant = "";
  const endWord = () => {
    if (!word) return;
    const wasStart = atCommandStart;
    if (wasStart && OPENERS.includes(word)) depth++;
    else if (wasStart && CLOSERS.includes(word)) depth--;
    atCommandStart = wasStart && KEEP_START.includes(word);
    word = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      continue;
    }
    if (quote === '"') {
      if (c === "\\") i++;
      else if (c === '"') quote = undefined;
      continue;
    }
    if (c === "\\") {
      if (i === text.length - 1) return true;
      word += text[i + 1] === "\n" ? "" : text[i + 1];
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      word += "x";
      lastSignificant = "x";
      continue;
    }
    if (c === "#" && word === "") {
      while (i < text.length && text[i] !== "\n") i++;
      endWord();
      atCommandStart = true;
      continue;
    }
    if (/\s/.test(c)) {
      endWord();
      if (c === "\n") atCommandStart = true;
      continue;
    }
    if (c === ";" || c === "|" || c === "&" || c === "(" || c === ")") {
      endWord();
      atCommandStart = true;
      lastSignificant = c;
      continue;
    }
    word += c;
    lastSignificant = "x";
  }
  if (quote) return true;
  endWord();
  if (depth > 0) return true;
  const trimmed = text.replace(/\s+$/, "");
  return (lastSignificant === "|" || lastSignificant === "&") && /(\||&&)$/.test(trimmed);
}

const OPENERS = ["if", "do", "case", "{"];
const CLOSERS = ["fi", "done", "esac", "}"];
/** words after which the next word is still in command position */
const KEEP_START = ["do", "then", "else", "elif", "if", "while", "until", "{", "!", "time"];
