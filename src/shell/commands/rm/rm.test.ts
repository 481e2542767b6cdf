import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("rm", () => {
  it("removes files and trees, -v messages, GNU errors", async () => {
    const s = rootSession();
    await expect(await sh(s, "mkdir -p /tmp/d/e; touch /tmp/d/e/f /tmp/g; rm -rv /tmp/d /tmp/g; rm /tmp/nope; rm /etc; rm -rf /; rm -f /tmp/nope; rm; rm -r .")).toMatchFileSnapshot("__golden__/rm.txt");
  });
  it("Permission denied for another user's file", async () => {
    const r = await run(testSession(), "rm -f /etc/hostname");
    expect(r.stderr).toBe("rm: cannot remove '/etc/hostname': Permission denied\n");
    expect(r.exitCode).toBe(1);
  });
  it("a deleted-but-open file keeps its space: df still counts it", async () => {
    const host = buildTestHost();
    const s = rootSession(host);
    const before = host.usedKiB(host.mounts[0]!);
    await sh(s, "rm /var/log/nginx/access.log");
    expect(host.usedKiB(host.mounts[0]!)).toBeGreaterThanOrEqual(before);
    expect(await sh(s, "ls /var/log/nginx")).toBe("error.log\n");
  });
  it("a glob beyond ARG_MAX fails in the shell before rm runs", async () => {
    const host = buildTestHost((spec) => {
      spec.mounts.push({ source: "/dev/vdb1", target: "/var/lib/php", fstype: "ext4", device: "vda", sizeKiB: 10485760, usedKiB: 300000, inodes: 655360, inodesUsed: 11 });
      spec.syntheticDirs = [{ path: "/var/lib/php/sessions", count: 60000, pattern: "sess_{hex}", sizeBytes: 1200, owner: "www-data", group: "www-data" }];
    });
    const s = rootSession(host);
    const r = await run(s, "rm -f /var/lib/php/sessions/*");
    expect(r.stderr).toBe("-bash: /usr/bin/rm: Argument list too long\n");
    expect(r.exitCode).toBe(126);
    expect(await sh(s, "ls /var/lib/php/sessions | wc -l")).toBe("60000\n");
    await sh(s, "rm -rf /var/lib/php/sessions");
    expect(await sh(s, "ls /var/lib/php")).toBe("");
  });
  it("unknown option", async () => {
    expect((await run(testSession(), "rm -z x")).stderr).toBe("rm: invalid option -- 'z'\nTry 'rm --help' for more information.\n");
  });
});
