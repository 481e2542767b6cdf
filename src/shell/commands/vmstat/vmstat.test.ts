import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

const HEADER = "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n";

function fsyncHost() {
  return buildTestHost((spec) => {
    spec.faults = [{ type: "fsync-storm", params: { comm: "logshipper", device: "vda", writeBps: 60000000, path: "/var/log/app/debug.log" } }];
  });
}

function nfsHost() {
  return buildTestHost((spec) => {
    spec.mounts.push({ source: "nfs01:/export/shared", target: "/mnt/shared", fstype: "nfs4", sizeKiB: 1048576000, usedKiB: 400000000 });
    spec.faults = [{ type: "hung-nfs", params: { mount: "/mnt/shared", tasks: 24, sinceS: 1200 } }];
  });
}

/** vmstat's data lines as numbers */
const rows = (out: string): number[][] => out.split("\n").filter((l) => /^\s*\d/.test(l)).map((l) => l.trim().split(/\s+/).map(Number));

describe("vmstat", () => {
  it("prints the procps 4.0.2 header (no gu column) and the since-boot line", async () => {
    const s = testSession();
    const out = await sh(s, "vmstat");
    expect(out.startsWith(HEADER)).toBe(true);
    await expect(out).toMatchFileSnapshot("__golden__/vmstat.txt");
  });

  it("vmstat 1 3: since-boot line then deltas, sleeping on the sim clock", async () => {
    const host = buildTestHost();
    const s = testSession(host);
    const t0 = host.nowMs;
    const out = await sh(s, "vmstat 1 3");
    expect(host.nowMs - t0).toBe(2000);
    expect(rows(out)).toHaveLength(3);
    await expect(out).toMatchFileSnapshot("__golden__/vmstat_1_3.txt");
  });

  it("wide, timestamp, active and unit variants", async () => {
    const s = testSession();
    await expect(await sh(s, "vmstat -w -t")).toMatchFileSnapshot("__golden__/vmstat_wt.txt");
    const a = await sh(s, "vmstat -a");
    expect(a.split("\n")[1]).toBe(" r  b   swpd   free  inact active   si   so    bi    bo   in   cs us sy id wa st");
    const m = await sh(s, "vmstat -S M");
    const k = await sh(s, "vmstat");
    expect(rows(m)[0]![3]).toBe(Math.trunc(rows(k)[0]![3]! / 1024));
  });

  it("-s event counters match vmstat_s.txt's layout and /proc/stat", async () => {
    const s = testSession();
    const out = await sh(s, "vmstat -s");
    await expect(out).toMatchFileSnapshot("__golden__/vmstat_s.txt");
    expect(out.split("\n")).toHaveLength(29);
    const cpu = (await sh(s, "head -1 /proc/stat")).trim().split(/\s+/).slice(1).map(Number);
    expect(out).toContain(`${String(cpu[0]).padStart(13)} non-nice user cpu ticks\n`);
    expect(out).toMatch(/^ {3}\d{10} boot time$/m);
  });

  it("disk statistics -d and -D from /proc/diskstats", async () => {
    const s = testSession();
    await expect(await sh(s, "vmstat -d")).toMatchFileSnapshot("__golden__/vmstat_d.txt");
    const D = await sh(s, "vmstat -D");
    expect(D).toMatch(/^ {12}1 disks\n {12}3 partitions\n/);
    const p = await sh(s, "vmstat -p vda1");
    expect(p.split("\n")[0]).toBe("vda1            reads      read sectors      writes  requested writes");
  });

  it("fsync storm: blocked writer and iowait show up", async () => {
    const s = rootSession(fsyncHost());
    const r = await run(s, "vmstat 1 6");
    const data = rows(r.stdout).slice(1);
    expect(data.some((v) => v[1]! > 0)).toBe(true);
    expect(data.some((v) => v[15]! > 20)).toBe(true);
    expect(r.evidence).toEqual(expect.arrayContaining(["blocked-tasks", "cpu-iowait", "runqueue"]));
  });

  it("hung NFS: 24 tasks in b while the CPUs idle (no iowait)", async () => {
    const s = testSession(nfsHost());
    const r = await run(s, "vmstat 1 2");
    const last = rows(r.stdout)[1]!;
    expect(last[1]).toBe(24);
    expect(last[14]).toBeGreaterThan(90);
    expect(r.evidence).toContain("blocked-tasks");
  });

  it("swap thrashing: si/so non-zero and swpd grows", async () => {
    const host = buildTestHost((spec) => {
      spec.swapKiB = 2097152;
      spec.processes = [{ comm: "java", argv: ["/usr/bin/java", "-jar", "batch.jar"], user: "sre", rssKiB: 3700000, vszKiB: 6500000, cpuDemand: 0.9, rssGrowKiBps: 2000 }];
    });
    const r = await run(testSession(host), "vmstat 1 4");
    const data = rows(r.stdout).slice(1);
    // the first second only pushes pages out (nothing is in swap yet); then they come back in as fast
    expect(data[1]![7]).toBeGreaterThan(0);
    expect(data.slice(2).every((v) => v[6]! > 0 && v[7]! > 0)).toBe(true);
    expect(data[2]![2]).toBeGreaterThan(data[0]![2]!);
    expect(r.evidence).toContain("swap-activity");
  });

  it("an unbounded vmstat 1 stops when interrupted (no summary)", async () => {
    const host = buildTestHost();
    const s = testSession(host);
    const t0 = host.nowMs;
    const out = await sh(s, "vmstat 1");
    expect(host.nowMs - t0).toBeGreaterThanOrEqual(10000);
    expect(rows(out).length).toBeGreaterThanOrEqual(10);
    expect(out.endsWith("\n")).toBe(true);
  });

  it("repeats the header every 21 lines on a pipe", async () => {
    const out = await sh(testSession(), "vmstat 1 25");
    expect(out.split("\n").filter((l) => l.startsWith("procs")).length).toBe(2);
  });

  it("errors like procps", async () => {
    const s = testSession();
    let r = await run(s, "vmstat -z");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^vmstat: invalid option -- 'z'\n\nUsage:\n vmstat \[options\] \[delay \[count\]\]\n/);
    r = await run(s, "vmstat 0");
    expect([r.exitCode, r.stderr]).toEqual([1, "vmstat: delay must be positive integer\n"]);
    r = await run(s, "vmstat x");
    expect(r.stderr).toBe("vmstat: failed to parse argument: 'x'\n");
    r = await run(s, "vmstat -S x");
    expect(r.stderr).toBe("vmstat: -S requires k, K, m or M (default is KiB)\n");
    r = await run(s, "vmstat 1 2 3");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^\nUsage:/);
    r = await run(s, "vmstat -h");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(" -y, --no-first         skips first line of output\n");
    expect(await sh(s, "vmstat -V")).toBe("vmstat from procps-ng 4.0.2\n");
  });
});
