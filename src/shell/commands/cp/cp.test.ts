import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("cp", () => {
  it("copies files and trees, -v, GNU errors", async () => {
    const s = rootSession();
    await expect(await sh(s, "cp -v /etc/hostname /tmp/h; cp -r /etc/nginx /tmp/ng; ls -R /tmp/ng; cp /etc/nginx /tmp/x; cp /nope /tmp; cp; cp /tmp/h")).toMatchFileSnapshot("__golden__/cp.txt");
  });
  it("copies a sparse log's full size (takes real blocks)", async () => {
    const s = rootSession();
    expect(await sh(s, "cp /var/log/nginx/access.log /tmp/a.log; stat -c %s /tmp/a.log")).toBe("48213355\n");
    expect((await run(testSession(), "cp /etc/hostname /etc/h2")).stderr).toBe("cp: cannot create regular file '/etc/h2': Permission denied\n");
  });
  it("writing through /proc/PID/fd/N empties a deleted-but-open log (root or its owner only)", async () => {
    const host = buildTestHost((spec) => {
      spec.faults = [{ type: "deleted-open-file", params: { comm: "gunicorn", path: "/var/log/app/app.log.1", sizeBytes: 8000000000, fd: 7 } }];
    });
    const pid = [...host.procs.values()].find((p) => p.fds.some((f) => f.deleted))!.pid;
    const before = host.usedKiB(host.mounts[0]!);
    expect((await run(testSession(host), `cp /dev/null /proc/${pid}/fd/7`)).stderr).toMatch(/Permission denied/);
    const r = await run(rootSession(host), `cp /dev/null /proc/${pid}/fd/7`);
    expect(r.stderr).toBe("");
    expect(before - host.usedKiB(host.mounts[0]!)).toBeGreaterThan(7_000_000);
  });
});
