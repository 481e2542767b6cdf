/**
 * The `faultline` command line: `play [scenario]` (an interactive session in this terminal),
 * `run [scenario] --script FILE` (non-interactive transcript or, with --json, the session log),
 * `--help`, `--version`. Usage errors go to stderr with exit code 2. `main(argv)` returns the
 * exit code so tests can call it in-process; bin/faultline.mjs runs it under tsx. Scenarios are
 * resolved by resolve-host.ts ("demo" for now). The format of scripts is in docs/cli.md.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createSession } from "../shell/index.js";
import { openNodeTerminal } from "./node-terminal.js";
import { play } from "./play.js";
import { SessionRecorder, type SessionLog } from "./pure-deps.js";
import { DEFAULT_SCENARIO, DEFAULT_SEED, ScenarioLoadError, UnknownScenarioError, resolveHost } from "./resolve-host.js";
import { cmdList, cmdTest, cmdValidate } from "./cmd-scenarios.js";
import { cmdGrade } from "./cmd-grade.js";
import { cmdNew } from "./cmd-new.js";
import { cmdExport } from "./cmd-export.js";
import { ScriptError, parseScript, runScript } from "./run-script.js";

export const USAGE = `Usage: faultline <command> [options]

Commands:
  play [scenario]               an interactive session on the scenario's host in this terminal
  run [scenario] --script FILE  type a script into a session and print the transcript
  list [--tag T] [--difficulty D] [--json]
                                the scenario catalog
  validate [files...]           check scenario files (exit 1 with file:line:col errors)
  test [ids...] [--seed N] [--verbose]
                                self-test scenarios: walkthroughs pass, anti-paths score low,
                                replay is byte-identical
  grade SESSION.json [--format text|json|markdown]
                                replay a session log on a fresh host and grade it
  grade DIR... [--format csv|json] [--jobs N]
                                grade a cohort's exported sessions in parallel
  export SESSION.json --cast OUT.cast [--v2|--v3] [--no-input] [--markers|--no-markers]
                                the session as an asciicast (asciinema), with milestone markers
  new ID [--out FILE] [--title TEXT]
                                scaffold a scenario from the commented template

Options:
  --script FILE        (run) the script: shell lines and @actions (see docs/cli.md)
  --seed N             seed for the scenario's randomness (default: the scenario's own; demo ${DEFAULT_SEED})
  --session-out FILE   write the session log (JSON) to FILE
  --json               (run) print the session log instead of the transcript
  -h, --help           show this help and exit
  -V, --version        print the version and exit

Scenarios: the ids in scenarios/ (faultline list), a path to a YAML file, or demo (the default)
`;

export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

const defaultIo: CliIo = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};

/** The package version (the engine version recorded in session logs). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "0.0.0";
}

class UsageError extends Error {}

interface Parsed {
  command?: string;
  scenario: string;
  script?: string;
  seed: number | undefined;
  sessionOut?: string;
  json: boolean;
  help: boolean;
  version: boolean;
}

function parse(argv: string[]): Parsed {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        script: { type: "string" },
        seed: { type: "string" },
        "session-out": { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "V" },
      },
    }));
  } catch (e) {
    throw new UsageError((e instanceof Error ? e.message : String(e)).replace(/\. To specify a positional argument.*$/s, ""));
  }
  const seedText = values.seed as string | undefined;
  if (seedText !== undefined && !/^\d+$/.test(seedText)) throw new UsageError(`invalid --seed '${seedText}': expected a non-negative integer`);
  if (positionals.length > 2) throw new UsageError(`unexpected argument '${positionals[2]}'`);
  return {
    command: positionals[0],
    scenario: positionals[1] ?? DEFAULT_SCENARIO,
    script: values.script as string | undefined,
    seed: seedText === undefined ? undefined : Number(seedText),
    sessionOut: values["session-out"] as string | undefined,
    json: values.json === true,
    help: values.help === true,
    version: values.version === true,
  };
}

function writeLog(file: string, log: SessionLog): void {
  writeFileSync(file, JSON.stringify(log, null, 2) + "\n");
}

async function cmdRun(p: Parsed, io: CliIo): Promise<number> {
  if (!p.script) throw new UsageError("run needs --script FILE");
  let text: string;
  try {
    text = readFileSync(p.script, "utf8");
  } catch (e) {
    io.stderr(`faultline: cannot read script '${p.script}': ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "No such file or directory" : (e as Error).message}\n`);
    return 2;
  }
  const { host, scenarioId, scenarioHash, seed } = resolveHost(p.scenario, p.seed);
  const items = parseScript(text, p.script);
  const { log } = await runScript(host, items, {
    engineVersion: packageVersion(),
    scenarioId,
    scenarioHash,
    seed,
    write: p.json ? undefined : (s) => io.stdout(s),
  });
  if (p.json) io.stdout(JSON.stringify(log, null, 2) + "\n");
  if (p.sessionOut) writeLog(p.sessionOut, log);
  return 0;
}

async function cmdPlay(p: Parsed, io: CliIo): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    io.stderr("faultline: play needs an interactive terminal (use `faultline run --script FILE` for scripts)\n");
    return 2;
  }
  const { host, scenarioId, scenarioHash, seed, scenario } = resolveHost(p.scenario, p.seed);
  if (scenario) io.stdout(`${scenario.title}\n\n${scenario.briefing.trim()}\n\n`);
  const term = openNodeTerminal();
  const session = createSession(host, { interactive: true, cols: term.cols, rows: term.rows });
  const rec = new SessionRecorder(session, { engineVersion: packageVersion(), scenarioId, scenarioHash, seed });
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    term.close();
    rec.stop();
    if (p.sessionOut) writeLog(p.sessionOut, rec.toJSON());
  };
  // the terminal went away or we were told to stop: restore the TTY and keep the log
  const onSignal = (sig: NodeJS.Signals) => {
    finish();
    process.exit(sig === "SIGHUP" ? 129 : 143);
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGHUP", onSignal);
  try {
    await play(rec, term);
  } finally {
    finish();
    process.off("SIGTERM", onSignal);
    process.off("SIGHUP", onSignal);
  }
  return 0;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const sub = { out: io.stdout, err: io.stderr };
  switch (argv[0]) {
    case "list":
      return cmdList(argv.slice(1), sub);
    case "validate":
      return cmdValidate(argv.slice(1), sub);
    case "test":
      return cmdTest(argv.slice(1), sub);
    case "grade":
      return cmdGrade(argv.slice(1), sub);
    case "new":
      return cmdNew(argv.slice(1), sub);
    case "export":
      return cmdExport(argv.slice(1), sub);
  }
  try {
    const p = parse(argv);
    if (p.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (p.version) {
      io.stdout(`faultline ${packageVersion()}\n`);
      return 0;
    }
    switch (p.command) {
      case "run": return await cmdRun(p, io);
      case "play": return await cmdPlay(p, io);
      case undefined: throw new UsageError("missing command");
      default: throw new UsageError(`unknown command '${p.command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`faultline: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof ScenarioLoadError) {
      io.stderr(e.message);
      return 2;
    }
    if (e instanceof ScriptError || e instanceof UnknownScenarioError) {
      io.stderr(`faultline: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
