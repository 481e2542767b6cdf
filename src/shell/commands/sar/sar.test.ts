import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

function busyHost() {
  return buildTestHost((spec) => {
    spec.processes = [{ comm: "python3", argv: ["/usr/bin/python3", "/opt/app/compute.py"], user: "sre", cpuDemand: 1.7, threads: 2, sysFrac: 0.15 }];
  });
}

describe("sar", () => {
  it("sar -u 1 3: one header, three rows, an Average row (cf. sar_u_1_3.txt)", async () => {
    const r = await run(testSession(busyHost()), "sar -u 1 3");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Linux 6.1.0-18-amd64 (web-01) \t11/22/26 \t_x86_64_\t(2 CPU)");
    expect(lines[1]).toBe("");
    expect(lines[2]).toMatch(/^\d\d:\d\d:\d\d {8}CPU {5}%user {5}%nice {3}%system {3}%iowait {4}%steal {5}%idle$/);
    expect(lines.slice(3, 6).every((l) => /^\d\d:\d\d:\d\d {8}all( +\d+\.\d\d){6}$/.test(l))).toBe(true);
    expect(lines[6]).toMatch(/^Average: {8}all( +\d+\.\d\d){6}$/);
    expect(lines[7]).toBe("");
    await expect(r.stdout).toMatchFileSnapshot("__golden__/sar_u_1_3.txt");
    expect(r.evidence).toContain("cpu-util");
  });

  it("several activities: a header per activity per report, fixed activity order", async () => {
    const out = await sh(testSession(busyHost()), "sar -q -u -r 1 2");
    await expect(out).toMatchFileSnapshot("__golden__/sar_u_r_q_1_2.txt");
    const hdrs = out.split("\n").filter((l) => /CPU|kbmemfree|runq-sz/.test(l) && !l.startsWith("Linux"));
    expect(hdrs.map((l) => l.replace(/^\S+\s+/, "").split(/\s+/)[0])).toEqual(["CPU", "kbmemfree", "runq-sz", "CPU", "kbmemfree", "runq-sz", "CPU", "kbmemfree", "runq-sz"]);
  });

  it("-n DEV per interface, -n TCP,ETCP from the TCP counters, -n SOCK", async () => {
    const s = testSession();
    const dev = await sh(s, "sar -n DEV 1 1");
    expect(dev).toMatch(/ {8}IFACE {3}rxpck\/s {3}txpck\/s {4}rxkB\/s {4}txkB\/s {3}rxcmp\/s {3}txcmp\/s {2}rxmcst\/s {3}%ifutil\n/);
    expect(dev).toMatch(/^\d\d:\d\d:\d\d {9}eth0 +\d+\.\d\d/m);
    expect(dev).toMatch(/^Average: {9}eth0 /m);
    const tcp = await run(s, "sar -n TCP,ETCP 1 1");
    expect(tcp.stdout).toContain("     active/s passive/s    iseg/s    oseg/s\n");
    expect(tcp.stdout).toContain("     atmptf/s  estres/s retrans/s isegerr/s   orsts/s\n");
    await expect(tcp.stdout).toMatchFileSnapshot("__golden__/sar_n_tcp_etcp.txt");
    expect(tcp.evidence).toContain("tcp-stats");
    expect(await sh(s, "sar -n SOCK 1 1")).toContain("       totsck    tcpsck    udpsck    rawsck   ip-frag    tcp-tw\n");
  });

  it("-q shows the blocked tasks of a hung NFS mount; -d and -b read diskstats", async () => {
    const host = buildTestHost((spec) => {
      spec.mounts.push({ source: "nfs01:/export/shared", target: "/mnt/shared", fstype: "nfs4", sizeKiB: 1048576000, usedKiB: 400000000 });
      spec.faults = [{ type: "hung-nfs", params: { mount: "/mnt/shared", tasks: 24, sinceS: 1200 } }];
    });
    const r = await run(testSession(host), "sar -q 1 1");
    const row = r.stdout.split("\n")[3]!.trim().split(/\s+/);
    expect(row[6]).toBe("24");
    expect(Number(row[3])).toBeGreaterThan(20);
    expect(r.evidence).toEqual(expect.arrayContaining(["blocked-tasks", "runqueue", "load"]));
    const d = await sh(testSession(host), "sar -d 1 1");
    expect(d).toMatch(/ {10}DEV {7}tps {5}rkB\/s {5}wkB\/s {5}dkB\/s {3}areq-sz {4}aqu-sz {5}await {5}%util\n/);
    expect(d).toMatch(/^\d\d:\d\d:\d\d {10}vda /m);
    expect(await sh(testSession(host), "sar -b 1 1")).toContain("          tps      rtps      wtps      dtps   bread/s   bwrtn/s   bdscd/s\n");
  });

  it("-W/-S show swapping under memory pressure", async () => {
    const host = buildTestHost((spec) => {
      spec.swapKiB = 2097152;
      spec.processes = [{ comm: "java", argv: ["/usr/bin/java", "-jar", "batch.jar"], user: "sre", rssKiB: 3700000, vszKiB: 6500000, cpuDemand: 0.9, rssGrowKiBps: 2000 }];
    });
    const r = await run(testSession(host), "sar -W -S 1 2");
    expect(r.stdout).toContain("     pswpin/s pswpout/s\n");
    expect(r.stdout).toContain("    kbswpfree kbswpused  %swpused  kbswpcad   %swpcad\n");
    expect(r.evidence).toContain("swap-activity");
  });

  it("without an interval sar needs history files that were never collected", async () => {
    const r = await run(testSession(), "sar -u");
    expect(r).toMatchObject({ stdout: "", exitCode: 2, stderr: "Cannot open /var/log/sysstat/sa22: No such file or directory\nPlease check if data collecting is enabled\n" });
  });

  it("an endless sar 1 is summarised when interrupted", async () => {
    const out = await sh(testSession(), "sar 1");
    expect(out).toMatch(/\nAverage: {8}all( +\d+\.\d\d){6}\n$/);
  });

  it("usage, --help and -V", async () => {
    const s = testSession();
    for (const line of ["sar -Q 1 1", "sar -n FOO 1 1", "sar 1 0", "sar -P"]) {
      const r = await run(s, line);
      expect(r.exitCode, line).toBe(1);
      expect(r.stderr, line).toMatch(/^Usage: sar \[ options \] \[ <interval> \[ <count> \] \]\nOptions are:\n\[ -A \] \[ -B \]/);
    }
    const h = await run(s, "sar --help");
    expect(h.exitCode).toBe(0);
    expect(h.stdout).toMatch(/^Usage: sar \[ options \] \[ <interval> \[ <count> \] \]\nMain options and reports \(report name between square brackets\):\n\t-B\tPaging statistics \[A_PAGE\]\n/);
    expect(await sh(s, "sar -V")).toBe("sysstat version 12.6.1\n(C) Sebastien Godard (sysstat <at> orange.fr)\n");
  });
});
