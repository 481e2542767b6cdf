import { describe, expect, it } from "vitest";
import { rootSession, run, sh } from "../../../testing/host-builder.js";

describe("stat", () => {
  it("GNU default format and -c specifiers", async () => {
    const s = rootSession();
    await expect(await sh(s, "stat /etc/hostname /var/log /dev/null; stat -c '%s %n %U %G %a %A %h %F %y' /var/log/nginx/access.log")).toMatchFileSnapshot("__golden__/stat.txt");
  });
  it("device-type specifiers: 0 for files that are not device nodes, as GNU stat 9.1 prints", async () => {
    const s = rootSession();
    // Real: stat -c '%t:%T|%r|%R|%Hr:%Lr' on a regular file and on /dev/null
    expect(await sh(s, "stat -c '%t:%T|%r|%R|%Hr:%Lr' /etc/hostname /dev/null")).toBe("0:0|0|0|0:0\n1:3|259|103|1:3\n");
    // the default report says "Device: 254,1" for / (vda1); %Hd/%Ld split it, %d is 254*256+1
    expect(await sh(s, "stat -c '%Hd:%Ld %d %D' /etc/hostname")).toBe("254:1 65025 fe01\n");
  });
  it("-t prints the terse line", async () => {
    const s = rootSession();
    const [size, blocks, ino, mtime] = (await sh(s, "stat -c '%s %b %i %Y' /dev/null")).trim().split(" ");
    expect(await sh(s, "stat -t /dev/null")).toBe(`/dev/null ${size} ${blocks} 21b6 0 0 5 ${ino} 1 1 3 ${mtime} ${mtime} ${mtime} 0 4096\n`);
  });
  it("errors", async () => {
    const r = await run(rootSession(), "stat /nope");
    expect(r.stderr).toBe("stat: cannot statx '/nope': No such file or directory\n");
    expect(r.exitCode).toBe(1);
  });
});
