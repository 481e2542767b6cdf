/**
 * The xterm.js terminal, fitted to its pane (refitted on resize). Keys go to the engine worker
 * raw (the worker's line editor handles them); output from the worker is written as it
 * streams. Calls onReady(cols, rows) once the terminal has its size, which starts the session.
 */
import { useEffect, useRef } from "react";
import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import "@xterm/xterm/css/xterm.css";
import { engine } from "../engine-client.js";
import { registerTerminal } from "../lib/test-hook.js";

export function TerminalPane({ onReady }: { onReady(cols: number, rows: number): void }) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current!;
    const client = engine();
    const term = new Terminal({
      convertEol: true,
      cursorBlink: true,
      fontFamily: '"DejaVu Sans Mono", "Menlo", "Consolas", monospace',
      fontSize: 14,
      scrollback: 5000,
      theme: { background: "#0d1117", foreground: "#d7dde4", cursor: "#d7dde4", selectionBackground: "#33506e" },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    const refit = () => {
      try {
        fit.fit();
      } catch {
        // not laid out yet
      }
    };
    refit();
    registerTerminal(term);
    const offOut = client.on("output", (m) => term.write(m.data));
    const onData = term.onData((d) => client.input(d));
    const onResize = term.onResize(({ cols, rows }) => client.send({ type: "resize", cols, rows }));
    let frame = 0;
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(refit);
    });
    ro.observe(el);
    onReady(term.cols, term.rows);
    term.focus();
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      offOut();
      onData.dispose();
      onResize.dispose();
      registerTerminal(undefined);
      term.dispose();
    };
  }, [onReady]);

  return <div className="terminal" ref={host} data-testid="terminal" onClick={() => host.current?.querySelector("textarea")?.focus()} />;
}
