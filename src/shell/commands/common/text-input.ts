/**
 * Input for the fast text tools (sort, uniq, awk): files named on the command line (read
 * with the caller's credentials, "-" = stdin) or stdin, split into lines the way GNU tools
 * do (a missing final newline still ends a line).
 */
import { VfsError, type Cred } from "../../../engine/index.js";
import type { CommandContext } from "../../spec/define-command.js";

export const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EIO: "Input/output error",
};

/** Reads a file or stdin; returns text or an errno code. */
export function readInput(ctx: CommandContext, name: string): { text: string } | { errno: string } {
  if (name === "-") return { text: ctx.stdin };
  const path = ctx.resolve(name);
  try {
    const st = ctx.host.vfs.stat(path, ctx.cred as Cred);
    if (st.type === "dir") return { errno: "EISDIR" };
    return { text: ctx.host.vfs.readFile(path, ctx.cred as Cred) };
  } catch (e) {
    if (e instanceof VfsError) return { errno: e.code };
    throw e;
  }
}

/** Splits text into lines (no trailing empty element for a final newline). */
export function splitLines(text: string, sep = "\n"): string[] {
  if (text === "") return [];
  const lines = text.split(sep);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
