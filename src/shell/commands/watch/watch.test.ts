import { describe, expect, it } from "vitest";
import { buildTestHost, run, testSession } from "../../../testing/host-builder.js";

describe("watch", () => {
  it("outside a tty prints each run until interrupted, advancing the sim clock", async () => {
    const host = buildTestHost();
    const r = await run(testSession(host), "watch -n 5 date");
    await expect(r.stdout).toMatchFileSnapshot("__golden__/watch_date.txt");
    expect(r.stdout).toMatch(/^Every 5\.0s: date {32}web-01: Sun Nov 22 09:14:03 2026\n\nSun Nov 22 09:14:03 UTC 2026\n\n/);
  });
  it("on an interactive tty returns a full-screen program", async () => {
    const s = testSession(buildTestHost(), { interactive: true, cols: 80 });
    const r = await s.run("watch -n1 uptime");
    expect(r.screen).toBeDefined();
    const screen = r.screen!.render(80, 24).split("\n");
    expect(screen[0]).toMatch(/^Every 1\.0s: uptime +web-01: Sun Nov 22 09:14:03 2026$/);
    expect(screen[0]!.length).toBe(80);
    expect(screen[2]).toMatch(/ up 2 days/);
    expect(r.screen!.key("\x03")).toBe("exit");
  });
  it("usage errors", async () => {
    expect(await run(testSession(), "watch")).toMatchObject({ exitCode: 1 });
    expect((await run(testSession(), "watch -Z x")).stderr).toMatch(/^watch: invalid option -- 'Z'\n\nUsage:\n watch \[options\] command/);
  });
});
