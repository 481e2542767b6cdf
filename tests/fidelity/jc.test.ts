/**
 * A guard from outside: our tools' output, on the demo host and on a troubled host, must parse
 * with `jc` (a widely used parser of the real tools' formats, Debian package `jc`) — the same
 * parsers that accept the real captures in shared/reference/linux-output. Skipped when jc is
 * not installed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession } from "../../src/testing/host-builder.js";

const hasJc = spawnSync("jc", ["--version"]).status === 0;

const CASES: [string, string][] = [
  ["uptime", "--uptime"],
  ["w", "--w"],
  ["ps aux", "--ps"],
  ["ps -ef", "--ps"],
  ["ps -eo pid,ppid,stat,wchan:20,cmd", "--ps"],
  ["top -b -n 1", "--top"],
  ["free", "--free"],
  ["free -h", "--free"],
  ["vmstat", "--vmstat"],
  ["vmstat 1 3", "--vmstat"],
  ["iostat", "--iostat"],
  ["iostat -xz 1 2", "--iostat"],
  ["mpstat -P ALL 1 1", "--mpstat"],
  ["pidstat -h 1 1", "--pidstat"],
  ["df", "--df"],
  ["df -h", "--df"],
  ["df -i", "--df"],
  ["df -T", "--df"],
  ["du -s /var/log /etc", "--du"],
  ["lsblk", "--lsblk"],
  ["mount", "--mount"],
  ["findmnt", "--findmnt"],
  ["netstat -tanp", "--netstat"],
  ["netstat -tulpn", "--netstat"],
  ["lsof -p 1", "--lsof"],
  ["uname -a", "--uname"],
  ["cat /proc/meminfo", "--proc"],
  ["cat /proc/stat", "--proc"],
  ["cat /proc/loadavg", "--proc"],
];

describe.skipIf(!hasJc)("our outputs parse with jc", () => {
  const hosts = {
    demo: () => buildTestHost(),
    troubled: () =>
      buildTestHost((spec) => {
        spec.mounts.push({ source: "nfs01:/export/shared", target: "/mnt/shared", fstype: "nfs4", sizeKiB: 1048576000, usedKiB: 400000000 });
        spec.faults = [
          { type: "cpu-hog", params: { comm: "python3", argv: "python3 /opt/jobs/reindex.py", demand: 1 } },
          { type: "fsync-storm", params: { comm: "logshipper", device: "vda", writeBps: 60000000 } },
        ];
      }),
  };
  for (const [name, make] of Object.entries(hosts)) {
    for (const [line, parser] of CASES) {
      it(`${name}: ${line} | jc ${parser}`, async () => {
        const s = rootSession(make());
        const r = await s.run(line);
        expect(r.stderr).toBe("");
        expect(r.exitCode).toBe(0);
        const json = execFileSync("jc", [parser], { input: r.stdout, encoding: "utf8" });
        const parsed = JSON.parse(json) as unknown;
        expect(Array.isArray(parsed) ? parsed.length : Object.keys(parsed as object).length).toBeGreaterThan(0);
      });
    }
  }
});
