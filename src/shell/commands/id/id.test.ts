import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("id / groups", () => {
  it("id for the login user, under sudo, and for a named user", async () => {
    const s = testSession();
    await expect(await sh(s, "id; id -u; id -gn; id -Gn; id www-data; sudo id")).toMatchFileSnapshot("__golden__/id.txt");
    expect(await sh(s, "id")).toBe("uid=1000(sre) gid=1000(sre) groups=1000(sre),4(adm),27(sudo),999(systemd-journal)\n");
    expect(await run(s, "id nosuch")).toMatchObject({ stderr: "id: \u2018nosuch\u2019: no such user\n", exitCode: 1 });
    expect(await sh(rootSession(), "id")).toBe("uid=0(root) gid=0(root) groups=0(root)\n");
  });
  it("groups (needs /usr/bin/groups in the image)", async () => {
    const host = buildTestHost((spec) => spec.files!.push({ path: "/usr/bin/groups", content: "", mode: 0o755 }));
    const s = testSession(host);
    expect(await sh(s, "groups")).toBe("sre adm sudo systemd-journal\n");
    expect(await sh(s, "groups root sre")).toBe("root : root\nsre : sre adm sudo systemd-journal\n");
  });
});
