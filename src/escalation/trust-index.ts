/**
 * Which roles a caller could possibly assume, read from the Principal elements of trust policies, so
 * that the graph does not ask the evaluator about every pair of principals. It is a superset: a
 * statement the index does not understand (NotPrincipal, "*", an assumed-role ARN, a Principal it
 * cannot read) makes the role a candidate for everyone, and the evaluator decides every candidate
 * (IAM/latest/UserGuide/reference_policies_elements_principal.html).
 */
import type { Caller } from "../compile/caller.js";
import type { Environment, Role } from "../model/types.js";
import type { TrustIndex } from "./types.js";

export function buildTrustIndex(env: Environment): TrustIndex {
  const byArn = new Map<string, Role[]>();
  const byAccount = new Map<string, Role[]>();
  const byService = new Map<string, Role[]>();
  const federated: Role[] = [];
  const anyone: Role[] = [];
  const add = (map: Map<string, Role[]>, key: string, role: Role) => {
    const list = map.get(key);
    if (!list) map.set(key, [role]);
    else if (list[list.length - 1] !== role) list.push(role);
  };
  for (const account of env.accounts.values()) {
    for (const role of account.roles.values()) {
      const doc = role.trust?.document as { Statement?: unknown } | undefined;
      if (!doc) continue;
      const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
      let open = false;
      for (const st of statements as Record<string, unknown>[]) {
        if (typeof st !== "object" || st === null || st.Effect !== "Allow") continue;
        if (st.NotPrincipal !== undefined || typeof st.Principal !== "object" || st.Principal === null) {
          open ||= st.NotPrincipal !== undefined || st.Principal === "*";
          continue;
        }
        for (const [type, values] of Object.entries(st.Principal as Record<string, unknown>)) {
          for (const v of [values].flat()) {
            if (typeof v !== "string") continue;
            if (v === "*") open = true;
            else if (type === "Service") add(byService, `${v.toLowerCase()}\n${role.accountId}`, role);
            else if (type === "Federated") federated.push(role);
            else if (type === "AWS") {
              const account = /^\d{12}$/.test(v) ? v : /^arn:[^:]+:iam::(\d{12}):root$/.exec(v)?.[1];
              if (account) add(byAccount, account, role);
              else if (/^arn:[^:]+:iam::\d{12}:(user|role)\//.test(v)) add(byArn, v.toLowerCase(), role);
              else open = true;
            } else open = true;
          }
        }
      }
      if (open) anyone.push(role);
    }
  }
  const unique = (lists: (readonly Role[] | undefined)[]) => {
    const present = lists.filter((l): l is readonly Role[] => l !== undefined && l.length > 0);
    return present.length === 1 ? present[0]! : [...new Set(present.flat())];
  };
  const anyoneByAccount = new Map<string, Role[]>();
  for (const r of anyone) add(anyoneByAccount, r.accountId, r);
  return {
    rolesFor(caller: Caller) {
      if (caller.federated) return unique([federated, anyone]);
      const arn = (caller.derived["aws:PrincipalArn"] as string | undefined) ?? caller.principal;
      return unique([byArn.get(arn.toLowerCase()), caller.accountId ? byAccount.get(caller.accountId) : undefined, anyone]);
    },
    rolesForService(service: string, accountId: string) {
      return unique([byService.get(`${service.toLowerCase()}\n${accountId}`), anyoneByAccount.get(accountId)]);
    },
  };
}
