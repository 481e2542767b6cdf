import { describe, expect, it } from "vitest";
import { rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("tee", () => {
  it("copies stdin to stdout and files, -a appends", async () => {
    const s = rootSession();
    await expect(await sh(s, "echo one | tee /tmp/a; echo two | tee -a /tmp/a >/dev/null; cat /tmp/a")).toMatchFileSnapshot("__golden__/tee.txt");
  });
  it("reports unwritable files and still copies", async () => {
    const r = await run(testSession(), "echo x | tee /etc/x /nope/y");
    expect(r.stdout).toBe("x\n");
    expect(r.stderr).toBe("tee: /etc/x: Permission denied\ntee: /nope/y: No such file or directory\n");
    expect(r.exitCode).toBe(1);
    expect(await sh(testSession(), "tee --help")).toMatch(/^Usage: tee/);
  });
});
