/**
 * Safe Markdown: the text is parsed to an mdast tree (CommonMark, no extensions) and turned
 * into React elements node by node. Nothing reaches innerHTML: raw HTML in the source is shown
 * as literal text, images become their alt text, and links keep only http(s)/mailto targets
 * (a javascript: or data: link renders as plain text). Scenario briefings are untrusted input.
 */
import { fromMarkdown } from "mdast-util-from-markdown";
import type { ReactNode } from "react";
import { safeHref } from "./safe-href.js";

type Node = { type: string; value?: string; children?: Node[]; depth?: number; ordered?: boolean | null; start?: number | null; url?: string; alt?: string | null; lang?: string | null };

function renderChildren(n: Node): ReactNode[] {
  return (n.children ?? []).map((c, i) => renderNode(c, i));
}

function renderNode(n: Node, key: number): ReactNode {
  switch (n.type) {
    case "root":
      return <>{renderChildren(n)}</>;
    case "paragraph":
      return <p key={key}>{renderChildren(n)}</p>;
    case "heading": {
      const level = Math.min(6, Math.max(3, (n.depth ?? 1) + 2));
      const H = `h${level}` as "h3";
      return <H key={key}>{renderChildren(n)}</H>;
    }
    case "text":
      return n.value ?? "";
    case "strong":
      return <strong key={key}>{renderChildren(n)}</strong>;
    case "emphasis":
      return <em key={key}>{renderChildren(n)}</em>;
    case "inlineCode":
      return <code key={key}>{n.value}</code>;
    case "code":
      return (
        <pre key={key}>
          <code>{n.value}</code>
        </pre>
      );
    case "blockquote":
      return <blockquote key={key}>{renderChildren(n)}</blockquote>;
    case "list":
      return n.ordered ? (
        <ol key={key} start={n.start ?? undefined}>
          {renderChildren(n)}
        </ol>
      ) : (
        <ul key={key}>{renderChildren(n)}</ul>
      );
    case "listItem":
      // tight list items wrap their text in paragraphs; unwrap single paragraphs
      return <li key={key}>{n.children?.length === 1 && n.children[0].type === "paragraph" ? renderChildren(n.children[0]) : renderChildren(n)}</li>;
    case "thematicBreak":
      return <hr key={key} />;
    case "break":
      return <br key={key} />;
    case "link": {
      const href = safeHref(n.url ?? "");
      return href ? (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
          {renderChildren(n)}
        </a>
      ) : (
        <span key={key}>{renderChildren(n)}</span>
      );
    }
    case "image":
      return <span key={key}>{n.alt ?? ""}</span>;
    case "html":
      return n.value ?? "";
    default:
      return n.children ? <span key={key}>{renderChildren(n)}</span> : (n.value ?? "");
  }
}

export function Markdown({ text }: { text: string }) {
  const tree = fromMarkdown(text) as unknown as Node;
  return <div className="markdown">{renderNode(tree, 0)}</div>;
}
