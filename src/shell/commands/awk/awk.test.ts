import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Bash } from "just-bash";
import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";
import { fmtNum, parseFastProgram } from "./awk.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const CORPUS = readFileSync(join(HERE, "__golden__/corpus.txt"), "utf8");

/** Programs the fast path handles: each must give the library awk's exact output. */
const FAST: [string[], string][] = [
  [[], "{print $1}"],
  [[], "{print}"],
  [[], "{print $0}"],
  [[], "{print $7, $1}"],
  [[], '{print $1 ":" $2}'],
  [[], "{print NR, NF, $NF}"],
  [[], "/orders/"],
  [[], "!/orders/ {print $2}"],
  [[], "$6 == 200 {print $1}"],
  [[], '$6 == "200"'],
  [[], "$6 >= 404 {print $5, $6}"],
  [[], "$2 > 5"],
  [[], "$1 ~ /^10\\./ {print $5}"],
  [[], "$5 !~ /api/ {print $5}"],
  [[], "NR > 15"],
  [[], "NF == 2 && $2 < 10"],
  [[], "$6 == 502 || $6 == 404 {print $1}"],
  [[], "{c[$1]++} END {for (k in c) print c[k], k}"],
  [[], "{c[$6]++} END {for (k in c) print k, c[k]}"],
  [[], "$6 == 200 {n[$5]++} END {for (u in n) print n[u] \" \" u}"],
  [[], "{s+=$7} END {print s}"],
  [[], "{s += $2} END {print s/NR}"],
  [["-F", "\t"], "{print $3}"],
  [["-F", "[/ ]"], "{print $6}"],
];

async function libraryAwk(args: string[]): Promise<string> {
  const bash = new Bash({ files: { "/c.txt": CORPUS }, commands: ["awk"] as never });
  const q = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  return (await bash.exec(`awk ${q} /c.txt`)).stdout;
}

describe("awk", () => {
  it("the fast path gives the library awk's output on every supported program", async () => {
    const host = buildTestHost((spec) => spec.files!.push({ path: "/c.txt", content: CORPUS }));
    const s = testSession(host);
    let golden = "";
    for (const [opts, prog] of FAST) {
      expect(() => parseFastProgram(prog), prog).not.toThrow();
      const args = [...opts, prog];
      const ours = (await run(s, `awk ${args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ")} /c.txt`)).stdout;
      expect(ours, prog).toBe(await libraryAwk(args));
      golden += `$ awk ${args.join(" ")}\n${ours}`;
    }
    await expect(golden).toMatchFileSnapshot("__golden__/awk_fast.txt");
  });

  it("a one-character -F is literal, like every real awk (the library treats '.' as a regex)", async () => {
    const s = testSession();
    expect(await sh(s, "echo 10.0.2.15 | awk -F. '{print $1, $4}'")).toBe("10 15\n");
    expect(await sh(s, "echo a.b | awk -F . '{print $2}'")).toBe("b\n");
  });

  it("falls back to the full awk for everything else", async () => {
    const s = testSession();
    expect(await sh(s, "printf 'a 1\\nb 2\\n' | awk '{ t += $2; print toupper($1) } END { printf \"%d\\n\", t }'")).toBe("A\nB\n3\n");
    expect(await sh(s, "echo 'x' | awk -v n=5 '{print n, $1}'")).toBe("5 x\n");
  });

  it("formats numbers like awk's %.6g", () => {
    expect([fmtNum(3), fmtNum(2.5), fmtNum(1 / 3), fmtNum(1234567.5), fmtNum(1e20), fmtNum(-0.000012345)]).toEqual(["3", "2.5", "0.333333", "1.23457e+06", "1e+20", "-1.2345e-05"]);
  });

  it("counts a 50,000-line log in the benchmark pipeline quickly", async () => {
    const lines: string[] = [];
    for (let i = 0; i < 50000; i++) lines.push(`10.0.${i % 7}.${i % 251} - - [22/Nov/2026:09:14:03 +0000] "GET /x HTTP/1.1" 200 ${i % 900}`);
    const host = buildTestHost((spec) => spec.files!.push({ path: "/var/log/big.log", content: lines.join("\n") + "\n" }));
    const s = testSession(host);
    const t0 = performance.now();
    const out = await sh(s, "awk '{print $1}' /var/log/big.log | sort | uniq -c | sort -rn | head -3");
    expect(out).toMatch(/^ {5}\d\d 10\.0\.\d\.\d+\n/);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
