import { describe, expect, it } from "vitest";
import { rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("sysctl", () => {
  it("reads keys, -n, -a", async () => {
    const s = testSession();
    const r = await run(s, "sysctl vm.swappiness kernel.dmesg_restrict");
    expect(r.stdout).toBe("vm.swappiness = 60\nkernel.dmesg_restrict = 1\n");
    expect(r.evidence).toEqual(["sysctl:vm.swappiness", "sysctl:kernel.dmesg_restrict"]);
    expect(await sh(s, "sysctl -n vm.swappiness")).toBe("60\n");
    await expect(await sh(s, "sysctl -a")).toMatchFileSnapshot("__golden__/sysctl_a.txt");
  });
  it("-w writes as root and changes the host; non-root is refused", async () => {
    expect(await run(testSession(), "sysctl -w vm.swappiness=10")).toMatchObject({ stdout: "", stderr: 'sysctl: permission denied on key "vm.swappiness"\n', exitCode: 1 });
    const s = rootSession();
    expect(await sh(s, "sysctl -w vm.swappiness=10")).toBe("vm.swappiness = 10\n");
    expect(await sh(s, "cat /proc/sys/vm/swappiness; sysctl vm.swappiness")).toBe("10\nvm.swappiness = 10\n");
  });
  it("unknown keys and bad usage in procps' words", async () => {
    const s = testSession();
    expect(await run(s, "sysctl foo.bar")).toMatchObject({ stderr: "sysctl: cannot stat /proc/sys/foo/bar: No such file or directory\n", exitCode: 1 });
    expect(await run(s, "sysctl")).toMatchObject({ stderr: "sysctl: no variables specified\nTry `sysctl --help' for more information.\n", exitCode: 1 });
    expect(await run(s, "sysctl -p /nonexist")).toMatchObject({ stderr: 'sysctl: cannot open "/nonexist": No such file or directory\n', exitCode: 1 });
    expect((await run(s, "sysctl -z")).stderr.startsWith("sysctl: invalid option -- 'z'\n\nUsage:\n sysctl [options] [variable[=value] ...]\n")).toBe(true);
  });
});
