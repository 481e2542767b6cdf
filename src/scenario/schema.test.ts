/**
 * The published JSON Schema (schema/scenario.schema.json, used by editors through the
 * `# yaml-language-server: $schema=` line) must be exactly the TypeBox definition the loader
 * validates with. Regenerate with `UPDATE_SCHEMA=1 npx vitest run src/scenario/schema.test.ts`.
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ScenarioSchema, type ScenarioFile } from "./schema.js";
import Ajv from "ajv";

const FILE = new URL("../../schema/scenario.schema.json", import.meta.url);

function generated(): string {
  return JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", ...ScenarioSchema }, null, 2) + "\n";
}

describe("scenario JSON Schema", () => {
  it("the committed schema file is generated from the TypeScript definition", () => {
    if (process.env.UPDATE_SCHEMA || !existsSync(FILE)) writeFileSync(FILE, generated());
    expect(readFileSync(FILE, "utf8")).toBe(generated());
  });

  it("the published file validates the same documents as the loader's schema", () => {
    const published = JSON.parse(readFileSync(FILE, "utf8"));
    delete published.$schema;
    const v = new Ajv({ strict: false, allowUnionTypes: true }).compile(published);
    const good: Partial<ScenarioFile> = { format: 1, id: "x-y", title: "abc", difficulty: "easy", tags: [], estimatedMinutes: 5, briefing: "0123456789" };
    expect(v(good)).toBe(false); // incomplete: host, rubric... are required
    expect(v({ ...good, host: {}, rubric: { evidence: [{ id: "a", title: "t", points: 1, anyOf: [{ output: "x" }] }] }, diagnosis: { category: "other", accepted: [{ all: ["x"] }], explanation: "e" }, resolution: { fixed: { serviceActive: "nginx" } }, walkthrough: { steps: [{ run: "uptime" }] }, antiPaths: [{ id: "a", title: "a", steps: [{ run: "ls" }] }, { id: "b", title: "b", steps: [{ run: "ls" }] }] })).toBe(true);
  });
});
