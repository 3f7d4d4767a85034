/**
 * ARNs: parsing, and the Resource-element pattern match.
 *
 * IAM/latest/UserGuide/reference_policies_elements_resource.html: "You can use wildcard characters (*
 * and ?) within any ARN segment (the parts separated by colons) ... If the * wildcard is the last
 * character of a resource ARN segment, it can expand to match beyond the colon boundaries." Matching is
 * case-sensitive in every segment (ARNs are case-sensitive; only action names fold case).
 */
import { LITERAL_QUESTION, LITERAL_STAR, type Matcher } from "./wildcard.js";
import { rx, type Rx } from "./regex.js";

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon (may itself hold colons and slashes). */
  resource: string;
}

/**
 * The six components: arn, partition, service, region, account, resource; undefined with fewer than five
 * colons. The first is not checked, so policy patterns may hold wildcards there.
 */
/**
 * The `index`-th colon-separated field of an ARN (2: service, 3: region) without splitting the whole
 * ARN (asked for every candidate request); undefined when the ARN has fewer fields.
 */
export function arnField(arn: string, index: number): string | undefined {
  let start = 0;
  for (let i = 0; i < index; i++) {
    const colon = arn.indexOf(":", start);
    if (colon < 0) return undefined;
    start = colon + 1;
  }
  const end = arn.indexOf(":", start);
  return end < 0 ? arn.slice(start) : arn.slice(start, end);
}

export function splitArn(text: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let n = 0; n < 5; n++) {
    const colon = text.indexOf(":", start);
    if (colon < 0) return undefined;
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

export function parseArn(text: string): Arn | undefined {
  const parts = splitArn(text);
  if (parts === undefined || parts[0] !== "arn") return undefined;
  const [, partition, service, region, account, resource] = parts as [string, string, string, string, string, string];
  return { partition, service, region, account, resource };
}

const REGEX_SPECIAL = /[\\^$.|+()[\]{}\/]/g;

/** Regex source for an ARN pattern: `*` stays inside its segment unless it ends one. */
export function arnPatternToRegexSource(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*") {
      const next = pattern[i + 1];
      out += next === undefined || next === ":" ? "[\\s\\S]*" : "[^:]*";
    } else if (ch === "?") out += "[^:]";
    else if (ch === LITERAL_STAR) out += "\\*";
    else if (ch === LITERAL_QUESTION) out += "\\?";
    else out += ch.replace(REGEX_SPECIAL, "\\$&");
  }
  return out;
}

/** The symbolic form of compileArnPattern: the same language as arnPatternToRegexSource, as data. */
export function arnPatternRx(pattern: string): Rx {
  if (pattern === "*") return rx.all;
  const inPart = rx.star(rx.notIn(":"));
  const parts: Rx[] = [];
  let text = "";
  const flush = () => {
    if (text) parts.push(rx.lit(text));
    text = "";
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*") {
      flush();
      const next = pattern[i + 1];
      parts.push(next === undefined || next === ":" ? rx.all : inPart);
    } else if (ch === "?") {
      flush();
      parts.push(rx.notIn(":"));
    } else if (ch === LITERAL_STAR) text += "*";
    else if (ch === LITERAL_QUESTION) text += "?";
    else text += ch;
  }
  flush();
  return parts.length === 0 ? rx.lit("") : rx.cat(...parts);
}

/** Compiles a Resource/NotResource entry (after variable substitution) into a matcher. */
export function compileArnPattern(pattern: string): Matcher {
  if (pattern === "*") return () => true;
  const hasStar = pattern.includes("*");
  const hasQ = pattern.includes("?");
  if (!hasStar && !hasQ) {
    const literal = pattern.replaceAll(LITERAL_STAR, "*").replaceAll(LITERAL_QUESTION, "?");
    return (v) => v === literal;
  }
  // A single trailing `*` may span anything (it ends the last segment): a plain prefix test.
  if (!hasQ && pattern.indexOf("*") === pattern.length - 1) {
    const prefix = pattern.slice(0, -1).replaceAll(LITERAL_STAR, "*").replaceAll(LITERAL_QUESTION, "?");
    return (v) => v.startsWith(prefix);
  }
  if (!hasQ) {
    const m = starMatcher(pattern);
    if (m) return m;
  }
  const re = new RegExp(`^${arnPatternToRegexSource(pattern)}$`);
  return (v) => re.test(v);
}

/**
 * A `*`-only pattern without a regex: the literal parts are found left to right, and a `*` that does
 * not end a segment may not cover a colon. Undefined where leftmost matching would not be exact.
 */
function starMatcher(pattern: string): Matcher | undefined {
  const parts = pattern.split("*").map((p) => p.replaceAll(LITERAL_STAR, "*").replaceAll(LITERAL_QUESTION, "?"));
  // crosses[i]: whether the star after parts[i] ends a segment (next char ':' or end of pattern).
  const crosses = parts.slice(0, -1).map((_, i) => {
    const next = parts[i + 1]!;
    return next === "" ? i + 1 === parts.length - 1 : next.startsWith(":");
  });
  // Leftmost choices are right unless a colon-crossing `*` comes before one that may not cross (then
  // the first should take as much as it can): leave those rare patterns to the regex.
  if (crosses.some((c, i) => c && crosses.slice(i + 1).some((later) => !later))) return undefined;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  return (v) => {
    if (v.length < first.length + last.length || !v.startsWith(first) || !v.endsWith(last)) return false;
    const end = v.length - last.length;
    let cursor = first.length;
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i]!;
      const at = i === parts.length - 1 ? end : v.indexOf(part, cursor);
      if (at < cursor || at + part.length > v.length - (i === parts.length - 1 ? 0 : last.length)) return false;
      if (!crosses[i - 1] && v.slice(cursor, at).includes(":")) return false;
      cursor = at + part.length;
    }
    return true;
  };
}
