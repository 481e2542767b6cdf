/**
 * The worker-side terminal driver without a browser: lines typed as raw keys run on the
 * scenario host, the journal it reports replays to the same terminal content, Ctrl-C is
 * recorded and replayed, completion works, and a session is graded.
 */
import { describe, expect, it } from "vitest";
import { loadBuiltinCatalog } from "../catalog/builtin-scenarios.js";
import { TerminalDriver, downsample, splitKeys, type DriverDeps } from "./terminal-driver.js";
import type { JournalEntry, WorkerToMain } from "./protocol.js";

const catalog = loadBuiltinCatalog();

function fakeDeps(opts: { interruptAfterChecks?: number } = {}) {
  const posted: WorkerToMain[] = [];
  const clock = { now: 1_000_000 };
  let checks = 0;
  const deps: DriverDeps = {
    post: (m) => posted.push(m),
    wallNow: () => clock.now,
    interruptFlag: () => opts.interruptAfterChecks !== undefined && ++checks > opts.interruptAfterChecks,
    clearInterrupt: () => {
      checks = 0;
    },
    schedule: () => () => undefined,
  };
  const output = () => posted.flatMap((m) => (m.type === "output" ? [m.data] : [])).join("");
  const journal = (): JournalEntry[] => {
    const j: JournalEntry[] = [];
    for (const m of posted) {
      if (m.type === "journal") j.push(m.entry);
      if (m.type === "journal-interrupt") {
        const last = [...j].reverse().find((e) => e.t === "input");
        if (last && last.t === "input") last.interruptedAfter = m.interruptedAfter;
      }
    }
    return j;
  };
  return { deps, posted, clock, output, journal };
}

function driver(deps: DriverDeps, journal: JournalEntry[] = []) {
  const scenario = catalog.scenarios.get("oom-killer")!;
  return new TerminalDriver({ scenario, seed: 7, cols: 100, rows: 30, journal }, deps);
}

const norm = (s: string) => s.replace(/\r\n/g, "\n");

describe("TerminalDriver", () => {
  it("loads every shipped scenario", () => {
    expect(catalog.problems).toEqual([]);
    expect(catalog.entries.map((e) => e.id)).toContain("oom-killer");
  });

  it("runs typed lines, journals them and replays to the same terminal content", async () => {
    const live = fakeDeps();
    const d = driver(live.deps);
    await d.begin([]);
    expect(live.output()).toContain("Debian GNU/Linux comes with ABSOLUTELY NO WARRANTY");
    expect(live.output()).toMatch(/sre@\S+:~\$ $/);
    live.clock.now += 30_000;
    await d.input("upt");
    await d.input("ime\r");
    live.clock.now += 5_000;
    await d.input("echo hello | tr a-z A-Z\r");
    expect(live.output()).toContain("load average:");
    expect(live.output()).toContain("HELLO");
    const j = live.journal();
    expect(j.map((e) => e.t)).toEqual(["wait", "input", "wait", "input"]);
    expect(j[0]).toEqual({ t: "wait", ms: 30_000 });

    const again = fakeDeps();
    await driver(again.deps, j).begin(j);
    expect(norm(again.output())).toBe(norm(live.output()));
    expect(again.journal()).toEqual([]);
  });

  it("records Ctrl-C on a streaming command and replays it", async () => {
    const live = fakeDeps({ interruptAfterChecks: 12 });
    const d = driver(live.deps);
    await d.begin([]);
    await d.input("vmstat 1\r");
    expect(live.output()).toContain("^C");
    const j = live.journal();
    const input = j.find((e) => e.t === "input");
    expect(input && input.t === "input" && input.interruptedAfter).toBeGreaterThan(0);
    const again = fakeDeps();
    await driver(again.deps, j).begin(j);
    expect(norm(again.output())).toBe(norm(live.output()));
  });

  it("completes command names with Tab", async () => {
    const live = fakeDeps();
    const d = driver(live.deps);
    await d.begin([]);
    await d.input("uptim\t");
    expect(live.output()).toMatch(/uptime $/);
  });

  it("grades a session with notes, a hint and a diagnosis", async () => {
    const live = fakeDeps();
    const d = driver(live.deps);
    await d.begin([]);
    await d.input("sudo dmesg -T | tail -n 25\r");
    await d.note("hypothesis", "telemetry-agent leaks memory", 1);
    await d.hint("look-at-kernel", 2);
    await d.diagnose("telemetry-agent leaks memory and the OOM killer kills the API", "memory-leak");
    const kinds = live.journal().map((e) => e.t);
    expect(kinds).toEqual(expect.arrayContaining(["input", "hypothesis", "hint", "diagnosis"]));
    const r = await d.grade({ triage: 3 });
    expect(r.grade.diagnosisCorrect).toBe(true);
    expect(r.grade.hintsUsed).toBe(1);
    expect(r.markdown).toContain("# The orders API keeps dying");
    expect(r.commands[0].output).toContain("Out of memory");
  });

  it("splits keys and downsamples", () => {
    expect(splitKeys("q\x1b[Ak")).toEqual(["q", "\x1b[A", "k"]);
    expect(downsample([1, 2, 3, 4, 5, 6], 3)).toEqual([1, 3, 6]);
  });
});
