import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

describe("ping", () => {
  it("ping -c 3 through the default route, advancing the sim clock per probe", async () => {
    const host = buildTestHost();
    const s = testSession(host);
    const t0 = host.nowMs;
    const r = await run(s, "ping -c 3 deb.debian.org");
    await expect(r.stdout).toMatchFileSnapshot("__golden__/ping_c3.txt");
    expect(host.nowMs - t0).toBe(2000);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^PING deb\.debian\.org \(151\.101\.2\.132\) 56\(84\) bytes of data\.\n64 bytes from deb\.debian\.org \(151\.101\.2\.132\): icmp_seq=1 ttl=57 time=1\d\.\d ms\n/);
    expect(r.stdout).toMatch(/\n--- deb\.debian\.org ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time 20\d\dms\nrtt min\/avg\/max\/mdev = [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ ms\n$/);
  });

  it("numeric targets print the bare address; -q prints only statistics", async () => {
    const s = testSession();
    expect(await sh(s, "ping -c1 10.0.2.1")).toMatch(/^PING 10\.0\.2\.1 \(10\.0\.2\.1\) 56\(84\) bytes of data\.\n64 bytes from 10\.0\.2\.1: icmp_seq=1 ttl=64 time=0\.\d{3} ms\n\n/);
    expect(await sh(s, "ping -q -c2 127.0.0.1")).toMatch(/^PING 127\.0\.0\.1 \(127\.0\.0\.1\) 56\(84\) bytes of data\.\n\n--- 127\.0\.0\.1 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss/);
  });

  it("name and route failures", async () => {
    const s = testSession();
    expect(await run(s, "ping -c1 nosuch.example")).toMatchObject({ stderr: "ping: nosuch.example: Name or service not known\n", exitCode: 2 });
    const noGw = testSession(buildTestHost((spec) => void (spec.net!.gateway = null)));
    expect(await run(noGw, "ping -c1 deb.debian.org")).toMatchObject({ stderr: "ping: connect: Network is unreachable\n", exitCode: 2 });
    const deadDns = testSession(buildTestHost((spec) => void (spec.net!.endpoints = spec.net!.endpoints!.filter((e) => e.addr !== "10.0.2.3"))));
    expect(await run(deadDns, "ping -c1 deb.debian.org")).toMatchObject({ stderr: "ping: deb.debian.org: Temporary failure in name resolution\n", exitCode: 2 });
  });

  it("an endpoint that drops ICMP gives 100% loss after the linger time", async () => {
    const host = buildTestHost((spec) => spec.net!.endpoints!.push({ host: "fw.example", addr: "203.0.113.9", rttMs: 20, external: true, noPing: true }));
    const t0 = host.nowMs;
    const r = await run(testSession(host), "ping -c 2 -W 1 203.0.113.9");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/2 packets transmitted, 0 received, 100% packet loss, time 10\d\dms\n$/);
    expect(host.nowMs - t0).toBe(2000);
  });

  it("without -c runs until interrupted (script mode auto-interrupt) and prints statistics", async () => {
    const r = await run(testSession(), "ping 10.0.2.1");
    expect(r.stdout).toMatch(/icmp_seq=10 /);
    expect(r.stdout).toMatch(/\n--- 10\.0\.2\.1 ping statistics ---\n1\d packets transmitted, 1\d received, 0% packet loss/);
  });

  it("bad option", async () => {
    const r = await run(testSession(), "ping -Z x");
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^ping: invalid option -- 'Z'\n\nUsage\n  ping \[options\] <destination>/);
  });
});
