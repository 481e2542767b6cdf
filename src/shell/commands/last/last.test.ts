import { describe, expect, it } from "vitest";
import { run, sh, testSession } from "../../../testing/host-builder.js";

describe("last", () => {
  it("lists logins, earlier sessions, the boot record and 'wtmp begins'", async () => {
    const out = await sh(testSession(), "last");
    await expect(out).toMatchFileSnapshot("__golden__/last.txt");
    expect(out).toMatch(/^sre {6}pts\/0 {8}10\.0\.2\.31 {8}Sun Nov 22 09:13   still logged in\n/);
    expect(out).toMatch(/\nreboot   system boot  6\.1\.0-18-amd64   Fri Nov 20 05:56   still running\n\nwtmp begins Fri Nov 20 05:56:51 2026\n$/);
  });
  it("-n limits and users filter", async () => {
    expect(await sh(testSession(), "last -n 1")).toMatch(/^sre .*still logged in\n\nwtmp begins/);
    expect(await sh(testSession(), "last reboot")).toMatch(/^reboot /);
    expect((await run(testSession(), "last -z")).stderr).toBe("last: invalid option -- 'z'\nTry 'last --help' for more information.\n");
  });
});
