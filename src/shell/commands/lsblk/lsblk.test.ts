import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

describe("lsblk", () => {
  it("tree of disks and partitions with mountpoints", async () => {
    const host = buildTestHost((spec) => {
      spec.disks.push({ name: "vdb", sizeBytes: 10 * 1024 ** 3, partitions: [{ name: "vdb1", minor: 17, sizeBytes: 10 * 1024 ** 3 - 1048576, mountpoint: "/var/lib/php" }] });
      spec.mounts.push({ source: "/dev/vdb1", target: "/var/lib/php", fstype: "ext4", device: "vdb", sizeKiB: 10485760, usedKiB: 300000 });
    });
    await expect(await sh(testSession(host), "lsblk; lsblk -d -b")).toMatchFileSnapshot("__golden__/lsblk.txt");
  });
  it("unknown option", async () => {
    const r = await run(testSession(), "lsblk -q");
    expect(r.stderr).toBe("lsblk: invalid option -- 'q'\nTry 'lsblk --help' for more information.\n");
  });
});
