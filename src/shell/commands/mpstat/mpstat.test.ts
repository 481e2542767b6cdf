import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

const HDR = "     CPU    %usr   %nice    %sys %iowait    %irq   %soft  %steal  %guest  %gnice   %idle\n";

function busyHost() {
  return buildTestHost((spec) => {
    spec.processes = [{ comm: "python3", argv: ["/usr/bin/python3", "/opt/app/compute.py"], user: "sre", cpuDemand: 0.9, sysFrac: 0.13 }];
  });
}

describe("mpstat", () => {
  it("-P ALL 1 1: per-CPU rows with header per report and an Average block (cf. mpstat_P_ALL_1_1.txt)", async () => {
    const host = busyHost();
    const r = await run(testSession(host), "mpstat -P ALL 1 1");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Linux 6.1.0-18-amd64 (web-01) \t11/22/26 \t_x86_64_\t(2 CPU)");
    expect(lines[1]).toBe("");
    expect(lines[2]).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d${HDR.replace(/%/g, "%").slice(0, -1).replace(/\s+/g, "\\s+")}$`));
    expect(lines[3]).toMatch(/^\d\d:\d\d:\d\d {5}all( +\d+\.\d\d){10}$/);
    expect(lines[4]).toMatch(/^\d\d:\d\d:\d\d {7}0( +\d+\.\d\d){10}$/);
    expect(lines[7]).toBe("Average:" + HDR.slice(0, -1));
    await expect(r.stdout).toMatchFileSnapshot("__golden__/mpstat_P_ALL_1_1.txt");
    expect(r.evidence).toEqual(expect.arrayContaining(["cpu-util", "per-cpu"]));
  });

  it("without an interval prints the since-boot line; without -P only 'all' and one header", async () => {
    const s = testSession();
    const out = await sh(s, "mpstat");
    expect(out.split("\n")).toHaveLength(5);
    const two = await sh(s, "mpstat 1 2");
    expect(two.match(/ CPU {4}%usr/g)).toHaveLength(1);
    expect(two).toMatch(/\nAverage: {5}all/);
    await expect(two).toMatchFileSnapshot("__golden__/mpstat_1_2.txt");
  });

  it("-P 0 shows only CPU 0 (no 'all' row)", async () => {
    const out = await sh(testSession(), "mpstat -P 0 1 1");
    expect(out).not.toContain(" all ");
    expect(out).toMatch(/^\d\d:\d\d:\d\d {7}0 /m);
  });

  it("Ctrl-C after a report prints the Average block; during the first interval nothing more", async () => {
    const host = buildTestHost();
    const s = testSession(host, { interactive: true });
    let shown = "";
    const t0 = host.nowMs;
    await s.run("S_COLORS=never mpstat 1", { onOutput: (c) => (shown += c), interrupted: () => host.nowMs - t0 >= 3000 });
    expect(shown.match(/ all /g)).toHaveLength(3);
    expect(shown).toMatch(/\d\nAverage: {5}all( +\d+\.\d\d){10}\n$/);
    shown = "";
    const t1 = host.nowMs;
    await s.run("mpstat 5", { onOutput: (c) => (shown += c), interrupted: () => host.nowMs - t1 >= 1000 });
    expect(shown).not.toContain("Average");
    expect(shown.split("\n")).toHaveLength(2);
    // script mode: an endless mpstat 1 is stopped after 10 s of sim time and summarises
    const out = await sh(testSession(), "mpstat 1");
    expect(out.match(/^\d\d:\d\d:\d\d {5}all/gm)!.length).toBeGreaterThanOrEqual(9);
    expect(out).toMatch(/\nAverage: {5}all/);
  });

  it("fsync storm shows iowait on the CPU the writer last ran on", async () => {
    const host = buildTestHost((spec) => {
      spec.faults = [{ type: "fsync-storm", params: { comm: "logshipper", device: "vda", writeBps: 60000000, path: "/var/log/app/debug.log" } }];
    });
    const r = await run(rootSession(host), "mpstat -P ALL 1 5");
    const avg = r.stdout.split("\n").find((l) => l.startsWith("Average:     all"))!.trim().split(/\s+/).map(Number);
    expect(avg[5]).toBeGreaterThan(10);
  });

  it("colours on a terminal (cf. mpstat_P_ALL_1_1.tty80.ansi.txt)", async () => {
    const s = testSession(busyHost(), { interactive: true });
    const out = await sh(s, "mpstat -P ALL 1 1");
    expect(out).toMatch(/\d\d:\d\d:\d\d {3}\x1b\[32;22m {2}all\x1b\[0m\x1b\[3[14];/);
    expect(out).toContain("Average:   \x1b[32;22m    0\x1b[0m");
    await expect(out).toMatchFileSnapshot("__golden__/mpstat_P_ALL_1_1.tty.ansi.txt");
  });

  it("usage errors exit 1", async () => {
    const s = testSession();
    for (const line of ["mpstat -Q", "mpstat -P 5", "mpstat -P", "mpstat x", "mpstat 1 0", "mpstat --help"]) {
      const r = await run(s, line);
      expect(r.exitCode, line).toBe(1);
      expect(r.stderr, line).toBe("Usage: mpstat [ options ] [ <interval> [ <count> ] ]\nOptions are:\n[ -A ] [ -n ] [ -T ] [ -u ] [ -V ]\n[ -I { SUM | CPU | SCPU | ALL } ] [ -N { <node_list> | ALL } ]\n[ --dec={ 0 | 1 | 2 } ] [ -o JSON ] [ -P { <cpu_list> | ALL } ]\n");
    }
  });
});
