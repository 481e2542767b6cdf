import { describe, expect, it } from "vitest";
import { rootSession, sh } from "../../../testing/host-builder.js";

describe("ln", () => {
  it("symlinks, hard links, -f, -v and errors", async () => {
    const s = rootSession();
    await expect(await sh(s, "cd /tmp; touch a; ln -sv a b; ln a c; ln -s a b; ln a c; ln -sf /etc/hostname b; ls -li /tmp | sed 's/^ *[0-9]* //'")).toMatchFileSnapshot("__golden__/ln.txt");
  });
});
