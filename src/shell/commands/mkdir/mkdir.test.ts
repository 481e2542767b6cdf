import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("mkdir", () => {
  it("-p -v -m and errors with ‘’ quotes", async () => {
    const s = rootSession();
    await expect(await sh(s, "mkdir -pv /tmp/x/y; mkdir -m 700 /tmp/z; ls -ld /tmp/z; mkdir /tmp/x; mkdir /nope/a")).toMatchFileSnapshot("__golden__/mkdir.txt");
  });
  it("ENOSPC when the volume has no free inodes", async () => {
    const host = buildTestHost((spec) => {
      spec.mounts.push({ source: "/dev/vdb1", target: "/var/lib/php", fstype: "ext4", device: "vda", sizeKiB: 10485760, usedKiB: 300000, inodes: 20000, inodesUsed: 11 });
      spec.syntheticDirs = [{ path: "/var/lib/php/sessions", count: 19987, pattern: "sess_{hex}", sizeBytes: 1200, owner: "www-data", group: "www-data" }];
    });
    const r = await run(rootSession(host), "mkdir /var/lib/php/tmp");
    expect(r.stderr).toBe("mkdir: cannot create directory ‘/var/lib/php/tmp’: No space left on device\n");
    expect((await run(testSession(), "mkdir /etc/x")).stderr).toBe("mkdir: cannot create directory ‘/etc/x’: Permission denied\n");
  });
});
