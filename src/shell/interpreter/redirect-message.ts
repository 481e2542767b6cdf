/**
 * bash names a redirection target that expanded to several words by the word as typed
 * (`bash: /proc/$(pgrep x)/fd/3: ambiguous redirect`); the interpreter library names only its
 * first literal or parameter (`bash: $/proc/: ambiguous redirect`). This puts the typed word back,
 * found among the line's redirection targets. A redirection that fails inside `sh -c`/`bash -c`
 * comes back from the library as the Node-style error text (`sh: ENOENT: no such file or
 * directory, open '/x'`); that becomes `sh: /x: No such file or directory`.
 */

/** A redirection operator and the word after it (quotes, $(...), ${...} kept whole). */
const REDIRECT_TARGET = /(?:&>>?|\d*(?:>>|>\||<>|>|<))[ \t]*((?:\$\([^()]*\)|\$\{[^}]*\}|`[^`]*`|'[^']*'|"[^"]*"|[^\s;&|<>()'"`])+)/g;

export function fixAmbiguousRedirect(stderr: string, line: string): string {
  if (!stderr.includes("ambiguous redirect")) return stderr;
  const targets = [...line.matchAll(REDIRECT_TARGET)].map((m) => m[1] ?? "").filter((w) => /[$`]/.test(w));
  return stderr.replace(/^(-?bash): \$(.*): ambiguous redirect$/gm, (whole, who: string, named: string) => {
    const word = targets.find((w) => w.includes(named) || w.includes("$" + named) || w.includes("${" + named));
    return word === undefined ? whole : `${who}: ${word}: ambiguous redirect`;
  });
}

/**
 * `sh: ENOENT: no such file or directory, open '/x'` -> `sh: /x: No such file or directory`. The
 * library hides paths under /etc, /var, /tmp ... as `<path>`: with one redirection on the line, that
 * is the path.
 */
export function fixNestedFsErrors(stderr: string, line: string): string {
  if (!/^(?:-?bash|sh): E[A-Z]+: /m.test(stderr)) return stderr;
  const targets = [...line.matchAll(REDIRECT_TARGET)].map((m) => m[1] ?? "");
  return stderr.replace(/^(-?bash|sh): E[A-Z]+: ([a-z][^,\n]*), \w+ '([^'\n]*)'$/gm, (_m, who: string, text: string, path: string) => {
    const shown = path === "<path>" && targets.length === 1 ? targets[0]! : path;
    return `${who}: ${shown}: ${text[0]!.toUpperCase()}${text.slice(1)}`;
  });
}
