/**
 * POSIX regular expressions (GNU flavour) translated to JavaScript RegExp source, for the
 * tools that take them (grep -G/-E, and any later sed/awk overrides): basic (BRE: \( \) \{ \}
 * \| \+ \? special, a leading * literal) and extended (ERE) syntax, bracket expressions with
 * [:classes:], a leading ] and literal backslashes, the GNU escapes \w \W \s \S \b \B \< \> \`
 * \', back-references, and GNU's leniency (an ERE "{" that starts no valid interval is a
 * literal). Errors carry GNU's wording ("Unmatched ( or \\(").
 */

export class PosixRegexError extends Error {}

const CLASSES: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "0-9A-Za-z",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
};

/** Translates one bracket expression starting at pat[i] === "["; returns [js, next index]. */
function bracket(pat: string, i: number): [string, number] {
  let j = i + 1;
  let neg = false;
  if (pat[j] === "^") {
    neg = true;
    j++;
  }
  let body = "";
  let first = true;
  for (;;) {
    if (j >= pat.length) throw new PosixRegexError("Unmatched [, [^, [:, [., or [=");
    const c = pat[j] as string;
    if (c === "]" && !first) break;
    first = false;
    if (c === "[" && (pat[j + 1] === ":" || pat[j + 1] === "." || pat[j + 1] === "=")) {
      const kind = pat[j + 1] as string;
      const end = pat.indexOf(kind + "]", j + 2);
      if (end < 0) throw new PosixRegexError("Unmatched [, [^, [:, [., or [=");
      const name = pat.slice(j + 2, end);
      if (kind === ":") {
        const cls = CLASSES[name];
        if (cls === undefined) throw new PosixRegexError("Invalid character class name");
        body += cls;
      } else body += name.replace(/[\\\]^-]/g, "\\$&");
      j = end + 2;
      continue;
    }
    // inside brackets a backslash is literal in POSIX; JS needs ] \ ^ escaped ("-" keeps ranges)
    body += c === "\\" || c === "]" || c === "[" || (c === "^" && body === "") ? "\\" + c : c;
    j++;
  }
  return [`[${neg ? "^" : ""}${body}]`, j + 1];
}

/** A valid interval body at pat[i..]: "m}", "m,}", "m,n}", ",n}" (ERE) or with "\\}" (BRE). */
function interval(pat: string, i: number, bre: boolean): [string, number] | undefined {
  const m = (bre ? /^(\d*)(,(\d*))?\\\}/ : /^(\d*)(,(\d*))?\}/).exec(pat.slice(i));
  if (!m || (m[1] === "" && m[2] === undefined)) return undefined;
  const lo = m[1] === "" ? "0" : m[1]!;
  const hi = m[2] === undefined ? "" : "," + (m[3] ?? "");
  if (m[3] && Number(m[3]) < Number(lo)) throw new PosixRegexError("Invalid content of \\{\\}");
  if (Number(lo) > 32767 || (m[3] && Number(m[3]) > 32767)) throw new PosixRegexError("Regular expression too big");
  return [`{${lo}${hi}}`, i + m[0].length];
}

/** POSIX (GNU) BRE or ERE → JavaScript RegExp source (no flags). */
export function posixToJs(pat: string, extended: boolean): string {
  let out = "";
  let depth = 0;
  let groups = 0;
  // whether the next token starts an expression (where * is literal in a BRE and ^ anchors)
  let atStart = true;
  for (let i = 0; i < pat.length; ) {
    const c = pat[i] as string;
    if (c === "\\") {
      const n = pat[i + 1];
      if (n === undefined) throw new PosixRegexError("Trailing backslash");
      i += 2;
      if (!extended && n === "(") {
        out += "(";
        depth++;
        groups++;
        atStart = true;
        continue;
      }
      if (!extended && n === ")") {
        if (depth === 0) throw new PosixRegexError("Unmatched ) or \\)");
        out += ")";
        depth--;
        atStart = false;
        continue;
      }
      if (!extended && n === "|") {
        out += "|";
        atStart = true;
        continue;
      }
      if (!extended && (n === "+" || n === "?")) {
        out += atStart ? "\\" + n : n;
        atStart = false;
        continue;
      }
      if (!extended && n === "{") {
        const iv = interval(pat, i, true);
        if (!iv) throw new PosixRegexError("Unmatched \\{");
        out += atStart ? "\\{" : iv[0];
        if (!atStart) i = iv[1];
        atStart = false;
        continue;
      }
      atStart = false;
      if (n >= "1" && n <= "9") {
        if (Number(n) > groups) throw new PosixRegexError("Invalid back reference");
        out += "\\" + n;
      } else if (n === "<") out += "\\b(?=\\w)";
      else if (n === ">") out += "\\b(?<=\\w)";
      else if (n === "`") out += "^";
      else if (n === "'") out += "$";
      else if ("wWsSbB".includes(n)) out += "\\" + n;
      else out += n.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
      continue;
    }
    if (c === "[") {
      const [js, next] = bracket(pat, i);
      out += js;
      i = next;
      atStart = false;
      continue;
    }
    if (c === "*") {
      out += atStart ? "\\*" : "*";
      i++;
      atStart = false;
      continue;
    }
    if (c === "^") {
      // GNU: an anchor at the start of a (sub)expression, a literal elsewhere in a BRE
      out += atStart || extended ? "^" : "\\^";
      i++;
      continue;
    }
    if (c === "$") {
      const n = pat[i + 1];
      const end = n === undefined || (extended ? n === ")" || n === "|" : pat.startsWith("\\)", i + 1) || pat.startsWith("\\|", i + 1));
      out += end || extended ? "$" : "\\$";
      i++;
      atStart = false;
      continue;
    }
    if (extended) {
      if (c === "(") {
        out += "(";
        depth++;
        groups++;
        i++;
        atStart = true;
        continue;
      }
      if (c === ")") {
        if (depth === 0) {
          out += "\\)";
        } else {
          out += ")";
          depth--;
        }
        i++;
        atStart = false;
        continue;
      }
      if (c === "|") {
        out += "|";
        i++;
        atStart = true;
        continue;
      }
      if (c === "+" || c === "?") {
        out += atStart ? "\\" + c : c;
        i++;
        atStart = false;
        continue;
      }
      if (c === "{") {
        const iv = atStart ? undefined : interval(pat, i + 1, false);
        if (iv) {
          out += iv[0];
          i = iv[1];
        } else {
          out += "\\{";
          i++;
        }
        atStart = false;
        continue;
      }
    }
    out += c.replace(/[.+?${}()|/\]]/g, (m) => (m === "." ? "." : "\\" + m));
    i++;
    atStart = false;
  }
  if (depth > 0) throw new PosixRegexError("Unmatched ( or \\(");
  return out;
}
