/**
 * Replaying a session on an engine or scenario that is not the one it was recorded with is
 * never silent: a different engine version or an edited scenario is named — as the cause when
 * the replay diverges, as a warning when every output still matches — and an altered log is
 * called altered. Full-screen frames and the host's state after each line are checked too.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENGINE_VERSION, buildHost, demoHostSpec } from "../engine/index.js";
import { createSession } from "../shell/index.js";
import { loadScenario, type Scenario } from "../scenario/index.js";
import { makeScenarioHost, runPath } from "../harness/index.js";
import { SessionRecorder, checkReplay, diffReplay, replaySession, type SessionLog } from "./session-log.js";

const ROOT = new URL("../../", import.meta.url);
const OOM = readFileSync(new URL("scenarios/oom-killer.yaml", ROOT), "utf8");

function scenario(text: string): Scenario {
  const r = loadScenario(text, "scenarios/oom-killer.yaml");
  if (!r.ok) throw new Error("cannot load oom-killer");
  return r.value;
}

const clone = (log: SessionLog): SessionLog => JSON.parse(JSON.stringify(log)) as SessionLog;

async function oomSession(): Promise<{ s: Scenario; log: SessionLog }> {
  const s = scenario(OOM);
  const run = await runPath(s, [{ run: "uptime" }, { run: "hostname" }, { run: "free -m" }]);
  return { s, log: run.log };
}

describe("checkReplay", () => {
  it("the engine version recorded is the package version (one number for the CLI, the app and the harness)", () => {
    expect(ENGINE_VERSION).toBe(JSON.parse(readFileSync(new URL("package.json", ROOT), "utf8")).version);
  });

  it("same engine, same scenario: ok, no warnings", async () => {
    const { s, log } = await oomSession();
    const replay = await replaySession(log, (h) => makeScenarioHost(s, h.seed));
    expect(checkReplay(log, replay, { engineVersion: ENGINE_VERSION, scenarioHash: s.contentHash })).toEqual({ ok: true, warnings: [] });
  });

  it("another engine version that replays identically: a warning that names both versions", async () => {
    const { s, log } = await oomSession();
    const old = clone(log);
    old.header.engineVersion = "0.0.9";
    const replay = await replaySession(old, (h) => makeScenarioHost(s, h.seed));
    expect(checkReplay(old, replay, { engineVersion: ENGINE_VERSION, scenarioHash: s.contentHash })).toEqual({
      ok: true,
      warnings: [`it was recorded by engine 0.0.9 and this is engine ${ENGINE_VERSION}; every output still replays identically`],
    });
  });

  it("another engine version whose output differs: an error that names the versions and the first difference", async () => {
    const { s, log } = await oomSession();
    const old = clone(log);
    old.header.engineVersion = "0.0.9";
    // what an older engine printed differently
    const out = old.events.filter((e) => e[1] === "output")[2]![2] as { stdout: string };
    out.stdout = out.stdout.replace("Mem:", "Memory:");
    const replay = await replaySession(old, (h) => makeScenarioHost(s, h.seed));
    const c = checkReplay(old, replay, { engineVersion: ENGINE_VERSION, scenarioHash: s.contentHash });
    expect(c.ok).toBe(false);
    expect(c.error).toMatch(/^the session does not replay identically \(it was recorded by engine 0\.0\.9 and this is engine \d+\.\d+\.\d+\): input 3 \("free -m"\): stdout differs: line 2: recorded "ory: +4096 .*" vs replayed ": +4096 .*"$/);
  });

  it("an edited scenario: the replay diverges and the error says the scenario was edited, with both hashes", async () => {
    const { s, log } = await oomSession();
    const hostname = (log.events.filter((e) => e[1] === "output")[1]![2] as { stdout: string }).stdout.trim();
    const edited = scenario(OOM.replace(`pick: [api-03, api-07, orders-02]`, `pick: [api-03, api-07, orders-09]`));
    expect(hostname).toBe("orders-02");
    expect(edited.contentHash).not.toBe(s.contentHash);
    const replay = await replaySession(log, (h) => makeScenarioHost(edited, h.seed));
    const c = checkReplay(log, replay, { engineVersion: ENGINE_VERSION, scenarioHash: edited.contentHash });
    expect(c.ok).toBe(false);
    expect(c.error).toBe(`the session does not replay identically (the scenario 'oom-killer' was edited since it was recorded (content hash ${s.contentHash.slice(0, 12)} then, ${edited.contentHash.slice(0, 12)} now)): input 1 ("uptime"): the prompt after it differs: recorded "sre@orders-02:~$ " vs replayed "sre@orders-09:~$ "`);
  });

  it("an edit that changes nothing this session saw: a warning, not an error", async () => {
    const { s, log } = await oomSession();
    const edited = scenario(OOM.replace(`title: "The orders API keeps dying"`, `title: "The orders API keeps dying (v2)"`));
    const replay = await replaySession(log, (h) => makeScenarioHost(edited, h.seed));
    const c = checkReplay(log, replay, { engineVersion: ENGINE_VERSION, scenarioHash: edited.contentHash });
    expect(c.ok).toBe(true);
    expect(c.warnings).toEqual([`the scenario 'oom-killer' was edited since it was recorded (content hash ${s.contentHash.slice(0, 12)} then, ${edited.contentHash.slice(0, 12)} now); every output still replays identically`]);
  });

  it("same engine and scenario but a different outcome: the log was altered", async () => {
    const { s, log } = await oomSession();
    const t = clone(log);
    (t.events.filter((e) => e[1] === "output")[0]![2] as { exitCode: number }).exitCode = 1;
    const c = checkReplay(t, await replaySession(t, (h) => makeScenarioHost(s, h.seed)), { engineVersion: ENGINE_VERSION, scenarioHash: s.contentHash });
    expect(c.error).toBe('the session does not replay identically (same engine and scenario: the log was altered): input 1 ("uptime"): exitCode differs: line 1: recorded "1" vs replayed "0"');
  });
});

describe("replaySession: full-screen frames and host state", () => {
  const makeHost = (h: { seed: number }) => buildHost(demoHostSpec(h.seed));

  async function topSession(): Promise<SessionLog> {
    const host = makeHost({ seed: 5 });
    const session = createSession(host, { interactive: true, cols: 90, rows: 20 });
    const rec = new SessionRecorder(session, { engineVersion: ENGINE_VERSION, scenarioId: "demo", scenarioHash: "x", seed: 5 });
    const screen = (await rec.run("top")).screen!;
    rec.frame(screen.render(session.cols, session.rows));
    rec.wait(3000);
    rec.frame(screen.render(session.cols, session.rows));
    rec.key(screen, "M");
    rec.frame(screen.render(session.cols, session.rows));
    rec.resize(100, 25);
    rec.frame(screen.render(session.cols, session.rows));
    rec.key(screen, "q");
    const w = (await rec.run("watch -n 2 uptime")).screen!;
    await w.refresh?.();
    rec.frame(w.render(session.cols, session.rows));
    rec.wait(2000);
    await w.refresh?.();
    rec.frame(w.render(session.cols, session.rows));
    rec.leave("\x03");
    await rec.run("ps -e | wc -l");
    rec.stop();
    return rec.toJSON();
  }

  it("renders every frame again, identically (top's deltas, a resize, watch refreshing), and the lines after", async () => {
    const log = await topSession();
    const replay = await replaySession(log, makeHost);
    expect(replay.frames).toHaveLength(6);
    expect(replay.frames.map((f) => f.line)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(replay.frames[3]!.replayed.split("\n")[0]!.length).toBeLessThanOrEqual(100);
    expect(diffReplay(log, replay)).toBeUndefined();
  });

  it("a frame that does not replay is named", async () => {
    const log = await topSession();
    const t = clone(log);
    const f = t.events.filter((e) => e[1] === "frame")[1]!;
    f[2] = (f[2] as string).replace("Tasks:", "Tasks!");
    expect(diffReplay(t, await replaySession(t, makeHost))).toMatch(/^screen frame 2 \(of input 1, "top"\) differs: line 2: recorded "!  \d+ total,.*" vs replayed ":  \d+ total,/);
  });

  it("a state change no output shows is caught by the digest after the line", async () => {
    const log = await topSession();
    const t = clone(log);
    (t.events.filter((e) => e[1] === "output")[2]![2] as { digest: string }).digest = "00000000";
    expect(diffReplay(t, await replaySession(t, makeHost))).toMatch(/^input 3 \("ps -e \| wc -l"\): the output is the same but the host's state after it differs \(digest 00000000 recorded, [0-9a-f]{8} replayed\)$/);
  });
});
