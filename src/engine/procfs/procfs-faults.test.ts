/**
 * /proc on troubled hosts: a hung NFS mount (D-state tasks with NFS stacks, load and io
 * pressure), a task stuck in vfork (D, wchan kernel_clone), a zombie, a stopped task, and a
 * host with swap in use. Goldens for the files an SRE reads in those incidents, plus the
 * details that must hold whatever the numbers (state text, wchan without newline, zombies
 * without memory, stack format).
 */
import { describe, expect, it } from "vitest";
import { buildTestHost } from "../../testing/host-builder.js";
import type { Host, Proc } from "../index.js";
import { PID_FILES, PROC_FILES } from "./renderers.js";

function faultHost(): Host {
  return buildTestHost((spec) => {
    spec.mounts.push({ source: "nfs01:/export/shared", target: "/mnt/shared", fstype: "nfs4", sizeKiB: 1048576000, usedKiB: 400000000 });
    spec.faults = [{ type: "hung-nfs", params: { mount: "/mnt/shared", tasks: 3, sinceS: 1200 } }];
    spec.processes = [
      { comm: "report-gen", argv: ["/opt/app/bin/report-gen", "900"], user: "app", state: "D", wchan: "kernel_clone", rssKiB: 1252, vszKiB: 2344, shrKiB: 1160, children: [{ comm: "report-gen", argv: ["/opt/app/bin/report-gen", "900"], user: "app", wchan: "hrtimer_nanosleep", rssKiB: 900, vszKiB: 2344 }] },
      { comm: "jobrunner", argv: ["/usr/bin/python3", "/opt/app/jobrunner.py"], user: "app", neverReaps: true, rssKiB: 9000, vszKiB: 30000, children: [{ comm: "python3", argv: ["/usr/bin/python3", "-c", "work()"], user: "app", rssKiB: 7000, vszKiB: 20000 }] },
      { comm: "sleep", argv: ["sleep", "900"], user: "app", state: "T", rssKiB: 1000, vszKiB: 5500 },
    ];
  });
}

const find = (h: Host, pred: (p: Proc) => boolean): Proc => [...h.procs.values()].filter(pred).sort((a, b) => a.pid - b.pid)[0]!;

describe("hung NFS, D-state, zombie and stopped tasks", () => {
  const host = faultHost();
  const jobrunner = find(host, (p) => p.comm === "jobrunner");
  const child = find(host, (p) => p.ppid === jobrunner.pid);
  host.exitProcess(child, { status: 0 });
  host.tick(5000);
  const nfs = find(host, (p) => p.blockedOn === "/mnt/shared");
  const vfork = find(host, (p) => p.comm === "report-gen");
  const zombie = host.procs.get(child.pid)!;
  const stopped = find(host, (p) => p.comm === "sleep" && p.state === "T");

  it("top-level files reflect the blocked tasks", async () => {
    for (const name of ["loadavg", "stat", "pressure/io", "meminfo", "mounts"]) {
      const out = name === "mounts" ? PID_FILES["mounts"]!(host, nfs) : PROC_FILES[name]!(host);
      expect(out).not.toMatch(/undefined|NaN|\[object/);
      await expect(out).toMatchFileSnapshot(`__golden__/faults/${name.replace(/\//g, "_")}.txt`);
    }
    expect(PROC_FILES["stat"]!(host)).toMatch(/^procs_blocked [4-9]$/m);
    expect(Number(PROC_FILES["loadavg"]!(host).split(" ")[0])).toBeGreaterThan(3);
    expect(PID_FILES["mounts"]!(host, nfs)).toMatch(/^nfs01:\/export\/shared \/mnt\/shared nfs4 rw,relatime,vers=4\.2,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys,clientaddr=10\.0\.2\.15,local_lock=none,addr=\S+ 0 0$/m);
  });

  it("an NFS-blocked task: D (disk sleep), rpc_wait_bit_killable, the sunrpc stack", async () => {
    expect(PID_FILES["status"]!(host, nfs)).toContain("State:\tD (disk sleep)\n");
    expect(PID_FILES["wchan"]!(host, nfs)).toBe("rpc_wait_bit_killable");
    expect(PID_FILES["stack"]!(host, nfs)).toMatch(/^\[<0>\] rpc_wait_bit_killable\+0x[0-9a-f]+\/0x[0-9a-f]+ \[sunrpc\]\n/);
    expect(PID_FILES["stat"]!(host, nfs).split(" ")[2]).toBe("D");
    for (const f of ["status", "stat", "stack", "wchan", "io", "cgroup"]) await expect(PID_FILES[f]!(host, nfs)).toMatchFileSnapshot(`__golden__/faults/nfs-task-${f}.txt`);
  });

  it("a task stuck in vfork shows the capture's wchan and stack shape", () => {
    const refStack = "[<0>] kernel_clone+0x1af/0x3e0\n[<0>] __do_sys_vfork+0x43/0x70\n[<0>] do_syscall_64+0x71/0x280\n[<0>] entry_SYSCALL_64_after_hwframe+0x76/0x7e\n";
    const strip = (s: string): string => s.replace(/\+0x[0-9a-f]+\/0x[0-9a-f]+/g, "");
    expect(strip(PID_FILES["stack"]!(host, vfork))).toBe(strip(refStack));
    expect(PID_FILES["wchan"]!(host, vfork)).toBe("kernel_clone");
    expect(PID_FILES["status"]!(host, vfork)).toMatch(/^State:\tD \(disk sleep\)\n/m);
    expect(PID_FILES["status"]!(host, vfork)).toMatch(/^Groups:\t1001 \n/m);
  });

  it("a zombie: Z (zombie), no Vm lines, empty cmdline, zero memory in stat/statm", async () => {
    expect(zombie.state).toBe("Z");
    const status = PID_FILES["status"]!(host, zombie);
    expect(status).toContain("State:\tZ (zombie)\n");
    expect(status).not.toMatch(/^Vm/m);
    expect(status).toContain("FDSize:\t0\n");
    expect(PID_FILES["cmdline"]!(host, zombie)).toBe("");
    const stat = PID_FILES["stat"]!(host, zombie).trim().split(" ");
    expect(stat[2]).toBe("Z");
    expect([stat[22], stat[23]]).toEqual(["0", "0"]);
    expect(PID_FILES["statm"]!(host, zombie)).toBe("0 0 0 0 0 0 0\n");
    expect(PID_FILES["wchan"]!(host, zombie)).toBe("0");
    expect(PID_FILES["stack"]!(host, zombie)).toBe("");
    await expect(status).toMatchFileSnapshot("__golden__/faults/zombie-status.txt");
    await expect(PID_FILES["stat"]!(host, zombie)).toMatchFileSnapshot("__golden__/faults/zombie-stat.txt");
  });

  it("a stopped task: T (stopped), wchan do_signal_stop", () => {
    expect(PID_FILES["status"]!(host, stopped)).toContain("State:\tT (stopped)\n");
    expect(PID_FILES["wchan"]!(host, stopped)).toBe("do_signal_stop");
    expect(PID_FILES["stack"]!(host, stopped)).toMatch(/^\[<0>\] do_signal_stop\+/);
  });

  it("a running task has wchan 0 and an empty stack", () => {
    const h = buildTestHost((spec) => {
      spec.processes = [{ comm: "python3", argv: ["/usr/bin/python3", "/opt/app/compute.py"], user: "app", cpuDemand: 0.9 }];
    });
    const p = find(h, (q) => q.comm === "python3");
    expect(p.state).toBe("R");
    expect(PID_FILES["wchan"]!(h, p)).toBe("0");
    expect(PID_FILES["stack"]!(h, p)).toBe("");
    expect(PID_FILES["status"]!(h, p)).toContain("State:\tR (running)\n");
    expect(PID_FILES["stat"]!(h, p).split(" ")[34]).toBe("0");
  });
});

describe("swap in use", () => {
  it("swaps lists the swap file; meminfo SwapFree and vmstat pswpout move", async () => {
    const host = buildTestHost((spec) => {
      spec.swapKiB = 1048572;
      spec.processes = [{ comm: "java", argv: ["/usr/bin/java", "-jar", "/opt/app/app.jar"], user: "app", rssKiB: 3_750_000, vszKiB: 5_000_000, shrKiB: 20000, cpuDemand: 0.2 }];
    });
    host.tick(20000);
    const swaps = PROC_FILES["swaps"]!(host);
    expect(swaps).toMatch(/^Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n\/swapfile {31}file\t\t1048572\t\t\d+\t\t-2\n$/);
    await expect(swaps).toMatchFileSnapshot("__golden__/faults/swaps.txt");
    const mem = PROC_FILES["meminfo"]!(host);
    const swapFree = Number(/^SwapFree:\s+(\d+)/m.exec(mem)![1]);
    expect(swapFree).toBeLessThan(1048572);
    expect(Number(/^pswpout (\d+)$/m.exec(PROC_FILES["vmstat"]!(host))![1])).toBeGreaterThan(0);
    expect(PID_FILES["status"]!(host, find(host, (p) => p.comm === "java"))).toMatch(/^VmSwap:\t +[1-9]\d* kB$/m);
  });
});
