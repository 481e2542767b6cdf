import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

const host = () => buildTestHost((spec) => spec.files!.push({ path: "/usr/bin/printenv", content: "", mode: 0o755 }));

describe("printenv", () => {
  it("all variables or the named ones", async () => {
    const s = testSession(host());
    await expect(await sh(s, "printenv")).toMatchFileSnapshot("__golden__/printenv.txt");
    expect(await sh(s, "printenv USER HOME")).toBe("sre\n/home/sre\n");
    expect(await run(s, "printenv NOPE")).toMatchObject({ stdout: "", exitCode: 1 });
    expect(await run(s, "printenv __FL_NOTTY")).toMatchObject({ stdout: "", exitCode: 1 });
  });
});
