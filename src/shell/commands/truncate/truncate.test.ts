import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("truncate", () => {
  it("sets sizes and prints GNU errors", async () => {
    const s = rootSession();
    await expect(await sh(s, "truncate -s 1K /tmp/a; truncate -s +1M /tmp/a; stat -c '%s' /tmp/a; truncate /tmp/a; truncate -s abc /tmp/a; truncate -s 0 /nope/x")).toMatchFileSnapshot("__golden__/truncate.txt");
  });
  it("truncating /proc/PID/fd/N frees a deleted-but-open file (root only)", async () => {
    const host = buildTestHost((spec) => {
      spec.faults = [{ type: "deleted-open-file", params: { comm: "gunicorn", path: "/var/log/app/app.log.1", sizeBytes: 8000000000, fd: 7 } }];
    });
    const pid = [...host.procs.values()].find((p) => p.fds.some((f) => f.deleted))!.pid;
    const before = host.usedKiB(host.mounts[0]!);
    const denied = await run(testSession(host), `truncate -s 0 /proc/${pid}/fd/7`);
    expect(denied.stderr).toBe(`truncate: cannot open '/proc/${pid}/fd/7' for writing: Permission denied\n`);
    const r = await run(rootSession(host), `truncate -s 0 /proc/${pid}/fd/7`);
    expect(r.exitCode).toBe(0);
    expect(before - host.usedKiB(host.mounts[0]!)).toBeGreaterThan(7_000_000);
  });
});
