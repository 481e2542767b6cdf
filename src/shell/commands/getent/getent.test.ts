import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

describe("getent", () => {
  it("hosts via /etc/hosts then DNS; ahosts; passwd; group", async () => {
    const s = testSession();
    await expect(await sh(s, "getent hosts localhost web-01 deb.debian.org; getent ahosts deb.debian.org; getent passwd sre root; getent group sudo")).toMatchFileSnapshot("__golden__/getent.txt");
    expect(await run(s, "getent hosts nosuch.example")).toMatchObject({ stdout: "", exitCode: 2 });
    expect(await run(s, "getent passwd nobody-here")).toMatchObject({ stdout: "", exitCode: 2 });
    expect(await run(s, "getent foo")).toMatchObject({ stderr: "Unknown database: foo\nTry `getent --help' or `getent --usage' for more information.\n", exitCode: 1 });
  });

  it("the glibc resolver: a dead first nameserver costs timeout seconds; search domains apply", async () => {
    const host = buildTestHost((spec) => {
      spec.net!.nameservers = ["10.0.2.99", "10.0.2.3"];
      spec.net!.search = ["corp.example"];
      spec.net!.endpoints!.push({ host: "10.0.2.99", addr: "10.0.2.99", rttMs: 1, dns: "timeout" });
      spec.net!.dnsRecords = { ...spec.net!.dnsRecords, "db1.corp.example": ["10.0.5.20"] };
    });
    const s = testSession(host);
    const t0 = host.nowMs;
    expect(await sh(s, "getent hosts deb.debian.org")).toBe("151.101.2.132   deb.debian.org\n");
    expect(host.nowMs - t0).toBe(5000);
    expect(await sh(s, "getent hosts db1")).toBe("10.0.5.20       db1.corp.example\n");
  });

  it("edits to /etc/hosts take effect", async () => {
    const s = testSession();
    await s.run("echo '10.9.9.9 api.internal' | sudo tee -a /etc/hosts >/dev/null");
    expect(await sh(s, "getent hosts api.internal")).toBe("10.9.9.9        api.internal\n");
  });
});
