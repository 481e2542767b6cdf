import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

/** A 4 GiB host with 2 GiB of swap whose two big processes do not fit in RAM together. */
function swappingHost() {
  const host = buildTestHost((spec) => {
    spec.swapKiB = 2_097_152;
    (spec.processes ??= []).push(
      { comm: "python3", argv: ["/usr/bin/python3", "/opt/report/worker.py"], user: "sre", rssKiB: 3_000_000, vszKiB: 4_000_000, cpuDemand: 0.35 },
      { comm: "java", argv: ["/usr/bin/java", "-jar", "search.jar"], user: "sre", rssKiB: 1_200_000, vszKiB: 5_000_000, cpuDemand: 0.06 },
    );
  });
  host.tick(120_000);
  return host;
}

describe("swapoff", () => {
  it("help, version and usage errors as util-linux 2.38.1", async () => {
    await expect(await sh(testSession(), "swapoff --help")).toMatchFileSnapshot("__golden__/help.txt");
    expect(await sh(testSession(), "swapoff -V")).toBe("swapoff from util-linux 2.38.1\n");
    expect(await run(testSession(), "swapoff")).toMatchObject({ exitCode: 16, stderr: "swapoff: bad usage\nTry 'swapoff --help' for more information.\n" });
    expect(await run(testSession(), "swapoff -x")).toMatchObject({ exitCode: 16, stderr: "swapoff: invalid option -- 'x'\nTry 'swapoff --help' for more information.\n" });
  });

  it("refuses a non-root user and anything that is not a swap area", async () => {
    const host = swappingHost();
    expect(await run(testSession(host), "swapoff -a")).toMatchObject({ exitCode: 1, stderr: "swapoff: Not superuser.\n" });
    expect(host.mem.swapTotalKiB).toBe(2_097_152);
    const root = rootSession(host);
    expect(await run(root, "swapoff /etc/passwd")).toMatchObject({ exitCode: 4, stderr: "swapoff: /etc/passwd: swapoff failed: Invalid argument\n" });
    expect(await run(root, "swapoff /nonexistent")).toMatchObject({ exitCode: 4, stderr: "swapoff: /nonexistent: swapoff failed: No such file or directory\n" });
  });

  it("on a host short of memory pages everything back in and the OOM killer takes the biggest process", async () => {
    const host = swappingHost();
    const root = rootSession(host);
    expect(host.swapUsedKiB()).toBeGreaterThan(0);
    const r = await run(root, "swapoff -av");
    expect(r).toMatchObject({ exitCode: 0, stdout: "swapoff /swapfile\n", stderr: "" });
    expect(await sh(root, "cat /proc/swaps")).toBe("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
    expect(await sh(root, "free -m | tail -n 1")).toMatch(/^Swap:\s+0\s+0\s+0\n$/);
    expect([...host.procs.values()].some((p) => p.comm === "python3" && p.argv.includes("/opt/report/worker.py"))).toBe(false);
    const dmesg = await sh(root, "dmesg | grep -E 'invoked oom-killer|Killed process'");
    expect(dmesg).toMatch(/swapoff invoked oom-killer/);
    expect(dmesg).toMatch(/Out of memory: Killed process \d+ \(python3\)/);
    // a second swapoff -a has nothing left to do
    expect(await run(root, "swapoff -a")).toMatchObject({ exitCode: 0, stdout: "", stderr: "" });
  });

  it("with room to spare it only reads the pages back in", async () => {
    const host = buildTestHost((spec) => {
      spec.swapKiB = 1_048_576;
    });
    host.mem.swapBaseKiB = 50_000;
    const r = await run(rootSession(host), "swapoff /swapfile");
    expect(r).toMatchObject({ exitCode: 0, stdout: "", stderr: "" });
    expect(host.mem.swapTotalKiB).toBe(0);
    expect(host.kmsg.some((k) => k.text.includes("oom-killer"))).toBe(false);
  });
});
