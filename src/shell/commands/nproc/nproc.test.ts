import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

describe("nproc", () => {
  it("counts the host's CPUs", async () => {
    await expect(await sh(testSession(), "nproc")).toMatchFileSnapshot("__golden__/nproc.txt");
    expect(await sh(testSession(buildTestHost((s) => void (s.cpus = 8))), "nproc --ignore=2")).toBe("6\n");
    expect(await run(testSession(), "nproc -x")).toMatchObject({ exitCode: 1, stderr: "nproc: invalid option -- 'x'\nTry 'nproc --help' for more information.\n" });
  });
});
