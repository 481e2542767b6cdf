/**
 * The command registry is complete and every command carries its paperwork (STYLE.md
 * "Registering a command"): each folder src/shell/commands/<name>/ holds <name>.ts exporting
 * `<name>Command` that is listed in COMMANDS under its folder's name, a <name>.test.ts with at
 * least one `toMatchFileSnapshot("__golden__/...")` whose golden file is on disk, and help text
 * that `<name> --help` prints cleanly. Folders `common/` and `groups/` hold shared code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "./registry.js";
import type { Command } from "../spec/define-command.js";
import { rootSession } from "../../testing/host-builder.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const SHARED_FOLDERS = new Set(["common", "groups"]);
const FOLDERS = readdirSync(HERE)
  .filter((f) => !SHARED_FOLDERS.has(f) && !f.startsWith(".") && statSync(join(HERE, f)).isDirectory())
  .sort();

/** "journalctl" -> "journalctlCommand", "ip-route" -> "ipRouteCommand". */
const exportName = (folder: string) => `${folder.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}Command`;

/** The golden paths a test file passes to toMatchFileSnapshot. */
function goldenPaths(testSource: string): string[] {
  return [...testSource.matchAll(/toMatchFileSnapshot\(\s*["'`]([^"'`]+)["'`]/g)].map((m) => m[1]);
}

describe("command registry", () => {
  it("has unique command names", () => {
    const names = COMMANDS.map((c) => c.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("lists every command folder's <name>Command under its folder's name", async () => {
    const problems: string[] = [];
    for (const folder of FOLDERS) {
      const file = join(HERE, folder, `${folder}.ts`);
      if (!existsSync(file)) {
        problems.push(`${folder}/: missing ${folder}.ts`);
        continue;
      }
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const cmd = mod[exportName(folder)] as Command | undefined;
      if (!cmd) problems.push(`${folder}/${folder}.ts: does not export ${exportName(folder)}`);
      else if (!COMMANDS.includes(cmd)) problems.push(`${folder}: ${exportName(folder)} is not in COMMANDS (add it to its group file in groups/)`);
      else if (cmd.name !== folder) problems.push(`${folder}: command is named "${cmd.name}", folder is "${folder}"`);
    }
    expect(problems).toEqual([]);
  });

  it("gives every command folder a test with at least one golden file on disk", () => {
    const problems: string[] = [];
    for (const folder of FOLDERS) {
      const test = join(HERE, folder, `${folder}.test.ts`);
      if (!existsSync(test)) {
        problems.push(`${folder}/: missing ${folder}.test.ts`);
        continue;
      }
      const goldens = goldenPaths(readFileSync(test, "utf8"));
      if (!goldens.some((g) => g.startsWith("__golden__/"))) problems.push(`${folder}.test.ts: no toMatchFileSnapshot("__golden__/...")`);
      for (const g of goldens) if (!existsSync(join(HERE, folder, g))) problems.push(`${folder}/${g}: golden file missing (run the test locally, check it against the real tool, commit it)`);
    }
    expect(problems).toEqual([]);
  });

  it("gives every command a summary, a usage and a clean --help", async () => {
    const session = rootSession();
    const problems: string[] = [];
    for (const c of COMMANDS) {
      if (!c.summary?.trim()) problems.push(`${c.name}: empty summary`);
      if (!c.usage?.trim() && !c.help?.trim()) problems.push(`${c.name}: neither usage nor help text`);
      if (c.helpFlag === false) continue;
      const r = await session.run(`${c.name} --help`);
      const text = r.stdout + r.stderr;
      if (!text.trim()) problems.push(`${c.name} --help: printed nothing`);
      if (/undefined|NaN|\[object Object\]/.test(text)) problems.push(`${c.name} --help: leaks ${/undefined|NaN|\[object Object\]/.exec(text)![0]}`);
    }
    expect(problems).toEqual([]);
    expect(session.internalErrors).toEqual([]);
  });
});
