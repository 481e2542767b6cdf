import { describe, expect, it } from "vitest";
import { rootSession, run, sh } from "../../../testing/host-builder.js";

describe("stat", () => {
  it("GNU default format and -c specifiers", async () => {
    const s = rootSession();
    await expect(await sh(s, "stat /etc/hostname /var/log /dev/null; stat -c '%s %n %U %G %a %A %h %F %y' /var/log/nginx/access.log")).toMatchFileSnapshot("__golden__/stat.txt");
  });
  it("errors", async () => {
    const r = await run(rootSession(), "stat /nope");
    expect(r.stderr).toBe("stat: cannot statx '/nope': No such file or directory\n");
    expect(r.exitCode).toBe(1);
  });
});
