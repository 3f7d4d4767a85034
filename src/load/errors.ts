/**
 * Input errors: every problem with a spec, environment or policy file is a value with a position, so
 * that the CLI can report them all at once (exit code 2) instead of stopping at the first.
 */
import { basename, dirname, relative, sep } from "node:path";
import type { SourcePos } from "../model/types.js";

export type InputErrorKind =
  | "yaml" // the file does not parse
  | "file" // a file that cannot be read
  | "schema" // unknown key, wrong type, missing key, bad value
  | "policy" // an invalid policy document, or a policy reference that resolves to nothing
  | "principal" // a principal that cannot be resolved
  | "reference" // a name that points at nothing (a group, a customer managed policy, an account)
  | "cycle" // files that include each other
  | "unsupported" // a key the contract reserves but this version does not implement
  | "unknown" // an answer that depends on a value known only after `terraform apply`
  | "action"; // an action or pattern in a spec that matches no known action (the compiler's)

export interface InputError {
  readonly kind: InputErrorKind;
  readonly severity: "error" | "warning";
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** How to fix it ("did you mean s3:GetObject?"). */
  readonly hint?: string;
}

export function inputError(
  kind: InputErrorKind,
  pos: SourcePos,
  message: string,
  hint?: string,
): InputError {
  return { kind, severity: "error", file: pos.file, line: pos.line, column: pos.column, message, ...(hint ? { hint } : {}) };
}

export function inputWarning(
  kind: InputErrorKind,
  pos: SourcePos,
  message: string,
  hint?: string,
): InputError {
  return { ...inputError(kind, pos, message, hint), severity: "warning" };
}

/**
 * A file named inside a message, as seen from the directory of the file the message points at (where
 * a reference is written, the path as the user wrote it; the file itself, its name): never an absolute
 * path, which would name a machine's folders in a report.
 */
export function pathFrom(at: { readonly file: string }, file: string): string {
  return relative(dirname(at.file), file).split(sep).join("/") || basename(file);
}

/** `file:line:column` of `pos` inside a message located at `at` (pathFrom). */
export function posFrom(at: { readonly file: string }, pos: SourcePos): string {
  return `${pathFrom(at, pos.file)}:${pos.line}:${pos.column}`;
}

/** `file:line:column: message (hint)` */
export function formatInputError(e: InputError): string {
  const prefix = e.severity === "warning" ? "warning: " : "";
  return `${e.file}:${e.line}:${e.column}: ${prefix}${e.message}${e.hint ? ` (${e.hint})` : ""}`;
}

/** Errors first in file order, so a report reads top to bottom. */
export function sortInputErrors(errors: readonly InputError[]): InputError[] {
  return [...errors].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

/**
 * The result of a load step: a value only when there were no errors (fail closed). Warnings never
 * block.
 */
export type Loaded<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly InputError[] }
  | { readonly ok: false; readonly errors: readonly InputError[]; readonly warnings: readonly InputError[] };

/** Thrown only across an API boundary that cannot return a Loaded (library helpers); carries every error. */
export class InputErrors extends Error {
  constructor(readonly errors: readonly InputError[]) {
    super(errors.map(formatInputError).join("\n"));
    this.name = "InputErrors";
  }
}
