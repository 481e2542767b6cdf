import { describe, expect, it } from "vitest";
import { rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

describe("killall", () => {
  it("kills by name, reports missing names and permission errors like psmisc", async () => {
    expect(await run(testSession(), "killall nosuch")).toMatchObject({ stderr: "nosuch: no process found\n", exitCode: 1 });
    expect(await run(testSession(), "killall cron")).toMatchObject({ stderr: "cron(203): Operation not permitted\n", exitCode: 1 });
    const s = rootSession();
    const r = await run(s, "killall -v -9 gunicorn");
    await expect(r.stderr).toMatchFileSnapshot("__golden__/killall_v_9.txt");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain("Killed gunicorn(212) with signal 9\n");
    expect(await run(s, "killall -s FOO cron")).toMatchObject({ stderr: "FOO: unknown signal; killall -l lists signals.\n", exitCode: 1 });
    expect(await sh(s, "killall -l")).toBe("HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\nCHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n");
    expect((await run(s, "killall")).stderr).toMatch(/^Usage: killall \[OPTION\]\.\.\. \[--\] NAME\.\.\./);
  });
  it("-u limits to a user; -w waits", async () => {
    const s = rootSession();
    expect((await run(s, "killall -w -u www-data nginx")).exitCode).toBe(0);
    expect(await sh(s, "pgrep -c nginx")).toBe("1\n");
  });
});
