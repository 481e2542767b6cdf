/**
 * The in-app session player: an xterm.js terminal driven by the replay layer's player model
 * (src/replay/player.ts — no timers of its own; this component's animation frame is the clock).
 * Play / pause, step to the next command or milestone, seek on the progress bar, speed
 * 0.5×–8×, skip idle time; milestones (first key evidence, hypothesis, fix, verification) are
 * markers on the progress bar, and a caption line shows the narration of the current step.
 * `startAtMs` (player ms) opens the replay paused at that moment.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
// player.js directly, not the replay index: that would pull the engine (replaySession) into this chunk
import { createPlayer, type Player, type PlayerState } from "../../replay/player.js";
import { toAsciicast } from "../../replay/asciicast.js";
import { downloadText } from "../lib/format.js";
import type { SessionLog } from "../../replay/index.js";
import type { Milestone } from "../../grading/index.js";
import type { ReplayCaption } from "../worker/protocol.js";
import { registerTerminal } from "../lib/test-hook.js";
import "./replay.css";

export const SPEEDS = [0.5, 1, 2, 4, 8] as const;
/** "skip idle time" shortens every pause to this */
export const IDLE_LIMIT_MS = 2000;

export interface ReplayPlayerProps {
  log: SessionLog;
  milestones: readonly Milestone[];
  captions?: readonly ReplayCaption[];
  /** open paused at this sim ms of the session (e.g. a report's timeline entry) */
  startAtSimMs?: number;
  /** accessible name of the player region */
  label: string;
  /** file name (without extension) and title of the asciicast downloads */
  castName: string;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The caption in force at player ms: the last one whose command was typed at or before it. */
export function captionAt(p: Player, captions: readonly ReplayCaption[], ms: number): string {
  let text = "";
  for (const c of captions) {
    const at = c.command < p.commands.length ? p.commands[c.command]!.ms : p.durationMs;
    if (at <= ms) text = c.text;
  }
  return text;
}

/** The player ms when the first command typed at or after a session sim ms has shown its output. */
function playerMsAtSim(p: Player, log: SessionLog, simMs: number): number {
  let index = 0;
  for (const e of log.events) {
    if (e[1] !== "input") continue;
    if (e[0] >= simMs) break;
    index++;
  }
  return index < p.commands.length ? p.commands[index]!.endMs : p.durationMs;
}

/** Downloads the session as an asciicast (v3 for asciinema-player 3.x, v2 for asciinema 2.x), milestones as markers. */
function downloadCast(log: SessionLog, milestones: readonly Milestone[], name: string, version: 2 | 3): void {
  const cast = toAsciicast(log, { version, input: true, markers: milestones.map((m) => ({ simMs: m.simMs, label: m.label })), title: name, idleTimeLimit: IDLE_LIMIT_MS / 1000 });
  downloadText(`${name}.v${version}.cast`, cast, "application/x-asciicast");
}

export function ReplayPlayer({ log, milestones, captions = [], startAtSimMs, label, castName }: ReplayPlayerProps) {
  const [skipIdle, setSkipIdle] = useState(true);
  const player = useMemo(
    () => createPlayer(log, { idleLimitMs: IDLE_LIMIT_MS, markers: milestones.map((m) => ({ simMs: m.simMs, label: m.label })) }),
    [log, milestones],
  );
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | undefined>(undefined);
  const [state, setState] = useState<PlayerState>(() => player.state());

  useEffect(() => {
    const t = new Terminal({
      cols: player.cols,
      rows: player.rows,
      convertEol: false,
      disableStdin: true,
      cursorBlink: false,
      fontFamily: '"DejaVu Sans Mono", "Menlo", "Consolas", monospace',
      fontSize: 14,
      // room below the baseline: at 1.0 underscores are clipped ("oom_score_adj" reads "oom score adj")
      lineHeight: 1.15,
      scrollback: 2000,
      theme: { background: "#0d1117", foreground: "#d7dde4", cursor: "#d7dde4", selectionBackground: "#33506e" },
    });
    t.open(host.current!);
    term.current = t;
    registerTerminal(t);
    const at = startAtSimMs === undefined ? undefined : playerMsAtSim(player, log, startAtSimMs);
    if (at === undefined) t.write(player.play());
    else t.write(player.seek(at));
    setState(player.state());
    let last = performance.now();
    let frame = requestAnimationFrame(function loop(now: number) {
      const bytes = player.tick(now - last);
      last = now;
      if (bytes) write(bytes);
      setState((prev) => {
        const s = player.state();
        return prev.ms === s.ms && prev.playing === s.playing && prev.speed === s.speed && prev.ended === s.ended ? prev : s;
      });
      frame = requestAnimationFrame(loop);
    });
    return () => {
      cancelAnimationFrame(frame);
      registerTerminal(undefined);
      term.current = undefined;
      t.dispose();
    };
  }, [player, log, startAtSimMs]);

  /** writes player bytes, following the recording's terminal size */
  function write(bytes: string): void {
    const t = term.current;
    if (!t) return;
    const { cols, rows } = player.size();
    if (cols !== t.cols || rows !== t.rows) t.resize(cols, rows);
    t.write(bytes);
  }
  const act = (f: () => string | void) => () => {
    const bytes = f();
    if (bytes) write(bytes);
    setState(player.state());
  };

  const duration = player.durationMs;
  const pct = (ms: number) => `${duration > 0 ? Math.min(100, (ms / duration) * 100) : 0}%`;
  const caption = captionAt(player, captions, state.ms);
  const seekTo = (e: React.MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const ms = Math.round(((e.clientX - r.left) / r.width) * duration);
    act(() => player.seek(ms))();
  };

  return (
    <section className="replay" aria-label={label}>
      <div className="replay-term" ref={host} data-testid="replay-terminal" />
      {captions.length > 0 && (
        <p className="replay-caption" data-testid="replay-caption" aria-live="polite">
          {caption || "\u00a0"}
        </p>
      )}
      <div className="replay-bar" data-testid="replay-bar">
        <div className="replay-track" onClick={seekTo} role="slider" aria-label="Position" aria-valuemin={0} aria-valuemax={Math.round(duration / 1000)} aria-valuenow={Math.round(state.ms / 1000)} aria-valuetext={`${clock(state.ms)} of ${clock(duration)}`} tabIndex={0}
          onKeyDown={(e) => {
            if (e.key === "ArrowRight") act(() => player.seek(state.ms + 5000))();
            else if (e.key === "ArrowLeft") act(() => player.seek(state.ms - 5000))();
          }}>
          <div className="replay-fill" style={{ width: pct(state.ms) }} />
        </div>
        {player.markers.map((m, i) => (
          <button key={i} className={`replay-marker${state.ms >= m.ms ? " passed" : ""}`} style={{ left: pct(m.ms) }} title={m.label} aria-label={`Milestone: ${m.label}`} data-testid="replay-marker" onClick={act(() => player.seek(m.ms))} />
        ))}
      </div>
      <div className="replay-controls">
        <button onClick={act(() => (state.playing ? player.pause() : player.play()))} data-testid="replay-play">
          {state.playing ? "Pause" : state.ended ? "Replay" : "Play"}
        </button>
        <button onClick={act(() => player.seek(0))} aria-label="Seek to start" title="Back to the start">
          « Start
        </button>
        <button onClick={act(() => player.stepCommand())} disabled={state.ended}>
          Next command
        </button>
        <button onClick={act(() => player.stepMarker())} disabled={state.ended || player.markers.every((m) => m.ms <= state.ms)}>
          Next milestone
        </button>
        <span className="replay-time">
          {clock(state.ms)} / {clock(duration)}
        </span>
        <label>
          Speed{" "}
          <select value={state.speed} onChange={(e) => act(() => player.setSpeed(Number(e.target.value)))()}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={skipIdle}
            onChange={(e) => {
              setSkipIdle(e.target.checked);
              act(() => player.setIdleLimit(e.target.checked ? IDLE_LIMIT_MS : undefined))();
            }}
          />{" "}
          Skip idle time
        </label>
        <button className="link" onClick={() => downloadText(`${castName}.session.json`, JSON.stringify(log), "application/json")}>
          Download session (.json)
        </button>
        <button className="link" onClick={() => downloadCast(log, milestones, castName, 3)}>
          Download .cast (v3)
        </button>
        <button className="link" onClick={() => downloadCast(log, milestones, castName, 2)}>
          Download .cast (v2)
        </button>
      </div>
      {player.markers.length > 0 && (
        <ol className="replay-milestones">
          {player.markers.map((m, i) => (
            <li key={i}>
              <button className="link" onClick={act(() => player.seek(m.ms))}>
                {clock(m.ms)}
              </button>{" "}
              {m.label}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
