/**
 * Session log: record a few lines with waits and actions, serialise, validate, replay on a
 * fresh host and get byte-identical outputs; tampering is detected; bad logs get clear errors.
 */
import { describe, expect, it } from "vitest";
import { buildHost, demoHostSpec } from "../engine/index.js";
import { createSession } from "../shell/index.js";
import { SessionLogError, SessionRecorder, diffReplay, parseSessionLog, replaySession, type SessionLog } from "./session-log.js";

const makeHost = (h: { seed: number }) => buildHost(demoHostSpec(h.seed));

async function record(interactive = false): Promise<SessionLog> {
  const host = makeHost({ seed: 7 });
  const session = createSession(host, { interactive, cols: 100, rows: 30 });
  const rec = new SessionRecorder(session, { engineVersion: "0.1.0", scenarioId: "demo", scenarioHash: "abc", seed: 7 });
  await rec.run("uptime");
  rec.wait(2000);
  rec.note("load looks fine");
  await rec.run("cat /proc/uptime; echo $?");
  rec.wait(30_000);
  rec.hypothesis("the api leaks memory");
  await rec.run("ls /nonexistent");
  rec.hint("check-memory");
  await rec.run("sudo systemctl restart api 2>&1 | head -3; cat /proc/meminfo | head -2");
  rec.diagnose("memory leak in gunicorn worker", "memory");
  rec.selfAssess({ triage: 4, fix: 2 });
  rec.stop();
  return rec.toJSON();
}

describe("SessionRecorder", () => {
  it("writes the versioned header and timed events", async () => {
    const log = await record();
    expect(log.header).toMatchObject({ format: "faultline-session", version: 1, engineVersion: "0.1.0", scenarioId: "demo", scenarioHash: "abc", seed: 7, cols: 100, rows: 30, user: "sre", interactive: false });
    const types = log.events.filter((e) => e[1] !== "engine").map((e) => e[1]);
    expect(types).toEqual(["input", "output", "wait", "note", "input", "output", "wait", "hypothesis", "input", "output", "hint", "input", "output", "diagnosis", "assessment"]);
    const first = log.events[0];
    expect(first[0]).toBe(log.header.startedSimMs);
    const out = log.events[1][2] as { stdout: string; exitCode: number; evidence: string[] };
    expect(out.stdout).toMatch(/load average/);
    expect(out.exitCode).toBe(0);
    const wait = log.events.find((e) => e[1] === "wait")!;
    expect(wait[2]).toBe(2000);
    const after = log.events[log.events.findIndex((e) => e[1] === "wait") + 2];
    expect(after[0]).toBeGreaterThanOrEqual(wait[0] + 2000);
    expect(log.events.at(-2)).toEqual([expect.any(Number), "diagnosis", { text: "memory leak in gunicorn worker", category: "memory" }]);
    expect(log.events.at(-1)).toEqual([expect.any(Number), "assessment", { triage: 4, fix: 2 }]);
    expect(parseSessionLog(JSON.parse(JSON.stringify(log))).events.at(-1)).toEqual(log.events.at(-1));
  });

  it("records engine events the host emits while recording, and stops on stop()", () => {
    const host = makeHost({ seed: 1 });
    const rec = new SessionRecorder(createSession(host), { engineVersion: "0", scenarioId: "demo", scenarioHash: "x", seed: 1 });
    host.emit({ type: "service-stopped", simMs: host.nowMs, unit: "api.service" });
    rec.stop();
    host.emit({ type: "service-started", simMs: host.nowMs, unit: "api.service", pid: 1 });
    expect(rec.toJSON().events).toEqual([[host.nowMs, "engine", { type: "service-stopped", simMs: host.nowMs, unit: "api.service" }]]);
  });
});

describe("replaySession", () => {
  it("re-runs the inputs with the recorded waits and reproduces every output byte for byte", async () => {
    const log = await record();
    const json = JSON.parse(JSON.stringify(log));
    const parsed = parseSessionLog(json);
    const replay = await replaySession(parsed, makeHost);
    expect(replay.lines.map((l) => l.line)).toEqual(["uptime", "cat /proc/uptime; echo $?", "ls /nonexistent", expect.stringContaining("systemctl")]);
    expect(diffReplay(parsed, replay)).toBeUndefined();
  });

  it("detects a tampered output and a tampered wait", async () => {
    const log = await record();
    const tampered = JSON.parse(JSON.stringify(log)) as SessionLog;
    const out = tampered.events.find((e) => e[1] === "output")!;
    (out[2] as { stdout: string }).stdout = (out[2] as { stdout: string }).stdout.replace("load average", "load averages");
    expect(diffReplay(tampered, await replaySession(tampered, makeHost))).toMatch(/input 1 \("uptime"\): stdout differs/);
    const slower = JSON.parse(JSON.stringify(log)) as SessionLog;
    const w = slower.events.find((e) => e[1] === "wait")!;
    w[2] = 600_000;
    expect(diffReplay(slower, await replaySession(slower, makeHost))).toMatch(/input 2 .*stdout differs/);
  });

  it("replays a line stopped by Ctrl-C at the same point", async () => {
    const host = makeHost({ seed: 3 });
    const session = createSession(host, { interactive: true, cols: 80, rows: 24 });
    const rec = new SessionRecorder(session, { engineVersion: "0.1.0", scenarioId: "demo", scenarioHash: "abc", seed: 3 });
    let n = 0;
    await rec.run("sleep 100; echo done", { interrupted: () => ++n > 5 });
    await rec.run("cat /proc/uptime");
    rec.stop();
    const log = rec.toJSON();
    const out = log.events.find((e) => e[1] === "output")![2] as { interruptedAfter?: number; simMs: number };
    expect(out.interruptedAfter).toBe(5);
    expect(out.simMs).toBeLessThan(100_000);
    expect(diffReplay(log, await replaySession(log, makeHost))).toBeUndefined();
  });
});

describe("parseSessionLog", () => {
  it("rejects a wrong format, a wrong version and a bad shape with clear errors", async () => {
    const log = await record();
    const bad = (mut: (l: Record<string, any>) => void) => {
      const l = JSON.parse(JSON.stringify(log));
      mut(l);
      try {
        parseSessionLog(l);
        return "accepted";
      } catch (e) {
        expect(e).toBeInstanceOf(SessionLogError);
        return (e as Error).message;
      }
    };
    expect(bad((l) => (l.header.format = "asciicast"))).toBe('not a session log: header.format is "asciicast", expected "faultline-session"');
    expect(bad((l) => (l.header.version = 2))).toBe("unsupported session log version 2 (this engine reads version 1)");
    expect(bad((l) => delete l.header.seed)).toBe("invalid session log: header.seed must be a number");
    expect(bad((l) => l.events.push([0, "explode", {}]))).toMatch(/events\[\d+\] has unknown type "explode"/);
    expect(bad((l) => (l.events[0] = [0, "input"]))).toBe("invalid session log: events[0] must be [simMs, type, data]");
    expect(bad((l) => l.events.push([0, "resize", { cols: 0, rows: 24 }]))).toMatch(/events\[\d+\] \(resize\) data must be \{cols, rows\}$/);
    expect(bad((l) => l.events.push([0, "assessment", { triage: "good" }]))).toMatch(/events\[\d+\] \(assessment\) data must be \{phase: rating\}$/);
    expect(bad((l) => (l.header.prompt = 5))).toBe("invalid session log: header.prompt must be a string");
    expect(() => parseSessionLog("{nope")).toThrow(/invalid JSON/);
    expect(() => parseSessionLog([])).toThrow(/expected an object/);
  });
});
