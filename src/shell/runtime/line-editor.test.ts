/**
 * Line editor: keystroke sequences -> resulting line, cursor, events and output. Rendering across
 * wrapped rows is checked on a tiny terminal emulator in line-editor-render.test.ts.
 */
import { describe, expect, it } from "vitest";
import { type CompletionResult, type EditorEvent, LineEditor, commonPrefix, formatColumns, needsMoreInput } from "./line-editor.js";

const PROMPT = "sre@web-01:~$ ";

function editor(opts: { history?: string[]; complete?: (l: string, c: number) => CompletionResult | undefined; cols?: number } = {}) {
  const ed = new LineEditor({ prompt: () => PROMPT, history: opts.history ?? [], complete: opts.complete, cols: opts.cols });
  const events: EditorEvent[] = [];
  events.push(...ed.start());
  const type = (...keys: string[]) => {
    for (const k of keys) events.push(...ed.feed(k));
    return ed;
  };
  const submits = () => events.filter((e) => e.type === "submit").map((e) => (e as { line: string }).line);
  const output = () => events.filter((e) => e.type === "output").map((e) => (e as { data: string }).data).join("");
  return { ed, events, type, submits, output };
}

describe("typing and editing", () => {
  it("echoes typed characters and shows the prompt first", () => {
    const t = editor();
    t.type("l", "s");
    expect(t.output()).toBe(PROMPT + "ls");
    expect(t.ed.line).toBe("ls");
    expect(t.ed.cursor).toBe(2);
  });

  it("submits on Enter with a CRLF and goes idle", () => {
    const t = editor();
    t.type("uptime\r");
    expect(t.submits()).toEqual(["uptime"]);
    expect(t.output()).toBe(PROMPT + "uptime\r\n");
    expect(t.ed.isActive).toBe(false);
  });

  it("backspace erases at the end with \\b \\b", () => {
    const t = editor();
    t.type("lsx", "\x7f");
    expect(t.ed.line).toBe("ls");
    expect(t.output()).toBe(PROMPT + "lsx\b \b");
    t.type("\x08");
    expect(t.ed.line).toBe("l");
  });

  it("moves with arrows and inserts in the middle (redrawing the rest)", () => {
    const t = editor();
    t.type("df -h", "\x1b[D", "\x1b[D", "\x1b[D", "\x1b[D", "u");
    expect(t.ed.line).toBe("duf -h");
    expect(t.ed.cursor).toBe(2);
    t.type("\x1b[C", "\x1b[C");
    expect(t.ed.cursor).toBe(4);
  });

  it("Home and End in all encodings, Ctrl-A and Ctrl-E", () => {
    for (const home of ["\x1b[H", "\x1bOH", "\x1b[1~", "\x1b[7~", "\x01"]) {
      const t = editor();
      t.type("free -m", home);
      expect(t.ed.cursor, JSON.stringify(home)).toBe(0);
    }
    for (const end of ["\x1b[F", "\x1bOF", "\x1b[4~", "\x1b[8~", "\x05"]) {
      const t = editor();
      t.type("free -m", "\x01", end);
      expect(t.ed.cursor, JSON.stringify(end)).toBe(7);
    }
  });

  it("Ctrl-B/F, Delete and Ctrl-D delete under the cursor", () => {
    const t = editor();
    t.type("abcd", "\x02", "\x02", "\x1b[3~");
    expect([t.ed.line, t.ed.cursor]).toEqual(["abd", 2]);
    t.type("\x04");
    expect([t.ed.line, t.ed.cursor]).toEqual(["ab", 2]);
    t.type("\x01", "\x06");
    expect(t.ed.cursor).toBe(1);
  });

  it("Ctrl-U, Ctrl-K, Ctrl-W kill and Ctrl-Y yanks", () => {
    const t = editor();
    t.type("ps aux --sort=-%mem", "\x17");
    expect(t.ed.line).toBe("ps aux ");
    t.type("\x19");
    expect(t.ed.line).toBe("ps aux --sort=-%mem");
    t.type("\x01", "\x1bf", "\x0b");
    expect(t.ed.line).toBe("ps");
    t.type("\x15");
    expect(t.ed.line).toBe("");
    t.type("\x19");
    expect(t.ed.line).toBe("ps");
  });

  it("Alt-B/F, Ctrl-Left/Right move by words; Alt-D and Alt-Backspace kill words", () => {
    const t = editor();
    t.type("tail -f /var/log/syslog", "\x1bb");
    expect(t.ed.cursor).toBe(17);
    t.type("\x1b[1;5D");
    expect(t.ed.cursor).toBe(13);
    t.type("\x1bd");
    expect(t.ed.line).toBe("tail -f /var//syslog");
    t.type("\x1b\x7f");
    expect(t.ed.line).toBe("tail -f //syslog");
    t.type("\x1b[1;5C");
    expect(t.ed.cursor).toBe(16);
  });

  it("Ctrl-T transposes characters", () => {
    const t = editor();
    t.type("sl", "\x14");
    expect(t.ed.line).toBe("ls");
  });

  it("Ctrl-L clears the screen and redraws the line", () => {
    const t = editor();
    t.type("ls", "\x0c");
    expect(t.output()).toBe(PROMPT + "ls\x1b[H\x1b[2J" + PROMPT + "ls\x1b[K");
    expect(t.ed.line).toBe("ls");
  });

  it("Ctrl-C discards the line, prints ^C and a fresh prompt", () => {
    const t = editor();
    t.type("rm -rf /", "\x03");
    expect(t.events.some((e) => e.type === "interrupt")).toBe(true);
    expect(t.ed.line).toBe("");
    expect(t.ed.isActive).toBe(true);
    expect(t.output()).toBe(PROMPT + "rm -rf /^C\r\n" + PROMPT);
    expect(t.submits()).toEqual([]);
  });

  it("Ctrl-D on an empty line is eof; on a non-empty line it deletes", () => {
    const t = editor();
    t.type("x", "\x04");
    expect(t.events.some((e) => e.type === "eof")).toBe(false);
    t.type("\x7f", "\x04");
    expect(t.events.some((e) => e.type === "eof")).toBe(true);
    expect(t.ed.isActive).toBe(false);
  });

  it("splits escape sequences across chunks and ignores unknown ones", () => {
    const t = editor();
    t.type("ab", "\x1b", "[", "D", "X", "\x1b[5~", "\x1b[99Z");
    expect(t.ed.line).toBe("aXb");
  });
});

describe("history", () => {
  it("walks with Up/Down, Ctrl-P/N, and keeps the draft", () => {
    const t = editor({ history: ["uptime", "free -m"] });
    t.type("df", "\x1b[A");
    expect(t.ed.line).toBe("free -m");
    t.type("\x1bOA");
    expect(t.ed.line).toBe("uptime");
    t.type("\x1b[A");
    expect(t.ed.line).toBe("uptime");
    expect(t.output()).toContain("\x07");
    t.type("\x0e", "\x0e");
    expect(t.ed.line).toBe("df");
    t.type("\x10");
    expect(t.ed.line).toBe("free -m");
  });

  it("records submitted lines (no blanks, no leading space, no consecutive duplicates)", () => {
    const history: string[] = [];
    const t = editor({ history });
    t.type("ls\r");
    t.ed.start();
    t.type("ls\r");
    t.ed.start();
    t.type(" secret\r");
    t.ed.start();
    t.type("\r");
    expect(history).toEqual(["ls"]);
  });

  it("does not record when recordHistory is false", () => {
    const history: string[] = [];
    const ed = new LineEditor({ prompt: () => "$ ", history, recordHistory: false });
    ed.start();
    ed.feed("ls\r");
    expect(history).toEqual([]);
  });
});

describe("reverse-i-search", () => {
  const history = ["dmesg -T | tail", "free -m", "systemctl status nginx", "ps aux --sort=-%mem | head"];

  it("shows bash's search prompt and finds the newest match", () => {
    const t = editor({ history: [...history] });
    t.type("\x12", "s", "t");
    expect(t.output()).toContain("(reverse-i-search)`st': systemctl status nginx");
    expect(t.ed.searching).toBe(true);
    t.type("\r");
    expect(t.submits()).toEqual(["systemctl status nginx"]);
  });

  it("Ctrl-R again goes to older matches; a failed search says so", () => {
    const t = editor({ history: [...history] });
    t.type("\x12", "e");
    expect(t.output()).toContain("(reverse-i-search)`e': ps aux --sort=-%mem | head");
    t.type("\x12");
    expect(t.output()).toContain("(reverse-i-search)`e': systemctl status nginx");
    t.type("\x12");
    expect(t.output()).toContain("(reverse-i-search)`e': free -m");
    t.type("z");
    expect(t.output()).toContain("(failed reverse-i-search)`ez': free -m");
    t.type("\x7f");
    expect(t.output().endsWith("(reverse-i-search)`e': free -m\x1b[K\x1b[4D")).toBe(true);
  });

  it("an editing key accepts the match into the line; Ctrl-G restores the original", () => {
    const t = editor({ history: [...history] });
    t.type("\x12", "free", "\x05");
    expect(t.ed.searching).toBe(false);
    expect(t.ed.line).toBe("free -m");
    expect(t.ed.cursor).toBe(7);
    const u = editor({ history: [...history] });
    u.type("draft", "\x12", "dmesg", "\x07");
    expect(u.ed.line).toBe("draft");
  });

  it("Ctrl-C in a search discards it", () => {
    const t = editor({ history: [...history] });
    t.type("\x12", "ps", "\x03");
    expect(t.ed.line).toBe("");
    expect(t.ed.searching).toBe(false);
    expect(t.output()).toContain("(reverse-i-search)`ps': ps aux --sort=-%mem | head\x1b[K\x1b[26D\x1b[26C^C\r\n" + PROMPT);
  });
});

describe("completion", () => {
  const files = ["access.log", "auth.log", "apt/"];
  const complete = (line: string, cursor: number): CompletionResult => {
    const start = line.lastIndexOf(" ", cursor - 1) + 1;
    const w = line.slice(start, cursor);
    const c = files.filter((f) => f.startsWith(w));
    return { start, end: cursor, candidates: c };
  };

  it("a unique match completes fully with a space (directories with /)", () => {
    const t = editor({ complete });
    t.type("cat ac\t");
    expect(t.ed.line).toBe("cat access.log ");
    const u = editor({ complete });
    u.type("cd ap\t");
    expect(u.ed.line).toBe("cd apt/");
  });

  it("an ambiguous match completes the common prefix, rings, then lists on the second Tab", () => {
    const t = editor({ complete });
    t.type("cat a\t");
    expect(t.ed.line).toBe("cat a");
    expect(t.output().endsWith("\x07")).toBe(true);
    t.type("\t");
    expect(t.output()).toContain("\r\naccess.log  auth.log    apt/\r\n" + PROMPT + "cat a");
    expect(t.ed.line).toBe("cat a");
  });

  it("no candidates rings the bell", () => {
    const t = editor({ complete });
    t.type("cat zz\t");
    expect(t.output().endsWith("\x07")).toBe(true);
  });

  it("asks before listing many candidates", () => {
    const many = Array.from({ length: 120 }, (_, i) => `f${String(i).padStart(3, "0")}`);
    const t = editor({ complete: (l, c) => ({ start: 3, end: c, candidates: many }) });
    t.type("ls f\t", "\t");
    expect(t.output()).toContain("Display all 120 possibilities? (y or n)");
    t.type("n");
    expect(t.output().endsWith(PROMPT + "ls f\x1b[K")).toBe(true);
    t.type("\t", "\t", "y");
    expect(t.output()).toContain("f000");
  });

  it("formats columns top to bottom like readline", () => {
    expect(formatColumns(["a", "bb", "ccc", "d", "e"], 12)).toEqual(["a    d", "bb   e", "ccc"]);
    expect(formatColumns(["x"], 80)).toEqual(["x"]);
    expect(commonPrefix(["access.log", "acl"])).toBe("ac");
  });
});

describe("paste and typeahead", () => {
  it("a multi-line paste executes each line in turn", () => {
    const t = editor();
    t.type("\x1b[200~uptime\nfree -m\ndf -h\x1b[201~");
    expect(t.submits()).toEqual(["uptime"]);
    t.events.push(...t.ed.start());
    expect(t.submits()).toEqual(["uptime", "free -m"]);
    t.events.push(...t.ed.start());
    expect(t.ed.line).toBe("df -h");
    expect(t.ed.isActive).toBe(true);
  });

  it("pasted control characters are inserted literally, not interpreted", () => {
    const t = editor();
    t.type("\x1b[200~a\x03b\tc\x1b[20", "1~");
    expect(t.ed.line).toBe("ab c");
  });

  it("input while idle is kept and replayed at the next prompt", () => {
    const t = editor();
    t.type("sleep 5\r", "ls\r");
    expect(t.submits()).toEqual(["sleep 5"]);
    expect(t.ed.hasTypeahead).toBe(true);
    t.events.push(...t.ed.start());
    expect(t.submits()).toEqual(["sleep 5", "ls"]);
  });

  it("CRLF counts as one Enter", () => {
    const t = editor();
    t.type("a\r\nb\r\n");
    t.events.push(...t.ed.start());
    t.events.push(...t.ed.start());
    expect(t.submits()).toEqual(["a", "b"]);
  });
});

describe("continuation lines", () => {
  it("asks for more with '> ' and joins with newlines", () => {
    const t = editor();
    t.type("for i in 1 2; do\r");
    expect(t.output()).toContain("\r\n> ");
    t.type("echo $i\r", "done\r");
    expect(t.submits()).toEqual(["for i in 1 2; do\necho $i\ndone"]);
  });

  it("needsMoreInput recognises unfinished commands", () => {
    for (const s of ["echo 'abc", 'echo "x', "ls \\", "if true; then", "ps aux |", "true &&", "case x in", "{ echo"]) expect(needsMoreInput(s), s).toBe(true);
    for (const s of ["echo ok", "echo done", "ls | wc -l", "sleep 1 &", "echo 'a|'", "if true; then echo; fi", "echo \\|", "echo # |", "f() { echo; }"]) expect(needsMoreInput(s), s).toBe(false);
  });
});
