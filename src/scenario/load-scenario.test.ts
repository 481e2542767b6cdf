/**
 * The loader on good and broken files: every file of the malformed corpus
 * (tests/fixtures/bad-scenarios, first line "# expect: <message part>") is rejected with a
 * located, readable error, and nothing throws.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatIssue, loadScenario } from "./index.js";
import { checkShellSyntax } from "../testing/shell-syntax.js";

const DIR = new URL("../../tests/fixtures/bad-scenarios/", import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort();

describe("loadScenario", () => {
  it("accepts the minimal scenario", () => {
    const text = readFileSync(new URL("../../tests/fixtures/minimal.yaml", import.meta.url), "utf8");
    const r = loadScenario(text, "minimal.yaml", { checkShellSyntax });
    if (!r.ok) throw new Error(r.error.map(formatIssue).join("\n"));
    expect(r.value.id).toBe("minimal");
    expect(r.value.contentHash).toMatch(/^[0-9a-f]{8}$/);
  });

  it("has a corpus of at least 30 broken files", () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const f of files) {
    it(`rejects ${f} with a located error`, () => {
      const text = readFileSync(new URL(f, DIR), "utf8");
      const expected = /^# expect: (.*)$/m.exec(text)![1]!;
      const r = loadScenario(text, `bad/${f}`, { checkShellSyntax });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const lines = r.error.map(formatIssue);
      expect(lines.join("\n")).toContain(expected);
      for (const l of lines) {
        expect(l).toMatch(/^bad\/[\w.-]+:\d+:\d+: \S/);
        expect(l.replace(/^[^:]+:/, "")).not.toMatch(/undefined|NaN|\[object|TypeError/);
      }
      // the location points into the file
      const nLines = text.split("\n").length;
      for (const i of r.error) expect(i.line).toBeLessThanOrEqual(nLines + 1);
    });
  }
});
