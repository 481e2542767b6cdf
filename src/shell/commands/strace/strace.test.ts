import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

function host() {
  return buildTestHost((spec) => {
    spec.mounts.push({ source: "nfs01:/export/shared", target: "/mnt/shared", fstype: "nfs4", sizeKiB: 1048576000, usedKiB: 400000000 });
    spec.faults = [{ type: "hung-nfs", params: { mount: "/mnt/shared", tasks: 1, sinceS: 300 } }];
    spec.processes = [{ comm: "sleep", argv: ["sleep", "3600"], user: "sre", wchan: "hrtimer_nanosleep" }];
  });
}
const pidOf = (h: ReturnType<typeof host>, pred: (p: { comm: string; state: string }) => boolean): number => [...h.procs.values()].find(pred)!.pid;

describe("strace", () => {
  it("-p on a sleeping process: attached, the resumed call, detached (compare strace_p_sleep.txt)", async () => {
    const h = host();
    const pid = pidOf(h, (p) => p.comm === "sleep");
    const r = await run(testSession(h), `timeout 1 strace -p ${pid}`);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`strace: Process ${pid} attached\nrestart_syscall(<... resuming interrupted read ...>strace: Process ${pid} detached\n <detached ...>\n`);
    expect(r.evidence).toContain(`strace:${pid}`);
  });
  it("-p on a task in D shows the call it is stuck in, and nothing more", async () => {
    const h = host();
    const pid = pidOf(h, (p) => p.state === "D");
    const r = await run(rootSession(h), `timeout 5 strace -p ${pid}`);
    expect(r.stderr).toBe(`strace: Process ${pid} attached\nnewfstatat(AT_FDCWD, "/mnt/shared/", strace: Process ${pid} detached\n <detached ...>\n`);
    expect(r.evidence).toContain(`strace:${pid}:blocked`);
  });
  it("two busy nginx workers: [pid N] prefixes (pid_max digits wide), results aligned at column 40", async () => {
    const r = await run(rootSession(host()), "timeout 3 strace -p 210 -p 211");
    await expect(r.stderr).toMatchFileSnapshot("__golden__/strace_p_workers.txt");
    expect(r.stderr).toMatch(/^\[pid {5}210\] epoll_wait\(5, \[\{events=EPOLLIN, data=\{u32=\d, u64=\d\}\}\], 512, 1000\) = 1$/m);
  });
  it("-c prints the summary table after detaching (compare strace_c_p_nginx_workers.txt)", async () => {
    const r = await run(rootSession(host()), "timeout -s INT 3 strace -c -f -p 210 -p 211");
    await expect(r.stderr).toMatchFileSnapshot("__golden__/strace_c_p_workers.txt");
    expect(r.stderr).toMatch(/% time {5}seconds {2}usecs\/call {5}calls {4}errors syscall\n------ ----------- ----------- --------- --------- ----------------\n/);
  });
  it("strace CMD runs the command and traces it; -e trace= filters; -c summarises", async () => {
    const s = testSession(host());
    const r = await run(s, "strace -e trace=openat,read cat /etc/hostname");
    expect(r.stdout).toBe("web-01\n");
    await expect(r.stderr).toMatchFileSnapshot("__golden__/strace_e_cat.txt");
    expect(r.stderr).toMatch(/^openat\(AT_FDCWD, "\/etc\/hostname", O_RDONLY\) = 3\nread\(3, "web-01\\n", 131072\) {13}= 7\n/m);
    expect((await run(s, "strace -c ls /tmp")).stderr).toMatch(/100\.00 {4}0\.000000 {11}0 {8}\d+ {9}\d+ total\n$/);
  });
  it("a sync writer in D only for each fsync keeps making calls; -w sums wall-clock latency", async () => {
    const h = buildTestHost((spec) => {
      spec.faults = [{ type: "fsync-storm", params: { comm: "logshipper", device: "vda", writeBps: 60000000, path: "/var/log/app/debug.log" } }];
    });
    const s = rootSession(h);
    await sh(s, "sleep 2");
    const pid = pidOf(h as never, (p) => p.comm === "logshipper");
    const e = await run(s, `timeout 2 strace -e trace=fsync -p ${pid}`);
    expect(e.stderr).toMatch(/^fsync\(\d+\) {32}= 0$/m);
    expect(e.stderr).not.toMatch(/^write\(/m);
    const c = await run(s, `timeout 3 strace -c -w -p ${pid}`);
    const fsync = c.stderr.split("\n").find((l) => / fsync$/.test(l));
    expect(fsync).toBeDefined();
    // fsync waits ~42 ms each: by wall clock it dominates the table
    expect(Number(fsync!.trim().split(/\s+/)[0])).toBeGreaterThan(90);
  });
  it("refuses other users' processes, unknown pids, and bad usage in strace's words", async () => {
    expect(await run(testSession(host()), "strace -p 210")).toMatchObject({ stderr: "strace: attach: ptrace(PTRACE_SEIZE, 210): Operation not permitted\n", exitCode: 1 });
    expect(await run(rootSession(host()), "strace -p 99999")).toMatchObject({ stderr: "strace: attach: ptrace(PTRACE_SEIZE, 99999): No such process\n", exitCode: 1 });
    expect(await run(rootSession(host()), "strace")).toMatchObject({ stderr: "strace: must have PROG [ARGS] or -p PID\nTry 'strace -h' for more information.\n", exitCode: 1 });
    expect(await run(rootSession(host()), "strace -j ls")).toMatchObject({ stderr: "strace: invalid option -- 'j'\nTry 'strace -h' for more information.\n", exitCode: 1 });
    expect(await run(rootSession(host()), "strace nosuchprog")).toMatchObject({ stderr: "strace: Can't stat 'nosuchprog': No such file or directory\n", exitCode: 1 });
    expect(await sh(rootSession(host()), "strace -h | head -n 1")).toBe("Usage: strace [-ACdffhikqqrtttTvVwxxyyzZ] [-I N] [-b execve] [-e EXPR]...\n");
  });
});
