/**
 * docs/scenario-fields.md is generated from the schema's descriptions, so the field
 * reference can never drift from what the loader accepts. Regenerate with
 * `UPDATE_SCHEMA=1 npx vitest run src/scenario/field-reference.test.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ScenarioSchema } from "./schema.js";
import { FAULTS } from "../engine/index.js";

type S = { type?: string; description?: string; properties?: Record<string, S>; items?: S; anyOf?: S[]; required?: string[]; const?: unknown; pattern?: string; minimum?: number; maximum?: number; $ref?: string; additionalProperties?: S | boolean; patternProperties?: Record<string, S>; minItems?: number; maxItems?: number; $defs?: Record<string, S> };

function typeOf(s: S): string {
  if (s.$ref) return s.$ref === "Predicate" ? "predicate" : s.$ref;
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.anyOf) return s.anyOf.map(typeOf).join(" \\| ");
  if (s.type === "array") return `list of ${s.items ? typeOf(s.items) : "values"}`;
  if (s.type === "object" && s.patternProperties) return "map";
  return s.type ?? "value";
}

function rows(s: S, prefix: string, out: string[], depth = 0): void {
  if (depth > 6) return;
  const props = s.properties ?? {};
  for (const [k, v] of Object.entries(props)) {
    if (k === "$schema") continue;
    const name = `${prefix}${k}`;
    const req = s.required?.includes(k) ? "yes" : "";
    const limits = [v.minimum !== undefined ? `≥ ${v.minimum}` : "", v.maximum !== undefined ? `≤ ${v.maximum}` : "", v.maxItems !== undefined ? `≤ ${v.maxItems} items` : ""].filter(Boolean).join(", ");
    const desc = (v.description ?? v.anyOf?.find((x) => x.description)?.description ?? v.items?.description ?? "").replace(/\|/g, "\\|");
    out.push(`| \`${name}\` | ${typeOf(v)} | ${req} | ${desc}${limits ? ` (${limits})` : ""} |`);
    const inner = v.type === "array" ? v.items : v;
    if (inner?.properties) rows(inner, `${name}${v.type === "array" ? "[]" : ""}.`, out, depth + 1);
  }
}

function generate(): string {
  const out = ["# Scenario field reference", "", "Generated from the schema (`src/scenario/schema.ts`); do not edit by hand. See [scenario-format.md](scenario-format.md) for how the pieces fit together.", "", "| field | type | required | meaning |", "|---|---|---|---|"];
  rows(ScenarioSchema as unknown as S, "", out);
  out.push("", "## Predicate", "", "A predicate is a mapping with one or more of these keys (all must hold):", "", "| key | type | meaning |", "|---|---|---|");
  const pred = (ScenarioSchema as unknown as S).$defs!.Predicate!;
  for (const [k, v] of Object.entries(pred.properties ?? {})) out.push(`| \`${k}\` | ${typeOf(v)} | ${(v.description ?? v.anyOf?.find((x) => x.description)?.description ?? "").replace(/\|/g, "\\|")} |`);
  out.push("", "## Fault modules", "");
  for (const [name, def] of Object.entries(FAULTS)) {
    out.push(`### \`${name}\``, "", def.summary, "", "| parameter | meaning |", "|---|---|");
    for (const [p, d] of Object.entries(def.params)) out.push(`| \`${p}\` | ${d} |`);
    out.push("");
  }
  return out.join("\n") + "\n";
}

describe("field reference", () => {
  it("docs/scenario-fields.md matches the schema", () => {
    const file = new URL("../../docs/scenario-fields.md", import.meta.url);
    if (process.env.UPDATE_SCHEMA || !existsSync(file)) writeFileSync(file, generate());
    expect(readFileSync(file, "utf8")).toBe(generate());
  });
});
