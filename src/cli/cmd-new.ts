/**
 * `faultline new <id> [--out FILE] [--title TEXT]`: scaffolds a scenario from the commented
 * template (src/scenario/template.ts), which passes `faultline validate` and `faultline test`
 * as written. The file goes to scenarios/<id>.yaml when the current directory has a
 * scenarios/ folder, else ./<id>.yaml, or to --out. It never overwrites an existing file.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { scenarioTemplate, SCENARIO_ID_PATTERN } from "../scenario/index.js";
import type { Io } from "./cmd-scenarios.js";

const USAGE = "usage: faultline new <id> [--out FILE] [--title TEXT]\n";

export function cmdNew(args: string[], io: Io, cwd = process.cwd()): number {
  let out: string | undefined;
  let title: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--out" || a === "--title") {
      const v = args[++i];
      if (v === undefined) {
        io.err(`faultline new: ${a} needs a value\n${USAGE}`);
        return 2;
      }
      if (a === "--out") out = v;
      else title = v;
    } else if (a.startsWith("--out=")) out = a.slice(6);
    else if (a.startsWith("--title=")) title = a.slice(8);
    else if (a === "-h" || a === "--help") {
      io.out(USAGE);
      return 0;
    } else if (a.startsWith("-")) {
      io.err(`faultline new: unknown option '${a}'\n${USAGE}`);
      return 2;
    } else rest.push(a);
  }
  if (rest.length !== 1) {
    io.err(rest.length ? `faultline new: unexpected argument '${rest[1]}'\n${USAGE}` : `faultline new: missing scenario id\n${USAGE}`);
    return 2;
  }
  const id = rest[0]!;
  if (!SCENARIO_ID_PATTERN.test(id)) {
    io.err(`faultline new: invalid id '${id}': use lowercase letters, digits and dashes (e.g. disk-full-logs)\n`);
    return 2;
  }
  const hasCatalog = existsSync(join(cwd, "scenarios")) && statSync(join(cwd, "scenarios")).isDirectory();
  // --out is a path as the shell gives it: relative to the working directory, or absolute
  const file = out ? resolve(cwd, out) : join(cwd, hasCatalog ? "scenarios" : ".", `${id}.yaml`);
  const rel = relative(cwd, file);
  const shown = !rel || rel.startsWith("..") ? file : rel;
  if (existsSync(file)) {
    io.err(`faultline new: ${shown} already exists; not overwriting it (choose another id or --out FILE)\n`);
    return 1;
  }
  let text = scenarioTemplate(id, title);
  // the schema hint is relative to the repository's schema/ folder when the file is inside it
  const schema = join(cwd, "schema/scenario.schema.json");
  if (existsSync(schema)) text = text.replace(/\$schema=\S+/, `$schema=${relative(dirname(file), schema).replace(/\\/g, "/")}`);
  else text = text.replace(/^# yaml-language-server:.*\n/, "");
  text = text.replace(/scenarios\/[a-z0-9-]+\.yaml/g, shown.replace(/\\/g, "/"));
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, text, { flag: "wx" });
  } catch (e) {
    io.err(`faultline new: cannot write ${shown}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return 1;
  }
  io.out(`created ${shown}\n\nnext:\n  npx faultline validate ${shown}\n  npx faultline test ${shown}\n  npx faultline play ${shown}\n`);
  return 0;
}
