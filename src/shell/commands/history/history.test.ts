import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

const host = () => buildTestHost((spec) => spec.files!.push({ path: "/usr/bin/history", content: "", mode: 0o755 }));

describe("history", () => {
  it("numbers the session's lines like bash", async () => {
    const s = testSession(host());
    await s.run("uptime");
    await s.run("df -h");
    await s.run("free -m");
    await expect(await sh(s, "history")).toMatchFileSnapshot("__golden__/history.txt");
    expect(await sh(s, "history 2")).toBe("    4  history\n    5  history 2\n");
    expect(await run(s, "history x")).toMatchObject({ stderr: "-bash: history: x: numeric argument required\n", exitCode: 1 });
  });
});
