import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh } from "../../../testing/host-builder.js";
import { createSession } from "../../index.js";

describe("tail", () => {
  it("-n, -n +K, -c and headers", async () => {
    const s = rootSession();
    await expect(await sh(s, "tail -n 1 /etc/hostname /etc/fstab; seq 5 | tail -n +4; seq 3 | tail -c 4; seq 20 | tail -3")).toMatchFileSnapshot("__golden__/tail.txt");
  });
  it("-f follows appended data as the sim clock runs", async () => {
    const host = buildTestHost();
    const s = createSession(host, { interactive: true, user: "root" });
    await s.run("echo one > /tmp/log");
    const chunks: string[] = [];
    let polls = 0;
    const p = s.run("tail -f /tmp/log", {
      onOutput: (c) => chunks.push(c),
      interrupted: () => {
        polls++;
        if (polls === 3) host.vfs.writeFile("/tmp/log", "two\n", undefined, { append: true });
        return polls > 12;
      },
    });
    const r = await p;
    expect(chunks.join("") + r.stdout).toBe("one\ntwo\n");
  });
  it("errors", async () => {
    const r = await run(rootSession(), "tail /nope");
    expect(r.stderr).toBe("tail: cannot open '/nope' for reading: No such file or directory\n");
    expect(r.exitCode).toBe(1);
  });
});
