import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

describe("curl", () => {
  it("serves nginx's document root and proxies /api/ to the app", async () => {
    const s = testSession();
    await expect(await sh(s, "curl -si http://localhost/")).toMatchFileSnapshot("__golden__/curl_si_localhost.txt");
    expect(await sh(s, "curl -s -o /dev/null -w '%{http_code}\\n' http://127.0.0.1/api/orders")).toBe("200\n");
  });

  it("answers 502 from nginx when the upstream is down", async () => {
    const host = buildTestHost((spec) => void (spec.services = spec.services!.filter((x) => x.name !== "api")));
    const s = testSession(host);
    await expect(await sh(s, "curl -s http://localhost/api/orders")).toMatchFileSnapshot("__golden__/curl_502.txt");
    const r = await run(s, "curl -s -o /dev/null -w '%{http_code}' http://localhost/api/orders");
    expect(r.stdout).toBe("502");
    expect(r.evidence).toContain("http:http://localhost/api/orders:502");
  });

  it("connection errors use curl 7.88's wording and exit codes", async () => {
    const s = testSession();
    expect(await run(s, "curl -sS http://127.0.0.1:8080/")).toMatchObject({ stderr: "curl: (7) Failed to connect to 127.0.0.1 port 8080 after 0 ms: Couldn't connect to server\n", exitCode: 7 });
    expect(await run(s, "curl -sS http://nosuch.example/")).toMatchObject({ stderr: "curl: (6) Could not resolve host: nosuch.example\n", exitCode: 6 });
    expect(await run(s, "curl -s http://nosuch.example/")).toMatchObject({ stderr: "", exitCode: 6 });
    expect(await run(s, "curl -sS http://127.0.0.1:5432/")).toMatchObject({ stderr: "curl: (52) Empty reply from server\n", exitCode: 52 });
  });

  it("timeouts advance the sim clock", async () => {
    const host = buildTestHost((spec) => spec.net!.endpoints!.push({ host: "slow.example", addr: "198.51.100.7", rttMs: 30, external: true, http: { status: 200, body: "ok\n", delayMs: 8000 } }));
    host.net.dnsRecords["slow.example"] = ["198.51.100.7"];
    host.net.dnsRecords["dark.example"] = ["198.51.100.8"];
    const s = testSession(host);
    let t0 = host.nowMs;
    expect(await run(s, "curl -sS -m 5 http://slow.example/")).toMatchObject({ stderr: "curl: (28) Operation timed out after 5001 milliseconds with 0 bytes received\n", exitCode: 28 });
    expect(host.nowMs - t0).toBe(5001);
    t0 = host.nowMs;
    expect(await run(s, "curl -sS --connect-timeout 3 http://dark.example/")).toMatchObject({ stderr: "curl: (28) Connection timed out after 3001 milliseconds\n", exitCode: 28 });
    expect(host.nowMs - t0).toBe(3001);
    expect(await sh(s, "curl -s http://slow.example/")).toBe("ok\n");
  });

  it("bad option", async () => {
    expect(await run(testSession(), "curl --bogus x")).toMatchObject({ stderr: "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 });
  });
});
