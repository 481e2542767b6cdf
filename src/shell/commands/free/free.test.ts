import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

const meminfo = (text: string): Map<string, number> => new Map(text.split("\n").filter(Boolean).map((l) => [l.split(":")[0]!, Number(/(\d+)/.exec(l)![1])]));

describe("free", () => {
  it("prints the procps 4 table (goldens checked column by column against free.txt / free_h.txt / free_m.txt)", async () => {
    const s = testSession();
    await expect(await sh(s, "free")).toMatchFileSnapshot("__golden__/free.txt");
    await expect(await sh(s, "free -h")).toMatchFileSnapshot("__golden__/free_h.txt");
    await expect(await sh(s, "free -m")).toMatchFileSnapshot("__golden__/free_m.txt");
    await expect(await sh(s, "free -w -t")).toMatchFileSnapshot("__golden__/free_wt.txt");
    await expect(await sh(s, "free -h --si -l -v")).toMatchFileSnapshot("__golden__/free_h_si_l_v.txt");
  });

  it("derives used, shared and buff/cache from /proc/meminfo like libproc2", async () => {
    const s = testSession();
    const m = meminfo(await sh(s, "cat /proc/meminfo"));
    const row = (await sh(s, "free")).split("\n")[1]!.trim().split(/\s+/).slice(1).map(Number);
    const [total, used, free, shared, buffCache, avail] = row;
    expect(total).toBe(m.get("MemTotal"));
    expect(used).toBe(m.get("MemTotal")! - m.get("MemAvailable")!);
    expect(free).toBe(m.get("MemFree"));
    expect(shared).toBe(m.get("Shmem"));
    expect(buffCache).toBe(m.get("Buffers")! + m.get("Cached")! + m.get("SReclaimable")!);
    expect(avail).toBe(m.get("MemAvailable"));
  });

  it("header and column layout match the capture", async () => {
    const out = await sh(testSession(), "free");
    expect(out.split("\n")[0]).toBe("               total        used        free      shared  buff/cache   available");
    expect(out).toMatch(/^Mem: {3}( +\d+){6}\nSwap: {2}( +\d+){3}\n$/m);
    for (const line of out.split("\n").slice(1, 3)) expect(line.length % 12).toBe(8);
  });

  it("scales like scale_size(): 4/5-character rule with Ki/Mi/Gi", async () => {
    const out = await sh(testSession(), "free -h");
    expect(out).toMatch(/^Swap: +0B +0B +0B$/m);
    expect(out).toMatch(/^Mem: +3\.8Gi +\d+Mi/m);
  });

  it("repeats with -s/-c, a blank line between reports, advancing the sim clock", async () => {
    const host = buildTestHost();
    const s = testSession(host);
    const t0 = host.nowMs;
    const out = await sh(s, "free -s 2 -c 3");
    expect(out.split("\n\n")).toHaveLength(3);
    expect(host.nowMs - t0).toBeGreaterThanOrEqual(4000);
    expect(out.endsWith("\n\n")).toBe(false);
  });

  it("shows memory growing when a process leaks", async () => {
    const host = buildTestHost((spec) => {
      spec.processes = [{ comm: "leaky", user: "sre", rssKiB: 100000, rssGrowKiBps: 5000 }];
    });
    const s = testSession(host);
    const used0 = Number((await sh(s, "free")).split("\n")[1]!.trim().split(/\s+/)[2]);
    await s.run("sleep 60");
    const used1 = Number((await sh(s, "free")).split("\n")[1]!.trim().split(/\s+/)[2]);
    expect(used1 - used0).toBeGreaterThan(250000);
  });

  it("errors with procps wording and exit codes", async () => {
    const s = testSession();
    let r = await run(s, "free -z");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^free: invalid option -- 'z'\n\nUsage:\n free \[options\]\n\nOptions:\n -b, --bytes/);
    expect(r.stderr.endsWith("For more details see free(1).\n")).toBe(true);
    r = await run(s, "free -b -k");
    expect([r.exitCode, r.stderr]).toEqual([1, "free: Multiple unit options don't make sense.\n"]);
    r = await run(s, "free -s 0");
    expect([r.exitCode, r.stderr]).toEqual([1, "free: seconds argument `0' is not positive number\n"]);
    r = await run(s, "free -s abc");
    expect(r.stderr).toBe("free: seconds argument failed: 'abc': Invalid argument\n");
    r = await run(s, "free -c 0");
    expect(r.stderr).toBe("free: failed to parse count argument: '0': Numerical result out of range\n");
    r = await run(s, "free -c x");
    expect(r.stderr).toBe("free: failed to parse count argument: 'x'\n");
    r = await run(s, "free foo");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^\nUsage:\n free \[options\]/);
  });

  it("--help and -V", async () => {
    const s = testSession();
    const r = await run(s, "free --help");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^\nUsage:\n free \[options\]\n/);
    expect(r.stdout).toContain(" -w, --wide          wide output\n");
    expect(await sh(s, "free -V")).toBe("free from procps-ng 4.0.2\n");
  });

  it("reports mem-usage evidence", async () => {
    expect((await run(testSession(), "free")).evidence).toContain("mem-usage");
  });
});
