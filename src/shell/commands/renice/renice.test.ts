import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("renice", () => {
  it("changes the nice value through the engine; ps and top show it", async () => {
    const host = buildTestHost();
    const s = rootSession(host);
    await expect(await sh(s, "renice -n 7 -p 212 213 214")).toMatchFileSnapshot("__golden__/renice_multi.txt");
    expect(await sh(s, "renice -n 10 -p 213")).toBe("213 (process ID) old priority 7, new priority 10\n");
    expect(await sh(s, "renice +3 213")).toBe("213 (process ID) old priority 10, new priority 3\n");
    expect(await sh(s, "ps -o ni=,stat= -p 213")).toBe("  3 SN\n");
  });
  it("refuses what the kernel refuses", async () => {
    const s = testSession();
    expect(await run(s, "renice -n 1 -p 1")).toMatchObject({ stderr: "renice: failed to set priority for 1 (process ID): Operation not permitted\n", exitCode: 1 });
    expect(await run(s, "renice -n 5 -p 222")).toMatchObject({ exitCode: 0 });
    expect(await run(s, "renice -n 1 -p 222")).toMatchObject({ stderr: "renice: failed to set priority for 222 (process ID): Permission denied\n", exitCode: 1 });
    expect(await run(s, "renice -n 1 -p 9999999")).toMatchObject({ stderr: "renice: failed to get priority for 9999999 (process ID): No such process\n", exitCode: 1 });
    expect(await run(s, "renice")).toMatchObject({ stderr: "renice: not enough arguments\nTry 'renice --help' for more information.\n", exitCode: 1 });
  });
});
