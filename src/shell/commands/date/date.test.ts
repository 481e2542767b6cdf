import { describe, expect, it } from "vitest";
import { run, sh, testSession } from "../../../testing/host-builder.js";

describe("date", () => {
  it("reads the sim clock, never the wall clock", async () => {
    const s = testSession();
    await expect(await sh(s, "date; date -u; date -R; date -I; date -Iseconds; date --rfc-3339=seconds; date +%s; date '+%Y-%m-%d %H:%M:%S %Z %a %b %e %j %u %V'")).toMatchFileSnapshot("__golden__/date.txt");
    expect(await sh(s, "date")).toBe("Sun Nov 22 09:14:03 UTC 2026\n");
    await s.run("sleep 65");
    expect(await sh(s, "date +%T")).toBe("09:15:08\n");
  });
  it("-d forms", async () => {
    const s = testSession();
    expect(await sh(s, "date -d '1 hour ago' +%H:%M")).toBe("08:14\n");
    expect(await sh(s, "date -d yesterday +%F")).toBe("2026-11-21\n");
    expect(await sh(s, "date -d @0 -u")).toBe("Thu Jan  1 00:00:00 UTC 1970\n");
    expect(await sh(s, "date -d '2026-11-20 05:56:51' +%s")).toBe("1795154211\n");
    expect(await sh(s, "date -d '+2 days' +%F")).toBe("2026-11-24\n");
    expect(await run(s, "date -d 'blah blah'")).toMatchObject({ stderr: "date: invalid date \u2018blah blah\u2019\n", exitCode: 1 });
  });
  it("setting needs privileges; bad option", async () => {
    expect(await run(testSession(), "date -s '2020-01-01'")).toMatchObject({ stderr: "date: cannot set date: Operation not permitted\n", exitCode: 1 });
    expect(await run(testSession(), "date -x")).toMatchObject({ stderr: "date: invalid option -- 'x'\nTry 'date --help' for more information.\n", exitCode: 1 });
  });
});
