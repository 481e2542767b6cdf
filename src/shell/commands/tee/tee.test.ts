import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("tee", () => {
  it("copies stdin to stdout and files, -a appends", async () => {
    const s = rootSession();
    await expect(await sh(s, "echo one | tee /tmp/a; echo two | tee -a /tmp/a >/dev/null; cat /tmp/a")).toMatchFileSnapshot("__golden__/tee.txt");
  });
  it("reports unwritable files and still copies", async () => {
    const r = await run(testSession(), "echo x | tee /etc/x /nope/y");
    expect(r.stdout).toBe("x\n");
    expect(r.stderr).toBe("tee: /etc/x: Permission denied\ntee: /nope/y: No such file or directory\n");
    expect(r.exitCode).toBe(1);
    expect(await sh(testSession(), "tee --help")).toMatch(/^Usage: tee/);
  });
  it("writing through /proc/PID/fd/N empties a deleted-but-open log (root or its owner only)", async () => {
    const host = buildTestHost((spec) => {
      spec.faults = [{ type: "deleted-open-file", params: { comm: "gunicorn", path: "/var/log/app/app.log.1", sizeBytes: 8000000000, fd: 7 } }];
    });
    const pid = [...host.procs.values()].find((p) => p.fds.some((f) => f.deleted))!.pid;
    const before = host.usedKiB(host.mounts[0]!);
    expect((await run(testSession(host), `tee /proc/${pid}/fd/7 < /dev/null`)).stderr).toMatch(/Permission denied/);
    const r = await run(rootSession(host), `tee /proc/${pid}/fd/7 < /dev/null`);
    expect(r.stderr).toBe("");
    expect(before - host.usedKiB(host.mounts[0]!)).toBeGreaterThan(7_000_000);
  });
});
