/**
 * Nesting depth of YAML/JSON text, measured before parsing: a 10,000-deep `[[[[...` would overflow the
 * parser's stack ("Maximum call stack size exceeded"). No IAM document nests more than a few dozen
 * levels, so a limit well below the stack's is an input error at the first value that passes it.
 * The scan follows flow brackets (outside quoted strings and comments) and block indentation, with
 * compact "- - -" sequences; it is an upper bound of the depth, not a parser.
 */

export const MAX_DEPTH = 200;

/** Offset of the first value nested deeper than MAX_DEPTH, or undefined. */
export function tooDeepAt(text: string): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let blockScalarIndent = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let end = text.indexOf("\n", lineStart);
    if (end < 0) end = text.length;
    const line = text.slice(lineStart, end);
    let i = 0;
    let block = 0;
    if (flow === 0 && quote === undefined) {
      while (i < line.length && line[i] === " ") i++;
      const blank = i >= line.length || line[i] === "#" || line[i] === "\r";
      if (blockScalarIndent >= 0 && (blank || i > blockScalarIndent)) {
        lineStart = end + 1;
        continue;
      }
      blockScalarIndent = -1;
      if (blank) {
        lineStart = end + 1;
        continue;
      }
      while (indents.length > 0 && indents[indents.length - 1]! >= i) indents.pop();
      indents.push(i);
      block = indents.length;
      if (block > MAX_DEPTH) return lineStart + i;
      // "- - - x": each compact entry opens one more level.
      while (/^[-?:]( |$)/.test(line.slice(i, i + 2))) {
        block++;
        if (block > MAX_DEPTH) return lineStart + i;
        i += 2;
        while (line[i] === " ") i++;
      }
      if (/[|>][-+0-9]*\s*(#.*)?\r?$/.test(line.slice(i)) && !/^["']/.test(line.slice(i))) blockScalarIndent = indents[indents.length - 1]!;
    } else {
      block = indents.length;
    }
    let prev = i > 0 ? line[i - 1]! : " ";
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (quote === '"') {
        if (c === "\\") i++;
        else if (c === '"') quote = undefined;
      } else if (quote === "'") {
        if (c === "'") {
          if (line[i + 1] === "'") i++;
          else quote = undefined;
        }
      } else if (c === "#" && /\s/.test(prev)) {
        break;
      } else if ((c === '"' || c === "'") && /[\s:[{,-]/.test(prev)) {
        quote = c;
      } else if (c === "[" || c === "{") {
        flow++;
        if (block + flow > MAX_DEPTH) return lineStart + i;
      } else if ((c === "]" || c === "}") && flow > 0) {
        flow--;
      }
      prev = c;
    }
    lineStart = end + 1;
  }
  return undefined;
}
