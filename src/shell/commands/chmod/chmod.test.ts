import { describe, expect, it } from "vitest";
import { rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("chmod", () => {
  it("octal and symbolic modes, -v, errors", async () => {
    const s = rootSession();
    await expect(await sh(s, "touch /tmp/f; chmod -v 750 /tmp/f; chmod -v g-x,o+r /tmp/f; chmod u+s /tmp/f; ls -l /tmp/f; chmod 7777x /tmp/f; chmod 644 /nope")).toMatchFileSnapshot("__golden__/chmod.txt");
  });
  it("Operation not permitted on someone else's file", async () => {
    const r = await run(testSession(), "chmod 777 /etc/hostname");
    expect(r.stderr).toBe("chmod: changing permissions of '/etc/hostname': Operation not permitted\n");
    expect(r.exitCode).toBe(1);
  });
});
