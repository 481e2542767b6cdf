import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

/** A host with an app log, an nginx-style config and logrotate's state directory. */
async function setup(body: string, opts: { logLines?: number; padMiB?: number } = {}) {
  const host = buildTestHost();
  const s = rootSession(host);
  await sh(s, "mkdir -p /var/lib/logrotate /var/log/app /etc/logrotate.d && chown www-data:www-data /var/log/app");
  await sh(s, `for i in $(seq 1 ${opts.logLines ?? 40}); do echo "2026-11-22 09:00:00,000 DEBUG request $i"; done > /var/log/app/app.log`);
  if (opts.padMiB) await sh(s, `truncate -s ${opts.padMiB}M /var/log/app/app.log`);
  await s.run(`printf '%s' '${body}' > /etc/logrotate.d/app`);
  return { host, s };
}

const COPY = "/var/log/app/*.log {\n    daily\n    rotate 3\n    compress\n    delaycompress\n    missingok\n    notifempty\n    copytruncate\n}\n";
const CREATE = "/var/log/app/app.log {\n    size 1k\n    rotate 2\n    compress\n    create 0640 www-data adm\n    sharedscripts\n    postrotate\n        touch /tmp/reloaded\n    endscript\n}\n";

describe("logrotate", () => {
  it("usage, help and bad options as logrotate 3.21 prints them", async () => {
    const s = rootSession();
    const none = await run(s, "logrotate");
    expect(none.exitCode).toBe(1);
    const bad = await run(s, "logrotate -x /etc/logrotate.conf");
    expect(bad).toMatchObject({ stderr: "logrotate: bad argument -x: unknown error\n", exitCode: 2 });
    await expect(none.stderr + (await sh(s, "logrotate --usage; logrotate --help; logrotate --version"))).toMatchFileSnapshot("__golden__/usage.txt");
  });

  it("-d: a new log is recorded, not rotated; a missing path with missingok is skipped; nothing changes", async () => {
    const { s } = await setup(COPY + "/var/log/old-app.log {\n    weekly\n    missingok\n    bogus\n}\n");
    await expect(await sh(s, "logrotate -d /etc/logrotate.d/app 2>&1; echo rc=$?; ls /var/lib/logrotate /var/log/app")).toMatchFileSnapshot("__golden__/debug.txt");
  });

  it("-v -f with copytruncate: copies then empties the log the writer keeps open; -f again skips an empty log", async () => {
    const { s } = await setup(COPY);
    await expect(await sh(s, "logrotate -v -f /etc/logrotate.d/app 2>&1; echo rc=$?; ls -l /var/log/app; logrotate -v -f /etc/logrotate.d/app 2>&1 | tail -n 3; cat /var/lib/logrotate/status")).toMatchFileSnapshot("__golden__/copytruncate.txt");
  });

  it("size-based rotation: rename, create, shared postrotate, gzip; below the size it waits", async () => {
    const { s } = await setup(CREATE, { logLines: 200 });
    await expect(await sh(s, "logrotate -v /etc/logrotate.d/app 2>&1; ls -l /var/log/app /tmp/reloaded; rm /tmp/reloaded; echo short >> /var/log/app/app.log; logrotate -v /etc/logrotate.d/app 2>&1 | tail -n 4; ls /tmp/reloaded 2>&1")).toMatchFileSnapshot("__golden__/size-create.txt");
  });

  it("on a full filesystem copytruncate cannot copy, and the log is left alone", async () => {
    const host = buildTestHost((spec) => {
      spec.mounts.push({ source: "/dev/vdb1", target: "/var/log/app", fstype: "ext4", device: "vda", sizeKiB: 102400, usedKiB: 0, inodes: 6400, inodesUsed: 11 });
    });
    const s = rootSession(host);
    await sh(s, "mkdir -p /var/lib/logrotate /etc/logrotate.d && truncate -s 90M /var/log/app/app.log");
    await s.run(`printf '%s' '${COPY}' > /etc/logrotate.d/app`);
    const r = await run(s, "logrotate -f /etc/logrotate.d/app");
    expect(r.stderr).toBe("error: error writing to /var/log/app/app.log.1: No space left on device\n");
    expect(r.exitCode).toBe(1);
    expect(await sh(s, "ls /var/log/app/app.log*; stat -c %s /var/log/app/app.log")).toBe("/var/log/app/app.log\n94371840\n");
    // renaming needs no room, but gzip does: the copy stays uncompressed
    await sh(s, "truncate -s 97M /var/log/app/app.log");
    await s.run(`printf '%s' '/var/log/app/app.log {\n    rotate 2\n    compress\n}\n' > /etc/logrotate.d/app`);
    const gz = await run(s, "logrotate -f /etc/logrotate.d/app");
    expect(gz.stderr).toBe("error: Compressing program wrote following message to stderr when compressing log /var/log/app/app.log.1:\ngzip: stdout: No space left on device\nerror: failed to compress log /var/log/app/app.log.1\n");
    expect(await sh(s, "ls /var/log/app/app.log*")).toBe("/var/log/app/app.log.1\n");
  });

  it("refuses insecure parent directories and configs others can write; non-root cannot write the state", async () => {
    const { s, host } = await setup(COPY);
    await sh(s, "chmod 0775 /var/log/app");
    expect(await sh(s, "logrotate -f /etc/logrotate.d/app")).toBe(
      'error: skipping "/var/log/app/app.log" because parent directory has insecure permissions (It\'s world writable or writable by group which is not "root") Set "su" directive in config file to tell logrotate which user/group should be used for rotation.\n',
    );
    await sh(s, "chmod 0666 /etc/logrotate.d/app");
    expect(await sh(s, "logrotate /etc/logrotate.d/app")).toBe("warning: Potentially dangerous mode on /etc/logrotate.d/app: 0666\nerror: Ignoring /etc/logrotate.d/app because it is writable by group or others.\n");
    await sh(s, "chmod 0644 /etc/logrotate.d/app");
    const user = await run(testSession(host), "logrotate -s /var/lib/logrotate/other /etc/logrotate.conf");
    expect(user.stderr).toBe("error: error creating stub state file /var/lib/logrotate/other: Permission denied\n");
    expect(user.exitCode).toBe(1);
  });
  it("a writer keeps its open file across a rename: without copytruncate or a reload the lines land in app.log.1", async () => {
    const host = buildTestHost((spec) => {
      spec.processes = [...(spec.processes ?? []), { comm: "writer", argv: ["writer"], user: "www-data", fds: [{ fd: 3, path: "/var/log/app/app.log", mode: "w", growBps: 1000 }] }];
    });
    const s = rootSession(host);
    await sh(s, "mkdir -p /var/lib/logrotate /var/log/app && echo start > /var/log/app/app.log");
    await s.run(`printf '%s' '/var/log/app/app.log {\n    rotate 2\n    create\n}\n' > /etc/logrotate.d/app`);
    await sh(s, "logrotate -f /etc/logrotate.d/app");
    host.tick(10000);
    expect(await sh(s, "stat -c '%n %s' /var/log/app/app.log /var/log/app/app.log.1; ls -l /proc/$(pgrep writer)/fd | grep -o '3 -> .*'")).toBe("/var/log/app/app.log 0\n/var/log/app/app.log.1 10006\n3 -> /var/log/app/app.log.1\n");
    await sh(s, "mv /var/log/app/app.log.1 /var/log/app/old.log");
    expect(await sh(s, "lsof -p $(pgrep writer) | grep -o '/var/log/app/.*'")).toBe("/var/log/app/old.log\n");
  });
  it("dateext: log-YYYYMMDD copies, the oldest beyond rotate removed (as logrotate 3.21 orders it)", async () => {
    const { s } = await setup("/var/log/app/app.log {\n  rotate 2\n  dateext\n  compress\n}\n");
    await sh(s, "touch /var/log/app/app.log-20261101.gz /var/log/app/app.log-20261102.gz /var/log/app/app.log-20261103.gz");
    const out = await sh(s, "logrotate -v -f /etc/logrotate.d/app 2>&1 | sed -n '/^rotating log/,$p'; ls /var/log/app");
    expect(out).toBe(
      [
        "rotating log /var/log/app/app.log, log->rotateCount is 2",
        "dateext suffix '-20261122'",
        "glob pattern '-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'",
        "removing /var/log/app/app.log-20261101.gz",
        "removing old log /var/log/app/app.log-20261101.gz",
        "renaming /var/log/app/app.log to /var/log/app/app.log-20261122",
        "compressing log with: /bin/gzip",
        "removing old log /var/log/app/app.log-20261102.gz",
        "app.log-20261103.gz",
        "app.log-20261122.gz",
        "",
      ].join("\n"),
    );
    expect(await sh(s, "echo more > /var/log/app/app.log; logrotate -f /etc/logrotate.d/app")).toBe("error: destination /var/log/app/app.log-20261122.gz already exists, skipping rotation\n");
  });
});
