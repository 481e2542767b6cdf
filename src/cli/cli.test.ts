/**
 * The `faultline` executable end to end: bin/faultline.mjs under tsx, `run --script` (transcript,
 * think time, @actions, --json, --session-out that replays identically), usage errors (exit 2),
 * script errors located as file:line, and `play` in a real pseudo-terminal via util-linux
 * `script` (skipped where it is missing).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildHost, demoHostSpec } from "../engine/index.js";
import { diffReplay, parseSessionLog, replaySession } from "./pure-deps.js";
import { parseScript, parseWait } from "./run-script.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = join(ROOT, "bin/faultline.mjs");
const dir = mkdtempSync(join(tmpdir(), "faultline-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

function scriptFile(text: string): string {
  const f = join(dir, `s${Math.floor(Math.random() * 1e9)}.txt`);
  writeFileSync(f, text);
  return f;
}

describe("faultline run", () => {
  it("prints the transcript (prompt + line, then output), applying think time and @wait", () => {
    const f = scriptFile("cat /proc/uptime\ncat /proc/uptime\n@wait 1m\n# a comment\n@note still fine\ncat /proc/uptime\ncd /var/log\nls /nonexistent\n");
    const r = cli(["run", "--script", f]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("sre@web-01:~$ cat /proc/uptime");
    const up = [1, 3, 5].map((i) => Number(lines[i].split(" ")[0]));
    expect(up[1] - up[0]).toBeCloseTo(2, 5);
    expect(up[2] - up[1]).toBeCloseTo(60, 5);
    expect(lines[2]).toBe("sre@web-01:~$ cat /proc/uptime");
    expect(lines[6]).toBe("sre@web-01:~$ cd /var/log");
    expect(lines[7]).toBe("sre@web-01:/var/log$ ls /nonexistent");
    expect(lines[8]).toMatch(/nonexistent/);
  });

  it("--json prints the session log; --session-out writes one that replays byte for byte", async () => {
    const f = scriptFile("uptime\n@hypothesis api leaks memory\n@hint\n@wait 500ms\ncat /proc/loadavg\n@diagnose memory leak in the api\n");
    const out = join(dir, "session.json");
    const r = cli(["run", "demo", "--script", f, "--seed", "9", "--json", "--session-out", out]);
    expect(r.code).toBe(0);
    const log = parseSessionLog(r.stdout);
    expect(log.header).toMatchObject({ format: "faultline-session", version: 1, scenarioId: "demo", seed: 9, interactive: false });
    expect(log.header.engineVersion).toBe(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version);
    const kinds = log.events.filter((e) => e[1] !== "engine").map((e) => e[1]);
    expect(kinds).toEqual(["input", "output", "hypothesis", "hint", "wait", "input", "output", "diagnosis"]);
    const saved = parseSessionLog(readFileSync(out, "utf8"));
    expect(saved).toEqual(log);
    expect(diffReplay(saved, await replaySession(saved, (h) => buildHost(demoHostSpec(h.seed))))).toBeUndefined();
  });

  it("reports script errors as file:line and usage errors with exit code 2", () => {
    const bad = scriptFile("uptime\n@explode now\n");
    const r = cli(["run", "--script", bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`faultline: ${bad}:2: unknown action '@explode' (expected @wait, @note, @hypothesis, @hint, @diagnose)\n`);
    const u = cli(["frobnicate"]);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/^faultline: unknown command 'frobnicate'\nUsage: faultline <command>/);
    expect(cli(["run"]).stderr).toMatch(/^faultline: run needs --script FILE\n/);
    expect(cli(["run", "nosuch", "--script", bad]).stderr).toMatch(/^faultline: unknown scenario 'nosuch' \(available: .*demo\)\n$/);
    expect(cli(["run", "--script", join(dir, "missing.txt")]).stderr).toMatch(/cannot read script .*missing\.txt': No such file or directory/);
  });

  it("--help and --version", () => {
    const h = cli(["--help"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^Usage: faultline <command> \[options\]\n/);
    const v = cli(["--version"]);
    expect(v.stdout).toMatch(/^faultline \d+\.\d+\.\d+\n$/);
  });
});

describe("script parsing", () => {
  it("parses durations and actions", () => {
    expect([parseWait("30s"), parseWait("2m"), parseWait("500ms"), parseWait("1h"), parseWait("1.5s"), parseWait("10"), parseWait("soon")]).toEqual([30000, 120000, 500, 3600000, 1500, 10000, undefined]);
    expect(parseScript("ls\n\n@hint\n@diagnose disk full\n  # c\n")).toEqual([
      { kind: "line", text: "ls", lineNo: 1 },
      { kind: "hint", text: "", lineNo: 3 },
      { kind: "diagnose", text: "disk full", lineNo: 4 },
    ]);
    expect(() => parseScript("@wait\n", "x.txt")).toThrow("x.txt:1: @wait needs a duration like 30s, 2m or 500ms, got ''");
    expect(() => parseScript("@note\n", "x.txt")).toThrow("x.txt:1: @note needs a text");
  });
});

const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;

describe.skipIf(!hasScript)("faultline play in a pseudo-terminal", () => {
  it("shows the banner, runs a line, completes with Tab and logs out", async () => {
    const child = spawn("script", ["-qfec", `stty cols 80 rows 24; ${process.execPath} ${BIN} play --seed 3`, "/dev/null"], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    const waitFor = async (re: RegExp) => {
      for (let i = 0; i < 300 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(re);
    };
    await waitFor(/sre@web-01:~\$ $/);
    child.stdin.write("upti\t");
    await waitFor(/uptime $/);
    child.stdin.write("\r");
    await waitFor(/load average: [^\n]*\n[^\n]*sre@web-01:~\$ $/);
    child.stdin.write("exit\r");
    const code = await new Promise<number | null>((r) => child.on("close", r));
    expect(out).toMatch(/Linux web-01 6\.1\.0-18-amd64/);
    expect(out).toMatch(/Last login: .* from 10\.0\.2\.31/);
    expect(out).toMatch(/logout\r?\r\nConnection to web-01 closed\.\r?\r\n/);
    expect(code).toBe(0);
  }, 60_000);
});
