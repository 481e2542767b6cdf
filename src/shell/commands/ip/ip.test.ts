import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("ip", () => {
  it("ip addr / ip route / ip -s link / ip -br a", async () => {
    const s = testSession();
    await expect(await sh(s, "ip addr")).toMatchFileSnapshot("__golden__/ip_addr.txt");
    await expect(await sh(s, "ip r")).toMatchFileSnapshot("__golden__/ip_route.txt");
    await expect(await sh(s, "ip -s link show eth0")).toMatchFileSnapshot("__golden__/ip_s_link_eth0.txt");
    await expect(await sh(s, "ip -br a")).toMatchFileSnapshot("__golden__/ip_br_a.txt");
    expect(await sh(s, "ip -4 a show dev lo")).toBe("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN qlen 1000\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n");
  });

  it("route get follows the routing table", async () => {
    const s = testSession();
    expect(await sh(s, "ip route get 151.101.2.132")).toBe("151.101.2.132 via 10.0.2.1 dev eth0 src 10.0.2.15 uid 1000 \n    cache \n");
    expect(await sh(s, "ip route get 10.0.2.3")).toBe("10.0.2.3 dev eth0 src 10.0.2.15 uid 1000 \n    cache \n");
    expect(await sh(s, "ip route get 127.0.0.1")).toBe("local 127.0.0.1 dev lo src 127.0.0.1 uid 1000 \n    cache <local> \n");
    const r = await run(s, "ip route get nosuch");
    expect([r.stderr, r.exitCode]).toEqual(['Error: any valid prefix is expected rather than "nosuch".\n', 1]);
  });

  it("no default route: adding one as root restores egress; errors match RTNETLINK", async () => {
    const host = buildTestHost((spec) => {
      spec.net!.gateway = null;
      spec.net!.endpoints!.push({ host: "10.0.2.1", addr: "10.0.2.1", rttMs: 0.4 });
    });
    const user = await run(testSession(host), "ip route add default via 10.0.2.1");
    expect([user.stderr, user.exitCode]).toEqual(["RTNETLINK answers: Operation not permitted\n", 2]);
    const s = rootSession(host);
    expect((await run(s, "ip route get 151.101.2.132")).stderr).toBe("RTNETLINK answers: Network is unreachable\n");
    expect(await sh(s, "ip route add default via 192.168.7.1")).toBe("Error: Nexthop has invalid gateway.\n");
    const r = await run(s, "ip route add default via 10.0.2.1");
    expect(r).toMatchObject({ stdout: "", stderr: "", exitCode: 0 });
    expect(r.evidence).toContain("net:route-added:default");
    expect(await sh(s, "ip route")).toBe("default via 10.0.2.1 dev eth0 \n10.0.2.0/24 dev eth0 proto kernel scope link src 10.0.2.15 metric 100 \n");
    expect(await sh(s, "ip route add default via 10.0.2.1")).toBe("RTNETLINK answers: File exists\n");
    expect(await sh(s, "ip route del default")).toBe("");
    expect(await sh(s, "ip route del default")).toBe("RTNETLINK answers: No such process\n");
  });

  it("unknown objects, options and devices", async () => {
    const s = testSession();
    expect(await run(s, "ip foo")).toMatchObject({ stderr: 'Object "foo" is unknown, try "ip help".\n', exitCode: 1 });
    expect(await run(s, "ip -z a")).toMatchObject({ stderr: 'Option "-z" is unknown, try "ip -help".\n', exitCode: 255 });
    expect(await run(s, "ip a show dev eth9")).toMatchObject({ stderr: 'Device "eth9" does not exist.\n', exitCode: 1 });
    expect(await sh(s, "ip -V")).toBe("ip utility, iproute2-6.1.0, libbpf 1.1.2\n");
    expect(await sh(s, "ip --help")).toMatch(/^Usage: ip \[ OPTIONS \] OBJECT/);
  });
  it("an unknown --option is named with one dash, as iproute2 6.1 does", async () => {
    const r = await run(testSession(), "ip --bogus");
    expect(r.stderr).toBe('Option "-bogus" is unknown, try "ip -help".\n');
    expect(r.exitCode).toBe(255);
  });
});
