/**
 * `faultline export`: a scripted oom-killer session exported as v2 plays in Debian's asciinema
 * 2.2 (`asciinema cat` prints exactly the cast's output), carries the typed keys and the four
 * milestone markers; --v3, --no-input, --no-markers and `--cast -` do what they say; a demo
 * session gets no markers (a warning, or an error with --markers); usage errors exit 2 and
 * unreadable sessions exit 1 with the file named.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAsciicast } from "../replay/index.js";
import { asciinemaSkipReason, runAsciinema } from "../testing/asciinema.js";
import { main } from "./main.js";

const dir = mkdtempSync(join(tmpdir(), "faultline-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function faultline(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });
  return { code, out: out.join(""), err: err.join("") };
}

const SESSION = join(dir, "oom.json");
const DEMO = join(dir, "demo.json");

beforeAll(async () => {
  const script = join(dir, "oom.txt");
  writeFileSync(script, "uptime\nsudo dmesg -T | tail -n 5\n@hypothesis telemetry-agent leaks memory\nsudo systemctl restart telemetry-agent\nfree -m\n");
  expect((await faultline(["run", "oom-killer", "--script", script, "--session-out", SESSION])).code).toBe(0);
  const demo = join(dir, "demo.txt");
  writeFileSync(demo, "uptime\ncd /tmp\n");
  expect((await faultline(["run", "--script", demo, "--session-out", DEMO])).code).toBe(0);
}, 60_000);

const shown = (cast: string): string =>
  parseAsciicast(cast)
    .events.filter((e) => e[1] === "o")
    .map((e) => e[2])
    .join("");

describe("faultline export", () => {
  it("writes a v2 cast with the typed keys and markers at the four milestones", async () => {
    const out = join(dir, "oom.cast");
    const r = await faultline(["export", SESSION, "--cast", out, "--v2"]);
    expect(r).toEqual({ code: 0, out: "", err: "" });
    const text = readFileSync(out, "utf8");
    const cast = parseAsciicast(text);
    expect(cast.version).toBe(2);
    expect(cast.header).toMatchObject({ cols: 80, rows: 24, title: "oom-killer (seed 7)" });
    expect(cast.events.filter((e) => e[1] === "m").map((e) => e[2])).toEqual([
      "Key evidence: the kernel OOM killer killing the API (python3)",
      "Hypothesis: telemetry-agent leaks memory",
      "Fix: sudo systemctl restart telemetry-agent",
      "Verified: free -m",
    ]);
    expect(cast.events.filter((e) => e[1] === "i").map((e) => e[2])).toEqual(["uptime\r", "sudo dmesg -T | tail -n 5\r", "sudo systemctl restart telemetry-agent\r", "free -m\r"]);
    expect(shown(text)).toMatch(/^sre@orders-02:~\$ uptime\r\n 09:44:\d\d up 2 days/);
  });

  it("--v3 (the default), --no-input, --no-markers, and --cast - for stdout", async () => {
    const r = await faultline(["export", SESSION, "--cast", "-", "--no-input", "--no-markers"]);
    expect(r.code).toBe(0);
    const cast = parseAsciicast(r.out);
    expect(cast.version).toBe(3);
    expect(cast.events.map((e) => e[1]).filter((c) => c !== "o")).toEqual([]);
    const v3 = join(dir, "v3.cast");
    expect((await faultline(["export", SESSION, "--cast", v3, "--v3"])).code).toBe(0);
    const v2 = await faultline(["export", SESSION, "--cast", "-", "--v2"]);
    expect(parseAsciicast(readFileSync(v3, "utf8")).events).toEqual(parseAsciicast(v2.out).events);
  });

  it("a session on the demo host has no rubric: no markers and a warning, or an error with --markers", async () => {
    const r = await faultline(["export", DEMO, "--cast", "-"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`faultline export: ${DEMO}: no markers: 'demo' has no rubric (not a graded scenario)\n`);
    expect(shown(r.out)).toMatch(/^sre@web-01:~\$ uptime\r\n.*\r\nsre@web-01:~\$ cd \/tmp\r\nsre@web-01:\/tmp\$ $/s);
    const m = await faultline(["export", DEMO, "--cast", join(dir, "x.cast"), "--markers"]);
    expect(m).toEqual({ code: 1, out: "", err: `faultline export: ${DEMO}: cannot place markers: 'demo' has no rubric (not a graded scenario)\n` });
    expect(existsSync(join(dir, "x.cast"))).toBe(false);
  });

  it("usage errors exit 2 with the usage; unreadable sessions exit 1 naming the file", async () => {
    const usage = "usage: faultline export SESSION.json --cast OUT.cast [--v2|--v3] [--no-input] [--markers|--no-markers]\n";
    expect(await faultline(["export", SESSION])).toEqual({ code: 2, out: "", err: `faultline export: missing --cast OUT.cast\n${usage}` });
    expect(await faultline(["export", "--cast", "x.cast"])).toEqual({ code: 2, out: "", err: `faultline export: missing the session log (SESSION.json)\n${usage}` });
    expect(await faultline(["export", SESSION, "--cast", "-", "--v2", "--v3"])).toEqual({ code: 2, out: "", err: `faultline export: --v2 and --v3 exclude each other\n${usage}` });
    expect(await faultline(["export", SESSION, "--cast", "-", "--fast"])).toEqual({ code: 2, out: "", err: `faultline export: unknown option '--fast'\n${usage}` });
    expect(await faultline(["export", SESSION, "--cast"])).toEqual({ code: 2, out: "", err: `faultline export: --cast needs a file name (or - for stdout)\n${usage}` });
    expect(await faultline(["export", "--help"])).toEqual({ code: 0, out: usage, err: "" });
    const missing = join(dir, "missing.json");
    expect(await faultline(["export", missing, "--cast", "-"])).toEqual({ code: 1, out: "", err: `faultline export: ${missing}: no such file\n` });
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ header: { format: "something-else" } }));
    expect(await faultline(["export", bad, "--cast", "-"])).toEqual({ code: 1, out: "", err: `faultline export: ${bad}: not a session log: header.format is "something-else", expected "faultline-session"\n` });
    expect(await faultline(["export", SESSION, "--cast", join(dir, "no/such/dir.cast")])).toEqual({ code: 1, out: "", err: `faultline export: cannot write '${join(dir, "no/such/dir.cast")}': ENOENT\n` });
  });
});

describe(`faultline export --v2 plays in asciinema 2.2${asciinemaSkipReason ? ` (${asciinemaSkipReason})` : ""}`, () => {
  it.skipIf(!!asciinemaSkipReason)("asciinema cat prints exactly the output the cast holds", async () => {
    const out = join(dir, "cat.cast");
    expect((await faultline(["export", SESSION, "--cast", out, "--v2"])).code).toBe(0);
    const r = runAsciinema(`cat ${out}`);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(shown(readFileSync(out, "utf8")));
    expect(r.stdout).toContain("sudo systemctl restart telemetry-agent\r\n");
  });
});
