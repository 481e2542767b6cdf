/**
 * Regressions for what the fuzzers found, each as the user met it: a command line that hung
 * the tab or leaked JavaScript, now answered the way bash on a real host answers it. One test
 * per finding; docs/reliability.md lists them with the input that found them.
 */
import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run } from "../../src/testing/host-builder.js";

describe("shell fuzzing regressions", () => {
  it("ls -R / ends: /proc/PID/task/TID has no task/ of its own (was an endless /proc/1/task/1/task/1/... walk)", async () => {
    const host = buildTestHost();
    const s = rootSession(host);
    const pid = host.logins[0]!.pid;
    const tid = await run(s, `ls /proc/${pid}/task/${pid}`);
    expect(tid.stdout.split("\n")).not.toContain("task");
    expect(tid.stdout.split("\n")).toContain("status");
    expect((await run(s, `ls /proc/${pid}`)).stdout.split("\n")).toContain("task");
    const r = await run(s, `ls -R /proc/${pid}`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`/proc/${pid}/task/${pid}:\n`);
    expect(r.stdout).not.toContain(`/task/${pid}/task`);
    const all = await run(s, "ls -R / | grep -c '^/proc/[0-9]*/task/[0-9]*:$'");
    // every process once (and the listing ls itself, a process while the line runs)
    expect(Number(all.stdout)).toBe(host.procs.size + 1);
  });

  it("a pattern of 300 kB is refused like a GNU tool refuses it, not an internal error (pgrep, pkill, grep, awk, journalctl)", async () => {
    const s = rootSession();
    const big = "é".repeat(300_000);
    for (const [line, want] of [
      [`pgrep -f '^/usr/bin/py${big}'`, "pgrep: Memory exhausted\n"],
      [`pkill -f '${big}'`, "pkill: Memory exhausted\n"],
      [`grep '${big}' /etc/passwd`, "grep: memory exhausted\n"],
      [`awk '/${big}/' /etc/passwd`, "awk: memory exhausted\n"],
      [`journalctl -g '${big}'`, "journalctl: memory exhausted\n"],
    ] as const) {
      const r = await run(s, line);
      expect({ line: line.slice(0, 12), stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ line: line.slice(0, 12), stdout: "", stderr: want, exitCode: 2 });
    }
    expect(s.internalErrors).toEqual([]);
  });

  it("sudo with a 300 kB command name says command not found (was an internal error building a regex from the name)", async () => {
    const s = rootSession();
    const name = "A".repeat(300_000);
    const r = await run(s, `sudo ${name}`);
    expect(r.stderr).toBe(`sudo: ${name}: command not found\n`);
    expect(r.exitCode).toBe(1);
    expect((await run(s, "sudo nosuchtool")).stderr).toBe("sudo: nosuchtool: command not found\n");
    expect(s.internalErrors).toEqual([]);
  });
});
