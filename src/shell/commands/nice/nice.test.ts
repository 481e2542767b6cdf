import { describe, expect, it } from "vitest";
import { run, sh, testSession } from "../../../testing/host-builder.js";

describe("nice", () => {
  it("prints the niceness and runs commands", async () => {
    const s = testSession();
    await expect(await sh(s, "nice --help")).toMatchFileSnapshot("__golden__/nice_help.txt");
    expect(await sh(s, "nice")).toBe("0\n");
    expect(await sh(s, "nice -n 5 echo hi")).toBe("hi\n");
    expect(await run(s, "nice -n -5 echo hi")).toMatchObject({ stdout: "hi\n", stderr: "nice: cannot set niceness: Permission denied\n" });
    expect(await run(s, "nice -Z")).toMatchObject({ stderr: "nice: invalid option -- 'Z'\nTry 'nice --help' for more information.\n", exitCode: 125 });
  });
  it("a bad option exits 125 (coreutils nice), with the usual message", async () => {
    const r = await run(testSession(), "nice -k");
    expect(r.stderr).toBe("nice: invalid option -- 'k'\nTry 'nice --help' for more information.\n");
    expect(r.exitCode).toBe(125);
  });
});
