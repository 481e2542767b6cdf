import { describe, expect, it } from "vitest";
import { buildTestHost, run, testSession } from "../../../testing/host-builder.js";

describe("timeout", () => {
  it("stops a streaming command after the sim-time limit with exit 124", async () => {
    const host = buildTestHost();
    const s = testSession(host, { interactive: true });
    const t0 = host.nowMs;
    const r = await run(s, "timeout 3 ping 10.0.2.1");
    await expect(r.stdout.replace(/time=[\d.]+ ms/g, "time=X ms")).toMatchFileSnapshot("__golden__/timeout_ping.txt");
    expect(r.exitCode).toBe(124);
    expect(host.nowMs - t0).toBe(3000);
  });
  it("passes the status through when the command ends in time; errors", async () => {
    const s = testSession();
    expect(await run(s, "timeout 5 true")).toMatchObject({ exitCode: 0 });
    expect(await run(s, "timeout 5 false")).toMatchObject({ exitCode: 1 });
    expect(await run(s, "timeout 5x true")).toMatchObject({ stderr: "timeout: invalid time interval \u20185x\u2019\nTry 'timeout --help' for more information.\n", exitCode: 125 });
    expect(await run(s, "timeout 5")).toMatchObject({ stderr: "timeout: missing operand\nTry 'timeout --help' for more information.\n", exitCode: 125 });
  });
});
