/**
 * The editor's small text edits: a duplicated shipped scenario gets a new id and "(copy)" in
 * its title whether the title is plain, single- or double-quoted, keeping comments and the rest
 * of the file; the seed "Try it" and the self-check use is the file's own (1 when absent/bad).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { asCopy, seedOf } from "./scenario-text.js";

describe("asCopy", () => {
  it("renames the id and the title, keeping comments and other lines", () => {
    const text = `format: 1\nid: disk-full # stable\ntitle: Disk full again # shown in the catalog\nsummary: "x"\n`;
    expect(asCopy(text, "disk-full")).toBe(`format: 1\nid: disk-full-copy # stable\ntitle: "Disk full again (copy)" # shown in the catalog\nsummary: "x"\n`);
    expect(asCopy(`id: a\ntitle: "It's \\"slow\\""\n`, "a")).toBe(`id: a-copy\ntitle: "It's \\"slow\\" (copy)"\n`);
    expect(asCopy(`id: a\ntitle: 'It''s slow'\n`, "a")).toBe(`id: a-copy\ntitle: "It's slow (copy)"\n`);
  });

  it("gives every shipped scenario a new id and a (copy) title", () => {
    const dir = join(import.meta.dirname, "../../../scenarios");
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".yaml"))) {
      const orig = parse(readFileSync(join(dir, f), "utf8")) as { id: string; title: string };
      const copy = parse(asCopy(readFileSync(join(dir, f), "utf8"), orig.id)) as { id: string; title: string };
      expect([f, copy.id, copy.title]).toEqual([f, `${orig.id}-copy`, `${orig.title} (copy)`]);
    }
  });
});

describe("seedOf", () => {
  it("reads the default seed, 1 when it is missing or not a whole number", () => {
    expect(seedOf("id: a\nseed: 42\n")).toBe(42);
    expect(seedOf("id: a\n")).toBe(1);
    expect(seedOf("seed: -3\n")).toBe(1);
    expect(seedOf("seed: [\n")).toBe(1);
  });
});
