import { describe, expect, it } from "vitest";
import { run, sh, testSession } from "../../../testing/host-builder.js";

describe("findmnt", () => {
  it("tree, filtered list, -T and --df", async () => {
    await expect(await sh(testSession(), "findmnt; findmnt -t ext4,vfat; findmnt -T /var/log; findmnt --df -t ext4")).toMatchFileSnapshot("__golden__/findmnt.txt");
  });
  it("unknown option", async () => {
    expect((await run(testSession(), "findmnt -q")).stderr).toBe("findmnt: invalid option -- 'q'\nTry 'findmnt --help' for more information.\n");
  });
});
