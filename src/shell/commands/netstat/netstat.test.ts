import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";

function busyHost() {
  return buildTestHost((spec) => {
    spec.net!.sockets = [
      { state: "ESTAB", local: "10.0.2.15:80", peer: "10.0.2.32:43035", comm: "nginx" },
      { state: "TIME-WAIT", local: "127.0.0.1:8000", peer: "127.0.0.1:40848" },
      { state: "CLOSE-WAIT", local: "127.0.0.1:54720", peer: "127.0.0.1:6379", recvQ: 1, comm: "gunicorn" },
    ];
  });
}

describe("netstat", () => {
  it("netstat -tanp as root has net-tools' fixed columns", async () => {
    const out = await sh(rootSession(busyHost()), "netstat -tanp");
    await expect(out).toMatchFileSnapshot("__golden__/netstat_tanp.root.txt");
    // same header and row layout as the reference capture
    const ref = readFileSync("/work/shared/reference/linux-output/netstat_tanp.txt", "utf8").split("\n").filter((l) => !l.startsWith("# "));
    expect(out.split("\n")[0]).toBe(ref[0]);
    expect(out.split("\n")[1]).toBe(ref[1]);
    expect(out).toMatch(/^tcp {8}0 {6}0 0\.0\.0\.0:80 {14}0\.0\.0\.0:\* {15}LISTEN {6}\d+\/nginx: master/m);
    expect(out).toMatch(/^tcp {8}0 {6}0 127\.0\.0\.1:8000 {10}127\.0\.0\.1:40848 {9}TIME_WAIT   - {19}$/m);
  });

  it("non-root -p: dashes and the notice on stderr", async () => {
    const r = await run(testSession(busyHost()), "netstat -tulpn");
    await expect(r.stdout).toMatchFileSnapshot("__golden__/netstat_tulpn.sre.txt");
    expect(r.stderr).toBe("(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)\n");
  });

  it("-rn and -i", async () => {
    const s = testSession();
    await expect(await sh(s, "netstat -rn")).toMatchFileSnapshot("__golden__/netstat_rn.txt");
    const i = await sh(s, "netstat -i");
    expect(i.split("\n")[1]).toBe("Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg");
    expect(i).toMatch(/^eth0 {13}1500 +\d+ +0 +0 0 +\d+ +0 +0 +0 BMRU$/m);
  });

  it("names ports without -n", async () => {
    expect(await sh(testSession(), "netstat -tl")).toMatch(/^tcp {8}0 {6}0 0\.0\.0\.0:http {12}0\.0\.0\.0:\* {15}LISTEN {5}$/m);
  });

  it("bad option: message and usage, exit 3", async () => {
    const r = await run(testSession(), "netstat -z");
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/^netstat: invalid option -- 'z'\nusage: netstat \[-vWeenNcCF\]/);
  });
});
