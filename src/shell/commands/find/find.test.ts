import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

const phpHost = (count = 100000) =>
  buildTestHost((spec) => {
    spec.mounts.push({ source: "/dev/vdb1", target: "/var/lib/php", fstype: "ext4", device: "vda", sizeKiB: 10485760, usedKiB: 300000, inodes: 655360, inodesUsed: 11 });
    spec.syntheticDirs = [{ path: "/var/lib/php/sessions", count, pattern: "sess_{hex}", sizeBytes: 1200, owner: "www-data", group: "www-data" }];
  });

describe("find", () => {
  it("tests, operators, actions", async () => {
    const s = rootSession();
    await expect(
      await sh(s, "find /etc -maxdepth 1 -name '*.conf'; find /var/log -type f -size +1M; find /etc/nginx ! -type d; find /var/www -printf '%p %s %m %u\\n'; find /var/log/nginx -name '*.log' -ls | sed 's/^ *[0-9]*//'; find /etc -maxdepth 1 \\( -name host* -o -name fstab \\) -exec wc -l {} +"),
    ).toMatchFileSnapshot("__golden__/find.txt");
  });
  it("counts and deletes in a synthetic dir; -delete frees inodes", async () => {
    const host = phpHost();
    const s = rootSession(host);
    expect(await sh(s, "find /var/lib/php/sessions -type f | wc -l")).toBe("100000\n");
    const old = Number((await sh(s, "find /var/lib/php/sessions -type f -mmin +60 | wc -l")).trim());
    expect(old).toBeGreaterThan(99000);
    const before = host.inodesUsed(host.mounts.find((m) => m.target === "/var/lib/php")!);
    await sh(s, "find /var/lib/php/sessions -type f -mmin +60 -delete");
    const after = host.inodesUsed(host.mounts.find((m) => m.target === "/var/lib/php")!);
    expect(before - after).toBe(old);
    expect(await sh(s, "find /var/lib/php/sessions -type f | wc -l")).toBe(`${100000 - old}\n`);
  });
  it("-delete as a user: the 1733 sessions dir can't even be read", async () => {
    const host = phpHost(10);
    const r = await run(testSession(host), "find /var/lib/php/sessions -type f -delete");
    expect(r.stderr).toBe("find: ‘/var/lib/php/sessions’: Permission denied\n");
    expect(await sh(rootSession(host), "find /var/lib/php/sessions -type f | wc -l")).toBe("10\n");
  });
  it("-xdev lists the /proc, /sys and /dev mountpoints but does not descend into them", async () => {
    const s = rootSession();
    expect(await sh(s, "find / -xdev -path '/proc*' -o -xdev -path '/sys*' -o -xdev -path '/dev*'")).toBe("/sys\n/dev\n/proc\n");
    expect(await sh(s, "find / -xdev -type f -size +10M")).toBe("/var/log/nginx/access.log\n");
  });
  it("errors", async () => {
    const s = testSession();
    const host = buildTestHost();
    await rootSession(host).run("mkdir -m 700 /srv/private");
    const r = await run(testSession(host), "find /nope /srv/private -name x");
    expect(r.stderr).toBe("find: ‘/nope’: No such file or directory\nfind: ‘/srv/private’: Permission denied\n");
    expect(r.exitCode).toBe(1);
    expect((await run(s, "find . -foo")).stderr).toBe("find: unknown predicate `-foo'\n");
    expect((await run(s, "find . -name")).stderr).toBe("find: missing argument to `-name'\n");
    expect((await run(s, "find . -mtime x")).stderr).toBe("find: invalid argument `x' to `-mtime'\n");
  });
});
