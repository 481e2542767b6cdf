import { describe, expect, it } from "vitest";
import { run, sh, testSession } from "../../../testing/host-builder.js";

describe("pidof", () => {
  it("prints PIDs newest first on one line", async () => {
    const s = testSession();
    await expect(await sh(s, "pidof gunicorn nginx postgres")).toMatchFileSnapshot("__golden__/pidof_multi.txt");
    expect(await sh(s, "pidof postgres")).toBe("219 218 217 216 215\n");
    expect(await sh(s, "pidof -s nginx")).toBe("211\n");
    expect(await sh(s, "pidof /usr/sbin/cron")).toBe("203\n");
    expect(await sh(s, "pidof -o 210 nginx")).toBe("211 209\n");
    expect(await run(s, "pidof nosuch")).toMatchObject({ stdout: "", exitCode: 1 });
    expect(await sh(s, "pidof -x gunicorn")).toBe("214 213 212\n");
  });
});
