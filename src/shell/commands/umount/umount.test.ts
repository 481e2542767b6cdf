import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("umount", () => {
  it("util-linux messages", async () => {
    await expect(await sh(testSession(), "umount /boot/efi; umount /tmp; umount /nope")).toMatchFileSnapshot("__golden__/umount.txt");
  });
  it("a hung NFS mount: busy, then -f aborts it", async () => {
    const host = buildTestHost((spec) => {
      spec.mounts.push({ source: "nfs01:/export/shared", target: "/mnt/shared", fstype: "nfs4", sizeKiB: 1048576000, usedKiB: 400000000 });
      spec.faults = [{ type: "hung-nfs", params: { mount: "/mnt/shared", tasks: 3, sinceS: 600 } }];
    });
    const s = rootSession(host);
    const busy = await run(s, "umount /mnt/shared");
    expect(busy.stderr).toBe("umount.nfs4: /mnt/shared: device is busy\n");
    expect(busy.exitCode).toBe(32);
    expect((await run(s, "umount -f /mnt/shared")).exitCode).toBe(0);
    expect(await sh(s, "findmnt /mnt/shared")).toBe("");
  });
});
