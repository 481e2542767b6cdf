import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const CORPUS = readFileSync(join(HERE, "__golden__/corpus.txt"), "utf8");
/** The commands sort_corpus.gnu.txt was produced with (GNU coreutils 9.1, C locale byte order). */
const CMDS = ["sort", "sort -n", "sort -rn", "sort -k2,2", "sort -k7,7n", "sort -rnk7", "sort -t' ' -k1,1 -k7,7rn", "sort -u", "sort -f", "sort -h -k2", "sort -s -k1,1", "sort -b -k2", "sort -n -u", "sort -V", "sort -k2.2,2.3"];

describe("sort", () => {
  it("matches GNU sort on a corpus of keys, numbers, blanks and duplicates", async () => {
    const host = buildTestHost((spec) => spec.files!.push({ path: "/tmp/corpus.txt", content: CORPUS }));
    const s = testSession(host);
    let out = "";
    for (const c of CMDS) out += `$ ${c}\n` + (await sh(s, `cd /tmp && ${c} corpus.txt`));
    await expect(out).toMatchFileSnapshot("__golden__/sort_corpus.gnu.txt");
  });

  it("reads stdin, -o writes a file, -c reports disorder, errors", async () => {
    const s = testSession();
    expect(await sh(s, "printf 'b\\na\\nc' | sort")).toBe("a\nb\nc\n");
    expect(await sh(s, "printf '3\\n1\\n2\\n' | sort -n -o /tmp/o && cat /tmp/o")).toBe("1\n2\n3\n");
    expect(await run(s, "printf 'b\\na\\n' | sort -c")).toMatchObject({ stderr: "sort: -:2: disorder: a\n", exitCode: 1 });
    expect(await run(s, "sort /nonexist")).toMatchObject({ stderr: "sort: cannot read: /nonexist: No such file or directory\n", exitCode: 2 });
    expect(await run(s, "sort -Z")).toMatchObject({ stderr: "sort: invalid option -- 'Z'\nTry 'sort --help' for more information.\n", exitCode: 2 });
  });

  it("sorts 50,000 lines fast", async () => {
    const lines: string[] = [];
    for (let i = 0; i < 50000; i++) lines.push(`${(i * 7919) % 50000} host${i % 300}`);
    const host = buildTestHost((spec) => spec.files!.push({ path: "/tmp/big", content: lines.join("\n") + "\n" }));
    const s = testSession(host);
    const t0 = performance.now();
    const out = await sh(s, "sort -rn /tmp/big | head -3");
    expect(out).toBe("49999 host221\n49998 host242\n49997 host163\n");
    expect(performance.now() - t0).toBeLessThan(2000);
  });
  it("a bad option exits 2 (coreutils sort), with the usual message", async () => {
    const r = await run(testSession(), "sort --bogus");
    expect(r.stderr).toBe("sort: unrecognized option '--bogus'\nTry 'sort --help' for more information.\n");
    expect(r.exitCode).toBe(2);
    expect((await run(testSession(), "sort -k")).stderr).toBe("sort: option requires an argument -- 'k'\nTry 'sort --help' for more information.\n");
  });
});
