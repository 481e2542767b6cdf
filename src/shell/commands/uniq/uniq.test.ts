import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildTestHost, run, sh, testSession } from "../../../testing/host-builder.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const CORPUS = readFileSync(join(HERE, "__golden__/corpus.txt"), "utf8");
/** The commands uniq_corpus.gnu.txt was produced with (GNU coreutils 9.1). */
const CMDS = ["sort corpus.txt | uniq -c", "sort corpus.txt | uniq -d", "sort corpus.txt | uniq -u", "uniq -i corpus.txt", "sort corpus.txt | uniq -c -f1", "uniq -s3 corpus.txt", "sort corpus.txt | uniq -D", "uniq -w4 -c corpus.txt"];

describe("uniq", () => {
  it("matches GNU uniq (count width 7, -d -u -D -i -f -s -w)", async () => {
    const host = buildTestHost((spec) => spec.files!.push({ path: "/tmp/corpus.txt", content: CORPUS }));
    const s = testSession(host);
    let out = "";
    for (const c of CMDS) out += `$ ${c}\n` + (await sh(s, `cd /tmp && ${c}`));
    await expect(out).toMatchFileSnapshot("__golden__/uniq_corpus.gnu.txt");
  });

  it("errors", async () => {
    const s = testSession();
    expect(await run(s, "uniq /nope")).toMatchObject({ stderr: "uniq: /nope: No such file or directory\n", exitCode: 1 });
    expect(await run(s, "uniq -f x")).toMatchObject({ stderr: "uniq: x: invalid number of fields to skip\n", exitCode: 1 });
  });
});
