import { describe, expect, it } from "vitest";
import { sh, testSession } from "../../../testing/host-builder.js";

describe("env", () => {
  it("prints the environment without Faultline's internal variables", async () => {
    const s = testSession();
    const out = await sh(s, "env");
    await expect(out).toMatchFileSnapshot("__golden__/env.txt");
    expect(out).not.toMatch(/^__FL_|^\?=/m);
    expect(await sh(s, "env | grep -c NOTTY")).toBe("0\n");
    expect(await sh(s, "FOO=1 env | grep FOO")).toBe("FOO=1\n");
  });
});
