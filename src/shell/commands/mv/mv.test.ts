import { describe, expect, it } from "vitest";
import { rootSession, run, sh } from "../../../testing/host-builder.js";

describe("mv", () => {
  it("renames, moves into a directory, -v, errors", async () => {
    const s = rootSession();
    await expect(await sh(s, "touch /tmp/a; mkdir /tmp/d; mv -v /tmp/a /tmp/b; mv /tmp/b /tmp/d; ls /tmp/d; mv /nope /tmp; mv /tmp/d /tmp/d/e")).toMatchFileSnapshot("__golden__/mv.txt");
    expect((await run(s, "mv /tmp")).stderr).toBe("mv: missing destination file operand after '/tmp'\nTry 'mv --help' for more information.\n");
  });
});
