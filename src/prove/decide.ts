/**
 * The decision as a formula: the symbolic twin of src/evaluator/decide.ts. The per-type scans are
 * mirrored statement by statement (the concrete parts, the action and the principal, are decided
 * here by the evaluator's own functions; what depends on the request, the resource and the
 * conditions, is a formula), and the combination is not rewritten at all: finalDecision() is asked
 * about every combination of the types' answers, and the combinations it allows are the formula.
 */
import {
  boundaryLimits,
  everyoneGrant,
  finalDecision,
  gatewayEndpoint,
  GRANT_BITS,
  notPrincipalBoundary,
  preDecision,
  rcpsApply,
  resourceDenyApplies,
  scpsApply,
  statementGrant,
  type PolicySet,
  type PreparedRequest,
  type Verdicts,
} from "../evaluator/decide.js";
import { statementsFor, type CompiledPolicy, type CompiledStatement } from "../evaluator/compiled-policy.js";
import { Grant } from "../evaluator/principal-match.js";
import type { F, Logic } from "./formula.js";

/** Whether a statement applies to the request: its resource and its condition (the action and principal are checked here). */
export type StatementAtom = (st: CompiledStatement) => F;

interface Scan {
  deny: F;
  /** grants[g]: some Allow statement with grant level g applies. */
  grants: F[];
}

/** Mirror of scan() in src/evaluator/decide.ts (under the request's readings of the open points). */
function scan(L: Logic, policy: CompiledPolicy, req: PreparedRequest, hasBoundary: boolean, atom: StatementAtom): Scan {
  const deny: F[] = [];
  const grants: F[][] = [[], [], [], []];
  const endpoint = gatewayEndpoint(policy, req);
  const everyone = everyoneGrant(req);
  for (const st of statementsFor(policy, req.service, req.name, req.actionKey, req.actionSlot)) {
    const grant = statementGrant(st, req, hasBoundary, endpoint, everyone) & GRANT_BITS;
    if (grant === Grant.None) continue;
    const applies = atom(st);
    if (applies === false) continue;
    if (st.allow) grants[grant]!.push(applies);
    else deny.push(applies);
  }
  return { deny: L.or(...deny), grants: grants.map((g) => L.or(...g)) };
}

const allows = (L: Logic, s: Scan): F => L.or(...s.grants.slice(1));

/** The verdicts of src/evaluator/decide.ts as formulas (resourceGrant as "grant is g", g = 0..3). */
interface SymbolicVerdicts {
  denied: F;
  scpMissing: F;
  vpceMissing: F;
  grantIs: F[];
  identityAllow: F;
  boundaryAllow: F;
  sessionAllow: F;
}

function verdicts(L: Logic, set: PolicySet, req: PreparedRequest, atom: StatementAtom): SymbolicVerdicts {
  const p = req.principal;
  const hasBoundary = notPrincipalBoundary(set, req);
  const denied: F[] = [];
  const scpLevelsAllow: F[] = [];
  if (scpsApply(set, req)) {
    for (const level of set.scps) {
      if (level.length === 0 && req.readings.emptyScpIgnored) continue;
      const scans = level.map((pol) => scan(L, pol, req, hasBoundary, atom));
      denied.push(...scans.map((s) => s.deny));
      scpLevelsAllow.push(L.or(...scans.map((s) => allows(L, s))));
    }
  }
  if (rcpsApply(set, req)) for (const level of set.rcps) for (const pol of level) denied.push(scan(L, pol, req, hasBoundary, atom).deny);
  const vpceMissing: F[] = [];
  for (const v of set.vpce) {
    const s = scan(L, v, req, hasBoundary, atom);
    denied.push(s.deny);
    vpceMissing.push(L.not(allows(L, s)));
  }
  let grants: F[] = [false, false, false, false];
  if (set.resource) {
    const s = scan(L, set.resource, req, hasBoundary, atom);
    if (resourceDenyApplies(req)) denied.push(s.deny);
    grants = s.grants;
  }
  // The strongest grant wins: "grant is g" when g applies and nothing stronger does.
  const grantIs: F[] = [0, 1, 2, 3].map((g) => L.and(g === 0 ? true : grants[g]!, ...grants.slice(g + 1).map((x) => L.not(x))));
  const hasIdentitySide = p.isIam && p.kind !== "root";
  let identityAllow: F = p.kind === "root";
  let boundaryAllow: F = true;
  let sessionAllow: F = true;
  if (hasIdentitySide) {
    const scans = set.identity.map((pol) => scan(L, pol, req, hasBoundary, atom));
    denied.push(...scans.map((s) => s.deny));
    identityAllow = L.or(...scans.map((s) => allows(L, s)));
    if (boundaryLimits(set, req)) {
      const s = scan(L, set.boundary!, req, hasBoundary, atom);
      denied.push(s.deny);
      boundaryAllow = allows(L, s);
    }
    if (p.kind === "federated-user" && set.session.length === 0) sessionAllow = false;
    const sessions: F[] = [];
    for (const pol of set.session) {
      const s = scan(L, pol, req, hasBoundary, atom);
      denied.push(s.deny);
      sessions.push(allows(L, s));
    }
    sessionAllow = L.and(sessionAllow, ...sessions);
  }
  return {
    denied: L.or(...denied),
    scpMissing: L.not(L.and(...scpLevelsAllow)),
    vpceMissing: L.or(...vpceMissing),
    grantIs,
    identityAllow,
    boundaryAllow,
    sessionAllow,
  };
}

/** The values a formula can take: a constant has one. */
const choices = (x: F): boolean[] => (typeof x === "boolean" ? [x] : [false, true]);

/** "The request is allowed", as a formula over the request's free parts. */
export function allowFormula(L: Logic, set: PolicySet, req: PreparedRequest, atom: StatementAtom): F {
  const early = preDecision(req);
  if (early !== undefined) return early.decision === "Allow";
  const v = verdicts(L, set, req, atom);
  const lit = (x: F, value: boolean): F => (value ? x : L.not(x));
  const cases: F[] = [];
  for (const denied of choices(v.denied))
    for (const scpMissing of choices(v.scpMissing))
      for (const vpceMissing of choices(v.vpceMissing))
        for (const grant of [0, 1, 2, 3]) {
          if (v.grantIs[grant] === false) continue;
          for (const identityAllow of choices(v.identityAllow))
            for (const boundaryAllow of choices(v.boundaryAllow))
              for (const sessionAllow of choices(v.sessionAllow)) {
                const answers: Verdicts = {
                  denied,
                  scpMissingLevel: scpMissing ? 0 : -1,
                  vpceMissing,
                  resourceGrant: grant,
                  identityAllow,
                  boundaryAllow,
                  sessionAllow,
                };
                if (finalDecision(set, req, answers, (d) => d) !== "Allow") continue;
                cases.push(
                  L.and(
                    lit(v.denied, denied),
                    lit(v.scpMissing, scpMissing),
                    lit(v.vpceMissing, vpceMissing),
                    v.grantIs[grant]!,
                    lit(v.identityAllow, identityAllow),
                    lit(v.boundaryAllow, boundaryAllow),
                    lit(v.sessionAllow, sessionAllow),
                  ),
                );
              }
        }
  return L.or(...cases);
}
