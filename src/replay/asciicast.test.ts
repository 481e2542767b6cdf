/**
 * asciicast export: golden v2/v3 casts of the oom-killer walkthrough with its milestone
 * markers; the output stream is the transcript as the terminal showed it (CRLF, prompts,
 * echo); full-screen frames on the alternate screen, ^C, resizes and logout in an interactive
 * session; v2 and v3 carry the same events; parseAsciicast's errors name the line; and
 * Debian's asciinema 2.2 reads our v2 back byte for byte (`asciinema cat` and `play`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildHost, demoHostSpec } from "../engine/index.js";
import { createSession } from "../shell/index.js";
import { compileScenario, loadScenario, type Scenario } from "../scenario/index.js";
import { runPath, type PathRun } from "../harness/index.js";
import { sessionMilestones } from "../grading/index.js";
import { asciinemaSkipReason, runAsciinema } from "../testing/asciinema.js";
import { AsciicastError, parseAsciicast, toAsciicast } from "./asciicast.js";
import { SessionRecorder, parseSessionLog, type SessionLog } from "./session-log.js";

const ROOT = new URL("../../", import.meta.url);

function loadFile(id: string): Scenario {
  const r = loadScenario(readFileSync(new URL(`scenarios/${id}.yaml`, ROOT), "utf8"), `scenarios/${id}.yaml`);
  if (!r.ok) throw new Error(`cannot load ${id}`);
  return r.value;
}

let walk: Promise<{ run: PathRun; scenario: Scenario }> | undefined;
/** The oom-killer walkthrough at its default seed, run once. */
function oomWalkthrough(): Promise<{ run: PathRun; scenario: Scenario }> {
  walk ??= (async () => {
    const s = loadFile("oom-killer");
    const { resolved } = compileScenario(s, s.seed ?? 1);
    const scenario = { ...s, ...resolved };
    return { run: await runPath(s, s.walkthrough.steps), scenario };
  })();
  return walk;
}

/** What the terminal received: every "o" event, in order. */
const shown = (cast: string): string =>
  parseAsciicast(cast)
    .events.filter((e) => e[1] === "o")
    .map((e) => e[2])
    .join("");

async function interactiveLog(): Promise<SessionLog> {
  const host = buildHost(demoHostSpec(7));
  const session = createSession(host, { interactive: true, cols: 100, rows: 30 });
  const rec = new SessionRecorder(session, { engineVersion: "0.1.0", scenarioId: "demo", scenarioHash: "abc", seed: 7 });
  rec.wait(2000);
  await rec.run("cd /var/log");
  rec.wait(1500);
  let n = 0;
  await rec.run("sleep 100; echo done", { interrupted: () => ++n > 3 });
  rec.wait(1000);
  const r = await rec.run("top");
  const screen = r.screen!;
  rec.frame(screen.render(session.cols, session.rows));
  rec.wait(3000);
  rec.frame(screen.render(session.cols, session.rows));
  rec.wait(500);
  rec.key(screen, "q");
  rec.wait(1000);
  rec.resize(120, 40);
  const again = (await rec.run("top")).screen!;
  rec.frame(again.render(session.cols, session.rows));
  rec.wait(700);
  rec.leave("\x03");
  rec.wait(300);
  await rec.run("echo $COLUMNS-ok");
  rec.wait(1000);
  await rec.run("exit");
  rec.stop();
  return rec.toJSON();
}

describe("toAsciicast: the oom-killer walkthrough", () => {
  it("matches the golden v2 cast (markers at the milestones, no input) and the golden v3 cast (with input)", async () => {
    const { run, scenario } = await oomWalkthrough();
    const markers = sessionMilestones(run.log, scenario);
    expect(markers.map((m) => m.kind)).toEqual(["key-evidence", "hypothesis", "fix", "verify"]);
    await expect(toAsciicast(run.log, { version: 2, markers, idleTimeLimit: 2 })).toMatchFileSnapshot("__golden__/oom-killer.v2.cast");
    await expect(toAsciicast(run.log, { version: 3, markers, input: true, idleTimeLimit: 2 })).toMatchFileSnapshot("__golden__/oom-killer.v3.cast");
  });

  it("shows exactly the transcript, as the terminal shows it: prompt, typed line, output with CRLF, next prompt", async () => {
    const { run } = await oomWalkthrough();
    const transcript = run.transcript.replace(/^@(wait|note|hypothesis|hint|diagnose) .*\n/gm, "");
    const finalPrompt = run.log.events.filter((e) => e[1] === "output").at(-1)![2] as { prompt: string };
    const want = (transcript + finalPrompt.prompt).replace(/\n/g, "\r\n");
    expect(shown(toAsciicast(run.log, { version: 2 }))).toBe(want);
    expect(shown(toAsciicast(run.log, { version: 3 }))).toBe(want);
  });

  it("v2 and v3 carry the same events at the same times; header from the session, timestamp from the sim epoch", async () => {
    const { run, scenario } = await oomWalkthrough();
    const markers = sessionMilestones(run.log, scenario);
    const v2 = parseAsciicast(toAsciicast(run.log, { version: 2, markers, input: true }));
    const v3 = parseAsciicast(toAsciicast(run.log, { version: 3, markers, input: true }));
    expect(v3.events).toEqual(v2.events);
    expect(v2.header).toMatchObject({ cols: 80, rows: 24, timestamp: Math.floor(run.log.header.startedEpochMs! / 1000), title: "oom-killer (seed 7)", env: { TERM: "xterm-256color", SHELL: "/bin/bash" } });
    expect(v3.header.raw).toMatchObject({ version: 3, term: { cols: 80, rows: 24, type: "xterm-256color" } });
    // markers sit at the command's start, before its echo, in milestone order
    const m = v2.events.filter((e) => e[1] === "m");
    expect(m.map((e) => e[2])).toEqual(markers.map((x) => x.label));
    expect(m.map((e) => e[0])).toEqual(markers.map((x) => x.simMs - run.log.header.startedSimMs));
    const fix = v2.events.findIndex((e) => e[1] === "m" && e[2].startsWith("Fix:"));
    expect(v2.events[fix + 1]).toEqual([m[2]![0], "i", "sudo systemctl restart telemetry-agent\r"]);
    // times never go backwards
    const times = v2.events.map((e) => e[0]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("input events are off unless asked for", async () => {
    const { run } = await oomWalkthrough();
    expect(parseAsciicast(toAsciicast(run.log, { version: 3 })).events.some((e) => e[1] === "i")).toBe(false);
  });
});

describe("toAsciicast: an interactive session", () => {
  it("shows frames on the alternate screen, ^C, the prompt after cd, resizes and logout", async () => {
    const log = await interactiveLog();
    const cast = parseAsciicast(toAsciicast(log, { version: 3, input: true }));
    const o = cast.events.filter((e) => e[1] === "o").map((e) => e[2]).join("");
    expect(o.startsWith("sre@web-01:~$ cd /var/log\r\nsre@web-01:/var/log$ sleep 100; echo done\r\n^C\r\nsre@web-01:/var/log$ top\r\n\x1b[?1049h\x1b[?25l\x1b[H")).toBe(true);
    const frames = cast.events.filter((e) => e[1] === "o" && e[2].includes("\x1b[H"));
    expect(frames).toHaveLength(3);
    expect(frames[1]![0] - frames[0]![0]).toBe(3000);
    expect(frames[0]![2]).toMatch(/^top\r\n\x1b\[\?1049h\x1b\[\?25l\x1b\[Htop - \d\d:\d\d:\d\d up .*\r\n/);
    expect(frames[0]![2].endsWith("\x1b[J")).toBe(true);
    // leaving top when q was pressed, then the prompt
    const leave = cast.events.find((e) => e[1] === "o" && e[2].startsWith("\x1b[?25h\x1b[?1049l"))!;
    expect(leave[2]).toBe("\x1b[?25h\x1b[?1049lsre@web-01:/var/log$ ");
    expect(leave[0]).toBe(cast.events.find((e) => e[1] === "i" && e[2] === "q")![0]);
    expect(cast.events.filter((e) => e[1] === "i").map((e) => e[2])).toEqual(["cd /var/log\r", "sleep 100; echo done\r", "\x03", "top\r", "q", "top\r", "\x03", "echo $COLUMNS-ok\r", "exit\r"]);
    expect(cast.events.find((e) => e[1] === "r")![2]).toBe("120x40");
    // Ctrl-C (taken by the terminal, not passed to top) leaves the second screen 700 ms after it opened
    const leaves = cast.events.filter((e) => e[1] === "o" && e[2].includes("\x1b[?1049l"));
    expect(leaves).toHaveLength(2);
    expect(leaves[1]![0] - frames[2]![0]).toBe(700);
    expect(o.endsWith("exit\r\nlogout\r\nConnection to web-01 closed.\r\n")).toBe(true);
    expect(cast.events.at(-1)).toEqual([cast.events.at(-2)![0], "x", "0"]);
  });

  it("starts with the login banner the terminal showed before the first prompt", async () => {
    const host = buildHost(demoHostSpec(7));
    const rec = new SessionRecorder(createSession(host, { interactive: true }), { engineVersion: "0.1.0", scenarioId: "demo", scenarioHash: "abc", seed: 7 });
    rec.setBanner("Linux web-01 6.1.0-13-amd64\n\nLast login: Sat Nov 21 11:30:25 2026 from 10.0.2.31\n");
    await rec.run("true");
    rec.stop();
    const log = parseSessionLog(JSON.stringify(rec.toJSON()));
    expect(shown(toAsciicast(log, { version: 2 }))).toBe("Linux web-01 6.1.0-13-amd64\r\n\r\nLast login: Sat Nov 21 11:30:25 2026 from 10.0.2.31\r\nsre@web-01:~$ true\r\nsre@web-01:~$ ");
  });

  it("shows streamed output when it was streamed: vmstat 1 3 prints a line a second", async () => {
    const host = buildHost(demoHostSpec(7));
    const rec = new SessionRecorder(createSession(host, { interactive: true, cols: 100, rows: 30 }), { engineVersion: "0.1.0", scenarioId: "demo", scenarioHash: "abc", seed: 7 });
    await rec.run("vmstat 1 3");
    rec.stop();
    const o = parseAsciicast(toAsciicast(rec.toJSON(), { version: 3 })).events.filter((e) => e[1] === "o");
    expect(o.map((e) => e[0])).toEqual([0, 1000, 2000]);
    expect(o[0]![2]).toMatch(/^sre@web-01:~\$ vmstat 1 3\r\nprocs -+memory-+.*\r\n r  b .*\r\n +\d+ .*\r\n$/);
    expect(o[1]![2]).toMatch(/^ +\d+ [^\n]*\r\n$/);
    expect(o[2]![2]).toMatch(/^ +\d+ [^\n]*\r\nsre@web-01:~\$ $/);
  });

  it("renders logs recorded before prompts and hostnames were logged (a default prompt)", async () => {
    const log = await interactiveLog();
    const old: SessionLog = { header: { ...log.header }, events: log.events.map((e) => (e[1] === "output" ? [e[0], e[1], { ...e[2], prompt: undefined }] : e)) as SessionLog["events"] };
    delete old.header.prompt;
    delete old.header.hostname;
    delete old.header.startedEpochMs;
    const cast = toAsciicast(old, { version: 2 });
    expect(shown(cast).startsWith("sre@localhost:~$ cd /var/log\r\nsre@localhost:~$ ")).toBe(true);
    expect(parseAsciicast(cast).header.timestamp).toBeUndefined();
  });

  it("is deterministic: the same log gives the same bytes", async () => {
    const a = toAsciicast(await interactiveLog(), { version: 2, input: true });
    const b = toAsciicast(await interactiveLog(), { version: 2, input: true });
    expect(a).toBe(b);
  });
});

describe("parseAsciicast", () => {
  it("reads v3 intervals and comments into absolute times", () => {
    const c = parseAsciicast('{"version":3,"term":{"cols":80,"rows":24}}\n# a comment\n[0.5, "o", "a"]\n[0.25, "m", ""]\n[1, "r", "100x30"]\n');
    expect(c.events).toEqual([[500, "o", "a"], [750, "m", ""], [1750, "r", "100x30"]]);
    expect(c.header).toMatchObject({ cols: 80, rows: 24 });
  });

  it("names the line of the first problem", () => {
    const err = (text: string): string => {
      try {
        parseAsciicast(text);
      } catch (e) {
        expect(e).toBeInstanceOf(AsciicastError);
        return (e as Error).message;
      }
      return "no error";
    };
    expect(err("")).toBe("line 1: empty file, expected an asciicast header");
    expect(err("not json")).toBe("line 1: the header is not JSON");
    expect(err('{"version":1,"width":80,"height":24,"stdout":[]}')).toBe("line 1: asciicast v1 is not supported (only v2 and v3)");
    expect(err('{"version":2,"width":80}')).toBe("line 1: the v2 header needs width and height (positive whole numbers)");
    expect(err('{"version":3,"width":80,"height":24}')).toBe("line 1: the v3 header needs term.cols and term.rows (positive whole numbers)");
    expect(err('{"version":2,"width":80,"height":24}\n[1, "o", "a"]\n[0.5, "o", "b"]')).toBe("line 3: time goes backwards (0.5 s after 1 s)");
    expect(err('{"version":2,"width":80,"height":24}\n[1, "o"]')).toBe("line 2: an event must be [time, code, data]");
    expect(err('{"version":2,"width":80,"height":24}\n\n[1, "o", 5]')).toBe("line 3: the event data must be a string");
    expect(err('{"version":2,"width":80,"height":24}\n[1, "r", "big"]')).toBe('line 2: a resize must be "COLSxROWS", got "big"');
    expect(err('{"version":2,"width":80,"height":24}\n# comment')).toBe("line 2: an event is not JSON");
  });
});

describe(`asciinema 2.2 reads our v2 casts${asciinemaSkipReason ? ` (${asciinemaSkipReason})` : ""}`, () => {
  it.skipIf(!!asciinemaSkipReason)("asciinema cat and play print exactly the bytes the cast holds; the v3 cast is refused as v3 (it reads v2 only)", async () => {
    const { run, scenario } = await oomWalkthrough();
    const markers = sessionMilestones(run.log, scenario);
    const dir = mkdtempSync(join(tmpdir(), "faultline-cast-"));
    try {
      const v2 = toAsciicast(run.log, { version: 2, markers, input: true });
      writeFileSync(join(dir, "w.cast"), v2);
      const cat = runAsciinema(`cat ${join(dir, "w.cast")}`);
      expect(cat.status).toBe(0);
      expect(cat.stdout).toBe(shown(v2));
      const play = runAsciinema(`play -i 0.001 -s 1000 ${join(dir, "w.cast")}`);
      expect(play.status).toBe(0);
      expect(play.stdout).toBe(shown(v2));
      const log = await interactiveLog();
      writeFileSync(join(dir, "i.cast"), toAsciicast(log, { version: 2, input: true }));
      const icat = runAsciinema(`cat ${join(dir, "i.cast")}`);
      expect(icat.status).toBe(0);
      expect(icat.stdout).toBe(shown(toAsciicast(log, { version: 2 })));
      writeFileSync(join(dir, "w3.cast"), toAsciicast(run.log, { version: 3 }));
      expect(runAsciinema(`cat ${join(dir, "w3.cast")}`).stdout).toMatch(/only asciicast v1 and v2 formats can be opened/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
