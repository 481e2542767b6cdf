/**
 * Which link targets untrusted Markdown may keep: absolute http(s) and mailto URLs only, with
 * no control characters or whitespace (browsers drop those inside schemes: "java\tscript:").
 */
export function safeHref(url: string): string | undefined {
  const u = url.trim();
  if (/[\u0000-\u0020\u007f]/.test(u)) return undefined;
  return /^(https?:\/\/[^/]|mailto:)/i.test(u) ? u : undefined;
}
