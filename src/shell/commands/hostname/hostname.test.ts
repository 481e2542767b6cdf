import { describe, expect, it } from "vitest";
import { run, sh, testSession } from "../../../testing/host-builder.js";

describe("hostname", () => {
  it("name, -s, -f, -i, -I", async () => {
    const s = testSession();
    await expect(await sh(s, "hostname; hostname -s; hostname -f; hostname -i; hostname -I")).toMatchFileSnapshot("__golden__/hostname.txt");
    expect(await sh(s, "hostname -I")).toBe("10.0.2.15 \n");
  });
  it("setting the name needs root; bad option prints usage", async () => {
    expect(await run(testSession(), "hostname db-01")).toMatchObject({ stderr: "hostname: you must be root to change the host name\n", exitCode: 1 });
    const r = await run(testSession(), "hostname -z");
    expect(r.exitCode).toBe(255);
    expect(r.stderr).toMatch(/^hostname: invalid option -- 'z'\nUsage: hostname \[-b\] \{hostname\|-F file\}/);
  });
  it("a bad option prints the getopt message, then the usage (golden captured from the real hostname)", async () => {
    const r = await run(testSession(), "hostname -X");
    await expect(r.stderr).toMatchFileSnapshot("__golden__/hostname_bad_option.txt");
    expect(r.exitCode).toBe(255);
  });
});
