/**
 * Line editor rendering on a small terminal emulator (printable text with xterm's pending-wrap,
 * CR, LF, BS, CUU/CUD/CUF/CUB, EL, ED, CUP home): after any key sequence the visible screen shows
 * prompt + line and the terminal cursor sits on the editor's cursor, also across wrapped rows.
 */
import { describe, expect, it } from "vitest";
import { LineEditor } from "./line-editor.js";

class Screen {
  rows: string[][] = [[]];
  r = 0;
  c = 0;
  wrapPending = false;
  constructor(readonly cols: number) {}
  private row(i: number): string[] {
    while (this.rows.length <= i) this.rows.push([]);
    return this.rows[i];
  }
  write(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch === "\x1b") {
        const m = /^\x1b\[([0-9;?]*)([A-Za-z])/.exec(s.slice(i));
        if (!m) throw new Error("unsupported escape " + JSON.stringify(s.slice(i, i + 6)));
        i += m[0].length - 1;
        const n = Number(m[1] || "1");
        this.wrapPending = false;
        switch (m[2]) {
          case "A": this.r = Math.max(0, this.r - n); break;
          case "B": this.r += n; break;
          case "C": this.c = Math.min(this.cols - 1, this.c + n); break;
          case "D": this.c = Math.max(0, this.c - n); break;
          case "K": this.row(this.r).length = Math.min(this.row(this.r).length, this.c); break;
          case "J": if (m[1] === "2") { this.rows = [[]]; } else { this.row(this.r).length = Math.min(this.row(this.r).length, this.c); this.rows.length = this.r + 1; } break;
          case "H": this.r = 0; this.c = 0; break;
          default: throw new Error("unsupported CSI " + m[0]);
        }
        continue;
      }
      if (ch === "\r") { this.c = 0; this.wrapPending = false; continue; }
      if (ch === "\n") { this.r++; this.wrapPending = false; continue; }
      if (ch === "\b") { this.c = Math.max(0, this.c - 1); this.wrapPending = false; continue; }
      if (ch === "\x07") continue;
      if (this.wrapPending) { this.r++; this.c = 0; this.wrapPending = false; }
      const row = this.row(this.r);
      while (row.length < this.c) row.push(" ");
      row[this.c] = ch;
      if (this.c === this.cols - 1) this.wrapPending = true;
      else this.c++;
    }
  }
  text(): string[] {
    return this.rows.map((r) => r.join(""));
  }
}

function setup(cols: number, history: string[] = []) {
  const screen = new Screen(cols);
  const ed = new LineEditor({ prompt: () => "$ ", cols, history });
  const feed = (k: string) => {
    for (const e of k === "" ? ed.start() : ed.feed(k)) if (e.type === "output") screen.write(e.data);
  };
  feed("");
  /** checks the screen shows the line and the cursor is where the editor says */
  const check = (expectedLine: string) => {
    expect(ed.line).toBe(expectedLine);
    const full = "$ " + ed.line;
    const lines = screen.text();
    const shown = lines.join("").replace(/\s+$/, "");
    expect(shown).toBe(full.replace(/\s+$/, ""));
    const pos = 2 + ed.cursor;
    expect([screen.r, screen.c]).toEqual([Math.floor(pos / cols), pos % cols]);
  };
  return { ed, screen, feed, check };
}

describe("rendering across wrapped rows", () => {
  it("typing past the width wraps and the cursor follows", () => {
    const t = setup(10);
    t.feed("abcdefgh");
    t.check("abcdefgh");
    t.feed("ijklmnopqrstu");
    t.check("abcdefghijklmnopqrstu");
  });

  it("moving, inserting and deleting across rows keeps screen and cursor in sync", () => {
    const t = setup(10);
    const keys = ["0123456789abcdefghij", "\x01", "X", "\x1b[C", "\x1b[C", "\x1b[3~", "\x05", "\x7f", "\x7f", "\x7f", "\x1bb", "Y", "\x0b", "\x02", "\x02", "\x15", "zz", "\x05"];
    const lines: string[] = [];
    for (const k of keys) {
      t.feed(k);
      lines.push(t.ed.line);
      t.check(t.ed.line);
    }
    expect(lines.at(-1)).toBe("zzY");
  });

  it("the cursor lands right when the text ends exactly at the right margin", () => {
    const t = setup(10);
    t.feed("12345678");
    t.check("12345678");
    t.feed("\x7f");
    t.check("1234567");
    t.feed("8");
    t.check("12345678");
    t.feed("\x01");
    t.check("12345678");
    t.feed("\x05");
    t.check("12345678");
  });

  it("history recall of a long entry over a short one clears the leftovers", () => {
    const t = setup(10, ["short", "a-very-long-command-line-that-wraps"]);
    t.feed("\x1b[A");
    t.check("a-very-long-command-line-that-wraps");
    t.feed("\x1b[A");
    t.check("short");
    t.feed("\x1b[B");
    t.check("a-very-long-command-line-that-wraps");
    t.feed("\x1b[B");
    t.check("");
  });

  it("reverse-i-search draws over the prompt and an accepted match redraws with it", () => {
    const t = setup(20, ["systemctl status nginx"]);
    t.feed("\x12");
    t.feed("nginx");
    expect(t.screen.text().join("")).toBe("(reverse-i-search)`nginx': systemctl status nginx");
    t.feed("\x05");
    t.check("systemctl status nginx");
  });
});
