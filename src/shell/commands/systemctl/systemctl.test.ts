import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";
import { createSession } from "../../index.js";
import { formatRelative, formatTimespan, formatBytes } from "./systemd-format.js";

function apiOomHost() {
  const h = buildTestHost((spec) => {
    spec.swapKiB = 0;
    spec.faults = [{ type: "memory-leak", params: { service: "api", kibPerS: 150000 } }];
  });
  h.tick(40000);
  return h;
}

describe("systemctl", () => {
  it("status UNIT: Loaded/Active/Main PID/Tasks/Memory/CPU/CGroup then the journal tail", async () => {
    const r = await run(testSession(), "systemctl status nginx --no-pager");
    await expect(r.stdout).toMatchFileSnapshot("__golden__/status_nginx.txt");
    expect(r.exitCode).toBe(0);
    expect(r.evidence).toContain("unit:nginx:status");
  });
  it("status of an OOM-killed, restarted service shows the restart in its journal", async () => {
    const r = await run(testSession(apiOomHost()), "systemctl status api --no-pager");
    await expect(r.stdout).toMatchFileSnapshot("__golden__/status_api_oom.txt");
    expect(r.stdout).toMatch(/restart counter is at 1/);
    expect(r.stdout).toMatch(/Failed with result 'oom-kill'/);
  });
  it("a unit that ran and ended shows Duration, how its main process ended and the CPU it used", async () => {
    const s = rootSession();
    const running = await sh(s, "systemctl status nginx --no-pager");
    const cpu = /^ {8}CPU: (.*)$/m.exec(running)![1];
    await s.run("systemctl stop nginx");
    const stopped = await sh(s, "systemctl status nginx --no-pager");
    expect(stopped).toMatch(/\n {3}Duration: 2d 3h 17min \d+s\n {3}Main PID: 209 \(code=exited, status=0\/SUCCESS\)\n {8}CPU: /);
    expect(/^ {8}CPU: (.*)$/m.exec(stopped)![1]).toBe(cpu);
    await s.run("systemctl start nginx");
    await s.run("kill -9 $(pgrep -o nginx)");
    const killed = await sh(s, "systemctl status nginx --no-pager");
    expect(killed).toMatch(/Active: activating \(auto-restart\) \(Result: signal\) since .*\n {3}Main PID: \d+ \(code=killed, signal=KILL\)\n/);
  });
  it("status of a stopped and a failed unit; unknown units", async () => {
    const s = rootSession();
    await s.run("systemctl stop nginx");
    const st = await run(s, "systemctl status nginx");
    expect(st.stdout).toMatch(/^○ nginx\.service - A high performance web server and a reverse proxy server\n {5}Loaded: .*\n {5}Active: inactive \(dead\) since Sun 2026-11-22 09:14:03 UTC; (now|\d+ms ago)\n/);
    expect(st.exitCode).toBe(3);
    expect(await run(s, "systemctl status foo")).toMatchObject({ stdout: "", stderr: "Unit foo.service could not be found.\n", exitCode: 4 });
    const h = buildTestHost((spec) => spec.services!.push({ name: "worker", description: "Queue worker", state: "failed", template: { comm: "worker", argv: ["/usr/local/bin/worker"], user: "app", rssKiB: 1000, vszKiB: 2000 } }));
    const f = await run(testSession(h), "systemctl status worker");
    expect(f.stdout).toMatch(/^× worker\.service - Queue worker\n.*\n {5}Active: failed \(Result: exit-code\) since /);
    expect(f.evidence).toContain("unit:worker:failed");
    expect(await sh(testSession(h), "systemctl --failed --no-legend")).toBe("● worker.service loaded failed failed Queue worker\n");
  });
  it("colours the bullet on a tty and ellipsizes long lines", async () => {
    const s = createSession(buildTestHost(), { interactive: true, cols: 80 });
    const out = (await s.run("systemctl status nginx")).stdout;
    expect(out.startsWith("\x1b[0;1;32m●\x1b[0m nginx.service")).toBe(true);
    expect(out).toContain("Active: \x1b[0;1;32mactive (running)\x1b[0m since");
    expect(out).toMatch(/\n {13}├─\d+ "nginx: master process \/usr\/sbin\/nginx -g daemon on; master_…\n/);
    expect(out).toMatch(/\nNov 20 05:56:59 web-01 systemd\[1\]: Started nginx\.service - A high performance w…\n/);
    expect(out).toMatch(/Hint: Some lines were ellipsized, use -l to show in full\.\n$/);
  });
  it("start/stop/restart need root (polkit-less Debian) and act on the host", async () => {
    expect(await run(testSession(), "systemctl restart nginx")).toMatchObject({
      stderr: "Failed to restart nginx.service: Interactive authentication required.\nSee system logs and 'systemctl status nginx.service' for details.\n",
      exitCode: 4,
    });
    const s = testSession();
    const before = await sh(s, "systemctl show -p MainPID --value nginx");
    expect((await run(s, "sudo systemctl restart nginx")).exitCode).toBe(0);
    expect(await sh(s, "systemctl show -p MainPID --value nginx")).not.toBe(before);
    expect(await run(s, "sudo systemctl start foo")).toMatchObject({ stderr: "Failed to start foo.service: Unit foo.service not found.\n", exitCode: 5 });
    expect(await run(s, "sudo systemctl stop api; systemctl is-active api")).toMatchObject({ stdout: "inactive\n", exitCode: 3 });
    expect(await run(s, "sudo systemctl disable nginx; systemctl is-enabled nginx")).toMatchObject({ stdout: "disabled\n", stderr: 'Removed "/etc/systemd/system/multi-user.target.wants/nginx.service".\n' });
  });
  it("list-units, list-unit-files, cat, show", async () => {
    const s = testSession();
    await expect(await sh(s, "systemctl list-units --type=service")).toMatchFileSnapshot("__golden__/list_units.txt");
    await expect(await sh(s, "systemctl list-unit-files")).toMatchFileSnapshot("__golden__/list_unit_files.txt");
    expect(await sh(s, "systemctl cat api")).toMatch(/^# \/lib\/systemd\/system\/api\.service\n\[Unit\]\nDescription=Orders API \(gunicorn\)\n/);
    expect(await sh(s, "systemctl show nginx -p ActiveState -p SubState")).toBe("ActiveState=active\nSubState=running\n");
    expect(await sh(s, "systemctl is-active nginx")).toBe("active\n");
  });
  it("the host overview with the cgroup tree", async () => {
    await expect(await sh(testSession(), "systemctl status")).toMatchFileSnapshot("__golden__/status_overview.txt");
  });
  it("formats time spans, relative times and sizes like systemd", () => {
    expect(formatTimespan(133207)).toBe("2min 13.207s");
    expect(formatTimespan(36)).toBe("36ms");
    expect(formatTimespan(3600000 + 1500)).toBe("1h 1.5s");
    expect(formatRelative(242000)).toBe("4min 2s ago");
    expect(formatRelative(47000)).toBe("47s ago");
    expect(formatRelative(3 * 86400000 + 5000)).toBe("3 days ago");
    expect(formatBytes(7.9 * 1024 * 1024 + 1)).toBe("7.9M");
  });
  it("errors like systemctl", async () => {
    expect(await run(testSession(), "systemctl frobnicate")).toMatchObject({ stderr: "Unknown command verb 'frobnicate'.\n", exitCode: 1 });
    expect(await run(testSession(), "systemctl --bogus")).toMatchObject({ stderr: "systemctl: unrecognized option '--bogus'\n", exitCode: 1 });
    expect((await sh(testSession(), "systemctl --help")).split("\n")[0]).toBe("systemctl [OPTIONS...] COMMAND ...");
  });
});
