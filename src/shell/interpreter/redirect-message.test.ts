/**
 * An ambiguous redirect names the target word as typed, and a redirection that fails inside
 * `sh -c`/`bash -c` names its path and errno text, as bash 5.2 does (each expected message was
 * printed by the real bash for the same input; a socket opened through /proc gives ENXIO).
 */
import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, testSession } from "../../testing/host-builder.js";

describe("ambiguous redirect", () => {
  it("names the redirection word as typed", async () => {
    const s = rootSession();
    expect((await run(s, 'x="1 2"; : > /tmp/$x/fd')).stderr).toBe("-bash: /tmp/$x/fd: ambiguous redirect\n");
    expect((await run(s, ": > /tmp/$(echo 1 2)/fd")).stderr).toBe("-bash: /tmp/$(echo 1 2)/fd: ambiguous redirect\n");
    expect((await run(s, "cat < /tmp/${x}")).stderr).toBe("-bash: /tmp/${x}: ambiguous redirect\n");
    const r = await run(s, 'set -- a b; : > "$@"');
    expect(r.stderr).toBe('-bash: "$@": ambiguous redirect\n');
    expect(r.exitCode).toBe(1);
  });
  it("a failed redirection inside sh -c names the path and the errno text, not a JS error", async () => {
    const host = buildTestHost();
    const p = [...host.procs.values()].find((q) => q.fds.some((f) => f.path.startsWith("socket:")))!;
    const fd = p.fds.find((f) => f.path.startsWith("socket:"))!.fd;
    const s = rootSession(host);
    // real: bash: /proc/22719/fd/3: No such device or address
    expect((await run(s, `sh -c "echo x > /proc/${p.pid}/fd/${fd}"`)).stderr).toBe(`sh: /proc/${p.pid}/fd/${fd}: No such device or address\n`);
    expect((await run(s, `echo x > /proc/${p.pid}/fd/${fd}`)).stderr).toBe(`-bash: /proc/${p.pid}/fd/${fd}: No such device or address\n`);
    expect((await run(s, `sh -c ": > /proc/${p.pid}/fd/999"`)).stderr).toBe(`sh: /proc/${p.pid}/fd/999: No such file or directory\n`);
    // the library hides /etc/... as <path>; the line's one redirection names it again
    expect((await run(testSession(host), 'sh -c "echo > /etc/passwd"')).stderr).toBe("sh: /etc/passwd: Permission denied\n");
  });
});
