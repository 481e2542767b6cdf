import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

const phpHost = () =>
  buildTestHost((spec) => {
    spec.mounts.push({ source: "/dev/vdb1", target: "/var/lib/php", fstype: "ext4", device: "vda", sizeKiB: 10485760, usedKiB: 300000, inodes: 655360, inodesUsed: 11 });
    spec.syntheticDirs = [{ path: "/var/lib/php/sessions", count: 20000, pattern: "sess_{hex}", sizeBytes: 1200, owner: "www-data", group: "www-data" }];
  });

describe("ls", () => {
  it("long format with GNU column widths and a total in 1K blocks", async () => {
    const s = rootSession();
    await expect(await sh(s, "ls -la /var/log/nginx /etc/nginx")).toMatchFileSnapshot("__golden__/ls_la.txt");
  });
  it("one per line into a pipe, tab-padded columns on a tty", async () => {
    const s = rootSession();
    expect(await sh(s, "ls /etc | head -n 3")).toBe("crontab\ndebian_version\nfstab\n");
    const tty = testSession(buildTestHost(), { interactive: true, cols: 80 });
    await expect(await sh(tty, "ls /etc")).toMatchFileSnapshot("__golden__/ls_columns_tty80.txt");
    expect(await sh(s, "ls --color=always -d /etc /usr/bin/ls")).toBe("\x1b[0m\x1b[01;34m/etc\x1b[0m\n\x1b[01;32m/usr/bin/ls\x1b[0m\n");
  });
  it("/proc/PID/fd shows the deleted target", async () => {
    const host = buildTestHost((spec) => {
      spec.faults = [{ type: "deleted-open-file", params: { comm: "gunicorn", path: "/var/log/app/app.log.1", sizeBytes: 8000000000 } }];
    });
    const s = rootSession(host);
    const pid = (await sh(s, "pgrep -o gunicorn")).trim();
    const r = await run(s, `ls -l /proc/${pid}/fd`);
    expect(r.stdout.replace(new RegExp(`\\b${pid}\\b`, "g"), "PID")).toMatch(/^total 0\nlrwx------ 1 app app 64 Nov 22 09:14 3 -> socket:\[\d+\]\nl-wx------ 1 app app 64 Nov 22 09:14 4 -> \/var\/log\/app\/app.log.1 \(deleted\)\n$/);
    expect(r.evidence).toContain("open-files:deleted");
  });
  it("lists a synthetic directory fast and sorted, -f unsorted with . and ..", async () => {
    const s = rootSession(phpHost());
    expect(await sh(s, "ls /var/lib/php/sessions | wc -l")).toBe("20000\n");
    expect(await sh(s, "ls -f /var/lib/php/sessions | wc -l")).toBe("20002\n");
    const names = (await sh(s, "ls /var/lib/php/sessions")).split("\n").filter(Boolean);
    expect(names).toEqual(names.slice().sort());
    const lt = (await sh(s, "ls -lt /var/lib/php/sessions")).split("\n");
    expect(lt[0]).toBe("total 80000");
    expect(lt[1]).toMatch(/^-rw------- 1 www-data www-data 1200 Nov 22 09:1\d sess_[a-v0-9]{26}$/);
  });
  it("errors: cannot access (exit 2), cannot open directory", async () => {
    const host = buildTestHost();
    await rootSession(host).run("mkdir -m 700 /srv/private");
    const r = await run(testSession(host), "ls /nope /srv/private");
    expect(r.stderr).toBe("ls: cannot access '/nope': No such file or directory\nls: cannot open directory '/srv/private': Permission denied\n");
    expect(r.exitCode).toBe(2);
    const bad = await run(testSession(), "ls -j");
    expect(bad.stderr).toBe("ls: invalid option -- 'j'\nTry 'ls --help' for more information.\n");
    expect(bad.exitCode).toBe(2);
    expect(await sh(testSession(), "ls --help")).toMatch(/^Usage: ls \[OPTION\]... \[FILE\]...\n/);
  });
});
