import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";
import { cfixed } from "./sysstat.js";

const TITLE = "Linux 6.1.0-18-amd64 (web-01) \t11/22/26 \t_x86_64_\t(2 CPU)\n";
const XHDR = "Device            r/s     rkB/s   rrqm/s  %rrqm r_await rareq-sz     w/s     wkB/s   wrqm/s  %wrqm w_await wareq-sz     d/s     dkB/s   drqm/s  %drqm d_await dareq-sz     f/s f_await  aqu-sz  %util\n";

function fsyncHost() {
  return buildTestHost((spec) => {
    spec.faults = [{ type: "fsync-storm", params: { comm: "logshipper", device: "vda", writeBps: 60000000, path: "/var/log/app/debug.log" } }];
  });
}

describe("sysstat number formatting", () => {
  it("rounds half to even on exact binary ties like glibc printf", () => {
    expect(cfixed(0.125, 2)).toBe("0.12");
    expect(cfixed(0.375, 2)).toBe("0.38");
    expect(cfixed(2.5, 0)).toBe("2");
    expect(cfixed(3.5, 0)).toBe("4");
    expect(cfixed(0.285, 2)).toBe("0.28");
    expect(cfixed(1.005, 2)).toBe("1.00");
    expect(cfixed(73.3649, 2)).toBe("73.36");
  });
});

describe("iostat", () => {
  it("default report: title line with tabs, avg-cpu and the basic device table (cf. iostat.txt)", async () => {
    const out = await sh(testSession(), "iostat");
    expect(out.startsWith(TITLE + "\navg-cpu:  %user   %nice %system %iowait  %steal   %idle\n")).toBe(true);
    expect(out).toContain("\nDevice             tps    kB_read/s    kB_wrtn/s    kB_dscd/s    kB_read    kB_wrtn    kB_dscd\n");
    expect(out.endsWith("\n\n\n")).toBe(true);
    await expect(out).toMatchFileSnapshot("__golden__/iostat.txt");
  });

  it("extended report has the 12.6 column set (cf. iostat_xz_1_2.txt)", async () => {
    const out = await sh(testSession(), "iostat -x");
    expect(out).toContain(XHDR);
    expect(out).toMatch(/^vda {10}( +\d+\.\d\d){22}$/m);
    await expect(out).toMatchFileSnapshot("__golden__/iostat_x.txt");
  });

  it("other layouts: -s, -h, -m, -p ALL, -c, -d, -t, -y", async () => {
    const s = testSession();
    await expect(await sh(s, "iostat -sx")).toMatchFileSnapshot("__golden__/iostat_sx.txt");
    await expect(await sh(s, "iostat -h")).toMatchFileSnapshot("__golden__/iostat_h.txt");
    await expect(await sh(s, "iostat -xh")).toMatchFileSnapshot("__golden__/iostat_xh.txt");
    await expect(await sh(s, "iostat -p ALL")).toMatchFileSnapshot("__golden__/iostat_p_all.txt");
    expect(await sh(s, "iostat -m -d")).toContain("Device             tps    MB_read/s    MB_wrtn/s    MB_dscd/s    MB_read    MB_wrtn    MB_dscd\n");
    const c = await sh(s, "iostat -c");
    expect(c).not.toContain("Device");
    expect(c.endsWith("\n\n\n\n")).toBe(true);
    expect(await sh(s, "iostat -d")).not.toContain("avg-cpu");
    expect(await sh(s, "iostat -t -c")).toMatch(/^Linux.*\n\n11\/22\/26 \d\d:\d\d:\d\d\navg-cpu/);
    const y = await sh(s, "iostat -y -c 1 1");
    expect(y.startsWith(TITLE + "\n\navg-cpu")).toBe(true);
  });

  it("fsync storm: vda near 100% util with high write await in the interval report", async () => {
    const s = rootSession(fsyncHost());
    const r = await run(s, "iostat -xz 1 2");
    await expect(r.stdout).toMatchFileSnapshot("__golden__/iostat_xz_1_2_fsync.txt");
    const second = r.stdout.split("avg-cpu")[2]!;
    const vda = second.split("\n").find((l) => l.startsWith("vda"))!.trim().split(/\s+/).map(Number);
    expect(vda[22]).toBeGreaterThan(95);
    expect(vda[11]).toBeGreaterThan(20);
    expect(vda[21]).toBeGreaterThan(1);
    expect(r.evidence).toEqual(expect.arrayContaining(["disk:vda:util", "disk:vda:await", "cpu-iowait"]));
  });

  it("-z drops devices that completed no I/O in the interval", async () => {
    const host = buildTestHost((spec) => {
      spec.disks.push({ name: "vdb", sizeBytes: 10 * 1024 ** 3, stuck: true, history: { reads: 100, writes: 0, readKiB: 400, writeKiB: 0 } });
    });
    const out = await sh(testSession(host), "iostat -dz 1 2");
    const reports = out.split("Device").slice(1);
    expect(reports[0]).toContain("vdb");
    expect(reports[1]).not.toContain("vdb");
  });

  it("colours on a terminal like S_COLORS=auto (cf. iostat_xz_1_2.tty80.ansi.txt)", async () => {
    const s = testSession(buildTestHost(), { interactive: true });
    const out = await sh(s, "iostat -x");
    expect(out).toContain("\x1b[32;22mvda          \x1b[0m\x1b[34;1m    3.00\x1b[0m");
    expect(out).toMatch(/avg-cpu:.*\n {7}\x1b\[34;1m {4}\d\.\d\d\x1b\[0m/);
    expect(out).toContain("\x1b[31;1m   95.55\x1b[0m");
    await expect(out).toMatchFileSnapshot("__golden__/iostat_x.tty.ansi.txt");
    expect(await sh(s, "S_COLORS=never iostat -x")).not.toContain("\x1b");
    expect(await sh(testSession(), "S_COLORS=always iostat -c")).toContain("\x1b[");
  });

  it("en_US locale prints a 4-digit year", async () => {
    expect(await sh(testSession(), "LC_ALL=en_US.UTF-8 iostat -c")).toMatch(/^Linux \S+ \(web-01\) \t11\/22\/2026 \t/);
  });

  it("streams each report on a terminal and stops on Ctrl-C", async () => {
    const host = buildTestHost();
    const s = testSession(host, { interactive: true });
    const chunks: string[] = [];
    const t0 = host.nowMs;
    const r = await s.run("iostat -c 2", { onOutput: (c) => chunks.push(c), interrupted: () => host.nowMs - t0 >= 5000 });
    expect(chunks.join("").match(/avg-cpu/g)!.length).toBe(3);
    expect(r.stdout).toBe("");
  });

  it("usage errors exit 1 with sysstat's text; -V prints the version", async () => {
    const s = testSession();
    for (const line of ["iostat -Q", "iostat 1 0", "iostat -k -m", "iostat --help", "iostat 1 2 3", "iostat -o JSON"]) {
      const r = await run(s, line);
      expect(r.exitCode, line).toBe(1);
      expect(r.stderr, line).toMatch(/^Usage: iostat \[ options \] \[ <interval> \[ <count> \] \]\nOptions are:\n\[ -c \] \[ -d \] \[ -h \]/);
    }
    expect(await sh(s, "iostat -V")).toBe("sysstat version 12.6.1\n(C) Sebastien Godard (sysstat <at> orange.fr)\n");
  });
});
