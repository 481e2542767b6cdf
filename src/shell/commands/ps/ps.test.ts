import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";
import type { HostSpec } from "../../../engine/index.js";

const REF_AUX_HEADER = "USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND";
const REF_EF_HEADER = "UID        PID  PPID  C STIME TTY          TIME CMD";
const REF_EO_HEADER = "  PID  PPID STAT WCHAN                CMD";

/** The capture host had pid_max 32768 (5-digit PID columns); the demo host has 4194304. */
const pid5 = (spec: HostSpec): void => {
  spec.sysctl = { ...(spec.sysctl ?? {}), "kernel.pid_max": "32768" };
};

describe("ps", () => {
  it("ps aux / -ef / -eo on the demo host", async () => {
    const s = testSession();
    await expect(await sh(s, "ps aux")).toMatchFileSnapshot("__golden__/ps_aux.txt");
    await expect(await sh(s, "ps -ef")).toMatchFileSnapshot("__golden__/ps_ef.txt");
    await expect(await sh(s, "ps -eo pid,ppid,stat,wchan:20,cmd")).toMatchFileSnapshot("__golden__/ps_eo_wchan.txt");
    await expect(await sh(s, "ps")).toMatchFileSnapshot("__golden__/ps_default.txt");
  });

  it("systemd columns: unit, slice, uunit and cgroup agree with /proc/PID/cgroup", async () => {
    const s = testSession();
    await expect(await sh(s, "ps -o pid,unit,slice,uunit,cgroup,comm -p 1,2,209,212")).toMatchFileSnapshot("__golden__/ps_o_unit_cgroup.txt");
    expect(await sh(s, "ps -o cgroup= -p 209")).toBe(`0::${(await sh(s, "cat /proc/209/cgroup")).slice(3)}`);
    expect(await sh(s, "ps -o unit= -p $$")).toMatch(/^session-\d+\.scope\n$/);
  });

  it("lays columns out exactly as the capture host (5-digit pids)", async () => {
    const host = buildTestHost((spec) => {
      pid5(spec);
      spec.processes = [{ comm: "python3", argv: ["/usr/bin/python3", "/opt/app/indexer.py", "1536"], user: "app", rssKiB: 1583156, vszKiB: 1590992, pid: 16270, statFlags: "s" }];
      spec.users = [...(spec.users ?? []), { name: "app", uid: 1001 }];
    });
    const s = testSession(host);
    const aux = (await sh(s, "ps aux")).split("\n");
    expect(aux[0]).toBe(REF_AUX_HEADER);
    expect(aux[1]).toMatch(/^root {9}1 {2}\d\.\d {2}\d\.\d \d{6} 12108 \? {8}Ss {3}Nov20 {2,3}\d+:\d\d \/sbin\/init$/);
    // overflowing VSZ/RSS push TTY over, as procps does: "1590992 1583156 ?     Ss"
    expect(aux.find((l) => l.includes("indexer.py"))).toMatch(/^app {6}16270 +\d+\.\d +\d+\.\d 1590992 1583156 \? {5}Ss {3}\S+ +\d+:\d\d \/usr\/bin\/python3 \/opt\/app\/indexer.py 1536$/);
    expect((await sh(s, "ps -ef")).split("\n")[0]).toBe(REF_EF_HEADER);
    const eo = (await sh(s, "ps -eo pid,ppid,stat,wchan:20,cmd")).split("\n");
    expect(eo[0]).toBe(REF_EO_HEADER);
    expect(eo[1]).toBe("    1     0 Ss   ep_poll              /sbin/init");
    expect(eo[2]).toBe("    2     0 S    kthreadd             [kthreadd]");
  });

  it("shows itself running in the foreground with its arguments", async () => {
    const s = testSession();
    const out = await sh(s, "ps -o stat,tty,args --sort=pid");
    expect(out.trim().split("\n").pop()).toBe("R+   pts/0    ps -o stat,tty,args --sort=pid");
    expect(await sh(s, "ps -o pid= -p 1")).toBe("      1\n");
  });

  it("cuts lines at the terminal width on a tty, not in a pipe", async () => {
    const s = testSession(buildTestHost(), { interactive: true, cols: 80 });
    const tty = await sh(s, "ps aux");
    await expect(tty).toMatchFileSnapshot("__golden__/ps_aux.tty80.txt");
    expect(tty.split("\n").every((l) => l.length <= 80)).toBe(true);
    expect((await sh(s, "ps aux | cat")).split("\n").some((l) => l.length > 80)).toBe(true);
    expect((await sh(s, "ps auxww")).split("\n").some((l) => l.length > 80)).toBe(true);
  });

  it("sorts, selects and formats", async () => {
    const s = testSession();
    const mem = (await sh(s, "ps aux --sort=-%mem | head -3")).split("\n");
    expect(mem[1]).toContain("gunicorn");
    expect(mem[1]).toMatch(/^app +213 /);
    expect(await sh(s, "ps -C nginx -o pid=,user=,comm=")).toBe("    209 root     nginx\n    210 www-data nginx\n    211 www-data nginx\n");
    expect(await sh(s, "ps -u postgres -o pid= --no-headers | wc -l")).toBe("5\n");
    expect(await sh(s, "ps -p 209 -o pid,ppid,ni,pri,psr,nlwp,etime,etimes,time,lstart")).toMatch(/^ {4}PID {4}PPID  NI PRI PSR NLWP {5}ELAPSED ELAPSED {5}TIME {18}STARTED\n {4}209 {7}1 {3}0  19 {3}\d {4}1  2-03:17:\d\d +1\d{5} 00:00:\d\d Fri Nov 20 05:5\d:\d\d 2026\n$/);
    expect(await sh(s, "ps ax k -rss o pid= | head -1")).toBe("    213\n");
    await expect(await sh(s, "ps axjf")).toMatchFileSnapshot("__golden__/ps_axjf.txt");
    await expect(await sh(s, "ps -eLf")).toMatchFileSnapshot("__golden__/ps_eLf.txt");
  });

  it("shows one row per thread with -L", async () => {
    const s = testSession();
    const r = await run(s, "ps -L -o pid,lwp,nlwp,comm -C rsyslogd");
    expect(r.stdout).toBe("    PID     LWP NLWP COMMAND\n    205     205    4 rsyslogd\n    205     224    4 rsyslogd\n    205     225    4 rsyslogd\n    205     226    4 rsyslogd\n");
    expect(r.evidence).toContain("proc-threads");
  });

  it("reports an empty selection with the header and exit 1", async () => {
    const r = await run(testSession(), "ps -p 99999");
    expect(r).toMatchObject({ stdout: "    PID TTY          TIME CMD\n", exitCode: 1 });
  });

  it("fails on bad options the way procps does", async () => {
    const s = testSession();
    const usage = "\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n";
    expect(await run(s, "ps -Q")).toMatchObject({ stdout: "", stderr: `error: unsupported SysV option\n${usage}`, exitCode: 1 });
    expect(await run(s, "ps Q")).toMatchObject({ stderr: `error: unsupported option (BSD syntax)\n${usage}`, exitCode: 1 });
    expect(await run(s, "ps --foo")).toMatchObject({ stderr: `error: unknown gnu long option\n${usage}`, exitCode: 1 });
    expect(await run(s, "ps -o foo")).toMatchObject({ stderr: `error: unknown user-defined format specifier "foo"\n${usage}`, exitCode: 1 });
    expect(await run(s, "ps --sort=foo")).toMatchObject({ stderr: `error: unknown sort specifier\n${usage}`, exitCode: 1 });
    expect(await run(s, "ps -p abc")).toMatchObject({ stderr: `error: process ID list syntax error\n${usage}`, exitCode: 1 });
    expect(await run(s, "ps -u nosuchuser")).toMatchObject({ stderr: `error: user name does not exist\n${usage}`, exitCode: 1 });
    expect(await run(s, "ps --help")).toMatchObject({ stdout: usage, exitCode: 0 });
    expect((await run(s, "ps --help all")).stdout).toContain("Selection by list:\n -C <command>         command name\n");
    expect(await sh(s, "ps --version")).toBe("ps from procps-ng 4.0.2\n");
  });

  it("shows a runaway CPU hog with its lifetime %CPU", async () => {
    const host = buildTestHost((spec) => {
      spec.faults = [{ type: "cpu-hog", params: { comm: "python3", argv: "python3 /opt/jobs/reindex.py", demand: 1 } }];
    });
    const s = testSession(host);
    const r = await run(s, "ps aux --sort=-pcpu | head -2");
    const row = r.stdout.split("\n")[1]!;
    expect(row).toMatch(/^root +\d+ +(99\.\d|100) .* Rs +\S+ +30:00 python3 \/opt\/jobs\/reindex.py$/);
    const pid = row.split(/\s+/)[1];
    expect(r.evidence).toContain(`proc:${pid}:cpu`);
  });

  it("shows zombies as [comm] <defunct> in Z, and SIGKILL does not remove them", async () => {
    const host = buildTestHost((spec) => {
      spec.users = [...(spec.users ?? []), { name: "app", uid: 1001 }];
      spec.processes = [{ comm: "python3", argv: ["/usr/bin/python3", "/opt/app/jobrunner.py"], user: "app", statFlags: "s" }];
      spec.faults = [{ type: "zombie-factory", params: { parent: "jobrunner.py", child: "python3", count: 2, perSecond: 0 } }];
    });
    const s = rootSession(host);
    const r = await run(s, "ps -eo pid,ppid,stat,cmd | grep defunct");
    const rows = r.stdout.trim().split("\n");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^ *\d+ +\d+ Z {4}\[python3\] <defunct>$/);
    const zpid = rows[0]!.trim().split(/\s+/)[0]!;
    expect(await sh(s, `kill -9 ${zpid}; ps -o stat= -p ${zpid}`)).toBe("Z\n");
    expect((await run(s, "ps aux")).evidence).toContain("proc-state:Z");
  });

  it("shows D-state tasks that even SIGKILL cannot stop, with their wait channel", async () => {
    const host = buildTestHost((spec) => {
      spec.mounts.push({ source: "nfs01:/export/shared", target: "/mnt/shared", fstype: "nfs4", sizeKiB: 1048576000, usedKiB: 400000000 });
      spec.faults = [{ type: "hung-nfs", params: { mount: "/mnt/shared", tasks: 3, sinceS: 1200 } }];
    });
    const s = rootSession(host);
    const r = await run(s, "ps -eo pid,stat,wchan:24,args | grep rsync");
    const first = r.stdout.split("\n")[0]!;
    expect(first).toMatch(/^ +\d+ Ds {3}rpc_wait_bit_killable {4}rsync -a \/mnt\/shared\/ \/srv\/backup\/$/);
    const pid = first.trim().split(/\s+/)[0]!;
    const k = await run(s, `kill -9 ${pid}`);
    expect(k.exitCode).toBe(0);
    expect(await sh(s, `ps -o stat= -p ${pid}`)).toBe("Ds\n");
    const ev = await run(s, `ps -o pid,stat,wchan -p ${pid}`);
    expect(ev.evidence).toEqual(expect.arrayContaining(["proc-state:D", `proc:${pid}:wchan`]));
  });
});
