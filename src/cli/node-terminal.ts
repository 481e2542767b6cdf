/**
 * The real terminal for `faultline play`: raw mode on stdin, bracketed paste on, output with
 * LF turned into CRLF, the wall clock, a blocking sleep (Atomics.wait) and a non-blocking read
 * of fd 0 for input that arrives while the synchronous engine runs a command (Node puts a TTY
 * stdin in non-blocking mode, so a read with nothing pending fails with EAGAIN). `close()`
 * restores the terminal.
 */
import { readSync } from "node:fs";
import type { PlayTerminal } from "./play.js";

/**
 * Atomics.wait, captured at load: while a command line runs, the interpreter library's
 * defence-in-depth replaces globals such as Atomics.wait for the sandboxed script. Pacing is
 * trusted host code, so it keeps its own reference instead of loosening the sandbox for scripts.
 */
const atomicsWait = Atomics.wait.bind(Atomics);

export interface NodeTerminal extends PlayTerminal {
  close(): void;
}

export function openNodeTerminal(stdin: NodeJS.ReadStream = process.stdin, stdout: NodeJS.WriteStream = process.stdout): NodeTerminal {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const buf = Buffer.alloc(4096);
  const decoder = new TextDecoder();
  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  const write = (s: string) => {
    stdout.write(s.replace(/\r?\n/g, "\r\n"));
  };
  write("\x1b[?2004h");
  const term: NodeTerminal = {
    cols: stdout.columns || 80,
    rows: stdout.rows || 24,
    write,
    onInput(cb) {
      const f = (d: string | Buffer) => cb(typeof d === "string" ? d : d.toString("utf8"));
      stdin.on("data", f);
      return () => stdin.off("data", f);
    },
    pollInput() {
      if (!stdin.isTTY) return "";
      let out = "";
      for (;;) {
        let n = 0;
        try {
          n = readSync((stdin as unknown as { fd: number }).fd ?? 0, buf, 0, buf.length, null);
        } catch {
          break; // EAGAIN: nothing pending
        }
        if (n <= 0) break;
        out += decoder.decode(buf.subarray(0, n), { stream: true });
        if (n < buf.length) break;
      }
      return out;
    },
    sleepSync(ms) {
      if (ms > 0) atomicsWait(sleeper, 0, 0, ms);
    },
    nowMs: () => Date.now(),
    onResize(cb) {
      const f = () => {
        term.cols = stdout.columns || 80;
        term.rows = stdout.rows || 24;
        cb(term.cols, term.rows);
      };
      stdout.on("resize", f);
      return () => stdout.off("resize", f);
    },
    close() {
      write("\x1b[?2004l");
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
    },
  };
  return term;
}
