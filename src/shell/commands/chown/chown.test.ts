import { describe, expect, it } from "vitest";
import { rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("chown", () => {
  it("user:group, -v, -R and errors", async () => {
    const s = rootSession();
    await expect(await sh(s, "mkdir -p /tmp/d; touch /tmp/d/f; chown -Rv sre:adm /tmp/d; ls -ld /tmp/d /tmp/d/f; chown bob /tmp/d; chown sre:nogrp /tmp/d")).toMatchFileSnapshot("__golden__/chown.txt");
  });
  it("only root gives files away", async () => {
    const r = await run(testSession(), "chown sre /etc/hostname");
    expect(r.stderr).toBe("chown: changing ownership of '/etc/hostname': Operation not permitted\n");
  });
});
