/**
 * The editor's YAML cursor context and schema lookups (completion and hover docs), and the
 * recorded-walkthrough write-back, against the real schema and template.
 */
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import schemaJson from "../../../schema/scenario.schema.json";
import { loadScenario, scenarioTemplate } from "../../scenario/index.js";
import { contextAt, describeKey, keyOptions, valueOptions, type JsonSchema } from "./schema-nav.js";
import { stepsFromJournal, writeSteps } from "./walkthrough-yaml.js";

const schema = schemaJson as unknown as JsonSchema;
const at = (text: string) => contextAt(text.replace("¦", ""), text.indexOf("¦"));

describe("contextAt", () => {
  it("finds the path of keys and list items above the cursor", () => {
    expect(at("id: x\nhost:\n  processes:\n    - comm: a\n      us¦")).toMatchObject({ path: ["host", "processes", 0], kind: "key", prefix: "us" });
    expect(at("id: x\nhost:\n  profile: web-server\n  ¦")).toMatchObject({ path: ["host"], kind: "key", prefix: "", siblings: ["profile"] });
    expect(at("walkthrough:\n  steps:\n  - run: ls\n    milestone: ev¦")).toMatchObject({ path: ["walkthrough", "steps", 0, "milestone"], kind: "value", prefix: "ev" });
    expect(at("briefing: |\n  text: not a key\n  more\ndiff¦")).toMatchObject({ path: [], kind: "key", prefix: "diff" });
    expect(at("briefing: |\n  Some text\n  Wor¦")).toMatchObject({ kind: "text" });
    expect(at("resolution:\n  fixed:\n    all:\n      - serviceA¦")).toMatchObject({ path: ["resolution", "fixed", "all", 0], kind: "key", prefix: "serviceA" });
  });
});

describe("schema lookups", () => {
  it("offers the keys of the object at a path, with descriptions", () => {
    const top = keyOptions(schema, []).map((k) => k.name);
    expect(top).toEqual(expect.arrayContaining(["id", "title", "briefing", "host", "rubric", "walkthrough", "antiPaths"]));
    const proc = keyOptions(schema, ["host", "processes", 0]);
    expect(proc.find((k) => k.name === "cpuDemand")).toMatchObject({ description: expect.stringContaining("CPUs it wants") });
    expect(keyOptions(schema, ["resolution", "fixed", "all", 0]).map((k) => k.name)).toContain("serviceActive");
  });
  it("offers literal values and describes keys for hover", () => {
    expect(valueOptions(schema, ["difficulty"]).map((v) => v.label)).toEqual(["easy", "medium", "hard"]);
    expect(valueOptions(schema, ["walkthrough", "steps", 0, "milestone"]).map((v) => v.label)).toEqual(["evidence", "hypothesis", "fix", "verify"]);
    expect(describeKey(schema, ["host", "processes", 0], "rssMiB")).toMatchObject({ title: "host.processes[].rssMiB", description: expect.stringContaining("resident memory") });
    expect(describeKey(schema, [], "nosuch")).toBeUndefined();
  });
});

describe("recording a walkthrough", () => {
  it("turns the journal into steps and writes them back as the walkthrough or an anti-path", () => {
    const steps = stepsFromJournal([
      { t: "wait", ms: 3000 },
      { t: "input", line: "uptime", simMs: 1 },
      { t: "wait", ms: 65_000 },
      { t: "hypothesis", text: "reindex hogs the CPUs", simMs: 2, wallMs: 0 },
      { t: "input", line: "sudo pkill reindex", simMs: 3 },
      { t: "input", line: "exit", simMs: 4 },
      { t: "diagnosis", text: "reindex pins both CPUs", category: "cpu-saturation", simMs: 5 },
    ]);
    expect(steps).toEqual([{ run: "uptime" }, { wait: "65s" }, { hypothesis: "reindex hogs the CPUs" }, { run: "sudo pkill reindex" }, { diagnose: { category: "cpu-saturation", text: "reindex pins both CPUs" } }]);
    steps[0]!.say = "Start <b>broad</b>.";
    steps[0]!.milestone = "evidence";
    const text = scenarioTemplate("rec-test");
    const out = writeSteps(text, steps, { kind: "walkthrough" });
    expect(out).toContain("# The reference solution.");
    const doc = parseDocument(out).toJS() as { walkthrough: { passMark: number; steps: unknown[] } };
    expect(doc.walkthrough).toEqual({ passMark: 80, steps: [{ run: "uptime", say: "Start <b>broad</b>.", milestone: "evidence" }, { wait: "65s" }, { hypothesis: "reindex hogs the CPUs" }, { run: "sudo pkill reindex" }, { diagnose: { category: "cpu-saturation", text: "reindex pins both CPUs" } }] });
    const anti = writeSteps(out, [{ run: "df -h" }, { diagnose: { category: "disk-full", text: "disk" } }], { kind: "anti-path", id: "blind-guess", title: "guesses", maxScore: 30 });
    const a = parseDocument(anti).toJS() as { antiPaths: { id: string; expect: unknown }[] };
    expect(a.antiPaths.map((p) => p.id)).toEqual(["flailing", "blind-guess"]);
    expect(a.antiPaths[1]).toMatchObject({ title: "guesses", expect: { maxScore: 30 } });
    expect(loadScenario(anti, "x.yaml").ok).toBe(true);
    expect(() => writeSteps("a: [", steps, { kind: "walkthrough" })).toThrow(/does not parse/);
  });

  it("replaces only the steps' text: the rest of the file stays byte for byte", () => {
    const text = scenarioTemplate("rec-test");
    const steps = [{ run: "uptime", say: "load: high", milestone: "evidence" as const }, { diagnose: { category: "cpu-saturation", text: "reindex" } }];
    const out = writeSteps(text, steps, { kind: "walkthrough" });
    const doc = parseDocument(text);
    const [start, end] = (doc.getIn(["walkthrough", "steps"], true) as { range: number[] }).range as [number, number];
    expect(out.slice(0, start)).toBe(text.slice(0, start));
    expect(out.slice(out.length - (text.length - end))).toBe(text.slice(end));
    expect(out.slice(start, out.length - (text.length - end))).toBe(
      ["- run: uptime", '      say: "load: high"', "      milestone: evidence", "    - diagnose:", "        category: cpu-saturation", "        text: reindex"].join("\n"),
    );
    // a new anti-path goes right after the last one, in the same style
    const anti = writeSteps(out, [{ run: "df -h" }], { kind: "anti-path", id: "disk-guess", title: "guesses", maxScore: 30 });
    const lastEnd = (parseDocument(out).get("antiPaths", true) as { range: number[] }).range[1]!;
    expect(anti.slice(0, lastEnd).trimEnd()).toBe(out.slice(0, lastEnd).trimEnd());
    expect(anti).toContain(["  - id: disk-guess", "    title: guesses", "    expect:", "      maxScore: 30", "    steps:", "      - run: df -h"].join("\n"));
    expect(loadScenario(anti, "x.yaml").ok).toBe(true);
  });
});
