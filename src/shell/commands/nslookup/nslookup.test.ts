import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

describe("nslookup", () => {
  it("answer, NXDOMAIN", async () => {
    const s = testSession();
    await expect(await sh(s, "nslookup deb.debian.org")).toMatchFileSnapshot("__golden__/nslookup.txt");
    expect(await run(s, "nslookup nosuch.example")).toMatchObject({ stdout: "Server:\t\t10.0.2.3\nAddress:\t10.0.2.3#53\n\n** server can't find nosuch.example: NXDOMAIN\n\n", exitCode: 1 });
  });

  it("bad first nameserver: notes, then the server that answered", async () => {
    const host = buildTestHost((spec) => {
      spec.net!.nameservers = ["10.0.2.99", "10.0.2.3"];
      spec.net!.endpoints!.push({ host: "10.0.2.99", addr: "10.0.2.99", rttMs: 1, dns: "timeout" });
    });
    const t0 = host.nowMs;
    const out = await sh(testSession(host), "nslookup deb.debian.org");
    expect(out).toMatch(/^;; communications error to 10\.0\.2\.99#53: timed out\n;; communications error to 10\.0\.2\.99#53: timed out\nServer:\t\t10\.0\.2\.3\n/);
    expect(host.nowMs - t0).toBe(10000);
  });

  it("no servers", async () => {
    const host = buildTestHost((spec) => {
      spec.net!.nameservers = ["10.0.2.99"];
      spec.net!.options = ["timeout:1"];
    });
    expect(await run(testSession(host), "nslookup x.example")).toMatchObject({ stdout: ";; communications error to 10.0.2.99#53: timed out\n;; communications error to 10.0.2.99#53: timed out\n;; no servers could be reached\n\n", exitCode: 1 });
  });
});
