/**
 * Proves the architecture rules bite: lints small fixture trees with the project's own
 * eslint.config.js and asserts the expected errors (wall clock, randomness, timers, console,
 * node:* in pure modules; import direction between layers; cycles; file casing), and that clean
 * code passes. Also checks the TypeScript split: tsconfig.pure.json has no DOM/Node types and
 * tsconfig.node.json typechecks every test file, including those inside pure folders.
 */
import { copyFileSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Fixture tree: path -> source. Each fixture file is linted as if it sat in the repo at that path. */
const FIXTURES: Record<string, string> = {
  "src/engine/index.ts": `/** x */\nexport { tick } from "./clean.js";\n`,
  "src/engine/clean.ts": `/** x */\nexport function tick(nowMs: number, rng: { next(): number }): number {\n  return nowMs + Math.floor(rng.next() * 10);\n}\n`,
  "src/engine/wall-clock.ts": `export const t = Date.now();\nexport const d = new Date();\nexport const s = Date();\nexport const r = Math.random();\n`,
  "src/engine/timers.ts": `setTimeout(() => 1, 5);\nsetInterval(() => 1, 5);\nexport const p = performance.now();\nconsole.log(p);\nexport const e = process.env.HOME;\nexport const w = window.location;\nexport const doc = document.title;\n`,
  "src/engine/node-import.ts": `import { readFileSync } from "node:fs";\nimport path from "path";\nexport const f = [readFileSync, path];\n`,
  "src/engine/date-arg.ts": `export const d = new Date(0);\n`,
  "src/engine/to-shell.ts": `import { createSession } from "../shell/index.js";\nexport const c = createSession;\n`,
  "src/engine/own-index.ts": `import { tick } from "./index.js";\nexport const c = tick;\n`,
  "src/engine/cycle-a.ts": `import { b } from "./cycle-b.js";\nexport const a = () => b;\n`,
  "src/engine/cycle-b.ts": `import { a } from "./cycle-a.js";\nexport const b = () => a;\n`,
  "src/engine/BadName.ts": `export const x = 1;\n`,
  "src/engine/unused.ts": `export function f(_ignored: number, used: number): number {\n  const leftover = 2;\n  return used;\n}\n`,
  "src/engine/engine.test.ts": `import { readFileSync } from "node:fs";\nimport { createSession } from "../shell/index.js";\nexport const t = [Date.now(), readFileSync, createSession, process.env];\n`,
  "src/shell/index.ts": `/** x */\nexport { createSession } from "./session.js";\n`,
  "src/shell/session.ts": `import { tick } from "../engine/index.js";\nexport const createSession = () => tick;\n`,
  "src/shell/deep-engine.ts": `import { tick } from "../engine/clean.js";\nexport const x = tick;\n`,
  "src/shell/to-app.ts": `import { App } from "../app/index.js";\nexport const x = App;\n`,
  "src/shell/uses-testing.ts": `import { helper } from "../testing/helper.js";\nexport const x = helper;\n`,
  "src/shell/interpreter/fs-adapter.ts": `export const mtime = (ms: number) => new Date(ms);\nexport const now = () => new Date();\n`,
  "src/testing/helper.ts": `import { readFileSync } from "node:fs";\nexport const helper = readFileSync;\n`,
  "src/app/index.ts": `export const App = 1;\n`,
  "src/app/reads-disk.ts": `import { readFileSync } from "node:fs";\nimport { run } from "../cli/main.js";\nexport const x = [readFileSync, run];\n`,
  "src/app/engine-ok.ts": `import { tick } from "../engine/index.js";\nexport const x = tick;\n`,
  "src/cli/main.ts": `import { readFileSync } from "node:fs";\nimport { tick } from "../engine/index.js";\nexport const run = () => [readFileSync, tick, Date.now(), console];\n`,
  "src/cli/ui.ts": `import { App } from "../app/index.js";\nimport { Terminal } from "@xterm/xterm";\nexport const x = [App, Terminal];\n`,
};

let dir = "";
/** file -> list of "line:ruleId" */
const found = new Map<string, string[]>();
const messages = new Map<string, string[]>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "faultline-arch-"));
  for (const [p, src] of Object.entries(FIXTURES)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), src);
  }
  // A fixture repo: the project's own eslint.config.js at its root (zones are relative to the
  // config's folder) and node_modules linked so the config's plugins resolve.
  copyFileSync(join(ROOT, "eslint.config.js"), join(dir, "eslint.config.js"));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  const eslint = new ESLint({ cwd: dir });
  for (const r of await eslint.lintFiles(["src/**/*.ts"])) {
    const rel = relative(dir, r.filePath);
    found.set(rel, r.messages.map((m) => `${m.line}:${m.ruleId}`));
    messages.set(rel, r.messages.map((m) => m.message));
  }
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const rules = (file: string) => found.get(file) ?? ["<not linted>"];

describe("architecture lint rules", () => {
  it("lints every fixture", () => {
    expect([...found.keys()].sort()).toEqual(Object.keys(FIXTURES).sort());
  });

  it("accepts clean pure code, index imports and the CLI's node:* use", () => {
    for (const f of ["src/engine/index.ts", "src/engine/clean.ts", "src/shell/index.ts", "src/shell/session.ts", "src/app/engine-ok.ts", "src/cli/main.ts"]) expect(rules(f), f).toEqual([]);
  });

  it("rejects the wall clock and Math.random in pure modules", () => {
    expect(rules("src/engine/wall-clock.ts")).toEqual(["1:no-restricted-properties", "2:no-restricted-syntax", "3:no-restricted-syntax", "4:no-restricted-properties"]);
    expect(messages.get("src/engine/wall-clock.ts")![0]).toMatch(/sim clock/);
  });

  it("rejects timers, performance, console, process and DOM globals in pure modules", () => {
    expect(rules("src/engine/timers.ts")).toEqual(["1:no-restricted-globals", "2:no-restricted-globals", "3:no-restricted-globals", "4:no-restricted-globals", "5:no-restricted-globals", "6:no-restricted-globals", "7:no-restricted-globals"]);
  });

  it("rejects node:* and bare Node built-ins in pure modules", () => {
    expect(rules("src/engine/node-import.ts")).toEqual(["1:import-x/no-nodejs-modules", "2:import-x/no-nodejs-modules"]);
  });

  it("allows new Date(x) only in the fs adapter, and new Date() nowhere", () => {
    expect(rules("src/engine/date-arg.ts")).toEqual(["1:no-restricted-syntax"]);
    expect(rules("src/shell/interpreter/fs-adapter.ts")).toEqual(["2:no-restricted-syntax"]);
  });

  it("enforces import direction between layers", () => {
    expect(rules("src/engine/to-shell.ts")).toEqual(["1:import-x/no-restricted-paths"]);
    expect(rules("src/shell/deep-engine.ts")).toEqual(["1:import-x/no-restricted-paths"]);
    expect(messages.get("src/shell/deep-engine.ts")![0]).toMatch(/only through src\/engine\/index\.ts/);
    expect(rules("src/shell/to-app.ts")).toEqual(["1:import-x/no-restricted-paths"]);
    expect(rules("src/shell/uses-testing.ts")).toEqual(["1:import-x/no-restricted-paths"]);
    expect(rules("src/engine/own-index.ts")).toEqual(["1:import-x/no-restricted-paths"]);
    expect(rules("src/app/reads-disk.ts")).toEqual(["1:import-x/no-nodejs-modules", "2:import-x/no-restricted-paths"]);
    expect(rules("src/cli/ui.ts")).toEqual(["1:import-x/no-restricted-paths", "2:no-restricted-imports"]);
  });

  it("rejects import cycles", () => {
    expect(rules("src/engine/cycle-a.ts")).toContain("1:import-x/no-cycle");
    expect(rules("src/engine/cycle-b.ts")).toContain("1:import-x/no-cycle");
  });

  it("requires kebab-case file names", () => {
    expect(rules("src/engine/BadName.ts")).toEqual(["1:unicorn/filename-case"]);
  });

  it("flags unused variables but allows a leading underscore", () => {
    expect(rules("src/engine/unused.ts")).toEqual(["2:@typescript-eslint/no-unused-vars"]);
  });

  it("lets tests and src/testing use Node and reach across layers", () => {
    expect(rules("src/engine/engine.test.ts")).toEqual([]);
    expect(rules("src/testing/helper.ts")).toEqual([]);
  });
});

describe("typecheck split", () => {
  const tsconfig = (name: string) => JSON.parse(readFileSync(join(ROOT, name), "utf8")) as { compilerOptions: { lib?: string[]; types?: string[] }; include: string[]; exclude?: string[] };

  it("compiles pure modules without DOM or Node types, and without their tests", () => {
    const pure = tsconfig("tsconfig.pure.json");
    expect(pure.compilerOptions.lib).toEqual(["ES2022"]);
    expect(pure.compilerOptions.types).toEqual([]);
    for (const m of ["engine", "shell", "scenario", "grading", "replay"]) expect(pure.include).toContain(`src/${m}`);
    expect(pure.exclude).toContain("**/*.test.ts");
  });

  it("typechecks every test (also those in pure folders) with Node types", () => {
    const node = tsconfig("tsconfig.node.json");
    expect(node.compilerOptions.types).toContain("node");
    expect(node.include).toContain("src");
    expect(node.exclude ?? []).not.toContain("**/*.test.ts");
  });
});
