import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

describe("sudo", () => {
  it("runs the command as root with its arguments intact", async () => {
    const s = testSession();
    await expect(await sh(s, "sudo -l")).toMatchFileSnapshot("__golden__/sudo_l.txt");
    expect(await sh(s, "sudo id -un")).toBe("root\n");
    expect(await sh(s, "sudo bash -c 'echo \"a  b\"; whoami'")).toBe("a  b\nroot\n");
    expect(await run(s, "cat /etc/shadow")).toMatchObject({ exitCode: 1 });
    expect((await run(s, "sudo cat /etc/shadow")).stdout).toMatch(/^root:/);
    expect(await run(s, "sudo nosuchcmd")).toMatchObject({ stderr: "sudo: nosuchcmd: command not found\n", exitCode: 1 });
  });
  it("sudo -i switches the session to root", async () => {
    const s = testSession();
    expect(await sh(s, "sudo -i")).toBe("");
    expect(await sh(s, "whoami")).toBe("root\n");
    expect(s.prompt()).toBe("root@web-01:~# ");
  });
  it("refuses users outside the sudo group", async () => {
    const host = buildTestHost((spec) => spec.users!.push({ name: "bob", uid: 1001 }));
    const r = await run(testSession(host, { user: "bob" }), "sudo id");
    expect(r).toMatchObject({ exitCode: 1 });
    expect(r.stderr).toContain("bob is not in the sudoers file.  This incident will be reported.\n");
  });
  it("bad option", async () => {
    const r = await run(testSession(), "sudo -Q id");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^sudo: invalid option -- 'Q'\nusage: sudo -h \| -K \| -k \| -V/);
  });
});
