/**
 * Problems found in a policy document. Errors make the document unusable (fail closed); warnings are
 * things AWS accepts but that probably do not do what the author meant (an unknown action, say).
 */
export type JsonPath = readonly (string | number)[];

export interface PolicyIssue {
  severity: "error" | "warning";
  /** Path inside the document, e.g. ["Statement", 1, "Condition", "StringEquals", "aws:SourceIp"]. */
  path: JsonPath;
  message: string;
  /** How to fix it, where we can say. */
  hint?: string;
}

/** `Statement[1].Condition.StringEquals["token.actions.githubusercontent.com:sub"]` */
export function formatPath(path: JsonPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_][\w:/-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out || "(document)";
}

export class PolicyValidationError extends Error {
  constructor(
    readonly policyName: string,
    readonly issues: readonly PolicyIssue[],
  ) {
    const errors = issues.filter((i) => i.severity === "error");
    super(
      `invalid policy ${policyName}: ` +
        errors.map((e) => `${formatPath(e.path)}: ${e.message}${e.hint ? ` (${e.hint})` : ""}`).join("; "),
    );
    this.name = "PolicyValidationError";
  }
}
