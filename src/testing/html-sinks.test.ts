/**
 * Proves the app's HTML-sink lint rule bites (eslint.config.js HTML_SINKS): scenario text is
 * untrusted, so src/app may not use dangerouslySetInnerHTML, innerHTML/outerHTML,
 * insertAdjacentHTML, createContextualFragment, DOMParser or document.write, while text sinks
 * (textContent, xterm's write) and the same code outside src/app stay allowed.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const eslint = new ESLint({ cwd: ROOT });

async function sinkErrors(file: string, code: string): Promise<number[]> {
  const [r] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return r!.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.line);
}

describe("no HTML sinks in the app", () => {
  it("flags each sink on its own line", async () => {
    const code = [
      `export const a = (el: HTMLElement, t: string) => { el.innerHTML = t; };`,
      `export const b = (el: HTMLElement) => el.outerHTML;`,
      `export const c = (el: HTMLElement, t: string) => el.insertAdjacentHTML("beforeend", t);`,
      `export const d = (t: string) => document.createRange().createContextualFragment(t);`,
      `export const e = (t: string) => new DOMParser().parseFromString(t, "text/html");`,
      `export const f = (t: string) => document.write(t);`,
    ].join("\n");
    expect(await sinkErrors("src/app/lib/sinks-fixture.ts", code)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await sinkErrors("src/app/components/SinkFixture.tsx", `export const X = ({ t }: { t: string }) => <div dangerouslySetInnerHTML={{ __html: t }} />;\n`)).toEqual([1]);
  });

  it("allows text sinks, and the same code outside the app", async () => {
    const text = `export const a = (el: HTMLElement, t: string, term: { write(s: string): void }) => { el.textContent = t; term.write(t); };\n`;
    expect(await sinkErrors("src/app/lib/text-fixture.ts", text)).toEqual([]);
    expect(await sinkErrors("e2e/sinks-fixture.ts", `export const a = (el: HTMLElement, t: string) => { el.innerHTML = t; };\n`)).toEqual([]);
  });
});
