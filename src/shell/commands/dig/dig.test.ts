import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

/** resolv.conf lists a dead nameserver first (spec.net.nameservers), the working one second. */
export function badNsHost(mode: "timeout" | "refused" | "servfail" = "timeout", opts: string[] = []) {
  return buildTestHost((spec) => {
    spec.net!.nameservers = ["10.0.2.99", "10.0.2.3"];
    spec.net!.options = opts;
    spec.net!.endpoints!.push({ host: "10.0.2.99", addr: "10.0.2.99", rttMs: 1, dns: mode });
  });
}

describe("dig", () => {
  it("prints BIND 9.18's full answer layout", async () => {
    const r = await run(testSession(), "dig deb.debian.org");
    await expect(r.stdout).toMatchFileSnapshot("__golden__/dig_deb.txt");
    expect(r.stdout).toContain(";deb.debian.org.\t\tIN\tA\n\n;; ANSWER SECTION:\ndeb.debian.org.\t\t");
    expect(r.stdout).toContain(";; SERVER: 10.0.2.3#53(10.0.2.3) (UDP)\n;; WHEN: Sun Nov 22 09:14:03 UTC 2026\n;; MSG SIZE  rcvd: 59\n\n");
    expect(r.evidence).toContain("dns:query:deb.debian.org:noerror");
  });

  it("a dead first nameserver: one timeout note per try, the delay on the sim clock, then the answer", async () => {
    const host = badNsHost();
    const t0 = host.nowMs;
    const out = await sh(testSession(host), "dig deb.debian.org");
    expect(host.nowMs - t0).toBe(15000);
    await expect(out).toMatchFileSnapshot("__golden__/dig_bad_ns.txt");
    expect(out.startsWith(";; communications error to 10.0.2.99#53: timed out\n".repeat(3) + "\n; <<>> DiG")).toBe(true);
    // resolv.conf options timeout:/attempts: are honoured
    const h2 = badNsHost("timeout", ["timeout:1", "attempts:2"]);
    const t1 = h2.nowMs;
    expect(await sh(testSession(h2), "dig +short deb.debian.org")).toBe(";; communications error to 10.0.2.99#53: timed out\n".repeat(2) + "151.101.2.132\n");
    expect(h2.nowMs - t1).toBe(2000);
  });

  it("no server answers: exit 9", async () => {
    const host = buildTestHost((spec) => {
      spec.net!.nameservers = ["10.0.2.99"];
      spec.net!.options = ["timeout:1", "attempts:2"];
    });
    const r = await run(testSession(host), "dig example.com");
    expect(r.exitCode).toBe(9);
    expect(r.stdout).toBe(";; communications error to 10.0.2.99#53: timed out\n;; communications error to 10.0.2.99#53: timed out\n\n; <<>> DiG 9.18.24-1-Debian <<>> example.com\n;; global options: +cmd\n;; no servers could be reached\n");
  });

  it("NXDOMAIN, REFUSED, SERVFAIL statuses; @server; +noall +answer; -x", async () => {
    const s = testSession();
    expect(await sh(s, "dig nosuch.example")).toContain("status: NXDOMAIN");
    const refused = await sh(testSession(badNsHost("refused")), "dig @10.0.2.99 deb.debian.org");
    expect(refused).toContain(";; ->>HEADER<<- opcode: QUERY, status: REFUSED");
    expect(refused).toContain(";; flags: qr rd; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1\n;; WARNING: recursion requested but not available\n");
    expect(refused).toContain("; (1 server found)\n");
    expect(await sh(testSession(badNsHost("servfail")), "dig @10.0.2.99 deb.debian.org")).toContain("status: SERVFAIL");
    expect(await sh(s, "dig +noall +answer deb.debian.org")).toMatch(/^deb\.debian\.org\.\t\t\d+\tIN\tA\t151\.101\.2\.132\n$/);
    expect(await sh(s, "dig -x 10.0.2.15 +short")).toBe("web-01.\n");
  });

  it("edits to /etc/resolv.conf take effect on the next lookup", async () => {
    const host = badNsHost();
    const s = testSession(host);
    await s.run("sudo sed -i '/10.0.2.99/d' /etc/resolv.conf");
    const t0 = host.nowMs;
    expect(await sh(s, "dig +short deb.debian.org")).toBe("151.101.2.132\n");
    expect(host.nowMs - t0).toBe(0);
  });
});
