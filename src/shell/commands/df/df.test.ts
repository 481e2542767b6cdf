import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";
import { createSession } from "../../index.js";

const phpHost = () =>
  buildTestHost((spec) => {
    spec.mounts.push({ source: "/dev/vdb1", target: "/var/lib/php", fstype: "ext4", device: "vda", sizeKiB: 10485760, usedKiB: 300000, inodes: 200000, inodesUsed: 11 });
    spec.syntheticDirs = [{ path: "/var/lib/php/sessions", count: 199987, pattern: "sess_{hex}", sizeBytes: 1200, owner: "www-data", group: "www-data" }];
  });

describe("df", () => {
  it("default, -h, -i, -T with content-sized columns", async () => {
    const s = testSession();
    await expect(await sh(s, "df; df -h; df -i; df -T; df -hT /var/log; df --total -x tmpfs")).toMatchFileSnapshot("__golden__/df_demo.txt");
  });
  it("inode exhaustion: 100% IUse% while blocks are fine, freed by find -delete", async () => {
    const s = rootSession(phpHost());
    const r = await run(s, "df -i /var/lib/php");
    expect(r.stdout).toBe("Filesystem     Inodes  IUsed IFree IUse% Mounted on\n/dev/vdb1      200000 200000     0  100% /var/lib/php\n");
    expect(r.evidence).toContain("fs:/var/lib/php:inodes");
    await expect(await sh(s, "df -h /var/lib/php")).toMatchFileSnapshot("__golden__/df_h_php.txt");
    await sh(s, "find /var/lib/php/sessions -type f -mmin +60 -delete");
    expect(await sh(s, "df -i /var/lib/php")).toMatch(/\/dev\/vdb1\s+200000\s+\d{2,4}\s+\d+\s+1% \/var\/lib\/php/);
  });
  it("a deleted-but-open file counts as used", async () => {
    const host = buildTestHost((spec) => {
      spec.faults = [{ type: "deleted-open-file", params: { comm: "gunicorn", path: "/var/log/app/app.log.1", sizeBytes: 8000000000 } }];
    });
    expect(await sh(rootSession(host), "df -h /")).toBe("Filesystem      Size  Used Avail Use% Mounted on\n/dev/vda1        31G   14G   16G  47% /\n");
  });
  it("blocks on a hung NFS mount until interrupted; -l skips it", async () => {
    const host = buildTestHost((spec) => {
      spec.mounts.push({ source: "nfs01:/export/shared", target: "/mnt/shared", fstype: "nfs4", sizeKiB: 1048576000, usedKiB: 400000000 });
      spec.faults = [{ type: "hung-nfs", params: { mount: "/mnt/shared", tasks: 3, sinceS: 600 } }];
    });
    const s = createSession(host, { interactive: false, user: "sre" });
    const r = await s.run("df -h");
    expect(r.stdout).toBe("");
    expect(r.simMs).toBeGreaterThanOrEqual(10000);
    expect(r.evidence).toContain("mount:/mnt/shared:hung");
    expect(await sh(s, "df -l | tail -n 1")).not.toMatch(/shared/);
  });
  it("errors", async () => {
    const s = testSession();
    expect((await run(s, "df /nope")).stderr).toBe("df: /nope: No such file or directory\n");
    expect((await run(s, "df -t xyz")).stderr).toBe("df: no file systems processed\n");
    expect((await run(s, "df -q")).stderr).toBe("df: invalid option -- 'q'\nTry 'df --help' for more information.\n");
  });
});
