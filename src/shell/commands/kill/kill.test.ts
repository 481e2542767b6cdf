import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("kill (bash builtin)", () => {
  it("prints bash's messages with the login shell's -bash prefix", async () => {
    const s = testSession();
    expect(await run(s, "kill 99999")).toMatchObject({ stderr: "-bash: kill: (99999) - No such process\n", exitCode: 1 });
    expect(await run(s, "kill 1")).toMatchObject({ stderr: "-bash: kill: (1) - Operation not permitted\n", exitCode: 1 });
    expect(await run(s, "kill -s FOO 1")).toMatchObject({ stderr: "-bash: kill: FOO: invalid signal specification\n", exitCode: 1 });
    expect(await run(s, "kill %1")).toMatchObject({ stderr: "-bash: kill: %1: no such job\n", exitCode: 1 });
    expect(await run(s, "kill abc")).toMatchObject({ stderr: "-bash: kill: abc: arguments must be process or job IDs\n", exitCode: 1 });
    expect(await run(s, "kill")).toMatchObject({ stderr: "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n", exitCode: 2 });
  });

  it("lists signals like bash", async () => {
    const s = testSession();
    await expect(await sh(s, "kill -l")).toMatchFileSnapshot("__golden__/kill_l.txt");
    const l = await sh(s, "kill -l");
    expect(l.split("\n")[0]).toBe(" 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP");
    expect(l.split("\n")[6]).toBe("31) SIGSYS\t34) SIGRTMIN\t35) SIGRTMIN+1\t36) SIGRTMIN+2\t37) SIGRTMIN+3");
    expect(l.split("\n")[12]).toBe("63) SIGRTMAX-1\t64) SIGRTMAX\t");
    expect(await sh(s, "kill -l 9 KILL 137")).toBe("KILL\n9\nKILL\n");
  });

  it("terminates, stops and continues processes through the engine", async () => {
    const host = buildTestHost();
    const s = rootSession(host);
    const worker = await sh(s, "pgrep -o -u www-data nginx");
    const pid = worker.trim();
    const r = await run(s, `kill -STOP ${pid}`);
    expect(r.exitCode).toBe(0);
    expect(r.evidence).toContain(`signal:${pid}:19`);
    expect(await sh(s, `ps -o stat= -p ${pid}`)).toBe("T\n");
    await s.run(`kill -CONT ${pid}`);
    expect(await sh(s, `ps -o stat= -p ${pid}`)).toBe("S\n");
    await s.run(`kill -9 ${pid}`);
    expect(await run(s, `ps -p ${pid} -o pid=`)).toMatchObject({ stdout: "", exitCode: 1 });
  });

  it("cannot kill a task in D state, even as root with -9", async () => {
    const host = buildTestHost((spec) => {
      spec.mounts.push({ source: "nfs01:/export/shared", target: "/mnt/shared", fstype: "nfs4", sizeKiB: 1048576000, usedKiB: 400000000 });
      spec.faults = [{ type: "hung-nfs", params: { mount: "/mnt/shared", tasks: 2, sinceS: 600 } }];
    });
    const s = rootSession(host);
    const pids = (await sh(s, "pgrep rsync")).trim().split("\n");
    expect(pids).toHaveLength(2);
    expect((await run(s, `kill -9 ${pids.join(" ")}`)).exitCode).toBe(0);
    await s.run("sleep 5");
    expect(await sh(s, `ps -o stat= -p ${pids.join(",")}`)).toBe("Ds\nDs\n");
  });
});
