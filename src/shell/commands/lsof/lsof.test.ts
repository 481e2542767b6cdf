import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

function deletedHost() {
  return buildTestHost((spec) => {
    spec.processes = [{ comm: "sleep", argv: ["sleep", "900"], user: "app", wchan: "hrtimer_nanosleep", fds: [{ fd: 0, path: "/dev/null", mode: "r" }, { fd: 1, path: "/dev/null", mode: "w" }, { fd: 2, path: "/dev/null", mode: "w" }] }];
    spec.faults = [{ type: "deleted-open-file", params: { comm: "sleep", path: "/var/log/app/app.log.1", sizeBytes: 536870912, fd: 3 } }];
  });
}

describe("lsof", () => {
  it("-p PID lists cwd/rtd/txt/mem and numbered fds with widths from the rows", async () => {
    const r = await run(rootSession(), "lsof -p 209");
    await expect(r.stdout).toMatchFileSnapshot("__golden__/lsof_p_nginx.txt");
    expect(r.stdout.split("\n")[0]).toBe("COMMAND PID USER   FD   TYPE DEVICE SIZE/OFF   NODE NAME");
    expect(r.evidence).toContain("fd-count:209");
  });
  it("+L1 shows the deleted-but-open file with NLINK 0 (compare lsof_L1.txt)", async () => {
    const r = await run(rootSession(deletedHost()), "lsof +L1");
    await expect(r.stdout).toMatchFileSnapshot("__golden__/lsof_L1.txt");
    expect(r.stdout).toMatch(/^COMMAND PID USER {3}FD {3}TYPE DEVICE {2}SIZE\/OFF NLINK {3}NODE NAME\nsleep {3}\d+ {2}app {4}3w {3}REG {2}254,1 536870912 {5}0 \d+ \/var\/log\/app\/app\.log\.1 \(deleted\)\n$/);
    expect(r.evidence).toContain("open-files:deleted");
  });
  it("-i -P -n lists sockets; -i :PORT and -t select; nothing found exits 1", async () => {
    const s = rootSession();
    await expect(await sh(s, "lsof -i -P -n")).toMatchFileSnapshot("__golden__/lsof_i_P_n.txt");
    expect(await sh(s, "lsof -t -i :80")).toBe("209\n210\n211\n"); // the workers hold the master's listener
    expect(await run(s, "lsof -i :9999")).toMatchObject({ stdout: "", exitCode: 1 });
  });
  it("-sTCP:LISTEN keeps only listening TCP sockets; ^ excludes; unknown names fail like lsof", async () => {
    const s = rootSession();
    const listen = await sh(s, "lsof -iTCP -sTCP:LISTEN -P -n");
    await expect(listen).toMatchFileSnapshot("__golden__/lsof_iTCP_sTCP_LISTEN.txt");
    expect(listen.trimEnd().split("\n").slice(1).every((l) => l.endsWith("(LISTEN)"))).toBe(true);
    expect(await sh(s, "lsof -t -nP -iTCP:80 -sTCP:LISTEN")).toBe("209\n210\n211\n");
    expect(await run(s, "lsof -iTCP -sTCP:^LISTEN -nP")).toMatchObject({ stdout: "", exitCode: 1 });
    const bad = await run(s, "lsof -sTCP:FOO");
    expect(bad.stderr.startsWith("lsof: unknown TCP state name: FOO\nlsof 4.95.0\n")).toBe(true);
    expect((await run(s, "lsof -sXYZ:LISTEN")).stderr.split("\n")[0]).toBe('lsof: unknown -s protocol: "XYZ:LISTEN"');
  });
  it("a non-root user sees other users' processes only as permission-denied rows", async () => {
    const out = await sh(testSession(), "lsof -p 1");
    expect(out).toBe(
      "COMMAND PID USER   FD      TYPE DEVICE SIZE/OFF NODE NAME\n" +
        "systemd   1 root  cwd   unknown                      /proc/1/cwd (readlink: Permission denied)\n" +
        "systemd   1 root  rtd   unknown                      /proc/1/root (readlink: Permission denied)\n" +
        "systemd   1 root  txt   unknown                      /proc/1/exe (readlink: Permission denied)\n" +
        "systemd   1 root NOFD                                /proc/1/fd (opendir: Permission denied)\n",
    );
  });
  it("file operands list the holders of a file", async () => {
    expect(await sh(rootSession(), "lsof /var/log/nginx/access.log | wc -l")).toBe("4\n");
  });
  it("rejects unknown options like lsof", async () => {
    const r = await run(rootSession(), "lsof -j");
    expect(r.exitCode).toBe(1);
    expect(r.stderr.startsWith("lsof: illegal option character: j\nlsof 4.95.0\n")).toBe(true);
  });
});
