import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";
import { renderSsTable } from "./ss.js";

const REF = "/work/shared/reference/linux-output";
const body = (f: string): string =>
  readFileSync(`${REF}/${f}`, "utf8")
    .split("\n")
    .filter((l) => !l.startsWith("# "))
    .join("\n");

/** A host with connections like the reference capture: keep-alive clients, TIME-WAIT to the app, a sidecar. */
function busyHost() {
  return buildTestHost((spec) => {
    spec.net!.sockets = [
      { state: "ESTAB", local: "10.0.2.15:80", peer: "10.0.2.32:43035", comm: "nginx" },
      { state: "ESTAB", local: "10.0.2.15:22", peer: "10.0.2.31:58531", comm: "sshd" },
      { state: "TIME-WAIT", local: "127.0.0.1:8000", peer: "127.0.0.1:40848" },
      { state: "TIME-WAIT", local: "127.0.0.1:8000", peer: "127.0.0.1:40812" },
      { state: "CLOSE-WAIT", local: "127.0.0.1:54720", peer: "127.0.0.1:6379", recvQ: 1, comm: "gunicorn" },
    ];
  });
}

describe("ss", () => {
  it("renders the reference captures byte for byte (pipe and 80-column tty)", () => {
    for (const [file, tty] of [["ss_tanp.txt", undefined], ["ss_ltnp.txt", undefined], ["ss_tanp.tty80.txt", 80]] as const) {
      const ref = body(file);
      const rows: string[][] = [["Netid", "State", "Recv-Q", "Send-Q", "Local Address:", "Port", "Peer Address:", "Port", "Process", ""]];
      for (const l of ref.split("\n").filter(Boolean).slice(1)) {
        const m = /^(\S+)\s+(\d+)\s+(\d+)\s+(\S+:)(\S+)\s+(\S+:)(\S+)\s*(users:\S*)?/.exec(l)!;
        rows.push(["", m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]!, m[8] ? ` ${m[8]}` : "", ""]);
      }
      const disabled = [true, false, false, false, false, false, false, false, false, false];
      expect(renderSsTable(rows, disabled, tty)).toBe(ref);
    }
  });

  it("ss -tanp as root lists listeners with their inheriting workers, then connections", async () => {
    await expect(await sh(rootSession(busyHost()), "ss -tanp")).toMatchFileSnapshot("__golden__/ss_tanp.root.txt");
  });

  it("ss -ltn into a pipe packs columns; on a tty spreads them to the width", async () => {
    const h = busyHost();
    const out = await sh(testSession(h), "ss -ltn");
    expect(out.split("\n")[0]).toBe("State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess");
    await expect(out).toMatchFileSnapshot("__golden__/ss_ltn.txt");
    const tty = await sh(testSession(h, { interactive: true, cols: 80 }), "ss -ltn");
    await expect(tty).toMatchFileSnapshot("__golden__/ss_ltn.tty80.txt");
    expect(tty.split("\n")[0]!.length).toBe(80);
  });

  it("non-root -p shows only the caller's own processes", async () => {
    const out = await sh(testSession(busyHost()), "ss -tlnp");
    expect(out).not.toContain("users:");
    const root = await sh(rootSession(busyHost()), "ss -tlnp");
    expect(root).toMatch(/users:\(\("nginx",pid=\d+,fd=\d+\),\("nginx",pid=\d+,fd=\d+\),\("nginx",pid=\d+,fd=\d+\)\)/);
  });

  it("filters: state, sport/dport, and hides the State column for one state", async () => {
    const s = rootSession(busyHost());
    const est = await sh(s, "ss -tn state established");
    expect(est.split("\n")[0]).toMatch(/^Recv-Q Send-Q/);
    expect(est).toContain("10.0.2.32:43035");
    expect(est).not.toContain("127.0.0.1:54720");
    const tw = await sh(s, "ss -tan sport = :8000");
    expect(tw.match(/TIME-WAIT/g)?.length).toBe(2);
    expect(tw).toContain("LISTEN");
    const dp = await sh(s, "ss -tn '( dport = :6379 or sport = :22 )'");
    expect(dp).toContain("CLOSE-WAIT");
    expect(dp).toContain("10.0.2.31:58531");
    expect((await sh(s, "ss -t")).split("\n")[1]).toMatch(/^ESTAB\s+0\s+0\s+10\.0\.2\.15:http\s+10\.0\.2\.32:43035/);
  });

  it("ss -s summary", async () => {
    await expect(await sh(rootSession(busyHost()), "ss -s")).toMatchFileSnapshot("__golden__/ss_s.txt");
  });

  it("rejects unknown options and states like iproute2", async () => {
    const r = await run(testSession(), "ss -y");
    expect(r.exitCode).toBe(255);
    expect(r.stderr).toMatch(/^ss: invalid option -- 'y'\nUsage: ss \[ OPTIONS \]\n/);
    const st = await run(testSession(), "ss state bogus");
    expect(st.stderr).toBe("ss: wrong state name: bogus\n");
    expect((await sh(testSession(), "ss --version"))).toBe("ss utility, iproute2-6.1.0\n");
    expect(await sh(testSession(), "ss -h")).toMatch(/^Usage: ss \[ OPTIONS \]/);
  });
});
