import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh } from "../../../testing/host-builder.js";

const host = () => buildTestHost();

describe("service", () => {
  it("hands `service UNIT status` to systemctl status", async () => {
    const s = rootSession(host());
    const out = await sh(s, "service nginx status");
    await expect(out).toMatchFileSnapshot("__golden__/service_nginx_status.txt");
    expect(out).toBe(await sh(s, "systemctl status nginx --no-pager"));
  });
  it("restarts through systemctl and lists units with --status-all", async () => {
    const s = rootSession(host());
    expect(await run(s, "service nginx restart")).toMatchObject({ stdout: "", stderr: "", exitCode: 0 });
    expect(await sh(s, "service --status-all | head -n 2")).toBe(" [ + ]  api\n [ + ]  cron\n");
    expect(await run(s, "service nginx frob")).toMatchObject({ stderr: "Usage: /etc/init.d/nginx {start|stop|restart|reload|force-reload|status}\n", exitCode: 1 });
    expect(await run(s, "service")).toMatchObject({ stderr: "Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n", exitCode: 1 });
  });
});
