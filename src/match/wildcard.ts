/**
 * Glob matching as IAM uses it: `*` matches any run of characters (including none), `?` exactly one.
 * Action names match case-insensitively, resource ARNs case-sensitively
 * (IAM/latest/UserGuide/reference_policies_elements_action.html, ..._elements_resource.html).
 *
 * Policy variables `${*}` and `${?}` stand for a literal `*` and `?`
 * (IAM/latest/UserGuide/reference_policies_variables.html). After substitution those literals are
 * carried as the private-use characters below, so that they never act as wildcards.
 */
export const LITERAL_STAR = "\uE000";
export const LITERAL_QUESTION = "\uE001";

export type Matcher = (value: string) => boolean;

const REGEX_SPECIAL = /[\\^$.|+()[\]{}*?\/]/g;

/** Regex source for a glob, without anchors. */
export function globToRegexSource(pattern: string): string {
  let out = "";
  for (const ch of pattern) {
    if (ch === "*") out += "[\\s\\S]*";
    else if (ch === "?") out += "[\\s\\S]";
    else if (ch === LITERAL_STAR) out += "\\*";
    else if (ch === LITERAL_QUESTION) out += "\\?";
    else out += ch.replace(REGEX_SPECIAL, "\\$&");
  }
  return out;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

/** Turns the private literal markers back into the characters they stand for. */
export function unescapeLiterals(text: string): string {
  if (!text.includes(LITERAL_STAR) && !text.includes(LITERAL_QUESTION)) return text;
  return text.replaceAll(LITERAL_STAR, "*").replaceAll(LITERAL_QUESTION, "?");
}

/**
 * Compiles a glob into the cheapest matcher that does the job: equality, prefix, suffix, or a regex.
 * With `ignoreCase`, callers must pass lower-cased values (patterns are folded here once).
 */
export function compileWildcard(pattern: string, options: { ignoreCase?: boolean } = {}): Matcher {
  const p = options.ignoreCase ? pattern.toLowerCase() : pattern;
  if (p === "*") return () => true;
  if (!hasWildcard(p)) {
    const literal = unescapeLiterals(p);
    return (v) => v === literal;
  }
  const star = p.indexOf("*");
  const onlyTrailingStar = star === p.length - 1 && !p.includes("?");
  if (onlyTrailingStar) {
    const prefix = unescapeLiterals(p.slice(0, -1));
    return (v) => v.startsWith(prefix);
  }
  const onlyLeadingStar = star === 0 && p.lastIndexOf("*") === 0 && !p.includes("?");
  if (onlyLeadingStar) {
    const suffix = unescapeLiterals(p.slice(1));
    return (v) => v.endsWith(suffix);
  }
  const re = new RegExp(`^${globToRegexSource(p)}$`);
  return (v) => re.test(v);
}
