import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

const host = () => buildTestHost((spec) => spec.files!.push({ path: "/usr/bin/clear", content: "", mode: 0o755 }));

describe("clear", () => {
  it("homes, clears the screen and the scrollback", async () => {
    const s = testSession(host());
    await expect(JSON.stringify(await sh(s, "clear")) + "\n").toMatchFileSnapshot("__golden__/clear.txt");
    expect(await sh(s, "clear")).toBe("\x1b[H\x1b[2J\x1b[3J");
    expect(await sh(s, "clear -x")).toBe("\x1b[H\x1b[2J");
    expect(await run(s, "clear -q")).toMatchObject({ exitCode: 1 });
  });
});
