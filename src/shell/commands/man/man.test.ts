import { describe, expect, it } from "vitest";
import { run, sh, testSession } from "../../../testing/host-builder.js";

describe("man", () => {
  it("short pages for the diagnostic tools", async () => {
    const s = testSession();
    await expect(await sh(s, "man ss")).toMatchFileSnapshot("__golden__/man_ss.txt");
    expect(await sh(s, "man -f ps")).toBe("ps (1)               - report a snapshot of the current processes.\n");
  });
  it("unknown pages and no argument", async () => {
    const s = testSession();
    expect(await run(s, "man nosuch")).toMatchObject({ stderr: "No manual entry for nosuch\n", exitCode: 16 });
    expect(await run(s, "man")).toMatchObject({ stderr: "What manual page do you want?\nFor example, try 'man man'.\n", exitCode: 1 });
  });
});
