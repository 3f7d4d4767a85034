/**
 * `iam-spec diff` on the planted-loophole corpora (test/fixtures/loopholes, mistakes in IAM's own
 * logic; test/fixtures/loopholes-world, mistakes in how services name resources and set keys): each
 * scenario is a real IAM mistake as a `buggy/` and a `fixed/` environment. Through the real CLI entry:
 * - `diff fixed buggy` reports the loophole as new access: the principal the scenario's spec asks
 *   about (or a hop of its role chain, whose sts:AssumeRole* / sts:TagSession is where the chain opens)
 *   and one of the actions its `mayNot` names, allowed by a statement of the buggy files;
 * - `diff buggy fixed` reports no new access: each fix only takes access away (where a fix could be
 *   written either way, the corpus writes it as a narrowing: the lower-case Deny added next to the
 *   upper-case one, ForAnyValue added next to ForAllValues, aws:PrincipalOrgID next to aws:Referer);
 * - `diff x x` reports nothing, and needs no search (every principal and action is unchanged).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { expandActionPattern } from "../../src/data/actions.js";
import { ROOT, runCli } from "./run-cli.js";

/** The planted-loophole corpora: mistakes in IAM's own logic, in how services name resources and set keys, and more services' (loopholes-field). */
const CORPORA = ["test/fixtures/loopholes", "test/fixtures/loopholes-world", "test/fixtures/loopholes-field"];
const scenariosOf = (corpus: string) =>
  readdirSync(join(ROOT, corpus), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

interface Row {
  principal: string;
  principalName: string;
  action: string;
  resource: string;
  context: Record<string, unknown>;
  statements: { file?: string; line?: number; effect: string }[];
  reason: string;
  evidence: { method: string; requests: number };
}
interface Report {
  newAccess: Row[];
  removedAccess: Row[];
  sampledOnly: { direction: string; reason: string; requests: number }[];
  summary: { method: string; requests: number; changed: number; unchanged: number; evidence: { newAccess: string; removedAccess: string } };
}

/**
 * "No new access" is proved, or the pairs where it is only sampled are listed, each with its requests
 * and the reason the prover did not decide it (a spent proof budget on a loaded machine, say).
 */
function expectHonestEvidence(report: Report): void {
  for (const direction of ["new", "removed"] as const) {
    const open = report.sampledOnly.filter((x) => x.direction === direction);
    expect(report.summary.evidence[direction === "new" ? "newAccess" : "removedAccess"]).toBe(open.length === 0 ? "proved" : "sampled");
    for (const x of open) {
      expect(x.reason).not.toBe("");
      expect(x.requests).toBeGreaterThan(0);
    }
  }
}

async function diff(base: string, head: string): Promise<{ code: number; report: Report; stderr: string }> {
  const { code, stdout, stderr } = await runCli(["diff", base, head, "--seed", "1", "--reporter", "json"]);
  return { code, report: JSON.parse(stdout) as Report, stderr };
}

type Who = string | { service?: string; federated?: string; from?: unknown; notFrom?: unknown };

/** Whether a reported principal is the one a spec names (`role/x`, an ARN, a service, a provider, or a set: anyone). */
function names(who: Who, principalName: string): boolean {
  if (typeof who === "string") {
    if (who === "*") return true;
    if (who === "anonymous") return principalName === "anonymous";
    if (/^\d{12}$/.test(who)) return principalName.includes(`account ${who}`);
    // A role session (arn:aws:sts::A:assumed-role/ROLE/SESSION) is reported as its role.
    const session = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(who);
    if (session) return principalName === `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
    if (who.startsWith("arn:")) return principalName === who;
    const [kind, name] = who.split("/");
    return principalName.includes(`:${kind}/`) && principalName.endsWith(`/${name}`);
  }
  if (who.service) return principalName === who.service;
  if (who.federated) return principalName.includes(who.federated);
  return true; // from / notFrom: any principal of the set
}

interface Loophole {
  as: Who;
  assumedBy: Who[];
  actions: Set<string>;
}

function loopholeOf(corpus: string, scenario: string): Loophole {
  const dir = join(ROOT, corpus, scenario, "buggy");
  const file = readdirSync(dir).find((f) => f.endsWith(".iamspec.yaml"))!;
  const spec = parse(readFileSync(join(dir, file), "utf8")) as { expect: { as: Who; assumedBy?: Who | Who[]; mayNot: string | string[] }[] };
  const e = spec.expect[0]!;
  return {
    as: e.as,
    assumedBy: e.assumedBy === undefined ? [] : [e.assumedBy].flat(),
    actions: new Set([e.mayNot].flat().flatMap((p) => expandActionPattern(p)).map((a) => a.toLowerCase())),
  };
}

/** The loophole as new access: the spec's principal and action, or a hop of its chain getting into the role. */
function isLoophole(l: Loophole, r: Row): boolean {
  if (names(l.as, r.principalName) && l.actions.has(r.action.toLowerCase())) return true;
  return l.assumedBy.some((hop) => names(hop, r.principalName) && /^sts:(AssumeRole.*|TagSession)$/.test(r.action));
}

/**
 * stderr without the warnings a scenario plants on purpose: notprincipal-allow-everyone keeps
 * NotPrincipal with Allow on both sides (the fix narrows it with a condition), which AWS no longer
 * supports and iam-spec warns about (reference_policies_elements_notprincipal.html).
 */
function unexpected(stderr: string): string {
  return stderr.split("\n").filter((l) => l !== "" && !/: warning: resource policy: Statement\[\d+\]\.NotPrincipal: NotPrincipal with "Effect": "Allow"/.test(l)).join("\n");
}

describe.each(CORPORA)("iam-spec diff on the planted-loophole corpus %s", (corpus) => {
  const scenarios = scenariosOf(corpus);
  it("covers every scenario of the corpus", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(25);
  });

  describe.each(scenarios)("%s", (scenario) => {
    const dir = (v: string) => `${corpus}/${scenario}/${v}`;

    it("diff fixed buggy reports the loophole as new access (exit 1)", async () => {
      const { code, report, stderr } = await diff(dir("fixed"), dir("buggy"));
      expect(unexpected(stderr)).toBe("");
      expect(code).toBe(1);
      const loophole = loopholeOf(corpus, scenario);
      const hits = report.newAccess.filter((r) => isLoophole(loophole, r));
      expect(hits.map((r) => `${r.principalName} ${r.action}`), JSON.stringify(report.newAccess.map((r) => `${r.principalName} ${r.action}`))).not.toEqual([]);
      for (const r of hits) {
        // One concrete request, found by sampling or by the prover (and replayed), with the Allow
        // statements that grant it (a loophole that is a missing Deny is granted by statements that did
        // not change, an AWS managed policy say).
        expect(["sampled", "proved"]).toContain(r.evidence.method);
        expect(r.evidence.requests).toBeGreaterThan(0);
        // (the root user's own account needs none: the reason says so)
        if (r.statements.length === 0) expect(r.reason).toMatch(/root user/);
        for (const s of r.statements) expect(s.effect).toBe("Allow");
        for (const s of r.statements.filter((x) => x.file !== undefined)) expect(s.file).toContain(`${scenario}/buggy/`);
      }
      expect(["sampled", "proved"]).toContain(report.summary.method);
      expectHonestEvidence(report);
    });

    it("diff buggy fixed reports no new access (every fix is a pure narrowing)", async () => {
      const { code, report, stderr } = await diff(dir("buggy"), dir("fixed"));
      expect(unexpected(stderr)).toBe("");
      expect(report.newAccess.map((r) => `${r.principalName} ${r.action} ${r.resource} ${JSON.stringify(r.context)}`)).toEqual([]);
      expect(code).toBe(0);
      // The loophole the fix closes is removed access.
      expect(report.removedAccess.some((r) => isLoophole(loopholeOf(corpus, scenario), r))).toBe(true);
      expectHonestEvidence(report);
    });

    it("diff x x reports nothing and needs no search", async () => {
      const { code, report } = await diff(dir("buggy"), dir("buggy"));
      expect(code).toBe(0);
      expect(report.newAccess).toEqual([]);
      expect(report.removedAccess).toEqual([]);
      expect(report.summary.changed).toBe(0);
      expect(report.summary.method).toBe("exact");
      expect(report.summary.evidence.newAccess).toBe("proved");
      expect(report.summary.unchanged).toBeGreaterThan(0);
    });
  });
});
