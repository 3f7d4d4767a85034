/**
 * Principal resolution: every form of contract section 4, against the environment. Short forms
 * (`role/NAME`, `user/NAME`) resolve when exactly one account has that name.
 */
import { inputError, type InputError } from "../load/errors.js";
import { closest, orList } from "../load/hints.js";
import { toJS, type LNode } from "../load/located.js";
import { parseArn } from "../match/arn.js";
import { pathSegment, sessionArn } from "./arn.js";
import { inScope } from "./principal-sets.js";
import type { Environment, Principal, PrincipalRef, PrincipalScope, PrincipalSet, Role, SourcePos, User } from "./types.js";

export interface ResolveOptions {
  /** Fuzzed sets (`*`, from, notFrom) are allowed only for mayNot. */
  readonly allowSets: boolean;
  /** The session name for a role written as a role ARN or short form. Default "iam-spec". */
  readonly sessionName?: string;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; errors: InputError[] };

const ACCOUNT_ID = /^\d{12}$/;
const ORG_ID = /^o-[a-z0-9]{10,32}$/;

function fail<T>(pos: SourcePos, message: string, hint?: string): Resolved<T> {
  return { ok: false, errors: [inputError("principal", pos, message, hint)] };
}

/** Resolves a principal node (string or mapping) of `as`, `assumedBy` or `except`. */
export function resolvePrincipal(env: Environment, node: LNode, opts: ResolveOptions): Resolved<PrincipalRef> {
  if (node.kind === "scalar" && typeof node.value === "string") return resolveString(env, node.value, node.pos, opts);
  if (node.kind !== "map") return fail(node.pos, "expected a principal: an ARN, role/NAME, user/NAME, an account id, anonymous, or a mapping", "see the principal forms in docs/spec-reference.md; quote account ids");
  const written = JSON.stringify(toJS(node)).replace(/"/g, "").replace(/,/g, ", ").replace(/:/g, ": ");
  const str = (k: string) => {
    const v = node.entries.get(k)?.value;
    return v?.kind === "scalar" && typeof v.value === "string" ? { text: v.value, pos: v.pos } : undefined;
  };
  const service = str("service");
  if (service) {
    if (!/^[a-z0-9][a-z0-9.-]*\.[a-z0-9.-]+$/i.test(service.text)) {
      return fail(service.pos, `"${service.text}" is not a service principal`, "expected a name like lambda.amazonaws.com");
    }
    return { ok: true, value: { kind: "service", service: service.text.toLowerCase(), written: service.text, pos: node.pos } };
  }
  const federated = str("federated");
  if (federated) {
    if (federated.text.startsWith("arn:")) return resolveArn(env, federated.text, federated.pos, opts, written, true);
    // An OIDC provider is named by its URL without https:// (a host, maybe a path:
    // oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE; id_roles_create_for-idp_oidc.html); a SAML
    // provider only by its ARN. Anything else names no provider a trust policy could name.
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/[^\s]*)?$/i.test(federated.text)) {
      return fail(federated.pos, `"${federated.text}" is not an identity provider`, "name an OIDC provider by its host (token.actions.githubusercontent.com, cognito-identity.amazonaws.com) or a provider by its ARN (arn:aws:iam::ACCOUNT:saml-provider/NAME for SAML)");
    }
    return { ok: true, value: { kind: "federated", protocol: "oidc", provider: federated.text, written: federated.text, pos: node.pos } };
  }
  const from = str("from");
  const notFrom = str("notFrom");
  const scopeText = from ?? notFrom;
  if (!scopeText) return fail(node.pos, "a principal mapping needs service, federated, from or notFrom", "e.g. { service: lambda.amazonaws.com } or, for mayNot, { from: \"111122223333\" }");
  if (!opts.allowSets) {
    return fail(node.pos, `{ ${from ? "from" : "notFrom"}: ... } is a fuzzed set of principals, allowed only with mayNot`, "name one principal for may, or use mayNot");
  }
  const scope = resolveScope(env, scopeText.text, scopeText.pos, !!notFrom);
  if (!scope.ok) return scope;
  const except: Principal[] = [];
  const errors: InputError[] = [];
  const exceptNode = node.entries.get("except")?.value;
  const modeKey = notFrom ? "notFrom" : "from";
  for (const item of exceptNode?.kind === "seq" ? exceptNode.items : []) {
    const r = resolvePrincipal(env, item, { ...opts, allowSets: false });
    if (!r.ok) errors.push(...r.errors);
    else if (r.value.kind !== "set") {
      // Leaving out a principal the set never held changes nothing: almost always a typo in the
      // account or the name, and the principal meant to be left out is still in the set.
      const inside = inScope(env, scope.value, r.value) === !notFrom;
      if (!inside) {
        errors.push(inputError("principal", item.pos, `except: ${r.value.written} is not in { ${modeKey}: "${scopeText.text}" }, so leaving it out changes nothing`,
          `except names principals of the set: check the account or name, or remove it from except`));
      } else except.push(r.value);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const includeRoot = node.entries.get("includeRoot")?.value;
  const set: PrincipalSet = {
    kind: "set",
    mode: notFrom ? "notFrom" : "from",
    scope: scope.value,
    except,
    includeRoot: includeRoot?.kind === "scalar" && includeRoot.value === true,
    written,
    pos: node.pos,
  };
  return { ok: true, value: set };
}

function resolveScope(env: Environment, text: string, pos: SourcePos, not: boolean): Resolved<PrincipalScope> {
  if (text === "*") {
    if (not) return fail(pos, `{ notFrom: "*" } leaves nobody`, `use "*" or { from: "*" } for any principal`);
    return { ok: true, value: { kind: "any" } };
  }
  // An account outside the environment is allowed both ways (contract section 4): its principals'
  // identity policies are taken to allow everything, and a notFrom never yields one of them.
  if (ACCOUNT_ID.test(text)) return { ok: true, value: { kind: "account", accountId: text } };
  if (ORG_ID.test(text)) {
    const org = env.organization?.id;
    if (org !== text) {
      return fail(pos, `organization ${text} is not the environment's organization`, org ? `did you mean "${org}"?` : "the environment has no organization: block");
    }
    return { ok: true, value: { kind: "organization", orgId: text } };
  }
  return fail(pos, `"${text}" is neither an account id (12 digits) nor an organization id (o-...)${not ? "" : ' nor "*"'}`,
    `write a quoted 12-digit account id ("111122223333"), the organization id (o- and 10 to 32 lowercase letters or digits)${not ? "" : ' or "*"'}`);
}

function resolveString(env: Environment, text: string, pos: SourcePos, opts: ResolveOptions): Resolved<PrincipalRef> {
  if (text === "anonymous") return { ok: true, value: { kind: "anonymous", written: text, pos } };
  if (text === "*") {
    if (!opts.allowSets) return fail(pos, `"*" (any principal) is allowed only with mayNot`, "name one principal for may, or use mayNot");
    return { ok: true, value: { kind: "set", mode: "from", scope: { kind: "any" }, except: [], includeRoot: false, written: "*", pos } };
  }
  if (ACCOUNT_ID.test(text)) {
    if (env.accounts.has(text)) {
      return fail(pos, `account ${text} is in the environment, so its principals are known`,
        `name a user or role (user/NAME, role/NAME), its root (arn:${env.accounts.get(text)?.partition ?? "aws"}:iam::${text}:root), or use { from: "${text}" } with mayNot`);
    }
    return { ok: true, value: { kind: "external-account", accountId: text, written: text, pos } };
  }
  // An account id is 12 digits (reference_identifiers.html): a digit dropped or added is a typo.
  if (/^\d+$/.test(text)) return fail(pos, `"${text}" has ${text.length} digits; an account id has 12`, "write the 12-digit account id, quoted (leading zeros included)");
  if (text.startsWith("arn:")) return resolveArn(env, text, pos, opts, text, false);
  const short = /^(role|user)\/(.+)$/.exec(text);
  if (short) return resolveShort(env, short[1] as "role" | "user", short[2] as string, text, pos, opts);
  if (/\.amazonaws\.com(\.cn)?$/i.test(text)) return fail(pos, `"${text}" looks like a service principal`, `write { service: ${text} }`);
  if (ORG_ID.test(text)) return fail(pos, `"${text}" is an organization id, not a principal`, `write { from: "${text}" } or { notFrom: "${text}" } (mayNot only)`);
  const candidates = allShortForms(env);
  const near = closest(text, [...candidates, "anonymous"]);
  return fail(pos, `cannot resolve principal "${text}"`,
    near.length > 0 ? `did you mean ${orList(near.map((n) => `"${n}"`))}?` : "expected an ARN, role/NAME, user/NAME, an account id or anonymous");
}

function allShortForms(env: Environment): string[] {
  const out: string[] = [];
  for (const a of env.accounts.values()) {
    for (const u of a.users.values()) out.push(`user/${pathSegment(u.path)}${u.name}`);
    for (const r of a.roles.values()) out.push(`role/${pathSegment(r.path)}${r.name}`);
  }
  // A name in several accounts is one short form (it is ambiguous, but one suggestion).
  return [...new Set(out)];
}

function resolveShort(env: Environment, type: "role" | "user", rest: string, written: string, pos: SourcePos, opts: ResolveOptions): Resolved<PrincipalRef> {
  // "role/deploy" matches a role named deploy on any path; "role/data/reader" a role on path /data/.
  const matches: (User | Role)[] = [];
  for (const a of env.accounts.values()) {
    const map = type === "role" ? a.roles : a.users;
    for (const p of map.values()) {
      if (p.name === rest || `${pathSegment(p.path)}${p.name}` === rest) matches.push(p);
    }
  }
  if (matches.length === 1) {
    const p = matches[0] as User | Role;
    return { ok: true, value: p.kind === "user" ? { kind: "user", user: p, written, pos } : { kind: "role-session", role: p, written, pos } };
  }
  if (matches.length > 1) {
    return fail(pos, `"${written}" is ambiguous: ${matches.length} accounts have it: ${matches.map((m) => m.arn).join(", ")}`, "write the full ARN of the one you mean");
  }
  const names = allShortForms(env).filter((s) => s.startsWith(`${type}/`));
  const near = closest(written, names);
  return fail(pos, `no ${type} "${rest}" in the environment`, near.length > 0 ? `did you mean ${orList(near.map((n) => `"${n}"`))}?` : `define it under accounts.ACCOUNT.${type}s`);
}

function resolveArn(env: Environment, arn: string, pos: SourcePos, opts: ResolveOptions, written: string, federatedOnly: boolean): Resolved<PrincipalRef> {
  const parts = parseArn(arn);
  if (!parts || !ACCOUNT_ID.test(parts.account) || (parts.service !== "iam" && parts.service !== "sts")) {
    return fail(pos, `"${arn}" is not a principal ARN`, "expected arn:aws:iam::ACCOUNT:user/NAME, :role/NAME, :root, or arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION");
  }
  const { service, account: accountId, resource } = parts;
  const account = env.accounts.get(accountId);
  if (account && parts.partition !== (account.partition ?? "aws")) {
    return fail(pos, `"${arn}" is in partition ${parts.partition}, but account ${accountId} is in partition ${account.partition ?? "aws"}`,
      `write arn:${account.partition ?? "aws"}:..., or set partition: ${parts.partition} under accounts."${accountId}"`);
  }
  const slash = resource.indexOf("/");
  const type = slash < 0 ? resource : resource.slice(0, slash);
  const tail = slash < 0 ? "" : resource.slice(slash + 1);
  if (service === "iam" && (type === "oidc-provider" || type === "saml-provider") && tail) {
    return { ok: true, value: { kind: "federated", protocol: type === "saml-provider" ? "saml" : "oidc", provider: tail, accountId, arn, written, pos } };
  }
  if (federatedOnly) return fail(pos, `"${arn}" is not an identity provider ARN`, "expected arn:aws:iam::ACCOUNT:oidc-provider/HOST or :saml-provider/NAME");
  if (service === "iam" && resource === "root") {
    return { ok: true, value: { kind: "root", accountId, arn, ...(account ? { account } : {}), written, pos } };
  }
  const sessionName = opts.sessionName ?? "iam-spec";
  if (service === "iam" && (type === "user" || type === "role") && tail) {
    const name = tail.slice(tail.lastIndexOf("/") + 1);
    if (!account) {
      return {
        ok: true,
        value: { kind: "external-arn", accountId, arn, resourceType: type, ...(type === "role" ? { sessionArn: sessionArn(accountId, name, sessionName, parts.partition) } : {}), written, pos },
      };
    }
    const map = type === "user" ? account.users : account.roles;
    const found = [...map.values()].find((p) => p.arn === arn);
    if (!found) {
      const byName = map.get(name);
      const hint = byName
        ? `${type} ${name} has path ${byName.path}: its ARN is ${byName.arn}`
        : (() => {
            const near = closest(arn, [...map.values()].map((p) => p.arn));
            return near.length > 0 ? `did you mean ${orList(near)}?` : `account ${accountId} has no ${type}s of that name`;
          })();
      return fail(pos, `no ${type} ${arn} in the environment`, hint);
    }
    return { ok: true, value: found.kind === "user" ? { kind: "user", user: found, written, pos } : { kind: "role-session", role: found, written, pos } };
  }
  if (service === "sts" && type === "assumed-role") {
    const [roleName, ...rest] = tail.split("/");
    const session = rest.join("/");
    if (!roleName || !session) return fail(pos, `"${arn}" needs assumed-role/ROLE/SESSION`, "write arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, or the role ARN for a session named iam-spec");
    if (!account) {
      return { ok: true, value: { kind: "external-arn", accountId, arn, resourceType: "assumed-role", sessionArn: arn, written, pos } };
    }
    const role = account.roles.get(roleName);
    if (!role) {
      const near = closest(roleName, account.roles.keys());
      return fail(pos, `no role ${roleName} in account ${accountId}`, near.length > 0 ? `did you mean ${orList(near.map((n) => `"${n}"`))}?` : `define it under accounts."${accountId}".roles, or name a role the account has`);
    }
    // STS/latest/APIReference/API_AssumeRole.html, RoleSessionName: [\w+=,.@-]{2,64}. No session of
    // another name exists, so a check of one would examine a caller AWS never has.
    if (!/^[\w+=,.@-]{2,64}$/.test(session)) {
      return fail(pos, `"${session}" is not a role session name`, "a session name is 2 to 64 letters, digits or _+=,.@- (STS/latest/APIReference/API_AssumeRole.html)");
    }
    return { ok: true, value: { kind: "role-session", role, sessionName: session, written, pos } };
  }
  if (service === "sts" && type === "federated-user" && tail) {
    if (account) return fail(pos, `federated users (GetFederationToken) of account ${accountId} are not modelled`, "use a user or a role of the account");
    return { ok: true, value: { kind: "external-arn", accountId, arn, resourceType: "federated-user", written, pos } };
  }
  return fail(pos, `unsupported principal ARN "${arn}"`, "expected a user, role, role session, root or identity provider ARN");
}
