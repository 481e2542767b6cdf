/**
 * Runaway input: an endless loop, a fork bomb, endless recursion, a 10 MB paste, a heredoc of
 * megabytes, thousands of pasted lines and a ten-million-line seq each end with one clear
 * line on stderr (never a JavaScript error, never a misleading "syntax error"), and the
 * session answers the next command as before. Wall-clock bounds live in docs/reliability.md
 * (measured by the fuzz runner), not here.
 */
import { describe, expect, it } from "vitest";
import { testSession } from "../../src/testing/host-builder.js";

const CASES: [string, string, string][] = [
  ["an endless loop", "while true; do :; done", "-bash: command stopped: more than 100000 commands ran (Faultline stops runaway loops)\n"],
  ["a fork bomb", ":(){ :|:& };:", "-bash: command stopped: it ran too long (Faultline stops runaway loops)\n"],
  ["endless recursion", "f() { f; }; f", "-bash: command stopped: it ran too long (Faultline stops runaway loops)\n"],
  ["a 10 MB paste", `echo ${"a".repeat(10 * 1024 * 1024)} | wc -c`, "-bash: input too large: 10485773 bytes at once (Faultline reads at most 1000000; paste less, or write the data to a file in pieces)\n"],
  ["a 3 MB heredoc", `wc -c <<EOF\n${"x".repeat(3 * 1024 * 1024)}\nEOF`, "-bash: input too large: 3145744 bytes at once (Faultline reads at most 1000000; paste less, or write the data to a file in pieces)\n"],
  ["20,000 pasted lines", "echo hi\n".repeat(20_000), "-bash: input too long: more than 10000 commands at once (Faultline stops there; paste them in smaller pieces)\n"],
];

describe("runaway input", () => {
  for (const [what, line, stderr] of CASES) {
    it(`${what} is stopped with one clear line and the session goes on`, async () => {
      const s = testSession();
      const r = await s.run(line);
      expect({ stdout: r.stdout, stderr: r.stderr }).toEqual({ stdout: "", stderr });
      expect(r.exitCode === 126 || r.exitCode === 2).toBe(true);
      expect(s.internalErrors).toEqual([]);
      const next = await s.run("echo ok; uptime | wc -l");
      expect(next.stdout).toBe("ok\n1\n");
    });
  }

  it("a heredoc under the limit still works (half a megabyte)", async () => {
    const s = testSession();
    const r = await s.run(`wc -c <<EOF\n${"x".repeat(512 * 1024)}\nEOF`);
    expect(r.stdout).toBe(`${512 * 1024 + 1}\n`);
  });
});
