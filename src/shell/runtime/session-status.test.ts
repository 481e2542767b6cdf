/**
 * The exit status of one typed line is what `$?` expands to on the next, as in bash: checked
 * against bash 5.2 (`false`, `ls /nope`, `sh -c "exit 3"` each followed by `echo $?` on its own line).
 */
import { describe, expect, it } from "vitest";
import { rootSession, sh } from "../../testing/host-builder.js";

describe("$? across typed lines", () => {
  it("carries the previous line's status", async () => {
    const s = rootSession();
    await sh(s, "false");
    expect(await sh(s, "echo $?")).toBe("1\n");
    await sh(s, "ls /nope");
    expect(await sh(s, "echo $?")).toBe("2\n");
    expect(await sh(s, "echo $?")).toBe("0\n");
    await sh(s, 'sh -c "exit 3"');
    expect(await sh(s, "echo $? $?")).toBe("3 3\n");
    expect(await sh(s, "env | grep -c '^?'")).toBe("0\n");
  });
});
