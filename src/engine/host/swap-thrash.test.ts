/**
 * Swap thrashing emerges from the memory model: when busy processes' anonymous memory exceeds RAM
 * with swap in use, reclaim pushes pages of every process out in proportion to its size and the
 * busy ones fault them straight back in, so the host shows sustained swap-in/swap-out, major
 * faults, tasks in D on swap-in (counted as iowait and in the load), memory PSI, and free memory
 * pinned at the watermark. Stopping the hog ends it; a task waiting on swap-in can still be killed;
 * growToMiB caps a process's memory whether resident or swapped.
 */
import { describe, expect, it } from "vitest";
import { buildHost, demoHostSpec, type Host } from "../index.js";
import { loadToFloat } from "./loadavg.js";

const HOG = { comm: "python3", argv: ["/usr/bin/python3", "/opt/report/worker.py"], user: "sre", rssKiB: 3_000_000, vszKiB: 4_000_000, cpuDemand: 0.35, threads: 4 };

function thrashingHost(hog: Partial<typeof HOG> & { rssGrowKiBps?: number; rssMaxKiB?: number } = {}): Host {
  const spec = demoHostSpec(42);
  spec.swapKiB = 2_097_152;
  (spec.processes ??= []).push({ ...HOG, ...hog }, { comm: "java", argv: ["/usr/bin/java", "-Xmx1g", "-jar", "search.jar"], user: "sre", rssKiB: 1_200_000, vszKiB: 5_000_000, cpuDemand: 0.06, threads: 40 });
  return buildHost(spec);
}

const hogOf = (h: Host) => [...h.procs.values()].find((p) => p.comm === "python3" && p.argv.includes("/opt/report/worker.py"))!;
const swapInWaiters = (h: Host) => [...h.procs.values()].filter((p) => p.state === "D" && p.wchan === "folio_wait_bit_common");

describe("swap thrashing in the memory model", () => {
  it("anonymous memory beyond RAM: sustained si/so, major faults, D on swap-in, load above the CPUs, memory PSI", () => {
    const h = thrashingHost();
    h.tick(10 * 60_000);
    const in0 = h.mem.pswpin;
    const out0 = h.mem.pswpout;
    const maj0 = h.mem.pgmajfault;
    let blockedSamples = 0;
    for (let i = 0; i < 60; i++) {
      h.tick(1000);
      if (swapInWaiters(h).length > 0) blockedSamples++;
      // free memory stays at the reclaim watermark, not at zero
      expect(h.freeMemKiB()).toBeGreaterThan(h.mem.minFreeKiB * 0.9);
    }
    const inPerS = (h.mem.pswpin - in0) / 60;
    const outPerS = (h.mem.pswpout - out0) / 60;
    expect(inPerS).toBeGreaterThan(1000); // pages/s, i.e. several MB/s both ways
    expect(outPerS).toBeGreaterThan(1000);
    expect(h.mem.pgmajfault - maj0).toBeGreaterThan(60_000);
    expect(blockedSamples).toBeGreaterThan(40);
    expect(loadToFloat(h.avenrun[0])).toBeGreaterThan(h.cpu.count);
    expect(h.pressure.memSomeAvg[0]).toBeGreaterThan(20);
    // every big process has pages in swap, the hog the most
    const hog = hogOf(h);
    const java = [...h.procs.values()].find((p) => p.comm === "java")!;
    expect(hog.swapKiB).toBeGreaterThan(0);
    expect(java.swapKiB).toBeGreaterThan(0);
    expect(hog.majflt).toBeGreaterThan(java.majflt);
    // swap-in waits count as iowait
    expect(swapInWaiters(h).every((p) => h.waitsOnBlockIo(p))).toBe(true);
  });

  it("stopping the hog ends the thrashing: no more swap-out, no tasks left waiting on swap-in", () => {
    const h = thrashingHost();
    h.tick(10 * 60_000);
    const hog = hogOf(h);
    expect(h.signal(hog.pid, 15, { uid: 0, gids: [0] })).toBeUndefined();
    h.tick(5000);
    expect(h.procs.has(hog.pid)).toBe(false);
    h.tick(60_000);
    const out0 = h.mem.pswpout;
    h.tick(60_000);
    expect(h.mem.pswpout).toBe(out0);
    expect(swapInWaiters(h)).toEqual([]);
    expect(h.availableKiB()).toBeGreaterThan(h.mem.totalKiB * 0.3);
    expect(h.kmsg.some((k) => /Out of memory/.test(k.text))).toBe(false);
  });

  it("a task waiting on swap-in is killable (SIGKILL is not left pending as for a disk D state)", () => {
    const h = thrashingHost();
    h.tick(10 * 60_000);
    let hog = hogOf(h);
    for (let i = 0; i < 30 && hog.state !== "D"; i++) {
      h.tick(1000);
      hog = hogOf(h);
    }
    expect(hog.state).toBe("D");
    h.signal(hog.pid, 9, { uid: 0, gids: [0] });
    h.tick(1000);
    expect(h.procs.has(hog.pid)).toBe(false);
  });

  it("growToMiB caps resident plus swapped memory (swapping out does not make room to grow)", () => {
    const h = thrashingHost({ rssKiB: 400_000, rssGrowKiBps: 40_000, rssMaxKiB: 3_200_000 });
    h.tick(15 * 60_000);
    const hog = hogOf(h);
    expect(hog.rssKiB + hog.swapKiB).toBeLessThanOrEqual(3_200_000 + 1);
    expect(hog.rssKiB + hog.swapKiB).toBeGreaterThan(3_150_000);
  });
});
