import { describe, expect, it } from "vitest";
import { rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("pgrep", () => {
  it("matches names, full command lines and attributes", async () => {
    const s = testSession();
    await expect(await sh(s, "pgrep -a -u postgres")).toMatchFileSnapshot("__golden__/pgrep_a_u_postgres.txt");
    expect(await sh(s, "pgrep nginx")).toBe("209\n210\n211\n");
    expect(await sh(s, "pgrep -l gunicorn")).toBe("212 gunicorn\n213 gunicorn\n214 gunicorn\n");
    expect(await sh(s, "pgrep -a -u www-data nginx")).toBe("210 nginx: worker process\n211 nginx: worker process\n");
    expect(await sh(s, "pgrep -c postgres")).toBe("5\n");
    expect(await sh(s, "pgrep -f orders.wsgi -d,")).toBe("212,213,214\n");
    expect(await sh(s, "pgrep -x -n post")).toBe("");
    expect(await sh(s, "pgrep -n postgres")).toBe("219\n");
    expect(await sh(s, "pgrep -o postgres")).toBe("215\n");
    expect(await sh(s, "pgrep -P 209")).toBe("210\n211\n");
    const r = await run(s, "pgrep -f pgrep");
    expect(r).toMatchObject({ stdout: "", exitCode: 1 });
  });

  it("reports usage errors like procps", async () => {
    const s = testSession();
    expect(await run(s, "pgrep")).toMatchObject({ stderr: "pgrep: no matching criteria specified\nTry `pgrep --help' for more information.\n", exitCode: 2 });
    expect(await run(s, "pgrep -u nosuch x")).toMatchObject({ stderr: "pgrep: invalid user name: nosuch\n", exitCode: 2 });
    const z = await run(s, "pgrep -Z");
    expect(z.exitCode).toBe(2);
    expect(z.stderr).toMatch(/^pgrep: invalid option -- 'Z'\n\nUsage:\n pgrep \[options\] <pattern>\n/);
    expect(await run(s, "pgrep averyveryverylongname")).toMatchObject({
      stderr: "pgrep: pattern that searches for process name longer than 15 characters will result in zero matches\nTry `pgrep -f' option to match against the complete command line.\n",
      exitCode: 1,
    });
  });
});

describe("pkill", () => {
  it("signals matching processes; -e echoes; permission errors per pid", async () => {
    const s = testSession();
    expect(await run(s, "pkill nginx")).toMatchObject({ stderr: "pkill: killing pid 209 failed: Operation not permitted\npkill: killing pid 210 failed: Operation not permitted\npkill: killing pid 211 failed: Operation not permitted\n", exitCode: 1 });
    const root = rootSession();
    const r = await run(root, "pkill -9 -e -u www-data nginx");
    expect(r).toMatchObject({ stdout: "nginx killed (pid 210)\nnginx killed (pid 211)\n", exitCode: 0 });
    expect(r.evidence).toEqual(expect.arrayContaining(["signal:210:9", "signal:211:9"]));
    expect(await sh(root, "pgrep -u www-data nginx; echo $?")).toBe("1\n");
    expect(await run(root, "pkill --signal SIGSTOP -x cron")).toMatchObject({ exitCode: 0 });
    expect(await sh(root, "ps -o stat= -C cron")).toBe("Ts\n");
    expect(await run(root, "pkill nosuchthing")).toMatchObject({ stdout: "", stderr: "", exitCode: 1 });
  });
});
