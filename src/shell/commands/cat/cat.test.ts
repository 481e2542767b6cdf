import { describe, expect, it } from "vitest";
import { rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("cat", () => {
  it("prints files, numbers and shows ends", async () => {
    const s = rootSession();
    await expect(await sh(s, "cat -n /etc/hostname /etc/fstab; cat -A /etc/fstab")).toMatchFileSnapshot("__golden__/cat_n_A.txt");
  });
  it("stdin with -, squeeze blanks, /dev/null", async () => {
    const s = testSession();
    expect(await sh(s, "printf 'a\\n\\n\\n\\tb\\n' | cat -s -T - /dev/null")).toBe("a\n\n^Ib\n");
  });
  it("GNU per-file errors keep going", async () => {
    const r = await run(testSession(), "cat /nope /etc/shadow /etc /etc/hostname");
    expect(r.stdout).toBe("web-01\n");
    expect(r.stderr).toBe("cat: /nope: No such file or directory\ncat: /etc/shadow: Permission denied\ncat: /etc: Is a directory\n");
    expect(r.exitCode).toBe(1);
    expect((await run(testSession(), "cat -Q")).stderr).toBe("cat: invalid option -- 'Q'\nTry 'cat --help' for more information.\n");
  });
});
