/**
 * Small edits and reads of scenario text for the editor page, DOM-free: the default seed of the
 * text being edited (what `faultline test` uses) and the renaming of a duplicated shipped
 * scenario (`id: x-copy`, title "… (copy)"), keeping the rest of the file as written.
 */
import { parse, parseDocument } from "yaml";

/** The scenario's default seed (what `faultline test` uses), from the text being edited. */
export function seedOf(text: string): number {
  try {
    const v = (parseDocument(text).toJS() as { seed?: unknown } | null)?.seed;
    return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : 1;
  } catch {
    return 1;
  }
}

/** Renames a copy: `id: x` -> `id: x-copy` and the title gets "(copy)" (quoted or plain, comments kept). */
export function asCopy(text: string, id: string): string {
  return text.replace(/^id:[ \t]*\S+/m, `id: ${id}-copy`).replace(/^title:[ \t]*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#\n]*?)([ \t]+#.*)?$/m, (_m, t: string, comment?: string) => {
    let plain: string;
    try {
      plain = String(parse(t) ?? "");
    } catch {
      plain = t.trim();
    }
    return `title: ${JSON.stringify(`${plain} (copy)`)}${comment ?? ""}`;
  });
}
