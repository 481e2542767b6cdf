import { describe, expect, it } from "vitest";
import { run, sh, testSession } from "../../../testing/host-builder.js";

describe("whoami", () => {
  it("effective user", async () => {
    const s = testSession();
    await expect(await sh(s, "whoami; sudo whoami")).toMatchFileSnapshot("__golden__/whoami.txt");
    expect(await run(s, "whoami x")).toMatchObject({ exitCode: 1 });
  });
});
