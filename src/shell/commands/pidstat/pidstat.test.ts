import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

function busyHost() {
  return buildTestHost((spec) => {
    spec.processes = [
      { pid: 16267, comm: "python3", argv: ["/usr/bin/python3", "/opt/app/compute.py"], user: "sre", cpuDemand: 0.9, sysFrac: 0.02 },
      { pid: 16270, comm: "python3", argv: ["/usr/bin/python3", "/opt/app/indexer.py", "1536"], user: "sre", cpuDemand: 0.6, sysFrac: 0.8, rssKiB: 1583052, vszKiB: 1590992, rssGrowKiBps: 0 },
    ];
    spec.faults = [{ type: "fsync-storm", params: { comm: "logshipper", device: "vda", writeBps: 60000000, path: "/var/log/app/debug.log" } }];
  });
}

const dataRows = (out: string, prefix: RegExp): string[][] => out.split("\n").filter((l) => prefix.test(l)).map((l) => l.trim().split(/\s+/));

describe("pidstat", () => {
  it("pidstat 1 1: active tasks only, header per report, Average with CPU '-' (cf. pidstat_1_1.txt)", async () => {
    const r = await run(rootSession(busyHost()), "pidstat 1 1");
    const lines = r.stdout.split("\n");
    expect(lines[2]).toMatch(/^\d\d:\d\d:\d\d {6}UID {7}PID {4}%usr %system {2}%guest {3}%wait {4}%CPU {3}CPU {2}Command$/);
    expect(r.stdout).toMatch(/^\d\d:\d\d:\d\d {5}1000 {5}16267 +\d+\.\d\d( +\d+\.\d\d){4} +\d  python3$/m);
    expect(r.stdout).toMatch(/^Average: {5}1000 {5}16267( +\d+\.\d\d){5} {5}-  python3$/m);
    await expect(r.stdout).toMatchFileSnapshot("__golden__/pidstat_1_1.txt");
    expect(r.evidence).toContain("proc:16267:cpu");
  });

  it("-d shows the fsync writer's kB_wr/s and iodelay (cf. pidstat_d_1_1.txt)", async () => {
    const r = await run(rootSession(busyHost()), "pidstat -d 1 1");
    expect(r.stdout).toContain("      UID       PID   kB_rd/s   kB_wr/s kB_ccwr/s iodelay  Command\n");
    const w = dataRows(r.stdout, /logshipper$/)[0]!;
    expect(Number(w[4])).toBeGreaterThan(5000);
    expect(Number(w[6])).toBeGreaterThan(10);
    await expect(r.stdout).toMatchFileSnapshot("__golden__/pidstat_d_1_1.txt");
  });

  it("-d as a normal user cannot read other users' /proc/PID/io: -1.00 like the real tool", async () => {
    const out = await sh(testSession(busyHost()), "pidstat -d 1 1");
    expect(out).toMatch(/ {5}-1\.00 {5}-1\.00 {5}-1\.00 +\d+  logshipper/);
  });

  it("-r memory columns (cf. pidstat_r_1_1.txt) and %MEM from MemTotal", async () => {
    const host = busyHost();
    const r = await run(rootSession(host), "pidstat -r -p 16270 1 1");
    expect(r.stdout).toContain("      UID       PID  minflt/s  majflt/s     VSZ     RSS   %MEM  Command\n");
    const row = dataRows(r.stdout, /^\d\d:\d\d:\d\d .*python3$/)[0]!;
    expect(row[5]).toBe("1590992");
    expect(row[6]).toBe("1583052");
    expect(Number(row[7])).toBeCloseTo((1583052 / host.mem.totalKiB) * 100, 1);
  });

  it("since boot without an interval, -p, -l, -C, -U, -h, -t, -w", async () => {
    const s = rootSession(busyHost());
    const boot = await sh(s, "pidstat");
    expect(boot).not.toContain("Average");
    expect(boot).toMatch(/ 16267 .* python3\n/);
    expect(await sh(s, "pidstat -p 16267 -l")).toMatch(/  \/usr\/bin\/python3 \/opt\/app\/compute\.py\n$/);
    const c = await sh(s, "pidstat -C compute -l");
    expect(c).toContain("compute.py");
    expect(c).not.toContain("indexer");
    expect(await sh(s, "pidstat -U -p 16267")).toMatch(/ {5}USER {7}PID .*\n.* {8}sre {5}16267 /);
    const h = await sh(s, "pidstat -h -u -r -p 16267");
    expect(h).toMatch(/\n# Time {8}UID {7}PID {4}%usr.* CPU {2}minflt\/s.*%MEM {2}Command\n/);
    const t = await sh(s, "pidstat -t -p 16267");
    expect(t).toMatch(/ {6}TGID {7}TID /);
    expect(t).toMatch(/ 16267 {9}- .* python3\n/);
    expect(t).toMatch(/ {9}- {5}16267 .* \|__python3\n/);
    expect(await sh(s, "pidstat -w -p 16267 1 1")).toContain("   cswch/s nvcswch/s  Command\n");
  });

  it("-t splits a multi-threaded process over its threads (no thread above 100%)", async () => {
    const host = buildTestHost((spec) => {
      spec.cpus = 4;
      spec.processes = [{ pid: 16300, comm: "ledger-export", argv: ["/opt/finance/bin/ledger-export"], user: "sre", cpuDemand: 2.7, threads: 3, sysFrac: 0.1 }];
    });
    const s = rootSession(host);
    const out = await sh(s, "pidstat -t -p 16300 1 1");
    const rows = dataRows(out, /^\d\d:\d\d:\d\d /).filter((r) => r[1] !== "UID");
    expect(rows).toHaveLength(4);
    expect(rows[0]!.slice(2, 4)).toEqual(["16300", "-"]);
    expect(Number(rows[0]![8])).toBeGreaterThan(250);
    const threads = rows.slice(1);
    expect(threads.map((r) => r[3])).toEqual(["16300", expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)]);
    for (const r of threads) {
      expect(r[9 + 1]).toBe("|__ledger-export");
      expect(Number(r[8])).toBeGreaterThan(80);
      expect(Number(r[8])).toBeLessThanOrEqual(100);
    }
  });

  it("multiple reports with -p print the header once, several activities each time", async () => {
    const s = rootSession(busyHost());
    const one = await sh(s, "pidstat -p 16267 1 2");
    expect(one.match(/%usr/g)).toHaveLength(1);
    const two = await sh(s, "pidstat -u -d -p 16267 1 1");
    expect(two.match(/%usr/g)).toHaveLength(2);
    expect(two.match(/kB_rd\/s/g)).toHaveLength(2);
  });

  it("a missing PID prints only the header", async () => {
    const r = await run(testSession(), "pidstat -p 999999 1 2");
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(2);
    expect(r.exitCode).toBe(0);
  });

  it("colours on a terminal with the reset after the newline (cf. pidstat_1_1.tty80.ansi.txt)", async () => {
    const s = testSession(busyHost(), { interactive: true });
    const out = await sh(s, "pidstat -p 16267 1 1");
    expect(out).toMatch(/\x1b\[32;22m {2}1000\x1b\[0m\x1b\[32;22m {5}16267\x1b\[0m\x1b\[31;1m +\d+\.\d\d\x1b\[0m/);
    expect(out).toContain("\x1b[34;1m  python3\n\x1b[0m");
    expect(out).toContain("\x1b[32;22m     -\x1b[0m");
  });

  it("usage errors exit 1", async () => {
    const s = testSession();
    for (const line of ["pidstat -Q", "pidstat -p", "pidstat -p abc", "pidstat x", "pidstat 1 0", "pidstat --help"]) {
      const r = await run(s, line);
      expect(r.exitCode, line).toBe(1);
      expect(r.stderr, line).toMatch(/^Usage: pidstat \[ options \] \[ <interval> \[ <count> \] \] \[ -e <program> <args> \]\nOptions are:\n/);
    }
  });
});
