import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

/** `host` is not in the base image's /usr/bin list yet: give the test host the binary. */
function withHostBin(mutate?: Parameters<typeof buildTestHost>[0]) {
  return buildTestHost((spec) => {
    spec.files!.push({ path: "/usr/bin/host", content: "", mode: 0o755 });
    mutate?.(spec);
  });
}

describe("host", () => {
  it("short answers, reverse lookups and NXDOMAIN", async () => {
    const s = testSession(withHostBin());
    await expect(await sh(s, "host deb.debian.org; host 10.0.2.15; host nosuch.example")).toMatchFileSnapshot("__golden__/host.txt");
    expect(await run(s, "host nosuch.example")).toMatchObject({ stdout: "Host nosuch.example not found: 3(NXDOMAIN)\n", exitCode: 1 });
  });

  it("a dead first nameserver prints the timeout notes and costs sim time", async () => {
    const host = withHostBin((spec) => {
      spec.net!.nameservers = ["10.0.2.99", "10.0.2.3"];
      spec.net!.options = ["timeout:1", "attempts:2"];
      spec.net!.endpoints!.push({ host: "10.0.2.99", addr: "10.0.2.99", rttMs: 1, dns: "timeout" });
    });
    const t0 = host.nowMs;
    const out = await sh(testSession(host), "host -t A deb.debian.org");
    expect(out).toBe(";; communications error to 10.0.2.99#53: timed out\n;; communications error to 10.0.2.99#53: timed out\ndeb.debian.org has address 151.101.2.132\n");
    expect(host.nowMs - t0).toBe(2000);
  });

  it("usage on a bad option", async () => {
    const r = await run(testSession(withHostBin()), "host -Z x");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^Usage: host \[-aCdilrTvVw\]/);
  });
});
