import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("du", () => {
  it("block-based sizes, -s -h -c --max-depth", async () => {
    const s = rootSession();
    await expect(await sh(s, "du -sh /var/log /etc; du -c /var/log/nginx; du -h --max-depth=1 /var; du -ah /var/www")).toMatchFileSnapshot("__golden__/du.txt");
  });
  it("counts synthetic dirs by allocation, not bytes", async () => {
    const host = buildTestHost((spec) => {
      spec.mounts.push({ source: "/dev/vdb1", target: "/var/lib/php", fstype: "ext4", device: "vda", sizeKiB: 10485760, usedKiB: 300000, inodes: 655360, inodesUsed: 11 });
      spec.syntheticDirs = [{ path: "/var/lib/php/sessions", count: 655340, pattern: "sess_{hex}", sizeBytes: 1200, owner: "www-data", group: "www-data" }];
    });
    expect(await sh(rootSession(host), "du -sh /var/lib/php/*")).toBe("2.5G\t/var/lib/php/sessions\n");
  });
  it("does not see a deleted-but-open file", async () => {
    const host = buildTestHost((spec) => {
      spec.faults = [{ type: "deleted-open-file", params: { comm: "gunicorn", path: "/var/log/app/app.log.1", sizeBytes: 8000000000 } }];
    });
    expect(await sh(rootSession(host), "du -sh /var/log")).toBe("47M\t/var/log\n");
  });
  it("lists files named on the command line (du -sh /var/log/*); -x stays off /proc, /sys and /dev", async () => {
    const s = rootSession();
    expect(await sh(s, "du -sh /var/log/syslog /var/log/nginx /var/log/wtmp")).toBe("4.0K\t/var/log/syslog\n46M\t/var/log/nginx\n0\t/var/log/wtmp\n");
    const top = await sh(s, "du -x --max-depth=1 / | cut -f2");
    expect(top).toContain("/var\n");
    expect(top).not.toMatch(/^\/(proc|sys|dev)$/m);
  });
  it("du -x / adds up to what df says is used (the OS image counts under /usr), except what deleted-but-open files hold", async () => {
    const host = buildTestHost((spec) => {
      spec.faults = [{ type: "deleted-open-file", params: { comm: "gunicorn", path: "/var/log/app/app.log.1", sizeBytes: 8 * 1024 ** 3 } }];
    });
    const s = rootSession(host);
    const dfUsed = Number((await sh(s, "df -k / | awk 'NR==2{print $3}'")).trim());
    const duUsed = Number((await sh(s, "du -xks / | cut -f1")).trim());
    expect(Math.abs(dfUsed - duUsed - 8 * 1024 ** 2)).toBeLessThan(64);
    expect(await sh(s, "du -sh /usr")).toBe("6.0G\t/usr\n");
  });
  it("errors", async () => {
    const host = buildTestHost();
    await rootSession(host).run("mkdir -m 700 /srv/private");
    const r = await run(testSession(host), "du -s /nope /srv/private");
    expect(r.stderr).toBe("du: cannot access '/nope': No such file or directory\ndu: cannot read directory '/srv/private': Permission denied\n");
    expect(r.exitCode).toBe(1);
  });
});
