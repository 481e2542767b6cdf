/**
 * Scenario fuzzing: a few hundred malformed or hostile scenario files — every scalar of the
 * minimal scenario given every wrong type and extreme number, deep nesting, alias bombs,
 * cyclic anchors, catastrophic regexes at every place a scenario holds one, odd bytes and YAML
 * tags, and random line-level mutations of every shipped scenario (fast-check, fixed seed) —
 * must each come back from the loader without throwing: rejected with readable
 * `file:line:col: message` issues that point into the file, or accepted and then compiled and
 * graded against a megabyte of output without an exception. A hang fails on vitest's timeout.
 */
import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument, visit, type Scalar } from "yaml";
import { compileScenario, formatIssue, loadScenario } from "../../src/scenario/index.js";
import { gradeSession } from "../../src/grading/index.js";
import { checkShellSyntax } from "../../src/testing/shell-syntax.js";

const MINIMAL = readFileSync(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8");
const SCENARIO_DIR = new URL("../../scenarios/", import.meta.url);
const SHIPPED = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith(".yaml")).sort().map((f) => readFileSync(new URL(f, SCENARIO_DIR), "utf8"));
const SEED = 20261123;

const WRONG: unknown[] = [0, -1, 1.5, 1e12, -1e308, 9007199254740993, "", "x".repeat(5000), "{{nope}}", true, null, [], [1, [2, [3]]], {}, { a: { b: 1 } }];
const EVIL_REGEX = ["(a+)+$", "(a|aa)+$", "(\\w+\\s?)+$", "(.*a){25}", "((ab)*)*$", "[", "(?<", "\\"];

/** Every scalar of a YAML text replaced in turn by each value of `values`. */
function eachScalar(text: string, values: unknown[]): [string, string][] {
  const out: [string, string][] = [];
  const count = (() => {
    let n = 0;
    visit(parseDocument(text), { Scalar: () => void n++ });
    return n;
  })();
  for (let k = 0; k < count; k++)
    for (const [vi, v] of values.entries()) {
      const doc = parseDocument(text);
      let i = 0;
      let where = "";
      visit(doc, {
        Scalar: (_key, node: Scalar) => {
          if (i++ !== k) return undefined;
          where = String(node.value).slice(0, 20);
          return doc.createNode(v);
        },
      });
      out.push([`scalar ${k} (${where}) := ${JSON.stringify(v)?.slice(0, 30)} #${vi}`, doc.toString()]);
    }
  return out;
}

/** Hand-built hostile files. */
function hostile(): [string, string][] {
  const nest = (n: number, open: string, close: string): string => `title: ${open.repeat(n)}${close.repeat(n)}\n`;
  const laughs = (w: number, d: number): string =>
    [`l0: &l0 [${Array(w).fill('"lol"').join(",")}]`, ...Array.from({ length: d }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(w).fill(`*l${i}`).join(",")}]`)].join("\n") + "\n";
  const cases: [string, string][] = [
    ...[50, 500, 5000, 50000].flatMap((n) => [[`flow seq depth ${n}`, nest(n, "[", "]")], [`flow map depth ${n}`, nest(n, "{a: ", "}")]] as [string, string][]),
    ...[100, 1000].map((n): [string, string] => [`block depth ${n}`, Array.from({ length: n }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n") + " 1\n"]),
    ...[[10, 9], [3, 30], [100, 2], [2, 60]].map(([w, d]): [string, string] => [`alias bomb ${w}x${d}`, laughs(w!, d!)]),
    ["alias bomb in a valid scenario", MINIMAL.replace("tags: [test]", `tags: [test]\nx: &x [a,a,a,a,a,a,a,a,a,a]\ny: &y [*x,*x,*x,*x,*x,*x,*x,*x,*x,*x]\nz: [*y,*y,*y,*y,*y,*y,*y,*y,*y,*y]`)],
    ["cyclic anchor at top", "a: &a\n  b: *a\n"],
    ["cyclic anchor in a list", MINIMAL.replace("tags: [test]", "tags: &t [test, *t]")],
    ["cyclic anchor in fault params", MINIMAL.replace("rubric:", "faults:\n  - &f { type: memory-leak, params: { self: *f } }\nrubric:")],
    ["self-merge", "a: &a { <<: *a }\n"],
    ["merge keys", MINIMAL.replace("host:", "base: &b { profile: web-server }\nhost:\n  <<: *b")],
    ["undefined alias", MINIMAL.replace("tags: [test]", "tags: *nothing")],
    ["empty", ""],
    ["only a comment", "# nothing\n"],
    ["a list", "- a\n- b\n"],
    ["a scalar", "42\n"],
    ["null document", "~\n"],
    ["two documents", `${MINIMAL}---\n${MINIMAL}`],
    ["js function tag", MINIMAL.replace("title: Minimal scenario", "title: !!js/function 'function(){}'")],
    ["binary tag", MINIMAL.replace("title: Minimal scenario", "title: !!binary aGVsbG8=")],
    ["set tag", MINIMAL.replace("tags: [test]", "tags: !!set { a, b }")],
    ["unknown tag", MINIMAL.replace("title: Minimal scenario", "title: !evil x")],
    ["NUL bytes", MINIMAL.replace("Minimal scenario", "Mini\u0000mal")],
    ["BOM and CRLF", "\ufeff" + MINIMAL.replace(/\n/g, "\r\n")],
    ["control characters", MINIMAL.replace("A minimal scenario", "\u001b[2J\u0007\u0008A minimal")],
    ["lone surrogate", MINIMAL.replace("Minimal scenario", "Minimal \ud800")],
    ["tabs for indentation", MINIMAL.replace(/^ {2}/gm, "\t")],
    ["huge title", MINIMAL.replace("Minimal scenario", "x".repeat(1_900_000))],
    ["over the size limit", MINIMAL + `# ${"x".repeat(2_200_000)}\n`],
    ["a million list items", `tags: [${Array(300000).fill("a").join(",")}]\n`],
    ["100k processes", MINIMAL.replace("rssMiB: 10", "rssMiB: 10\n      count: 100000")],
    ["1e308 memory", MINIMAL.replace("rssMiB: 10", "rssMiB: 1e308")],
    ["NaN memory", MINIMAL.replace("rssMiB: 10", "rssMiB: .nan")],
    ["Infinity memory", MINIMAL.replace("rssMiB: 10", "rssMiB: .inf")],
    ["huge duration", MINIMAL.replace("estimatedMinutes: 5", "estimatedMinutes: 99999999999999999999")],
    ["duplicate keys", MINIMAL.replace("title: Minimal scenario", "title: a\ntitle: b")],
    ["prototype keys", MINIMAL.replace("tags: [test]", "tags: [test]\n__proto__: { polluted: true }\nconstructor: { prototype: 1 }")],
    ["randomize int bounds huge", MINIMAL.replace("tags: [test]", "tags: [test]\nrandomize: { n: { int: [0, 1e300] } }").replace("rssMiB: 10", 'rssMiB: "{{n}}"')],
    ["randomize pick of nothing", MINIMAL.replace("tags: [test]", "tags: [test]\nrandomize: { n: { pick: [] } }")],
  ];
  const sites = [
    (r: string) => MINIMAL.replace('output: "load average"', `output: ${JSON.stringify(r)}`),
    (r: string) => MINIMAL.replace('output: "load average"', `command: ${JSON.stringify(r)}`),
    (r: string) => MINIMAL.replace('all: ["nothing"]', `all: [${JSON.stringify(r)}]`),
    (r: string) => MINIMAL.replace("rubric:\n", `rubric:\n  fixCommands: [${JSON.stringify(r)}]\n`),
    (r: string) => MINIMAL.replace("serviceActive: nginx", `fileContains: { path: /etc/passwd, pattern: ${JSON.stringify(r)} }`),
    (r: string) => MINIMAL.replace("serviceActive: nginx", `processRunning: { comm: worker, args: ${JSON.stringify(r)} }`),
  ];
  for (const r of EVIL_REGEX) sites.forEach((site, i) => cases.push([`regex ${r} at site ${i}`, site(r)]));
  return cases;
}

/** Line-level mutations of the shipped scenarios. */
function mutated(n: number): [string, string][] {
  const op = fc.tuple(fc.nat({ max: 7 }), fc.nat(), fc.constantFrom("\t", "  ", "- ", ": ", "&a ", "*a", "{", "]", "'", '"', "#", "|", ">-", "~", "!!str ", "\u0000", "{{x}}"));
  const arb = fc.tuple(fc.nat({ max: SHIPPED.length - 1 }), fc.array(op, { minLength: 1, maxLength: 5 }));
  return fc.sample(arb, { numRuns: n, seed: SEED }).map(([si, ops], k) => {
    const lines = SHIPPED[si]!.split("\n");
    for (const [o, at, s] of ops) {
      const i = at % lines.length;
      const l = lines[i]!;
      if (o === 0) lines.splice(i, 1);
      else if (o === 1) lines.splice(i, 0, l);
      else if (o === 2) lines[i] = s + l;
      else if (o === 3) lines[i] = l + s;
      else if (o === 4) lines[i] = l.replace(/^ +/, (m) => " ".repeat(Math.max(0, m.length + (at % 2 ? 1 : -1))));
      else if (o === 5) lines[i] = l.replace(/\d+/, String(10 ** (at % 20)));
      else if (o === 6) lines[i] = l.replace(/: .*/, `: ${s}`);
      else lines.splice(i, 0, ...lines.slice(i, i + 1 + (at % 4)));
    }
    return [`mutation ${k} of shipped #${si}`, lines.join("\n")];
  });
}

const JS_TEXT = /undefined|NaN|\[object|TypeError|RangeError|ReferenceError|call stack|at \w+ \(/;
const BIG_OUTPUT = "load average: 0.00\n" + "a".repeat(1024 * 1024) + "!";

/** Loads one file; returns what is wrong with how the loader answered, or "" when it answered well. */
function check(name: string, text: string): string {
  const file = "fuzz.yaml";
  let r;
  try {
    r = loadScenario(text, file, { checkShellSyntax });
  } catch (e) {
    return `${name}: loader threw ${String(e)}`;
  }
  if (!r.ok) {
    const n = text.split("\n").length;
    for (const i of r.error) {
      const l = formatIssue(i);
      if (!/^fuzz\.yaml:\d+:\d+: \S/.test(l) || i.line < 1 || i.line > n + 1 || i.col < 1) return `${name}: badly located issue ${JSON.stringify(l.slice(0, 200))}`;
      if (JS_TEXT.test(l.slice(file.length)) && !JS_TEXT.test(text)) return `${name}: issue shows JavaScript text ${JSON.stringify(l.slice(0, 200))}`;
    }
    return r.error.length ? "" : `${name}: rejected without an issue`;
  }
  try {
    const { host } = compileScenario(r.value, 1);
    const cmd = { simMs: host.nowMs, line: "uptime", stdout: BIG_OUTPUT, stderr: "", exitCode: 0, evidence: [], actions: [] };
    const g = gradeSession({ scenario: r.value, commands: [cmd], notes: [], hypotheses: [], hints: [], startMs: host.nowMs, endMs: host.nowMs + 60000, host });
    if (!Number.isFinite(g.score)) return `${name}: score ${String(g.score)}`;
  } catch (e) {
    return `${name}: accepted, then compile/grade threw ${String(e).slice(0, 300)}`;
  }
  return "";
}

describe("scenario fuzzing", () => {
  const structural = [...eachScalar(MINIMAL, WRONG), ...hostile()];
  const mutations = mutated(Number(process.env.SCENARIO_FUZZ_RUNS ?? 150));

  it("has a few hundred hostile files", () => {
    expect(structural.length + mutations.length).toBeGreaterThanOrEqual(500);
  });

  it("rejects or safely loads every wrong type, extreme number, bomb, cycle and evil regex", () => {
    const problems = structural.map(([name, text]) => check(name, text)).filter(Boolean);
    expect(problems).toEqual([]);
  }, 300_000);

  it("rejects or safely loads random mutations of every shipped scenario", () => {
    const problems = mutations.map(([name, text]) => check(name, text)).filter(Boolean);
    expect(problems).toEqual([]);
  }, 300_000);

  it("rejects every catastrophic regex with its location", () => {
    const r = loadScenario(MINIMAL.replace('output: "load average"', 'output: "(a|aa)+$"'), "m.yaml", { checkShellSyntax });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map(formatIssue)).toEqual([
      "m.yaml:19:19: rubric.evidence[0].anyOf[0].output: regular expression could backtrack catastrophically: a repeated group has alternatives that can start with the same character (such as (a|aa)+); make the alternatives distinct",
    ]);
  });

  it("names deep nesting, alias bombs and cycles in plain words", () => {
    const msg = (t: string): string[] => {
      const r = loadScenario(t, "h.yaml");
      return r.ok ? [] : r.error.map(formatIssue);
    };
    expect(msg(`title: ${"[".repeat(50000)}${"]".repeat(50000)}\n`)[0]).toMatch(/^h\.yaml:1:\d+: YAML syntax: the file nests too deeply to load/);
    expect(msg("a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n")).toEqual([
      "h.yaml:2:8: YAML: aliases expand too often (over 100 times: an alias bomb?); copy the values instead",
    ]);
    expect(msg("a: &a\n  b: *a\n")).toEqual(["h.yaml:2:6: a.b: a YAML alias refers to the node that contains it (a cycle); copy the value instead"]);
  });
});
