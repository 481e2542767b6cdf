/**
 * Screens the regular expressions a scenario author writes (evidence and red-herring patterns,
 * destructive and fix commands, accepted diagnoses, predicate patterns) for catastrophic
 * backtracking before the scenario loads. JavaScript's regex engine backtracks, and a pattern
 * such as `(a+)+$` or `(a|aa)+$` takes exponential time on a long non-matching output: one
 * hostile scenario file could hang the grader. We reject at load time, with the pattern's
 * file:line:col, the two shapes that cause exponential blow-up — a repeated group that itself
 * contains an unbounded repeat (star height > 1), and a repeated group whose alternatives can
 * start with the same character — plus three or more `.*`/`.+` in a row. We chose a static
 * check over running patterns with a time limit because the pure layers have no clock and
 * cannot interrupt a running match; polynomial cases that remain (`\d+\d+x`) are bounded by
 * the grader matching at most MAX_MATCH_TEXT characters of one command's output.
 */

/** The most output of one command the grader matches patterns against (head and tail kept). */
export const MAX_MATCH_TEXT = 1024 * 1024;

/** The text a pattern is matched against: all of it, or its first and last half-megabyte. */
export function matchText(text: string): string {
  if (text.length <= MAX_MATCH_TEXT) return text;
  const half = MAX_MATCH_TEXT / 2;
  return `${text.slice(0, half)}\n${text.slice(text.length - half)}`;
}

interface Group {
  /** an unbounded quantifier (*, +, {n,}) or a large {n,m} appears inside */
  repeats: boolean;
  /** top-level alternatives of this group, as their first atoms */
  firsts: string[];
  /** start of the current alternative's first atom is still to be recorded */
  atAltStart: boolean;
}

/** Why a pattern could backtrack catastrophically, or undefined when it looks safe. */
export function regexRisk(src: string): string | undefined {
  if (/(?:\.[*+]\??){3,}/.test(src)) return "three or more .* in a row; anchor or simplify the pattern";
  const stack: Group[] = [{ repeats: false, firsts: [], atAltStart: true }];
  let i = 0;
  // reads a quantifier at src[i]; returns whether it repeats without a small bound, and its length
  const quantifier = (at: number): { unbounded: boolean; len: number } | undefined => {
    const c = src[at];
    if (c === "*" || c === "+") return { unbounded: true, len: src[at + 1] === "?" || src[at + 1] === "+" ? 2 : 1 };
    if (c === "?") return { unbounded: false, len: src[at + 1] === "?" ? 2 : 1 };
    if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}\??/.exec(src.slice(at));
      if (!m) return undefined;
      const max = m[2] === undefined ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3]);
      return { unbounded: max > 10, len: m[0].length };
    }
    return undefined;
  };
  const atom = (text: string): void => {
    const g = stack[stack.length - 1]!;
    if (g.atAltStart) {
      g.firsts.push(text);
      g.atAltStart = false;
    }
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === "\\") {
      atom(src.slice(i, i + 2));
      i += 2;
    } else if (c === "[") {
      // a character class: skip to its closing bracket (a ] first in the class is literal)
      let j = i + 1;
      if (src[j] === "^") j++;
      if (src[j] === "]") j++;
      while (j < src.length && src[j] !== "]") j += src[j] === "\\" ? 2 : 1;
      atom("[class]");
      i = j + 1;
    } else if (c === "(") {
      atom("(group)");
      stack.push({ repeats: false, firsts: [], atAltStart: true });
      i += /^\(\?(?:[:=!]|<[=!]|<[A-Za-z_]\w*>)/.exec(src.slice(i))?.[0].length ?? 1;
      continue;
    } else if (c === ")") {
      const g = stack.length > 1 ? stack.pop()! : undefined;
      i++;
      const q = quantifier(i);
      if (g && q) {
        i += q.len;
        if (q.unbounded && g.repeats) return "a repeated group contains another unbounded repeat (nested quantifiers such as (a+)+); simplify it";
        if (q.unbounded && overlapping(g.firsts)) return "a repeated group has alternatives that can start with the same character (such as (a|aa)+); make the alternatives distinct";
      }
      const parent = stack[stack.length - 1]!;
      if (g && (g.repeats || q?.unbounded)) parent.repeats = true;
      continue;
    } else if (c === "|") {
      stack[stack.length - 1]!.atAltStart = true;
      i++;
      continue;
    } else {
      const q = quantifier(i);
      if (q) {
        if (q.unbounded) stack[stack.length - 1]!.repeats = true;
        i += q.len;
        continue;
      }
      if (c !== "^" && c !== "$") atom(c);
      i++;
    }
    const q = quantifier(i);
    if (q) {
      if (q.unbounded) stack[stack.length - 1]!.repeats = true;
      i += q.len;
    }
  }
  return undefined;
}

/** Whether two alternatives could start with the same character (wildcards overlap with all). */
function overlapping(firsts: string[]): boolean {
  if (firsts.length < 2) return false;
  const wild = (f: string): boolean => f === "." || f === "[class]" || f === "(group)" || /^\\[dDwWsSbBpP]$/.test(f);
  const seen = new Set<string>();
  for (const f of firsts) {
    if (wild(f)) return true;
    const lit = f.startsWith("\\") ? f.slice(1) : f;
    if (seen.has(lit.toLowerCase())) return true;
    seen.add(lit.toLowerCase());
  }
  return false;
}
