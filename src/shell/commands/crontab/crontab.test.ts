import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, testSession } from "../../../testing/host-builder.js";

describe("crontab", () => {
  it("-l lists the user's crontab, or says there is none", async () => {
    const h = buildTestHost((spec) => (spec.crontab = { app: "# m h dom mon dow command\n*/5 * * * * /opt/app/bin/cleanup.sh\n" }));
    const r = await run(rootSession(h), "crontab -l -u app");
    await expect(r.stdout).toMatchFileSnapshot("__golden__/crontab_l_app.txt");
    expect(await run(testSession(h), "crontab -l")).toMatchObject({ stdout: "", stderr: "no crontab for sre\n", exitCode: 1 });
    expect(await run(testSession(h), "crontab -l -u app")).toMatchObject({ stderr: "must be privileged to use -u\n", exitCode: 1 });
  });
  it("rejects unknown options", async () => {
    const r = await run(testSession(), "crontab -z");
    expect(r.exitCode).toBe(1);
    expect(r.stderr.startsWith("crontab: invalid option -- 'z'\n")).toBe(true);
  });
});
