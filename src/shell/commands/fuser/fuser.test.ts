import { describe, expect, it } from "vitest";
import { rootSession, run } from "../../../testing/host-builder.js";

describe("fuser", () => {
  it("lists the pids using a file (pids on stdout, name on stderr) and -v", async () => {
    const s = rootSession();
    expect(await run(s, "fuser /var/log/nginx/access.log")).toMatchObject({ stdout: "   209   210   211", stderr: "/var/log/nginx/access.log:\n", exitCode: 0 });
    const v = await run(s, "fuser -v /var/log/nginx/access.log");
    await expect(v.stderr).toMatchFileSnapshot("__golden__/fuser_v.txt");
  });
  it("finds port holders and exits 1 when nothing uses a name", async () => {
    const s = rootSession();
    expect(await run(s, "fuser 80/tcp")).toMatchObject({ stdout: "   209", stderr: "80/tcp:\n" });
    expect(await run(s, "fuser /etc/hostname")).toMatchObject({ stdout: "", exitCode: 1 });
    expect(await run(s, "fuser /nope")).toMatchObject({ stderr: "/nope: No such file or directory\n", exitCode: 1 });
  });
});
