import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const CORPUS = readFileSync(join(HERE, "__golden__/corpus.txt"), "utf8");
/**
 * The command lines grep_corpus.gnu.txt was produced with: GNU grep 3.8 run by
 * `bash -c "$line"` (stdout and stderr together) in a directory holding corpus.txt, sub/app.log and sub/notes.txt.
 */
const CMDS = readFileSync(join(HERE, "__golden__/cmds.txt"), "utf8").trimEnd().split("\n");

function grepHost() {
  return buildTestHost((spec) =>
    spec.files!.push(
      { path: "/tmp/grepg/corpus.txt", content: CORPUS },
      { path: "/tmp/grepg/sub/app.log", content: "connect timeout after 5s\nerror: retry 1\nerror: retry 2\n" },
      { path: "/tmp/grepg/sub/notes.txt", content: "no timeout here\n" },
    ),
  );
}

describe("grep", () => {
  it("prints what GNU grep 3.8 prints for the same files and command lines", async () => {
    const s = testSession(grepHost());
    let out = "";
    for (const c of CMDS) out += `$ ${c}\n` + (await sh(s, `cd /tmp/grepg && ${c}`));
    // the golden is GNU's output, never regenerated from ours (`--update` must leave it unchanged)
    await expect(out).toMatchFileSnapshot("__golden__/grep_corpus.gnu.txt");
  });

  it("several -e patterns: a line matches if any does, and -v inverts the whole set", async () => {
    const s = testSession(grepHost());
    expect(await sh(s, "printf 'alpha\\nbeta\\ngamma\\n' | grep -v -e alpha -e beta")).toBe("gamma\n");
    expect(await sh(s, "printf 'alpha\\nbeta\\ngamma\\n' | grep -c -e alpha -e beta")).toBe("2\n");
  });

  it("-r joins paths without a double slash and reads . when no file is named", async () => {
    const s = testSession(grepHost());
    expect(await sh(s, "grep -r retry /tmp/grepg/sub/")).toBe("/tmp/grepg/sub/app.log:error: retry 1\n/tmp/grepg/sub/app.log:error: retry 2\n");
    expect(await sh(s, "cd /tmp/grepg/sub && grep -rl timeout")).toMatch(/^(app\.log\nnotes\.txt\n|notes\.txt\napp\.log\n)$/);
  });

  it("colours matches only on the terminal with --color=auto", async () => {
    const s = testSession(grepHost(), { interactive: true });
    const tty = await run(s, "grep --color=auto disk /tmp/grepg/corpus.txt");
    expect(tty.stdout).toBe("ERROR: \x1b[01;31m\x1b[Kdisk\x1b[m\x1b[K full\n");
    expect(await sh(s, "grep --color=auto disk /tmp/grepg/corpus.txt | cat")).toBe("ERROR: disk full\n");
  });

  it("binary files: a match is reported on stderr, exit 0", async () => {
    const s = testSession(grepHost());
    await sh(s, "printf 'a\\0b\\n' > /tmp/bin.dat");
    expect(await run(s, "grep a /tmp/bin.dat")).toMatchObject({ stdout: "", stderr: "grep: /tmp/bin.dat: binary file matches\n", exitCode: 0 });
    expect(await run(s, "grep -a -c a /tmp/bin.dat")).toMatchObject({ stdout: "1\n", exitCode: 0 });
  });

  it("--help and --version", async () => {
    const s = testSession();
    const h = await run(s, "grep --help");
    expect(h.stdout).toMatch(/^Usage: grep \[OPTION\]\.\.\. PATTERNS \[FILE\]\.\.\.\nSearch for PATTERNS in each FILE\./);
    expect(h.exitCode).toBe(0);
    expect((await run(s, "grep -V")).stdout).toMatch(/^grep \(GNU grep\) 3\.8\n/);
  });
});
