/**
 * /proc through the shell, as a candidate uses it: cat of top-level and per-PID files,
 * /proc/self, fd links of deleted files, /proc/sys reads and writes (pid_max, drop_caches,
 * a bad value), oom_score_adj, and permissions for an unprivileged user.
 */
import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../testing/host-builder.js";
import { PID_FILES, PROC_FILES } from "./renderers.js";

describe("/proc from the shell", () => {
  it("cat /proc/loadavg and /proc/PID/status print the renderers' text", async () => {
    const host = buildTestHost();
    const s = testSession(host);
    // the reading cat is a task itself, so the total is one more than the renderer sees from outside
    const outside = PROC_FILES["loadavg"]!(host).split(" ");
    const inside = (await sh(s, "cat /proc/loadavg")).split(" ");
    expect(inside.slice(0, 3)).toEqual(outside.slice(0, 3));
    expect(Number(inside[3]!.split("/")[1])).toBe(Number(outside[3]!.split("/")[1]) + 1);
    const nginx = [...host.procs.values()].find((p) => p.comm === "nginx")!;
    expect(await sh(s, `cat /proc/${nginx.pid}/status`)).toBe(PID_FILES["status"]!(host, nginx));
    expect(await sh(s, `grep -E '^(State|VmRSS)' /proc/${nginx.pid}/status`)).toBe("State:\tS (sleeping)\nVmRSS:\t    2400 kB\n");
    expect(await sh(s, "cat /proc/sys/kernel/pid_max")).toBe("4194304\n");
    expect(await sh(s, "head -1 /proc/meminfo")).toBe("MemTotal:        4025220 kB\n");
  });

  it("/proc/self is the reading process (a child of the login shell); /proc/mounts follows it", async () => {
    const host = buildTestHost();
    const s = testSession(host);
    const shell = host.logins[0]!.pid;
    expect(await sh(s, "cat /proc/self/comm")).toBe("cat\n");
    expect(await sh(s, "grep ^PPid: /proc/self/status")).toBe(`PPid:\t${shell}\n`);
    expect(await sh(s, "grep -c ^Pid: /proc/self/status")).toBe("1\n");
    expect(await sh(s, "head -2 /proc/mounts")).toBe("sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n");
    expect(await sh(s, "grep ' / ' /proc/mounts")).toBe("/dev/vda1 / ext4 rw,relatime,errors=remount-ro 0 0\n");
  });

  it("fd links: a deleted log shows ' (deleted)'", async () => {
    const host = buildTestHost();
    const r = rootSession(host);
    const nginx = [...host.procs.values()].find((p) => p.comm === "nginx" && p.uid === 0)!;
    expect(await sh(r, `readlink /proc/${nginx.pid}/fd/4`)).toBe("/var/log/nginx/access.log\n");
    await sh(r, "rm /var/log/nginx/access.log");
    expect(await sh(r, `readlink /proc/${nginx.pid}/fd/4`)).toBe("/var/log/nginx/access.log (deleted)\n");
    expect(await sh(r, `ls /proc/${nginx.pid}/fd`)).toMatch(/^2\n4\n/);
  });

  it("echo 1 > /proc/sys/vm/drop_caches as root drops clean page cache and logs it", async () => {
    const host = buildTestHost();
    const r = rootSession(host);
    const cached = (): number => Number(/^Cached:\s+(\d+)/m.exec(PROC_FILES["meminfo"]!(host))![1]);
    const before = cached();
    const res = await run(r, "echo 1 > /proc/sys/vm/drop_caches");
    expect(res.exitCode).toBe(0);
    expect(cached()).toBeLessThan(before / 4);
    expect(host.kmsg.at(-1)!.text).toMatch(/^bash \(\d+\): drop_caches: 1$/);
    expect(await sh(r, "grep ^drop_ /proc/vmstat")).toBe("drop_pagecache 1\ndrop_slab 0\n");
    expect(host.events.some((e) => e.type === "sysctl-changed" && e.key === "vm.drop_caches")).toBe(true);
    expect((await run(r, "echo 7 > /proc/sys/vm/drop_caches")).exitCode).toBe(1);
  });

  it("an unprivileged user cannot write /proc/sys", async () => {
    const host = buildTestHost();
    const s = testSession(host);
    const res = await run(s, "echo 1 > /proc/sys/vm/drop_caches");
    expect(res.exitCode).toBe(1);
    expect(res.stderr).toBe("-bash: /proc/sys/vm/drop_caches: Permission denied\n");
    expect(host.kmsg.some((k) => k.text.includes("drop_caches"))).toBe(false);
  });

  it("sysctl writes through /proc/sys take effect; a non-number is refused", async () => {
    const host = buildTestHost();
    const r = rootSession(host);
    expect(await sh(r, "echo 30 > /proc/sys/kernel/hung_task_timeout_secs; cat /proc/sys/kernel/hung_task_timeout_secs")).toBe("30\n");
    expect(host.sysctl.get("kernel.hung_task_timeout_secs")).toBe("30");
    expect((await run(r, "echo lots > /proc/sys/kernel/pid_max")).exitCode).toBe(1);
    expect(host.sysctl.get("kernel.pid_max")).toBe("4194304");
  });

  it("oom_score_adj is writable by root and moves oom_score", async () => {
    const host = buildTestHost();
    const r = rootSession(host);
    const worker = [...host.procs.values()].find((p) => p.comm === "gunicorn" && p.rssKiB > 100000)!;
    const before = Number(await sh(r, `cat /proc/${worker.pid}/oom_score`));
    await sh(r, `echo 500 > /proc/${worker.pid}/oom_score_adj`);
    expect(await sh(r, `cat /proc/${worker.pid}/oom_score_adj`)).toBe("500\n");
    expect(Number(await sh(r, `cat /proc/${worker.pid}/oom_score`))).toBeGreaterThan(before + 400);
    expect((await run(r, `echo 5000 > /proc/${worker.pid}/oom_score_adj`)).exitCode).toBe(1);
  });

  it("kernel stacks are root-only; wchan has no newline", async () => {
    const host = buildTestHost();
    const s = testSession(host);
    const r = rootSession(host);
    const init = 1;
    expect((await run(s, `cat /proc/${init}/stack`)).exitCode).toBe(1);
    expect(await sh(r, `cat /proc/${init}/stack`)).toMatch(/^\[<0>\] ep_poll\+0x[0-9a-f]+\/0x[0-9a-f]+\n/);
    expect(await sh(s, `cat /proc/${init}/wchan; echo`)).toBe("ep_poll\n");
  });
});
