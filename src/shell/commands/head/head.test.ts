import { describe, expect, it } from "vitest";
import { rootSession, run, sh } from "../../../testing/host-builder.js";

describe("head", () => {
  it("headers for several files, -n, -c, -n -N, obsolete -N", async () => {
    const s = rootSession();
    await expect(await sh(s, "head -n 2 /etc/hostname /etc/fstab; head -c 5 /etc/fstab; echo; seq 5 | head -n -3; seq 5 | head -2")).toMatchFileSnapshot("__golden__/head.txt");
  });
  it("errors", async () => {
    const s = rootSession();
    const r = await run(s, "head /nope /etc");
    expect(r.stderr).toBe("head: cannot open '/nope' for reading: No such file or directory\nhead: error reading '/etc': Is a directory\n");
    expect(r.exitCode).toBe(1);
    expect((await run(s, "head -n x /etc/fstab")).stderr).toBe("head: invalid number of lines: ‘x’\n");
    expect((await run(s, "head -y")).stderr).toBe("head: invalid option -- 'y'\nTry 'head --help' for more information.\n");
  });
});
