/**
 * Briefings are untrusted: the Markdown renderer never emits raw HTML, script or a
 * javascript: link, and renders the usual CommonMark.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./Markdown.js";
import { safeHref } from "./safe-href.js";

const html = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe("Markdown", () => {
  it("renders CommonMark", () => {
    const out = html("**INC-1** on `web-01`\n\n- one\n- two\n\n```\nps aux\n```");
    expect(out).toContain("<strong>INC-1</strong>");
    expect(out).toContain("<code>web-01</code>");
    expect(out).toContain("<li>one</li>");
    expect(out).toContain("<pre><code>ps aux</code></pre>");
  });

  it("shows raw HTML as text", () => {
    const out = html('<script>alert(1)</script>\n\nhi <img src=x onerror="alert(1)">');
    expect(out).not.toMatch(/<script|<img/);
    expect(out).toContain("&lt;script&gt;");
  });

  it("keeps only http(s) and mailto links", () => {
    expect(html("[ok](https://example.com/x)")).toContain('href="https://example.com/x"');
    for (const bad of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>", "//evil.example", "vbscript:x"]) {
      expect(html(`[x](${bad})`)).not.toContain("href");
      expect(safeHref(bad)).toBeUndefined();
    }
    expect(html("![alt text](https://example.com/i.png)")).not.toContain("<img");
  });
});
