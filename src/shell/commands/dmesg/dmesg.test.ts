import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";
import { createSession } from "../../index.js";

/** A host whose only non-service leaker exhausts memory (no swap): the OOM killer fires. */
export function oomHost() {
  const h = buildTestHost((spec) => {
    spec.swapKiB = 0;
    spec.processes = [{ comm: "python3", argv: ["/usr/bin/python3", "/opt/app/indexer.py"], user: "app", rssKiB: 500000, vszKiB: 600000, rssGrowKiBps: 200000 }];
  });
  h.tick(60000);
  return h;
}

describe("dmesg", () => {
  it("prints the boot records with [%5lu.%06lu] stamps (as root)", async () => {
    await expect(await sh(rootSession(), "dmesg")).toMatchFileSnapshot("__golden__/dmesg.txt");
  });
  it("-T prints ctime stamps and -x decodes facility:level", async () => {
    const s = rootSession();
    await expect(await sh(s, "dmesg -T")).toMatchFileSnapshot("__golden__/dmesg_T.txt");
    expect(await sh(s, "dmesg -x | head -n 2")).toBe(
      "kern  :notice: [    0.000000] Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)\n" +
        "kern  :info  : [    0.000000] Command line: BOOT_IMAGE=/boot/vmlinuz-6.1.0-18-amd64 root=UUID=3b1f1c2e-7c4a-4f3e-9d0a-2a51e0c3b8d1 ro console=tty0 console=ttyS0,115200\n",
    );
  });
  it("shows the whole OOM report with Mem-Info continuation lines indented like util-linux", async () => {
    const r = await run(rootSession(oomHost()), "dmesg");
    await expect(r.stdout).toMatchFileSnapshot("__golden__/dmesg_oom.txt");
    expect(r.stdout).toMatch(/\] python3 invoked oom-killer: /);
    expect(r.stdout).toMatch(/\] Out of memory: Killed process \d+ \(python3\)/);
    expect(r.stdout).toMatch(/\n {17}active_file:/);
    expect(r.evidence).toContain("kmsg:oom-kill");
    const lvl = await sh(rootSession(oomHost()), "dmesg --level=err | head -n 1");
    expect(lvl).toMatch(/invoked oom-killer/);
  });
  it("reports hung tasks after hung_task_timeout_secs on a hung NFS mount", async () => {
    const h = buildTestHost((spec) => {
      spec.mounts.push({ source: "nfs01:/export/shared", target: "/mnt/shared", fstype: "nfs4", sizeKiB: 1048576000, usedKiB: 400000000 });
      spec.faults = [{ type: "hung-nfs", params: { mount: "/mnt/shared", tasks: 2, sinceS: 30 } }];
    });
    h.tick(130000);
    const r = await run(rootSession(h), "dmesg");
    expect(r.stdout).toMatch(/INFO: task rsync:\d+ blocked for more than 120 seconds\./);
    expect(r.stdout).toMatch(/nfs: server nfs01 not responding, still trying/);
    expect(r.evidence).toEqual(expect.arrayContaining(["kmsg:hung-task", "kmsg:nfs-timeout"]));
  });
  it("is refused to non-root users (kernel.dmesg_restrict=1) and -C needs root", async () => {
    expect(await run(testSession(), "dmesg")).toMatchObject({ stdout: "", stderr: "dmesg: read kernel buffer failed: Operation not permitted\n", exitCode: 1 });
    expect(await run(testSession(), "dmesg -C")).toMatchObject({ stderr: "dmesg: clear kernel buffer failed: Operation not permitted\n", exitCode: 1 });
    const s = rootSession();
    expect((await run(s, "dmesg -C")).exitCode).toBe(0);
    expect(await sh(s, "dmesg")).toBe("");
  });
  it("colours like util-linux on a tty: green stamp, yellow subsystem, red err", async () => {
    const s = createSession(oomHost(), { interactive: true, user: "root" });
    const out = (await s.run("dmesg | cat")).stdout;
    expect(out).not.toContain("\x1b[");
    const tty = (await s.run("dmesg --color=always")).stdout;
    expect(tty).toContain("\x1b[32m[    3.118228] \x1b[0m\x1b[33mvirtio_net virtio1 eth0: \x1b[0mlink up\n");
    expect(tty).toMatch(/\x1b\[33mOut of memory: \x1b\[0m\x1b\[31mKilled process/);
  });
  it("-w follows new kernel records as the sim clock advances", async () => {
    const h = buildTestHost((spec) => {
      spec.swapKiB = 0;
      spec.processes = [{ comm: "python3", argv: ["/usr/bin/python3", "/opt/app/indexer.py"], user: "app", rssKiB: 2800000, vszKiB: 2900000, rssGrowKiBps: 200000 }];
    });
    const r = await run(rootSession(h), "timeout 30 dmesg -w");
    expect(r.stdout).toMatch(/link up\n[\s\S]*invoked oom-killer/);
  });
  it("rejects unknown options and levels in util-linux's words", async () => {
    expect(await run(rootSession(), "dmesg -z")).toMatchObject({ stderr: "dmesg: invalid option -- 'z'\nTry 'dmesg --help' for more information.\n", exitCode: 1 });
    expect(await run(rootSession(), "dmesg --level=err,foo")).toMatchObject({ stderr: "dmesg: unknown level 'foo'\n", exitCode: 1 });
    expect((await sh(rootSession(), "dmesg --help")).startsWith("\nUsage:\n dmesg [options]\n\nDisplay or control the kernel ring buffer.\n")).toBe(true);
  });
});
