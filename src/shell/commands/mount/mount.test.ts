import { describe, expect, it } from "vitest";
import { rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("mount", () => {
  it("lists the mount table like util-linux", async () => {
    await expect(await sh(testSession(), "mount; mount -t ext4")).toMatchFileSnapshot("__golden__/mount.txt");
  });
  it("mounting needs root and is not modelled", async () => {
    expect((await run(testSession(), "mount /dev/vdb1 /mnt")).stderr).toBe("mount: /mnt: must be superuser to use mount.\n");
    expect((await run(rootSession(), "mount /dev/vda1 /")).stderr).toBe("mount: /: /dev/vda1 already mounted on /.\n");
  });
});
