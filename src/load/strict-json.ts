/**
 * A `.json` file must be JSON, not merely YAML that happens to be written in braces: AWS rejects a
 * policy with a trailing comma, a comment or a single-quoted string ("MalformedPolicyDocument"), so
 * iam-spec does too, at the first character that is not JSON. The YAML parser reads the file for
 * positions (JSON is YAML 1.2); JSON.parse decides what is JSON. Its messages do not always carry a
 * position, so the position is found as the shortest prefix that JSON.parse rejects for a reason
 * other than running out of text.
 */

export interface JsonProblem {
  /** Offset of the first character that is not JSON. */
  readonly offset: number;
  readonly message: string;
  readonly hint: string;
}

export function strictJsonProblem(text: string): JsonProblem | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = body.length === text.length ? 0 : 1;
  // An empty file is reported by the reader of its kind ("the spec file is empty", ...).
  if (body.trim() === "" || parseError(body) === undefined) return undefined;
  // The prefixes JSON.parse accepts or finds merely unfinished are exactly the prefixes of some JSON
  // text, so the first rejected prefix ends at the offending character.
  let lo = 0;
  let hi = body.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const e = parseError(body.slice(0, mid + 1));
    if (e !== undefined && !unfinished(e, mid + 1)) hi = mid;
    else lo = mid + 1;
  }
  const offset = Math.min(lo, Math.max(0, body.length - 1));
  const message = (parseError(body.slice(0, offset + 1)) ?? parseError(body) ?? "not JSON").replace(/, (\.\.\.)?".*$/s, "").replace(/ in JSON at position \d+.*$/s, "");
  return { offset: offset + shift, message: `invalid JSON: ${message}`, hint: hintFor(body, offset) };
}

function parseError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The text ran out before the value ended: a prefix of some JSON text. */
function unfinished(message: string, length: number): boolean {
  if (/end of JSON input|Unterminated string/i.test(message)) return true;
  const at = /at position (\d+)/.exec(message);
  return at !== undefined && at !== null && Number(at[1]) >= length;
}

function hintFor(text: string, offset: number): string {
  const c = text[offset];
  const before = text.slice(0, offset).trimEnd();
  if ((c === "]" || c === "}") && before.endsWith(",")) return "remove the trailing comma: AWS accepts only strict JSON, and a .json file is read as JSON";
  if (c === "'") return "JSON strings use double quotes";
  if (c === "#" || (c === "/" && (text[offset + 1] === "/" || text[offset + 1] === "*"))) return "JSON has no comments: remove it, or name the file .yaml to write YAML";
  return "a .json file is read as strict JSON, as AWS reads policies: check commas, quotes, brackets and braces here, or name the file .yaml to write YAML";
}
