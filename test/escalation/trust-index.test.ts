/**
 * The trust index only narrows which roles are asked about: every role whose trust policy lets a
 * caller assume it (decided by the evaluator, IAM/latest/UserGuide/reference_policies_elements_principal.html)
 * must be among the candidates the index gives for that caller.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { callerOf } from "../../src/compile/caller.js";
import { buildInput, buildWorld } from "../../src/compile/request.js";
import { buildTrustIndex } from "../../src/escalation/trust-index.js";
import { evaluate } from "../../src/index.js";
import { loadEnvironmentFile } from "../../src/load/spec.js";
import type { Principal } from "../../src/model/types.js";

const A = "111122223333";
const B = "444455556666";
const trust = (statement: Record<string, unknown>) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }] });
const allowAssume = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] };

describe("trust index", () => {
  it("gives every role the evaluator lets a caller assume, and leaves out roles of other callers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iam-spec-trust-"));
    const roles = {
      byAccount: { trust: trust({ Principal: { AWS: `arn:aws:iam::${A}:root` }, Condition: {} }) },
      byAccountId: { trust: trust({ Principal: { AWS: A } }) },
      byUser: { trust: trust({ Principal: { AWS: `arn:aws:iam::${A}:user/dev` } }) },
      byRole: { trust: trust({ Principal: { AWS: [`arn:aws:iam::${A}:role/path/ci`] } }) },
      anyone: { trust: trust({ Principal: "*" }) },
      anyAws: { trust: trust({ Principal: { AWS: "*" } }) },
      notPrincipal: { trust: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", NotPrincipal: { AWS: `arn:aws:iam::${B}:root` } }] } },
      otherAccount: { trust: trust({ Principal: { AWS: `arn:aws:iam::${B}:root` } }) },
      service: { trust: trust({ Principal: { Service: "lambda.amazonaws.com" } }) },
    };
    writeFileSync(join(dir, "env.yaml"), JSON.stringify({
      accounts: { [A]: { users: { dev: { policies: [allowAssume] } }, roles: { ...roles, ci: { path: "/path/", trust: trust({ Principal: { Service: "codebuild.amazonaws.com" } }), policies: [allowAssume] } } } },
    }));
    const { env } = await loadEnvironmentFile(join(dir, "env.yaml"));
    const world = buildWorld(env!);
    const index = buildTrustIndex(env!);
    const account = env!.accounts.get(A)!;
    const callers: Principal[] = [
      { kind: "user", user: account.users.get("dev")!, written: "user/dev" },
      { kind: "role-session", role: account.roles.get("ci")!, written: "role/ci" },
      { kind: "external-account", accountId: B, written: B },
    ];
    let allowedPairs = 0;
    for (const p of callers) {
      const caller = callerOf(p, env!, undefined);
      const candidates = new Set(index.rolesFor(caller).map((r) => r.name));
      for (const role of account.roles.values()) {
        const allowed = evaluate(buildInput(world, caller, "sts:AssumeRole", role.arn, {})).decision === "Allow";
        if (allowed) {
          allowedPairs++;
          expect(candidates.has(role.name), `${p.written} may assume ${role.name}`).toBe(true);
        }
      }
      // Narrowing: a role trusting only another account is no candidate for a caller of this one.
      if (p.kind !== "external-account") expect(candidates.has("otherAccount")).toBe(false);
    }
    expect(allowedPairs).toBeGreaterThanOrEqual(10);
    expect(index.rolesForService("lambda.amazonaws.com", A).map((r) => r.name)).toContain("service");
    expect(index.rolesForService("lambda.amazonaws.com", B)).toEqual([]);
  });
});
