import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

describe("uptime", () => {
  it("prints the procps line with days, users and the kernel load averages", async () => {
    const s = testSession();
    await expect(await sh(s, "uptime")).toMatchFileSnapshot("__golden__/uptime.txt");
  });
  it("switches from minutes to h:mm like procps", async () => {
    const host = buildTestHost((spec) => {
      spec.bootEpochMs += spec.uptimeMs - 50 * 60000;
      spec.uptimeMs = 50 * 60000;
    });
    const s = testSession(host);
    expect(await sh(s, "uptime")).toMatch(/^ \d\d:\d\d:\d\d up 50 min, {2}1 user, {2}load average: /);
    await s.run("sleep 600");
    expect(await sh(s, "uptime")).toMatch(/ up {2}1:00, {2}1 user,/);
  });
  it("-p and -s", async () => {
    const s = testSession();
    expect(await sh(s, "uptime -p")).toBe("up 2 days, 3 hours, 17 minutes\n");
    expect(await sh(s, "uptime -s")).toBe("2026-11-20 05:56:51\n");
  });
  it("fails on an unknown option the way procps does", async () => {
    const r = await run(testSession(), "uptime -z");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^uptime: invalid option -- 'z'\n\nUsage:\n uptime \[options\]/);
  });
  it("reports load rising from D-state tasks while CPUs idle", async () => {
    const host = buildTestHost((spec) => {
      spec.mounts.push({ source: "nfs01:/export/shared", target: "/mnt/shared", fstype: "nfs4", sizeKiB: 1048576000, usedKiB: 400000000 });
      spec.faults = [{ type: "hung-nfs", params: { mount: "/mnt/shared", tasks: 24, sinceS: 1200 } }];
    });
    const s = testSession(host);
    const out = await sh(s, "uptime");
    const load1 = Number(/load average: ([\d.]+)/.exec(out)![1]);
    expect(load1).toBeGreaterThan(20);
  });
});
