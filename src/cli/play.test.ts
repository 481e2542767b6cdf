/**
 * The play loop driven by a fake terminal: banner, prompt, line editing and completion, the sim
 * clock following the (fake) wall clock with the 10-minute cap, pacing of a running command,
 * Ctrl-C through the non-blocking poll, full-screen programs on the alternate screen, and
 * logout by Ctrl-D or `exit`. The session log it records replays identically.
 */
import { describe, expect, it } from "vitest";
import { buildHost, demoHostSpec } from "../engine/index.js";
import { createSession, type FullScreenProgram, type RunResult } from "../shell/index.js";
import { MAX_IDLE_MS, type PlayTerminal, play, splitKeys } from "./play.js";
import { SessionRecorder, diffReplay, replaySession } from "./pure-deps.js";

class FakeTerm implements PlayTerminal {
  cols = 80;
  rows = 24;
  out = "";
  clock = 1_000_000;
  /** chunks returned by pollInput once the clock passes a time */
  pollAt: { atMs: number; data: string }[] = [];
  private cb?: (d: string) => void;
  constructor(private readonly realTime = false) {}
  write(d: string) {
    this.out += d;
  }
  onInput(cb: (d: string) => void) {
    this.cb = cb;
    return () => (this.cb = undefined);
  }
  pollInput() {
    const i = this.pollAt.findIndex((p) => this.nowMs() >= p.atMs);
    return i < 0 ? "" : this.pollAt.splice(i, 1)[0].data;
  }
  sleepSync(ms: number) {
    this.clock += ms;
  }
  nowMs() {
    return this.realTime ? Date.now() : this.clock;
  }
  /** types, then waits `settleMs` and until the loop is back at a prompt (or logged out) */
  async type(data: string, settleMs = 0) {
    const before = this.out.length;
    this.cb?.(data);
    await new Promise((r) => setTimeout(r, settleMs));
    const idle = () => this.out.length > before && /(\$ |closed\.\n|\x1b\[J|\x07)$/.test(this.out);
    for (let i = 0; i < 400 && !idle(); i++) await new Promise((r) => setTimeout(r, 5));
  }
}

function setup(realTime = false) {
  const host = buildHost(demoHostSpec(5));
  const session = createSession(host, { interactive: true, cols: 80, rows: 24 });
  const rec = new SessionRecorder(session, { engineVersion: "test", scenarioId: "demo", scenarioHash: "h", seed: 5 });
  const term = new FakeTerm(realTime);
  const done = play(rec, term);
  return { host, session, rec, term, done };
}

describe("play", () => {
  it("prints the login banner and prompt, runs lines and logs out on Ctrl-D", async () => {
    const { term, done, rec } = setup();
    await term.type("");
    expect(term.out).toMatch(/^Linux web-01 6\.1\.0-18-amd64 #1 SMP PREEMPT_DYNAMIC .* x86_64\n\nThe programs included/);
    expect(term.out).toMatch(/\nLast login: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d 2026 from 10\.0\.2\.31\nsre@web-01:~\$ $/);
    await term.type("echo hi\r");
    expect(term.out.endsWith("sre@web-01:~$ echo hi\r\nhi\nsre@web-01:~$ ")).toBe(true);
    await term.type("\x04");
    await done;
    expect(term.out.endsWith("logout\nConnection to web-01 closed.\n")).toBe(true);
    expect(rec.toJSON().events.filter((e) => e[1] === "input").map((e) => e[2])).toEqual(["echo hi"]);
  });

  it("`exit` logs out too", async () => {
    const { term, done } = setup();
    await term.type("exit\r");
    await done;
    expect(term.out.endsWith("sre@web-01:~$ exit\r\nlogout\nConnection to web-01 closed.\n")).toBe(true);
  });

  it("advances the sim clock by the wall time between lines, capped at 10 minutes", async () => {
    const { term, done, host, rec } = setup();
    const t0 = host.nowMs;
    term.clock += 7000;
    await term.type("true\r");
    expect(host.nowMs - t0).toBe(7000);
    term.clock += 5 * 3600_000;
    await term.type("true\r");
    expect(host.nowMs - t0).toBe(7000 + MAX_IDLE_MS);
    await term.type("\x04");
    await done;
    expect(rec.toJSON().events.filter((e) => e[1] === "wait").map((e) => e[2])).toEqual([7000, MAX_IDLE_MS]);
  });

  it("paces a running command by the wall clock and stops it on Ctrl-C", async () => {
    const { term, done, host } = setup();
    const start = term.clock;
    await term.type("sleep 2\r");
    expect(term.clock - start).toBeGreaterThanOrEqual(2000);
    term.pollAt.push({ atMs: term.clock + 3000, data: "\x03" });
    const simBefore = host.nowMs;
    await term.type("sleep 100\r");
    expect(host.nowMs - simBefore).toBeLessThanOrEqual(4000);
    expect(term.out.endsWith("sre@web-01:~$ sleep 100\r\n^C\nsre@web-01:~$ ")).toBe(true);
    await term.type("\x04");
    await done;
  });

  it("keeps input typed during a command as typeahead", async () => {
    const { term, done } = setup();
    term.pollAt.push({ atMs: 0, data: "echo later\r" });
    await term.type("sleep 1\r");
    expect(term.out).toContain("sre@web-01:~$ echo later\r\nlater\n");
    await term.type("\x04");
    await done;
  });

  it("completes with Tab from the session's commands and files", async () => {
    const { term, done } = setup();
    await term.type("cat /etc/nginx/nginx.c\t");
    expect(term.out.endsWith("cat /etc/nginx/nginx.conf ")).toBe(true);
    await term.type("\x03\x04");
    await done;
  });

  it("runs a full-screen program on the alternate screen, re-rendering and forwarding keys", async () => {
    const { term, done, session, host, rec } = setup(true);
    const keys: string[] = [];
    const screen: FullScreenProgram = {
      intervalMs: 20,
      render: (cols, rows) => `top - ${host.nowMs} ${cols}x${rows}\n`,
      key: (k) => (keys.push(k), k === "q" ? "exit" : "redraw"),
    };
    const orig = session.run.bind(session);
    session.run = async (line, io) => (line === "top" ? ({ stdout: "", stderr: "", exitCode: 0, evidence: [], simMs: 0, actions: [], screen } as RunResult) : orig(line, io));
    await term.type("top\r", 80);
    expect(term.out).toContain("\x1b[?1049h\x1b[?25l\x1b[Htop - ");
    expect(term.out.match(/\x1b\[Htop - /g)!.length).toBeGreaterThan(1);
    await term.type("1\x1b[A", 5);
    await term.type("q", 5);
    expect(keys).toEqual(["1", "\x1b[A", "q"]);
    expect(term.out).toMatch(/\x1b\[\?25h\x1b\[\?1049lsre@web-01:~\$ $/);
    await term.type("\x04");
    await done;
    expect(rec.toJSON().events.filter((e) => e[1] === "key").map((e) => e[2])).toEqual(["1", "\x1b[A", "q"]);
  });

  it("records a log that replays identically", async () => {
    const { term, done, rec } = setup();
    term.pollAt.push({ atMs: term.clock + 1500, data: "\x03" });
    await term.type("sleep 10; cat /proc/uptime\r");
    term.clock += 4000;
    await term.type("cat /proc/uptime /proc/loadavg\r");
    await term.type("\x04");
    await done;
    rec.stop();
    const log = rec.toJSON();
    expect(diffReplay(log, await replaySession(log, (h) => buildHost(demoHostSpec(h.seed))))).toBeUndefined();
  });

  it("splits raw input into keys", () => {
    expect(splitKeys("q1\x1b[A\x1bOB\x03")).toEqual(["q", "1", "\x1b[A", "\x1bOB", "\x03"]);
  });
});
