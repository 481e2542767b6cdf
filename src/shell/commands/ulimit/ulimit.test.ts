import { describe, expect, it } from "vitest";
import { run, sh, testSession } from "../../../testing/host-builder.js";

describe("ulimit", () => {
  it("-a prints bash's table", async () => {
    await expect(await sh(testSession(), "ulimit -a")).toMatchFileSnapshot("__golden__/ulimit_a.txt");
  });
  it("-n shows and sets the shell's soft limit, up to the hard limit", async () => {
    const s = testSession();
    expect(await sh(s, "ulimit -n; ulimit -Hn")).toBe("1024\n524288\n");
    expect(await sh(s, "ulimit -n 4096; ulimit -n")).toBe("4096\n");
    expect(await run(s, "ulimit -n 99999999")).toMatchObject({ stderr: "-bash: ulimit: open files: cannot modify limit: Operation not permitted\n", exitCode: 1 });
    expect(await run(s, "ulimit -n foo")).toMatchObject({ stderr: "-bash: ulimit: foo: invalid number\n", exitCode: 1 });
    expect(await run(s, "ulimit -z")).toMatchObject({ stderr: "-bash: ulimit: -z: invalid option\nulimit: usage: ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]\n", exitCode: 2 });
  });
});
