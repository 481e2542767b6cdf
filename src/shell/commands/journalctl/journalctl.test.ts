import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

/** The API leaks until the OOM killer kills it; systemd restarts it (Restart=always). */
export function apiOomHost() {
  const h = buildTestHost((spec) => {
    spec.swapKiB = 0;
    spec.faults = [{ type: "memory-leak", params: { service: "api", kibPerS: 150000 } }];
  });
  h.tick(40000);
  return h;
}

describe("journalctl", () => {
  it("prints the journal with kernel lines, no 'Logs begin' header (systemd 252)", async () => {
    await expect(await sh(testSession(), "journalctl --no-pager")).toMatchFileSnapshot("__golden__/journalctl.txt");
  });
  it("-u shows a unit's lines, with or without .service; -n limits", async () => {
    const s = testSession(apiOomHost());
    const r = await run(s, "journalctl -u api -n 20 --no-pager");
    await expect(r.stdout).toMatchFileSnapshot("__golden__/journalctl_u_api_oom.txt");
    expect(r.stdout).toMatch(/systemd\[1\]: api\.service: A process of this unit has been killed by the OOM killer\.\n/);
    expect(r.stdout).toMatch(/api\.service: Scheduled restart job, restart counter is at 1\./);
    expect(r.evidence).toEqual(expect.arrayContaining(["journal:api", "journal:oom"]));
    expect(await sh(s, "journalctl -u api.service -n 1")).toBe(await sh(s, "journalctl -u api -n 1"));
  });
  it("-k shows the kernel's OOM report as kernel: lines", async () => {
    const r = await run(testSession(apiOomHost()), "journalctl -k -n 3 --no-pager");
    expect(r.stdout).toMatch(/^\w{3} \d\d \d\d:\d\d:\d\d web-01 kernel: oom-kill:constraint=CONSTRAINT_NONE/m);
    expect(r.stdout).toMatch(/kernel: Out of memory: Killed process \d+ \(gunicorn\)/);
    expect(r.evidence).toContain("kmsg:oom-kill");
  });
  it("filters by priority, time and grep; -r reverses; -o cat/json/short-iso", async () => {
    const s = testSession(apiOomHost());
    expect(await sh(s, "journalctl -u api -p warning -o cat")).toMatch(/^api\.service: A process of this unit has been killed by the OOM killer\.\napi\.service: Main process exited, code=killed, status=9\/KILL\n/);
    expect(await sh(s, "journalctl -u nosuch")).toBe("-- No entries --\n");
    expect(await sh(s, "journalctl --since '1 min ago' -u api -g restart -o cat")).toBe("api.service: Scheduled restart job, restart counter is at 1.\n");
    expect(await sh(s, "journalctl -u api -r -n 1 -o cat")).toBe(await sh(s, "journalctl -u api -n 1 -o cat"));
    const json = JSON.parse((await sh(s, "journalctl -u api -n 1 -o json")).trim()) as Record<string, string>;
    expect(json).toMatchObject({ SYSLOG_IDENTIFIER: "systemd", _HOSTNAME: "web-01", _PID: "1" });
    expect(await sh(s, "journalctl -u nginx -n 1 -o short-iso")).toMatch(/^2026-11-20T05:56:59\+0000 web-01 systemd\[1\]: Started nginx\.service/);
  });
  it("-f follows new lines as the sim clock advances", async () => {
    const h = buildTestHost((spec) => {
      spec.swapKiB = 0;
      spec.faults = [{ type: "memory-leak", params: { service: "api", kibPerS: 700000 } }];
    });
    const out = await sh(testSession(h), "timeout 20 journalctl -f -u api");
    expect(out).toMatch(/Started api\.service[\s\S]*killed by the OOM killer/);
  });
  it("hides the system journal from users outside adm/systemd-journal", async () => {
    const h = buildTestHost((spec) => spec.users!.push({ name: "dev", uid: 1002 }));
    const s = testSession(h, { user: "dev" });
    expect(await run(s, "journalctl -u nginx")).toMatchObject({
      stdout: "-- No entries --\n",
      stderr: "Hint: You are currently not seeing messages from other users and the system.\n      Users in groups 'adm', 'systemd-journal' can see all messages.\n      Pass -q to turn off this notice.\n",
    });
  });
  it("errors like journalctl", async () => {
    const s = rootSession();
    expect(await run(s, "journalctl --bogus")).toMatchObject({ stderr: "journalctl: unrecognized option '--bogus'\n", exitCode: 1 });
    expect(await run(s, "journalctl -o fancy")).toMatchObject({ stderr: "Unknown output format 'fancy'.\n", exitCode: 1 });
    expect(await run(s, "journalctl --since yesterdayish")).toMatchObject({ stderr: "Failed to parse timestamp: yesterdayish\n", exitCode: 1 });
    expect(await run(s, "journalctl -p loud")).toMatchObject({ stderr: "Unknown log level loud\n", exitCode: 1 });
    expect((await sh(s, "journalctl --help")).split("\n")[0]).toBe("journalctl [OPTIONS...] [MATCHES...]");
  });
});
