/**
 * Stable stand-ins for identifiers AWS assigns and an environment file does not give: unique ids of
 * users and roles (for aws:userid), the organization root id and OU ids (for org paths). Derived from
 * a hash of the name, so runs are reproducible.
 */
import { createHash } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function encode(bytes: Buffer, alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += alphabet[(bytes[i % bytes.length] ?? 0) % alphabet.length];
  return out;
}

/**
 * A unique id like AWS's: 4-letter prefix (AIDA user, AROA role) + 17 characters
 * (IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
 */
export function uniqueIdFor(prefix: "AIDA" | "AROA", arn: string): string {
  return prefix + encode(digest(arn), BASE32, 17);
}

/** r-xxxx: the root id pattern is ^r-[0-9a-z]{4,32}$ (organizations/latest/APIReference/API_Root.html). */
export function rootIdFor(orgId: string): string {
  return `r-${encode(digest(`root:${orgId}`), "0123456789abcdefghijklmnopqrstuvwxyz", 4)}`;
}

/** ou-<root suffix>-xxxxxxxx (organizations/latest/APIReference/API_OrganizationalUnit.html). */
export function ouIdFor(rootId: string, namePath: string): string {
  return `ou-${rootId.slice(2)}-${encode(digest(`ou:${namePath}`), "0123456789abcdefghijklmnopqrstuvwxyz", 8)}`;
}
