import { describe, expect, it } from "vitest";
import { rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("cp", () => {
  it("copies files and trees, -v, GNU errors", async () => {
    const s = rootSession();
    await expect(await sh(s, "cp -v /etc/hostname /tmp/h; cp -r /etc/nginx /tmp/ng; ls -R /tmp/ng; cp /etc/nginx /tmp/x; cp /nope /tmp; cp; cp /tmp/h")).toMatchFileSnapshot("__golden__/cp.txt");
  });
  it("copies a sparse log's full size (takes real blocks)", async () => {
    const s = rootSession();
    expect(await sh(s, "cp /var/log/nginx/access.log /tmp/a.log; stat -c %s /tmp/a.log")).toBe("48213355\n");
    expect((await run(testSession(), "cp /etc/hostname /etc/h2")).stderr).toBe("cp: cannot create regular file '/etc/h2': Permission denied\n");
  });
});
