/**
 * fnmatch(3)-style shell globs (*, ?, [...] with ! negation, backslash escapes) compiled to
 * RegExps, for find -name/-path and grep --include/--exclude.
 */

/** A glob to an anchored RegExp; `*` also crosses "/" (FNM_PATHNAME is not set). */
export function globRe(pat: string, icase: boolean): RegExp {
  let re = "";
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i] as string;
    if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else if (c === "[") {
      const j = pat.indexOf("]", i + 2);
      if (j < 0) re += "\\[";
      else {
        let cls = pat.slice(i + 1, j);
        if (cls.startsWith("!")) cls = "^" + cls.slice(1);
        re += `[${cls.replace(/\\/g, "\\\\")}]`;
        i = j;
      }
    } else if (c === "\\" && i + 1 < pat.length) re += "\\" + pat[++i];
    else re += c.replace(/[.+^${}()|\\/]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, icase ? "is" : "s");
}
