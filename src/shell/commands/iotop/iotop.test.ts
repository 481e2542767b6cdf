import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

function fsyncHost() {
  return buildTestHost((spec) => {
    spec.faults = [{ type: "fsync-storm", params: { comm: "logshipper", device: "vda", writeBps: 60000000, path: "/var/log/app/debug.log" } }];
  });
}

describe("iotop", () => {
  it("-o -b -n 2: summary lines, titles, and the fsync writer at the top", async () => {
    const r = await run(rootSession(fsyncHost()), "iotop -o -b -n 2");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Total DISK READ:         0.00 B/s | Total DISK WRITE:         0.00 B/s");
    expect(lines[2]).toBe("    TID  PRIO  USER     DISK READ  DISK WRITE  SWAPIN      IO    COMMAND");
    expect(lines[3]).toMatch(/^Total DISK READ: +0\.00 B\/s \| Total DISK WRITE: +\d+\.\d\d M\/s$/);
    expect(lines[6]).toMatch(/^ +\d+ be\/4 root {8}0\.00 B\/s +\d+\.\d\d M\/s  0\.00 % \d+\.\d\d % logshipper$/);
    await expect(r.stdout).toMatchFileSnapshot("__golden__/iotop_o_b_n2.txt");
    expect(r.evidence.some((e) => /^proc:\d+:io$/.test(e))).toBe(true);
  });

  it("-k, -P, -t, -q variants", async () => {
    const s = rootSession(fsyncHost());
    expect(await sh(s, "iotop -b -o -k -n 2")).toMatch(/\d+\.\d\d K\/s logshipper|\d+\.\d\d K\/s +\d/);
    expect(await sh(s, "iotop -b -P -n 1")).toContain("    PID  PRIO  USER");
    expect(await sh(s, "iotop -t -o -n 1")).toMatch(/^\d\d:\d\d:\d\d Total DISK READ:/);
    const q = await sh(s, "iotop -q -o -n 2");
    expect(q.match(/TID/g)).toHaveLength(1);
    expect(await sh(s, "iotop -qqq -o -n 2")).not.toContain("Total");
  });

  it("needs root, with the Python tool's EPERM text", async () => {
    const r = await run(testSession(), "iotop -b -n 1");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^\[Errno 1\] Operation not permitted\n\nThe Linux kernel interfaces that iotop relies on now require root privileges\n/);
    expect(r.stderr.endsWith("Please do not file bugs on iotop about this.\n")).toBe(true);
  });

  it("optparse errors exit 2", async () => {
    const s = rootSession();
    let r = await run(s, "iotop -z");
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^Usage: \/usr\/sbin\/iotop \[OPTIONS\]\n[\s\S]*\n\niotop: error: no such option: -z\n$/);
    r = await run(s, "iotop -n x");
    expect(r.stderr.endsWith("iotop: error: option -n: invalid integer value: 'x'\n")).toBe(true);
    r = await run(s, "iotop extra");
    expect(r.stderr.endsWith("iotop: error: Unexpected arguments: extra\n")).toBe(true);
    r = await run(s, "iotop -u nobodyhere -b -n 1");
    expect([r.exitCode, r.stderr]).toEqual([1, "Unknown user: nobodyhere\n"]);
    expect(await sh(s, "iotop --version")).toBe("iotop 0.6\n");
    expect(await sh(s, "iotop --help")).toContain("  -o, --only            only show processes or threads actually doing I/O\n");
  });
});
