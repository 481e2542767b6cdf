import { describe, expect, it } from "vitest";
import { run, sh, testSession } from "../../../testing/host-builder.js";

describe("uname", () => {
  it("-a in coreutils order; single fields", async () => {
    const s = testSession();
    await expect(await sh(s, "uname -a")).toMatchFileSnapshot("__golden__/uname_a.txt");
    expect(await sh(s, "uname")).toBe("Linux\n");
    expect(await sh(s, "uname -r")).toBe("6.1.0-18-amd64\n");
    expect(await sh(s, "uname -srm")).toBe("Linux 6.1.0-18-amd64 x86_64\n");
    expect(await sh(s, "uname -p -i -o")).toBe("unknown unknown GNU/Linux\n");
  });
  it("bad option", async () => {
    expect(await run(testSession(), "uname -z")).toMatchObject({ stderr: "uname: invalid option -- 'z'\nTry 'uname --help' for more information.\n", exitCode: 1 });
  });
});
