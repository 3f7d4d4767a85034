/**
 * Condition keys whose values are email addresses: SES lets policies control "which email addresses
 * the user can use for the From, recipient, and Return-Path addresses of emails"
 * (ses/latest/dg/control-user-access.html: ses:FromAddress, ses:Recipients, ses:FeedbackAddress).
 * SES receives such a request only with addresses in them: a local part, `@`, a domain. A policy's
 * `*@example.com` filled with nothing is `@example.com`, which no request carries.
 */
export const EMAIL_ADDRESS_KEYS: ReadonlySet<string> = new Set(["ses:fromaddress", "ses:recipients", "ses:feedbackaddress"]);

/** Whether `v` has the shape of an email address: a non-empty local part, one `@`, a non-empty domain, no spaces. */
export function isEmailAddress(v: string): boolean {
  return /^[^@\s]+@[^@\s]+$/.test(v);
}

/** `v` made an address where it is not one: a missing local part or domain filled in (`@example.com` -> `iam-spec@example.com`). */
export function asEmailAddress(v: string): string {
  if (isEmailAddress(v)) return v;
  const at = v.lastIndexOf("@");
  const local = (at < 0 ? v : v.slice(0, at)).replace(/[@\s]/g, "") || "iam-spec";
  const domain = (at < 0 ? "" : v.slice(at + 1)).replace(/[@\s]/g, "") || "example.com";
  return `${local}@${domain}`;
}
