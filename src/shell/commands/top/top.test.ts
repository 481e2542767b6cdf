import { describe, expect, it } from "vitest";
import { buildTestHost, rootSession, run, sh, testSession } from "../../../testing/host-builder.js";
import { scaleMem, scaleTics } from "./top-render.js";

const hog = buildTestHost.bind(null, (spec) => {
  spec.faults = [{ type: "cpu-hog", params: { comm: "python3", argv: "python3 /opt/jobs/reindex.py", demand: 1 } }];
});

describe("top", () => {
  it("batch frame on the demo host", async () => {
    await expect(await sh(testSession(), "top -b -n 1")).toMatchFileSnapshot("__golden__/top_b_n1.txt");
  });

  it("prints the summary lines in procps' layout, trailing spaces included", async () => {
    const out = (await sh(testSession(), "top -b -n 1")).split("\n");
    expect(out[0]).toMatch(/^top - \d\d:\d\d:\d\d up 2 days, {2}3:17, {2}1 user, {2}load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d$/);
    expect(out[1]).toMatch(/^Tasks: +\d+ total, +\d+ running, +\d+ sleeping, +\d+ stopped, +\d+ zombie$/);
    expect(out[2]).toMatch(/^%Cpu\(s\):( ?[ \d]{2}\d\.\d (us|sy|ni|id|wa|hi|si),)+ ?[ \d]{2}\d\.\d st $/);
    expect(out[3]).toMatch(/^MiB Mem : {3}3930\.9 total, +\d+\.\d free, +\d+\.\d used, +\d+\.\d buff\/cache {5}$/);
    expect(out[4]).toMatch(/^MiB Swap: {6}0\.0 total, {6}0\.0 free, {6}0\.0 used\. +\d+\.\d avail Mem $/);
    expect(out[5]).toBe("");
    expect(out[6]).toBe("    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND");
    expect(out.every((l) => l.length <= 80)).toBe(true);
  });

  it("matches the capture's column layout with 5-digit pids", async () => {
    const host = buildTestHost((spec) => {
      spec.sysctl = { "kernel.pid_max": "32768" };
    });
    const out = (await sh(testSession(host), "top -b -n 1")).split("\n");
    expect(out[6]).toBe("  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND");
    expect(out.find((l) => / 3 root/.test(l))).toBe("    3 root      20   0       0      0      0 S   0.0   0.0   0:00.00 pool_work+");
    expect(out.find((l) => /^ +12 root/.test(l))).toMatch(/^ {3}12 root {6}rt {3}0 /);
    expect(out.find((l) => /^ +27 root/.test(l))).toBe("   27 root      39  19       0      0      0 S   0.0   0.0   0:00.00 khugepaged");
  });

  it("ranks a CPU hog first with the CPU it gets now", async () => {
    const r = await run(testSession(hog()), "top -b -n 1 | head -8");
    const row = r.stdout.split("\n")[7]!;
    expect(row).toMatch(/^ +\d+ root +20 +0 +120000 +24000 +\d+ R 100\.0 +0\.6 +30:00\.00 python3$/);
    expect(r.stdout.split("\n")[2]).toMatch(/^%Cpu\(s\): 48\.5 us, {2}1\.5 sy/);
    expect(r.evidence).toContain(`proc:${row.trim().split(/\s+/)[0]}:cpu`);
  });

  it("-n 2 -d 2 samples twice, two seconds of sim time apart", async () => {
    const s = testSession(hog());
    const r = await s.run("top -b -n 2 -d 2 -o %MEM -c");
    expect(r.simMs).toBe(2000);
    const frames = r.stdout.split(/\n(?=top - )/);
    expect(frames).toHaveLength(2);
    expect(frames[1]!.split("\n")[7]).toMatch(/ 213 app .* \/usr\/bi\+$/);
  });

  it("-p, -u, -H, -1, -E g", async () => {
    const s = testSession();
    const p = (await sh(s, "top -b -n1 -p 209,210")).split("\n");
    expect(p[1]).toBe("Tasks:   2 total,   0 running,   2 sleeping,   0 stopped,   0 zombie");
    expect(p.slice(7).filter(Boolean)).toHaveLength(2);
    expect(await sh(s, "top -b -n1 -u postgres | tail -n +8 | wc -l")).toBe("5\n");
    expect((await sh(s, "top -b -n1 -H")).split("\n")[1]).toMatch(/^Threads: /);
    const one = (await sh(s, "top -b -n1 -1")).split("\n");
    expect(one[2]).toMatch(/^%Cpu0  :/);
    expect(one[3]).toMatch(/^%Cpu1  :/);
    expect((await sh(s, "top -b -n1 -E g")).split("\n")[3]).toMatch(/^GiB Mem : {4}3\.839 total,/);
  });

  it("scales memory and times like top", () => {
    expect(scaleMem(1642756, 6)).toBe("  1.6g");
    expect(scaleMem(1689304, 7)).toBe("1689304");
    expect(scaleTics(6645, 9)).toBe("  1:06.45");
    expect(scaleTics(100 * 3600 * 10, 9)).toBe("    10,00");
  });

  it("fails without a terminal unless in batch mode, and on bad arguments", async () => {
    const s = testSession();
    expect(await run(s, "top")).toMatchObject({ stderr: "top: failed tty get\n", exitCode: 1 });
    expect(await run(s, "top -b -n1 -o FOO")).toMatchObject({ stderr: "top: unrecognized field name 'FOO'\n", exitCode: 1 });
    expect(await run(s, "top -b -n x")).toMatchObject({ stderr: "top: bad iterations argument 'x'\n", exitCode: 1 });
    expect(await run(s, "top -b -d x")).toMatchObject({ stderr: "top: bad delay interval 'x'\n", exitCode: 1 });
    expect(await run(s, "top -b -p abc")).toMatchObject({ stderr: "top: bad pid 'abc'\n", exitCode: 1 });
    expect(await run(s, "top -b -u nosuch")).toMatchObject({ stderr: "top: Invalid user\n", exitCode: 1 });
    expect(await run(s, "top -Z")).toMatchObject({ stderr: "top: invalid option -- 'Z'\n", exitCode: 0 });
    expect((await run(s, "top -h")).stdout).toMatch(/^\nUsage:\n top \[options\]\n\nOptions:\n -b, --batch-mode/);
  });

  it("runs full-screen on the interactive terminal; k kills through the engine", async () => {
    const host = hog();
    const s = testSession(host, { interactive: true, cols: 100 });
    const r = await s.run("top");
    expect(r.screen).toBeDefined();
    const scr = r.screen!;
    const frame = scr.render(100, 24);
    expect(frame.split("\n")).toHaveLength(24);
    expect(frame.split("\n")[7]).toMatch(/ python3$/);
    const hogPid = Number(frame.split("\n")[7]!.trim().split(/\s+/)[0]);
    expect(scr.key("k")).toEqual({ prompt: `PID to signal/kill [default pid = ${hogPid}] ` });
    expect(scr.key("")).toEqual({ prompt: `Send pid ${hogPid} signal [15/sigterm] ` });
    expect(scr.key("9")).toBe("redraw");
    // sre may not kill root's process: top says so on its message line
    expect(scr.render(100, 24).split("\n")[5]).toBe(` Failed signal pid '${hogPid}' with '9': Operation not permitted`);
    expect(scr.key("M")).toBe("redraw");
    expect(scr.key("q")).toBe("exit");
    const root = rootSession(host);
    void root;
  });
});
