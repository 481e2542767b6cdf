/**
 * The player model: playing straight through writes every byte of the recording once, in
 * order; seeking anywhere then playing on writes what straight play would have; after any
 * sequence of ticks, seeks, steps, speed and idle-limit changes the terminal holds exactly what
 * a fresh seek to the same position gives (fast-check properties over generated recordings and
 * a real interactive session); commands, markers, pause-on-marker, idle compression, resizes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildHost, demoHostSpec } from "../engine/index.js";
import { createSession } from "../shell/index.js";
import { parseAsciicast, toAsciicast, type CastEvent, type ParsedCast } from "./asciicast.js";
import { createPlayer, TERMINAL_RESET, type Player, type PlayerSource } from "./player.js";
import { SessionRecorder, type SessionLog } from "./session-log.js";

const cast = (events: CastEvent[], idle?: number): ParsedCast => ({ version: 2, header: { cols: 80, rows: 24, raw: {}, ...(idle !== undefined ? { idleTimeLimit: idle } : {}) }, events });

/** Every output byte of a recording, in order. */
const allBytes = (c: ParsedCast): string => c.events.filter((e) => e[1] === "o").map((e) => e[2]).join("");

/** Plays straight through with the given tick sizes (cycled) until the end. */
function playStraight(p: Player, ticks: number[]): string {
  let out = p.state().ended ? "" : p.play();
  for (let i = 0; !p.state().ended; i++) out += p.tick(ticks[i % ticks.length]!);
  return out;
}

const arbCast: fc.Arbitrary<ParsedCast> = fc
  .array(
    fc.record({
      gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20_000 })),
      code: fc.constantFrom("o", "o", "o", "i", "m", "r"),
      text: fc.string({ maxLength: 6 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((xs) => {
    let t = 0;
    return cast(
      xs.map(({ gap, code, text }, i): CastEvent => {
        t += gap;
        return [t, code, code === "r" ? `${80 + (i % 5)}x${24 + (i % 3)}` : code === "i" ? `${text}\r` : `${i}:${text}`];
      }),
    );
  });

const arbTicks = fc.array(fc.integer({ min: 0, max: 7_000 }), { minLength: 1, maxLength: 8 }).filter((t) => t.some((x) => x > 0));

async function interactiveLog(): Promise<SessionLog> {
  const host = buildHost(demoHostSpec(11));
  const session = createSession(host, { interactive: true, cols: 100, rows: 30 });
  const rec = new SessionRecorder(session, { engineVersion: "0.1.0", scenarioId: "demo", scenarioHash: "x", seed: 11 });
  rec.wait(4000);
  await rec.run("uptime");
  rec.wait(90_000);
  rec.hypothesis("nothing wrong yet");
  await rec.run("vmstat 1 3");
  rec.wait(2000);
  const top = (await rec.run("top")).screen!;
  rec.frame(top.render(session.cols, session.rows));
  rec.wait(3000);
  rec.frame(top.render(session.cols, session.rows));
  rec.key(top, "q");
  rec.wait(1000);
  rec.resize(120, 35);
  await rec.run("free -m");
  rec.stop();
  return rec.toJSON();
}

describe("player: properties", () => {
  it("straight play writes every byte once, in order, whatever the tick sizes and speed", () => {
    fc.assert(
      fc.property(arbCast, arbTicks, fc.constantFrom(0.5, 1, 2, 16), (c, ticks, speed) => {
        const p = createPlayer(c, { speed });
        expect(playStraight(p, ticks)).toBe(allBytes(c));
      }),
    );
  });

  it("seeking to any point then playing on gives exactly a straight replay", () => {
    fc.assert(
      fc.property(arbCast, arbTicks, fc.double({ min: 0, max: 1, noNaN: true }), (c, ticks, at) => {
        const straight = createPlayer(c);
        const whole = playStraight(straight, ticks);
        const p = createPlayer(c);
        const target = at * p.durationMs;
        const seeked = p.seek(target);
        expect(seeked.startsWith(TERMINAL_RESET)).toBe(true);
        const rest = playStraight(p, ticks);
        expect(seeked.slice(TERMINAL_RESET.length) + rest).toBe(whole);
        // and the seek's bytes are what straight play had written by then
        const q = createPlayer(c);
        let upTo = q.play();
        while (q.state().ms < target) upTo += q.tick(Math.min(1000, target - q.state().ms));
        upTo += q.tick(0);
        expect(seeked.slice(TERMINAL_RESET.length)).toBe(upTo);
      }),
    );
  });

  it("after any operations the terminal holds what a fresh seek to the same position writes", () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant("tick" as const), n: fc.integer({ min: 0, max: 9000 }) }),
      fc.record({ k: fc.constant("seek" as const), n: fc.integer({ min: -100, max: 200_000 }) }),
      fc.record({ k: fc.constant("speed" as const), n: fc.constantFrom(0.25, 1, 3, 0, -1) }),
      fc.record({ k: fc.constant("idle" as const), n: fc.constantFrom(0, 500, 2000, 60_000) }),
      fc.record({ k: fc.constantFrom("play" as const, "pause" as const, "step" as const), n: fc.constant(0) }),
    );
    fc.assert(
      fc.property(arbCast, fc.array(op, { maxLength: 25 }), (c0, ops) => {
        const c = cast(c0.events.filter((e) => e[1] !== "m"));
        const p = createPlayer(c);
        let screen = p.seek(0);
        for (const o of ops) {
          const w = (s: string) => (screen = s.startsWith(TERMINAL_RESET) ? s : screen + s);
          if (o.k === "tick") w(p.tick(o.n));
          else if (o.k === "seek") w(p.seek(o.n));
          else if (o.k === "speed") p.setSpeed(o.n);
          else if (o.k === "idle") w(p.setIdleLimit(o.n || undefined));
          else if (o.k === "play") w(p.play());
          else if (o.k === "pause") p.pause();
          else w(p.stepCommand());
        }
        const fresh = createPlayer(c);
        fresh.setIdleLimit(ops.filter((o) => o.k === "idle").at(-1)?.n || undefined);
        expect(screen).toBe(fresh.seek(p.state().ms));
        expect(p.size()).toEqual(fresh.size());
        expect(p.state().ms).toBeGreaterThanOrEqual(0);
        expect(p.state().ms).toBeLessThanOrEqual(p.durationMs);
      }),
    );
  });

  it("a real interactive session (streaming, top on the alternate screen, a resize): seek to the middle and continue = straight", async () => {
    const log = await interactiveLog();
    const whole = playStraight(createPlayer(log), [250]);
    expect(whole).toBe(parseAsciicast(toAsciicast(log, { version: 3 })).events.filter((e) => e[1] === "o").map((e) => e[2]).join(""));
    const p = createPlayer(log);
    for (const at of [0, 0.1, 0.37, 0.5, 0.63, 0.99, 1]) {
      const s = p.seek(at * p.durationMs);
      expect(s.slice(TERMINAL_RESET.length) + playStraight(p, [250])).toBe(whole);
    }
  });
});

describe("player: behaviour", () => {
  const sample = (): ParsedCast =>
    cast([
      [0, "o", "$ "],
      [5000, "m", "first"],
      [5000, "i", "uptime\r"],
      [5000, "o", "uptime\r\n up\r\n$ "],
      [65_000, "i", "top\r"],
      [65_000, "o", "top\r\n\x1b[?1049h"],
      [65_000, "r", "120x40"],
      [68_000, "m", "second"],
      [68_000, "o", "\x1b[?1049l$ "],
    ]);

  it("plays at the UI's pace and speed, and pauses", () => {
    const p = createPlayer(sample());
    expect(p.tick(1000)).toBe("");
    expect(p.play()).toBe("$ ");
    expect(p.tick(0)).toBe("");
    expect(p.tick(4999)).toBe("");
    expect(p.tick(1)).toBe("uptime\r\n up\r\n$ ");
    expect(p.state()).toEqual({ ms: 5000, playing: true, speed: 1, ended: false, marker: { ms: 5000, label: "first" } });
    p.setSpeed(10);
    expect(p.tick(6000)).toBe("top\r\n\x1b[?1049h");
    expect(p.size()).toEqual({ cols: 120, rows: 40 });
    p.pause();
    expect(p.tick(10_000)).toBe("");
    p.play();
    expect(p.tick(300)).toBe("\x1b[?1049l$ ");
    expect(p.state()).toMatchObject({ ms: 68_000, playing: false, ended: true });
    // play at the end starts over
    expect(p.play()).toBe(TERMINAL_RESET + "$ ");
    expect(p.tick(0)).toBe("");
  });

  it("lists markers and commands; steps to the next command's output and to the next marker", () => {
    const p = createPlayer(sample());
    expect(p.markers).toEqual([{ ms: 5000, label: "first" }, { ms: 68_000, label: "second" }]);
    expect(p.commands).toEqual([{ ms: 5000, endMs: 5000, line: "uptime" }, { ms: 65_000, endMs: 65_000, line: "top" }]);
    expect(p.stepCommand()).toBe("$ uptime\r\n up\r\n$ ");
    expect(p.stepCommand()).toBe("top\r\n\x1b[?1049h");
    expect(p.stepCommand()).toBe("");
    const q = createPlayer(sample());
    expect(q.stepMarker()).toBe("$ ");
    expect(q.state()).toMatchObject({ ms: 5000, playing: false, marker: { label: "first" } });
    expect(q.stepMarker()).toBe("uptime\r\n up\r\n$ top\r\n\x1b[?1049h");
    expect(q.stepMarker()).toBe("");
    expect(q.play()).toBe("\x1b[?1049l$ ");
  });

  it("pauses on markers when asked, before the command the marker announces", () => {
    const p = createPlayer(sample(), { pauseOnMarkers: true });
    expect(p.play()).toBe("$ ");
    expect(p.tick(100_000)).toBe("");
    expect(p.state()).toMatchObject({ ms: 5000, playing: false, marker: { label: "first" } });
    expect(p.play()).toBe("uptime\r\n up\r\n$ ");
    expect(p.tick(100_000)).toBe("top\r\n\x1b[?1049h");
    expect(p.state()).toMatchObject({ ms: 68_000, playing: false, ended: false });
    expect(p.play()).toBe("\x1b[?1049l$ ");
    expect(p.tick(0)).toBe("");
    expect(p.state().ended).toBe(true);
  });

  it("compresses pauses longer than the idle limit (the cast's idle_time_limit by default), keeping the position when it changes", () => {
    expect(createPlayer(sample()).durationMs).toBe(68_000);
    const p = createPlayer(cast(sample().events, 2));
    expect(p.durationMs).toBe(2000 + 2000 + 2000);
    expect(p.commands.map((c) => c.ms)).toEqual([2000, 4000]);
    p.seek(4000);
    expect(p.setIdleLimit(undefined)).toBe("");
    expect(p.state().ms).toBe(65_000);
    expect(p.durationMs).toBe(68_000);
  });

  it("a session log source: commands end when their output is complete; markers as given", async () => {
    const log = await interactiveLog();
    const t0 = log.header.startedSimMs;
    const p = createPlayer(log, { markers: [{ simMs: t0 + 94_000, label: "vmstat" }] });
    expect(p.commands.map((c) => c.line)).toEqual(["uptime", "vmstat 1 3", "top", "free -m"]);
    const vm = p.commands[1]!;
    expect(vm.endMs - vm.ms).toBe(2000);
    expect(p.markers).toEqual([{ ms: 94_000, label: "vmstat" }]);
    p.stepCommand();
    const out = p.stepCommand();
    expect(out).toMatch(/^vmstat 1 3\r\nprocs -+memory/);
    expect(out.endsWith("sre@web-01:~$ ")).toBe(true);
    expect(p.state().ms).toBe(vm.endMs);
  });

  it("reads cast text too, and rejects a bad one with the line", () => {
    const text = toAsciicast({ header: { format: "faultline-session", version: 1, engineVersion: "0", scenarioId: "x", scenarioHash: "h", seed: 1, cols: 90, rows: 20, startedSimMs: 0, user: "sre", interactive: true, prompt: "$ " }, events: [[1000, "input", "ls"], [1000, "output", { stdout: "a\n", stderr: "", exitCode: 0, evidence: [], simMs: 0, prompt: "$ " }]] }, { version: 3, input: true });
    const p = createPlayer(text as PlayerSource);
    expect([p.cols, p.rows]).toEqual([90, 20]);
    expect(p.commands).toEqual([{ ms: 1000, endMs: 1000, line: "ls" }]);
    expect(playStraight(p, [500])).toBe("$ ls\r\na\r\n$ ");
    expect(() => createPlayer('{"version":2,"width":80,"height":24}\n[1, "o"]')).toThrow("line 2: an event must be [time, code, data]");
  });
});
