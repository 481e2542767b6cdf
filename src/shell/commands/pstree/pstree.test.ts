import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

describe("pstree", () => {
  it("draws the tree like psmisc (compact, -p, -a)", async () => {
    const s = testSession();
    await expect(await sh(s, "pstree")).toMatchFileSnapshot("__golden__/pstree.txt");
    await expect(await sh(s, "pstree -p")).toMatchFileSnapshot("__golden__/pstree_p.txt");
    await expect(await sh(s, "pstree -a")).toMatchFileSnapshot("__golden__/pstree_a.txt");
    const out = await sh(s, "pstree");
    expect(out).toContain("        |-nginx---2*[nginx]\n");
    expect(out).toContain("        |-rsyslogd---3*[{rsyslogd}]\n");
    expect(out).toMatch(/ {8}\|-sshd---sshd---sshd---bash---pstree\n/);
    expect(await sh(s, "pstree -p 209")).toBe("nginx(209)-+-nginx(210)\n           `-nginx(211)\n");
  });

  it("uses the capture's connectors for a parent with several children", async () => {
    const host = buildTestHost((spec) => {
      spec.users = [...(spec.users ?? []), { name: "app", uid: 1001 }];
      spec.processes = [{ comm: "python3", argv: ["/usr/bin/python3", "/opt/app/jobrunner.py"], user: "app", pid: 16273 }];
      spec.faults = [{ type: "zombie-factory", params: { parent: "jobrunner.py", child: "python3", count: 2, perSecond: 0 } }];
    });
    const out = await sh(testSession(host), "pstree -p 16273");
    expect(out).toMatch(/^python3\(16273\)-\+-python3\(\d+\)\n {15}`-python3\(\d+\)\n$/);
  });

  it("line drawing on a UTF-8 terminal", async () => {
    const s = testSession(buildTestHost(), { interactive: true, cols: 80 });
    expect(await sh(s, "pstree 209")).toBe("nginx───2*[nginx]\n");
    expect(await sh(s, "pstree -p 209")).toBe("nginx(209)─┬─nginx(210)\n           └─nginx(211)\n");
  });

  it("users and errors", async () => {
    const s = testSession();
    expect(await sh(s, "pstree postgres")).toBe("postgres---4*[postgres]\n");
    expect(await run(s, "pstree nosuchuser")).toMatchObject({ stderr: "No such user name: nosuchuser\n", exitCode: 1 });
  });

  it("-s shows the chain of parents down to the process", async () => {
    const s = testSession();
    expect(await sh(s, "pstree -s -p 210")).toBe("systemd(1)---nginx(209)---nginx(210)\n");
    expect(await sh(s, "pstree -aps 210")).toBe("systemd,1\n  `-nginx,209\n      `-nginx,210\n");
  });
  it("a bad option prints the getopt message, then the usage (golden captured from the real pstree)", async () => {
    const r = await run(testSession(), "pstree --bogus");
    await expect(r.stderr).toMatchFileSnapshot("__golden__/pstree_bad_option.txt");
    expect(r.exitCode).toBe(1);
  });
});
