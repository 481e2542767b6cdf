import { describe, expect, it } from "vitest";
import { rootSession, run, sh } from "../../../testing/host-builder.js";

describe("rmdir", () => {
  it("removes empty dirs, -p, -v and GNU errors", async () => {
    const s = rootSession();
    await expect(await sh(s, "cd /tmp; mkdir -p a/b/c; rmdir -pv a/b/c; rmdir /etc; rmdir /nope; rmdir /etc/hostname")).toMatchFileSnapshot("__golden__/rmdir.txt");
    expect((await run(s, "rmdir")).stderr).toBe("rmdir: missing operand\nTry 'rmdir --help' for more information.\n");
  });
});
