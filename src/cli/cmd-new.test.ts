/**
 * `faultline new <id>`: the scaffolded scenario validates and passes its self-test as written,
 * lands in scenarios/ (or ./, or --out), never overwrites, and rejects bad ids.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testScenario } from "../harness/index.js";
import { cmdNew } from "./cmd-new.js";
import { loadFile } from "./scenario-catalog.js";

const dir = mkdtempSync(join(tmpdir(), "faultline-new-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) }, out: () => out.join(""), err: () => err.join("") };
}

describe("faultline new", () => {
  it("scaffolds scenarios/<id>.yaml that validates and passes faultline test", async () => {
    const repo = join(dir, "repo");
    mkdirSync(join(repo, "scenarios"), { recursive: true });
    mkdirSync(join(repo, "schema"));
    writeFileSync(join(repo, "schema/scenario.schema.json"), "{}");
    const c = capture();
    expect(cmdNew(["disk-hog", "--title", "The disk hog"], c.io, repo)).toBe(0);
    expect(c.out()).toBe("created scenarios/disk-hog.yaml\n\nnext:\n  npx faultline validate scenarios/disk-hog.yaml\n  npx faultline test scenarios/disk-hog.yaml\n  npx faultline play scenarios/disk-hog.yaml\n");
    const text = readFileSync(join(repo, "scenarios/disk-hog.yaml"), "utf8");
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/schema\/scenario\.schema\.json\n/);
    expect(text).toContain('title: "The disk hog"');
    const l = loadFile(join(repo, "scenarios/disk-hog.yaml"));
    expect(l.ok ? [] : l.issues).toEqual([]);
    if (!l.ok) return;
    expect(l.scenario.id).toBe("disk-hog");
    const r = await testScenario(l.scenario);
    expect(r.checks.filter((k) => !k.ok)).toEqual([]);
    expect(r.ok).toBe(true);
  }, 120_000);

  it("writes ./<id>.yaml outside a repository, or --out; never overwrites", () => {
    const c = capture();
    const plain = join(dir, "plain");
    mkdirSync(plain);
    expect(cmdNew(["my-first"], c.io, plain)).toBe(0);
    expect(existsSync(join(plain, "my-first.yaml"))).toBe(true);
    expect(readFileSync(join(plain, "my-first.yaml"), "utf8")).not.toContain("yaml-language-server");
    const before = readFileSync(join(plain, "my-first.yaml"), "utf8");
    const again = capture();
    expect(cmdNew(["my-first"], again.io, plain)).toBe(1);
    expect(again.err()).toBe("faultline new: my-first.yaml already exists; not overwriting it (choose another id or --out FILE)\n");
    expect(readFileSync(join(plain, "my-first.yaml"), "utf8")).toBe(before);
    expect(cmdNew(["other", "--out", "sub/dir/x.yaml"], capture().io, plain)).toBe(0);
    expect(readFileSync(join(plain, "sub/dir/x.yaml"), "utf8")).toMatch(/^id: other /m);
    // an absolute --out is taken as is (it was joined under the working directory)
    const abs = join(dir, "elsewhere", "abs.yaml");
    expect(cmdNew(["third", "--out", abs], capture().io, plain)).toBe(0);
    expect(readFileSync(abs, "utf8")).toMatch(/^id: third /m);
    expect(existsSync(join(plain, abs))).toBe(false);
  });

  it("rejects bad ids and arguments", () => {
    const c = capture();
    expect(cmdNew(["Bad_Id"], c.io, dir)).toBe(2);
    expect(c.err()).toBe("faultline new: invalid id 'Bad_Id': use lowercase letters, digits and dashes (e.g. disk-full-logs)\n");
    const m = capture();
    expect(cmdNew([], m.io, dir)).toBe(2);
    expect(m.err()).toMatch(/^faultline new: missing scenario id\nusage: faultline new <id>/);
    const o = capture();
    expect(cmdNew(["x", "--force"], o.io, dir)).toBe(2);
    expect(o.err()).toMatch(/^faultline new: unknown option '--force'/);
  });
});
