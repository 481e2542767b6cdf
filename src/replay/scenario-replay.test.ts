/**
 * Every shipped scenario's walkthrough, variants and anti-paths: recorded through the harness,
 * serialised, parsed back and replayed on a fresh host, they reproduce every output byte, every
 * prompt and the host's state after every line, with no header warning; and their asciicast
 * shows exactly what the terminal showed (prompt, typed line, output, next prompt), the same
 * events in v2 and v3.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENGINE_VERSION } from "../engine/index.js";
import { loadScenario, type Scenario, type StepT } from "../scenario/index.js";
import { makeScenarioHost, runPath } from "../harness/index.js";
import { parseAsciicast, toAsciicast } from "./asciicast.js";
import { checkReplay, parseSessionLog, replaySession } from "./session-log.js";

const DIR = new URL("../../scenarios/", import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort();

function load(file: string): Scenario {
  const r = loadScenario(readFileSync(new URL(file, DIR), "utf8"), `scenarios/${file}`);
  if (!r.ok) throw new Error(`scenarios/${file} does not load`);
  return r.value;
}

const paths = (s: Scenario): [string, StepT[]][] => [["walkthrough", s.walkthrough.steps], ...(s.variants ?? []).map((v): [string, StepT[]] => [`variant ${v.id}`, v.steps]), ...s.antiPaths.map((a): [string, StepT[]] => [`anti-path ${a.id}`, a.steps])];

describe.each(files)("%s", (file) => {
  it("every path replays byte for byte from its saved log, and exports the transcript it showed", async () => {
    const s = load(file);
    for (const [name, steps] of paths(s)) {
      const run = await runPath(s, steps);
      const log = parseSessionLog(JSON.stringify(run.log));
      const replay = await replaySession(log, (h) => makeScenarioHost(s, h.seed));
      expect({ path: name, ...checkReplay(log, replay, { engineVersion: ENGINE_VERSION, scenarioHash: s.contentHash }) }).toEqual({ path: name, ok: true, warnings: [] });
      expect(replay.lines.map((l) => l.output.stdout + l.output.stderr).join("")).toBe(log.events.flatMap((e) => (e[1] === "output" ? [e[2].stdout + e[2].stderr] : [])).join(""));
      const v2 = parseAsciicast(toAsciicast(log, { version: 2, input: true }));
      const v3 = parseAsciicast(toAsciicast(log, { version: 3, input: true }));
      expect(v3.events).toEqual(v2.events);
      const shown = v2.events.filter((e) => e[1] === "o").map((e) => e[2]).join("");
      // the terminal: each prompt, the line typed (continuation lines after bash's "> "), what it showed, the next prompt
      let want = log.header.prompt!;
      for (const e of log.events) {
        if (e[1] === "input") want += e[2].replace(/\n/g, "\n> ") + "\n";
        if (e[1] === "output") want += e[2].stdout + e[2].stderr + (e[2].interruptedAfter !== undefined && !/\^C/.test(e[2].stdout + e[2].stderr) ? "^C\n" : "") + e[2].prompt!;
      }
      expect({ path: name, shown }).toEqual({ path: name, shown: want.replace(/\n/g, "\r\n") });
    }
  }, 300_000); // every path of a scenario, recorded then replayed: inode-exhaustion's walks a million entries several times
});
