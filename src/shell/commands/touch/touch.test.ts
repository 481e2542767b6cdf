import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh } from "../../../testing/host-builder.js";

describe("touch", () => {
  it("creates files at sim time, -d sets a date, -c doesn't create", async () => {
    const s = rootSession();
    await expect(await sh(s, "touch /tmp/a; touch -d '2026-01-02 03:04' /tmp/b; touch -c /tmp/c; ls -l /tmp; touch -d garbage /tmp/a; touch /nope/x")).toMatchFileSnapshot("__golden__/touch.txt");
  });
  it("ENOSPC on an inode-exhausted volume, as GNU prints it", async () => {
    const host = buildTestHost((spec) => {
      spec.mounts.push({ source: "/dev/vdb1", target: "/var/lib/php", fstype: "ext4", device: "vda", sizeKiB: 10485760, usedKiB: 300000, inodes: 20000, inodesUsed: 11 });
      spec.syntheticDirs = [{ path: "/var/lib/php/sessions", count: 19987, pattern: "sess_{hex}", sizeBytes: 1200, owner: "www-data", group: "www-data" }];
    });
    const r = await run(rootSession(host), "touch /var/lib/php/sessions/sess_new");
    expect(r.stderr).toBe("touch: cannot touch '/var/lib/php/sessions/sess_new': No space left on device\n");
    expect(r.exitCode).toBe(1);
  });
});
