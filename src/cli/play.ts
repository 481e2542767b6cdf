/**
 * `faultline play`: the interactive loop between a terminal and a recorded shell session.
 * It prints the ssh login banner, edits lines with the shared LineEditor (completion from the
 * session), and runs each submitted line after advancing the sim clock by the wall time since
 * the previous line (capped at 10 min). While a line runs, the engine is synchronous, so the
 * loop paces it from inside `io.interrupted` (called before every sim step): it sleeps until the
 * wall clock catches up with the sim clock (so `vmstat 1` prints once a second) and polls the
 * terminal for input without blocking: Ctrl-C interrupts, anything else is typeahead. A line
 * that opens a full-screen program (top, watch) switches to the alternate screen, renders every
 * `intervalMs` (advancing the host by the wall time), forwards keys, and restores the screen on
 * exit. Ctrl-D on an empty line or `exit` logs out like ssh. The terminal is an interface, so
 * tests drive this loop with a fake one.
 */
import type { FullScreenProgram } from "../shell/index.js";
import { loginBanner, logoutText } from "./banner.js";
import { LineEditor, completeLine, type EditorEvent, type SessionRecorder } from "./pure-deps.js";

/** Wall-clock gap between two lines counted as sim time at most (10 min). */
export const MAX_IDLE_MS = 10 * 60 * 1000;

export interface PlayTerminal {
  cols: number;
  rows: number;
  write(data: string): void;
  /** subscribes to input arriving while no command runs; returns an unsubscribe function */
  onInput(cb: (data: string) => void): () => void;
  /** input that arrived while a command runs (never blocks); "" when none */
  pollInput(): string;
  /** blocks for `ms` of real time (pacing of a running command) */
  sleepSync(ms: number): void;
  /** the wall clock in ms */
  nowMs(): number;
  /** terminal resizes */
  onResize?(cb: (cols: number, rows: number) => void): () => void;
}

/** Splits raw input into keys (escape sequences kept whole) for full-screen programs. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  const re = /\x1b\[[0-9;?]*[\x40-\x7e]|\x1bO.|\x1b.|[\s\S]/g;
  for (const m of data.matchAll(re)) keys.push(m[0]);
  return keys;
}

/** A queue of input chunks with an awaitable `next` (optionally with a timeout). */
class InputQueue {
  private items: string[] = [];
  private waiter?: (v: string | undefined) => void;
  push(d: string): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(d);
    } else this.items.push(d);
  }
  next(timeoutMs?: number): Promise<string | undefined> {
    if (this.items.length) return Promise.resolve(this.items.shift());
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      this.waiter = (v) => {
        if (timer) clearTimeout(timer);
        resolve(v);
      };
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.waiter = undefined;
          resolve(undefined);
        }, Math.max(0, timeoutMs));
      }
    });
  }
}

/** Runs the interactive session until logout. */
export async function play(rec: SessionRecorder, term: PlayTerminal): Promise<void> {
  const session = rec.session;
  const host = rec.host;
  const queue = new InputQueue();
  const offInput = term.onInput((d) => queue.push(d));
  const offResize = term.onResize?.((cols, rows) => {
    rec.resize(cols, rows); // records it (asciicast "r") and resizes the session
    editor.setCols(cols);
  });
  const editor = new LineEditor({
    prompt: () => session.prompt(),
    complete: (line, cursor) => completeLine(session, line, cursor),
    history: session.history,
    recordHistory: false,
    cols: term.cols,
  });
  let lastWall = term.nowMs();
  let done = false;

  const advanceByWall = () => {
    const now = term.nowMs();
    rec.wait(Math.min(Math.max(0, now - lastWall), MAX_IDLE_MS));
    lastWall = now;
  };

  const logout = () => {
    term.write(logoutText(host));
    done = true;
  };

  const runScreen = async (screen: FullScreenProgram) => {
    term.write("\x1b[?1049h\x1b[?25l");
    const draw = () => {
      const frame = screen.render(session.cols, session.rows);
      rec.frame(frame); // the session log keeps what the terminal showed (asciicast export)
      term.write("\x1b[H" + frame.replace(/\n$/, "") + "\x1b[J");
    };
    await screen.refresh?.();
    draw();
    let nextFrame = term.nowMs() + screen.intervalMs;
    for (;;) {
      const data = await queue.next(nextFrame - term.nowMs());
      advanceByWall();
      if (data === undefined) {
        await screen.refresh?.();
        draw();
        nextFrame = term.nowMs() + screen.intervalMs;
        continue;
      }
      let exit = false;
      for (const k of splitKeys(data)) {
        if (k === "\x03") rec.leave(k);
        const r = k === "\x03" ? "exit" : rec.key(screen, k);
        if (r === "exit") {
          exit = true;
          break;
        }
      }
      if (exit) break;
      draw();
    }
    term.write("\x1b[?25h\x1b[?1049l");
  };

  const runLine = async (line: string) => {
    advanceByWall();
    const wallStart = term.nowMs();
    const simStart = host.nowMs;
    let interrupted = false;
    const poll = () => {
      const d = term.pollInput();
      if (!d) return;
      const at = d.indexOf("\x03");
      if (at >= 0) {
        interrupted = true;
        editor.discardTypeahead();
        return;
      }
      editor.feed(d);
    };
    const r = await rec.run(line, {
      onOutput: (chunk) => term.write(chunk),
      interrupted: () => {
        if (interrupted) return true;
        poll();
        for (;;) {
          if (interrupted) return true;
          const ahead = host.nowMs - simStart - (term.nowMs() - wallStart);
          if (ahead <= 0) return false;
          term.sleepSync(Math.min(ahead, 50));
          poll();
        }
      },
    });
    lastWall = term.nowMs();
    term.write(r.stdout + r.stderr);
    if (interrupted) term.write("^C\n");
    if (r.exit) return logout();
    if (r.screen) await runScreen(r.screen);
  };

  const handle = async (events: EditorEvent[]) => {
    const pending = [...events];
    while (pending.length && !done) {
      const e = pending.shift()!;
      if (e.type === "output") term.write(e.data);
      else if (e.type === "eof") logout();
      else if (e.type === "submit") {
        await runLine(e.line);
        if (!done) pending.push(...editor.start());
      }
    }
  };

  const banner = loginBanner(host);
  rec.setBanner(banner); // the asciicast starts with it, as the terminal did
  term.write(banner);
  try {
    await handle(editor.start());
    while (!done) {
      const data = await queue.next();
      if (data !== undefined) await handle(editor.feed(data));
    }
  } finally {
    offInput();
    offResize?.();
  }
}
