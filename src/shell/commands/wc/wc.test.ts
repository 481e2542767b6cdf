import { describe, expect, it } from "vitest";
import { rootSession, run, sh } from "../../../testing/host-builder.js";

describe("wc", () => {
  it("GNU widths: file sizes, 7 for stdin, 1 for a single count", async () => {
    const s = rootSession();
    await expect(await sh(s, "wc /etc/fstab /etc/hostname; echo hi | wc; echo hi | wc -l; wc -l /etc/fstab; wc -c /etc/fstab -  </dev/null; wc /etc")).toMatchFileSnapshot("__golden__/wc.txt");
  });
  it("errors", async () => {
    const r = await run(rootSession(), "wc /nope");
    expect(r.stderr).toBe("wc: /nope: No such file or directory\n");
    expect(r.exitCode).toBe(1);
    expect((await run(rootSession(), "wc -x")).stderr).toBe("wc: invalid option -- 'x'\nTry 'wc --help' for more information.\n");
  });
});
