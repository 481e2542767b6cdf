import { describe, expect, it } from "vitest";
import { run, sh, testSession } from "../../../testing/host-builder.js";

describe("logger", () => {
  it("writes to the journal, visible with journalctl -t", async () => {
    const s = testSession();
    expect(await run(s, "logger -t deploy -p user.warning release 42 rolled out")).toMatchObject({ stdout: "", exitCode: 0 });
    await expect(await sh(s, "journalctl -t deploy")).toMatchFileSnapshot("__golden__/journal_t_deploy.txt");
    expect(await sh(s, "journalctl -t deploy -p warning -o cat")).toBe("release 42 rolled out\n");
    expect(await sh(s, "echo from-stdin | logger; journalctl -t sre -o cat")).toBe("from-stdin\n");
  });
  it("rejects bad priorities", async () => {
    expect(await run(testSession(), "logger -p user.loud x")).toMatchObject({ stderr: "logger: unknown priority name: loud\n", exitCode: 1 });
  });
});
