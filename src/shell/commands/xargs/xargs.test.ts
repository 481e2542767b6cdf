import { describe, expect, it } from "vitest";
import { run, sh, testSession } from "../../../testing/host-builder.js";

describe("xargs", () => {
  it("builds command lines (-n, -I, -0, quotes, default echo)", async () => {
    const s = testSession();
    await expect(await sh(s, "printf 'a b\\nc\\n' | xargs; printf 'a b c\\n' | xargs -n 2 echo +; printf 'x\\ny\\n' | xargs -I{} echo 'item {} done'; printf 'p q\\0r\\0' | xargs -0 -n1 echo; echo \"'one two' three\" | xargs -n1")).toMatchFileSnapshot("__golden__/xargs.txt");
    expect(await sh(s, "echo /etc/hostname /etc/hosts | xargs -n1 basename")).toBe("hostname\nhosts\n");
  });
  it("exit statuses and errors", async () => {
    const s = testSession();
    expect(await run(s, "echo x | xargs false")).toMatchObject({ exitCode: 123 });
    expect(await run(s, "echo x | xargs nosuchcmd")).toMatchObject({ stderr: "xargs: nosuchcmd: No such file or directory\n", exitCode: 127 });
    expect(await run(s, "echo \"it's\" | xargs echo")).toMatchObject({ exitCode: 1, stderr: "xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n" });
    expect(await sh(s, "printf '' | xargs -r echo hi")).toBe("");
  });
});
