import { describe, expect, it } from "vitest";
import { buildTestHost, sh, testSession } from "../../../testing/host-builder.js";

describe("w", () => {
  it("shows the login like procps 4.0.2", async () => {
    const s = testSession();
    const out = await sh(s, "w");
    await expect(out).toMatchFileSnapshot("__golden__/w.txt");
    const lines = out.split("\n");
    expect(lines[1]).toBe("USER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT");
    expect(lines[2]).toMatch(/^sre {6}pts\/0 {4}10\.0\.2\.31 {8}09:13 {4}0\.00s {2}\d\.\d\ds {3}\? {4}w$/);
    expect(await sh(s, "w -h -s")).toMatch(/^sre {6}pts\/0 {4}10\.0\.2\.31 {9}0\.00s w -h -s\n$/);
  });
  it("older logins show the weekday and hour", async () => {
    const host = buildTestHost();
    host.logins[0]!.loginMs -= 2 * 86400000;
    expect((await sh(testSession(host), "w -h")).split(/\s+/)[3]).toBe("Fri09");
  });
});
