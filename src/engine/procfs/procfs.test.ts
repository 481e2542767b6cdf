/**
 * /proc renderers on the demo host: a golden per top-level file and per sample task, and
 * format checks against the real captures in /work/shared/reference/linux-output (field
 * names and order, widths, tabs vs spaces). The captures come from a 6.18 kernel; where 6.1
 * differs (Kthread:, untag_mask:, Balloon:, HardwareCorrupted:, newer vmstat counters) the
 * test says so.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { buildTestHost } from "../../testing/host-builder.js";
import type { Host, Proc } from "../index.js";
import { PID_FILES, PROC_FILES } from "./renderers.js";

const REF = "/work/shared/reference/linux-output";
/** The body of a reference capture (its "# " header lines removed). */
function ref(name: string): string | undefined {
  const p = `${REF}/${name}`;
  if (!existsSync(p)) return undefined;
  const lines = readFileSync(p, "utf8").split("\n");
  let i = 0;
  while (lines[i]?.startsWith("# ")) i++;
  return lines.slice(i).join("\n");
}
const labels = (text: string): string[] => text.split("\n").filter(Boolean).map((l) => l.split(/[:\s]/)[0]!);

const host = buildTestHost();
const byComm = (h: Host, comm: string, pred: (p: Proc) => boolean = () => true): Proc => [...h.procs.values()].filter((p) => p.comm === comm && pred(p)).sort((a, b) => a.pid - b.pid)[0]!;

/** All per-PID files of a task, as `head` prints several files. */
function pidDump(h: Host, p: Proc): string {
  return Object.entries(PID_FILES)
    .filter(([name]) => name !== "mounts" && name !== "mountinfo")
    .map(([name, r]) => `==> /proc/${p.pid}/${name} <==\n${r(h, p).replace(/\0/g, "^@")}`)
    .join("\n");
}

describe("top-level /proc files on the demo host", () => {
  for (const name of Object.keys(PROC_FILES)) {
    it(`${name} matches its golden`, async () => {
      const out = PROC_FILES[name]!(host);
      expect(out).not.toMatch(/undefined|NaN|\[object/);
      await expect(out).toMatchFileSnapshot(`__golden__/demo/${name.replace(/\//g, "_")}.txt`);
    });
  }
  it("per-task files of systemd, kthreadd, a kworker, nginx master/worker and the login shell", async () => {
    const bash = host.procs.get(host.logins[0]!.pid)!;
    const tasks: [string, Proc][] = [
      ["systemd", host.procs.get(1)!], ["kthreadd", host.procs.get(2)!], ["ksoftirqd", byComm(host, "ksoftirqd/0")],
      ["nginx-master", byComm(host, "nginx")], ["nginx-worker", byComm(host, "nginx", (p) => p.uid === 33)], ["bash", bash],
    ];
    for (const [label, p] of tasks) {
      const out = pidDump(host, p);
      expect(out).not.toMatch(/undefined|NaN|\[object/);
      await expect(out).toMatchFileSnapshot(`__golden__/demo/pid-${label}.txt`);
    }
    await expect(PID_FILES["mountinfo"]!(host, bash)).toMatchFileSnapshot("__golden__/demo/pid-mountinfo.txt");
  });
});

describe("formats match the reference captures", () => {
  it("meminfo: same labels in the same order (6.1 has HardwareCorrupted, no Balloon), 16+8 columns", () => {
    const out = PROC_FILES["meminfo"]!(host);
    const want = labels(ref("proc_meminfo.txt")!).filter((l) => l !== "Balloon");
    want.splice(want.indexOf("AnonHugePages"), 0, "HardwareCorrupted");
    expect(labels(out)).toEqual(want);
    for (const l of out.trimEnd().split("\n")) {
      if (l.startsWith("HardwareCorrupted")) expect(l).toMatch(/^HardwareCorrupted: {1,5}\d+ kB$/);
      else {
        expect(l).toMatch(/^\S+:\s+\d+( kB)?$/);
        expect(l.length === 27 || l.length === 24 || /^VmallocTotal/.test(l)).toBe(true);
      }
    }
    const r = ref("proc_meminfo.txt")!.split("\n");
    expect(out.split("\n")[0]!.length).toBe(r[0]!.length);
  });
  it("meminfo adds up: free + anon + cache + slab + kernel = total", () => {
    const v = Object.fromEntries(PROC_FILES["meminfo"]!(host).trimEnd().split("\n").map((l) => [l.split(":")[0], Number(l.split(/\s+/)[1])]));
    expect(v["MemFree"]! + v["AnonPages"]! + v["Cached"]! + v["Buffers"]! + v["Slab"]!).toBeLessThanOrEqual(v["MemTotal"]!);
    expect(v["MemAvailable"]!).toBeGreaterThan(v["MemFree"]!);
    expect(v["Active"]! + v["Inactive"]!).toBe(v["Active(anon)"]! + v["Inactive(anon)"]! + v["Active(file)"]! + v["Inactive(file)"]!);
  });
  it("status: the reference's fields in order, minus Kthread/untag_mask (added in 6.4); tabs after colons", () => {
    const p = byComm(host, "nginx");
    const out = PID_FILES["status"]!(host, p);
    const want = labels(ref("proc_PID_status_dstate.txt")!).filter((l) => l !== "Kthread" && l !== "untag_mask");
    expect(labels(out)).toEqual(want);
    const refLines = ref("proc_PID_status_dstate.txt")!.split("\n");
    for (const l of out.trimEnd().split("\n")) {
      const name = l.split(":")[0]!;
      const r = refLines.find((x) => x.startsWith(name + ":"))!;
      expect(l.slice(0, name.length + 2)).toBe(r.slice(0, name.length + 2));
      if (/ kB$/.test(r)) expect(l.length).toBe(r.length);
    }
    expect(out).toMatch(/^Groups:\t((\d+ )+| )\n/m);
    expect(out).toContain(`State:\tS (sleeping)\n`);
  });
  it("status of a kernel thread has no Vm* lines and no memory-manager lines", () => {
    const out = PID_FILES["status"]!(host, host.procs.get(2)!);
    expect(out).not.toMatch(/^Vm|^Rss|^CoreDumping|^THP_enabled/m);
    expect(out).toContain("Groups:\t \n");
    expect(PID_FILES["cmdline"]!(host, host.procs.get(2)!)).toBe("");
  });
  it("stat has 52 fields laid out like the capture", () => {
    const r = ref("proc_self_stat.txt")!.trim().split(" ");
    for (const p of [host.procs.get(1)!, host.procs.get(2)!, byComm(host, "gunicorn")]) {
      const f = PID_FILES["stat"]!(host, p).trim().split(" ");
      expect(f).toHaveLength(52);
      expect(f).toHaveLength(r.length);
      expect(f[1]).toBe(`(${p.comm})`);
      expect(f[24]).toBe("18446744073709551615");
      expect(Number(f[21])).toBe(Math.floor(p.startMs / 10));
    }
  });
  it("statm has 7 page counts, limits the same columns as the capture", () => {
    expect(PID_FILES["statm"]!(host, byComm(host, "nginx"))).toMatch(/^(\d+ ){6}\d+\n$/);
    const want = ref("proc_self_limits.txt")!.trimEnd().split("\n");
    const got = PID_FILES["limits"]!(host, byComm(host, "nginx")).trimEnd().split("\n");
    expect(got).toHaveLength(want.length);
    got.forEach((l, i) => {
      expect(l.slice(0, 26)).toBe(want[i]!.slice(0, 26));
      expect(l.length).toBe(want[i]!.length);
    });
    expect(got[8]).toBe("Max open files            1024                 524288               files     ");
  });
  it("io, pressure, file-nr, swaps, diskstats, cpuinfo, uptime, loadavg follow the capture's shape", () => {
    expect(labels(PID_FILES["io"]!(host, byComm(host, "nginx")))).toEqual(labels(ref("proc_self_io.txt")!));
    for (const k of ["cpu", "io", "memory"]) expect(PROC_FILES[`pressure/${k}`]!(host)).toMatch(/^some avg10=\d+\.\d\d avg60=\d+\.\d\d avg300=\d+\.\d\d total=\d+\nfull avg10=\d+\.\d\d avg60=\d+\.\d\d avg300=\d+\.\d\d total=\d+\n$/);
    expect(PROC_FILES["sys/fs/file-nr"]!(host)).toMatch(/^\d+\t0\t\d+\n$/);
    expect(PROC_FILES["swaps"]!(host)).toBe(ref("proc_swaps.txt"));
    for (const l of PROC_FILES["diskstats"]!(host).trimEnd().split("\n")) expect(l).toMatch(/^ {1,3}\d{1,4} {1,7}\d+ \S+( \d+){17}$/);
    expect(PROC_FILES["diskstats"]!(host)).toMatch(/^ 254       0 vda /);
    const cpuKeys = (t: string): string[] => [...new Set(t.split("\n").filter(Boolean).map((l) => l.split(/\t*:/)[0]!))];
    expect(cpuKeys(PROC_FILES["cpuinfo"]!(host))).toEqual(cpuKeys(ref("proc_cpuinfo.txt")!));
    expect(PROC_FILES["cpuinfo"]!(host).split("processor\t:")).toHaveLength(host.cpu.count + 1);
    expect(PROC_FILES["uptime"]!(host)).toMatch(/^\d+\.\d\d \d+\.\d\d\n$/);
    expect(PROC_FILES["loadavg"]!(host)).toMatch(/^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\/\d+ \d+\n$/);
  });
  it("/proc/stat: cpu lines sum, intr/ctxt/btime/processes/procs_*/softirq", () => {
    const lines = PROC_FILES["stat"]!(host).trimEnd().split("\n");
    expect(lines.map((l) => l.split(" ")[0])).toEqual(["cpu", "cpu0", "cpu1", "intr", "ctxt", "btime", "processes", "procs_running", "procs_blocked", "softirq"]);
    expect(lines[0]).toMatch(/^cpu {2}(\d+ ){9}\d+$/);
    const sum = lines[1]!.split(" ").slice(1).map((v, i) => Number(v) + Number(lines[2]!.split(" ")[i + 1]));
    expect(lines[0]!.split(/ +/).slice(1).map(Number)).toEqual(sum);
    expect(lines[5]).toBe(`btime ${Math.floor(host.bootEpochMs / 1000)}`);
    expect(lines[9]!.split(" ")).toHaveLength(12);
  });
  it("vmstat: 6.1 counter names are a subset of the capture's, plus the ones 6.1 still had", () => {
    const names = labels(PROC_FILES["vmstat"]!(host));
    const refNames = new Set(labels(ref("proc_vmstat.txt")!));
    const only61 = ["nr_bounce", "nr_writeback_temp", "zone_reclaim_failed", "pgdemote_kswapd", "pgdemote_direct"];
    expect(names.filter((n) => !refNames.has(n) && !only61.includes(n))).toEqual([]);
    for (const k of ["nr_free_pages", "pgpgin", "pgpgout", "pswpin", "pswpout", "pgfault", "pgmajfault", "oom_kill", "drop_pagecache"]) expect(names).toContain(k);
  });
});

describe("jc parses the output", () => {
  const jc = (input: string, parser = "--proc"): unknown => {
    const r = spawnSync("jc", [parser], { input, encoding: "utf8" });
    if (r.error) return "skip";
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  it("meminfo, stat, loadavg, diskstats, vmstat, pid status/stat/statm/limits/io", () => {
    const p = byComm(host, "nginx");
    const mem = jc(PROC_FILES["meminfo"]!(host)) as Record<string, number> | "skip";
    if (mem === "skip") return;
    expect(mem["MemTotal"]).toBe(host.mem.totalKiB);
    expect((jc(PROC_FILES["loadavg"]!(host)) as { last_pid: number }).last_pid).toBe(host.nextPid - 1);
    expect(jc(PROC_FILES["stat"]!(host))).toHaveProperty("cpu");
    expect(jc(PROC_FILES["vmstat"]!(host))).toHaveProperty("nr_free_pages");
    expect(jc(PROC_FILES["diskstats"]!(host))).toEqual(expect.arrayContaining([expect.objectContaining({ device: "vda" })]));
    expect(jc(PID_FILES["status"]!(host, p), "--proc-pid-status")).toMatchObject({ Name: "nginx", Pid: p.pid });
    expect(jc(PID_FILES["stat"]!(host, p), "--proc-pid-stat")).toMatchObject({ pid: p.pid, comm: "nginx" });
    expect(jc(PID_FILES["statm"]!(host, p), "--proc-pid-statm")).toHaveProperty("resident");
    expect(jc(PID_FILES["io"]!(host, p), "--proc-pid-io")).toHaveProperty("rchar");
  });
});
