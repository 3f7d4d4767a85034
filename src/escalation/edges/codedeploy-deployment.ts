/**
 * A deployment of the caller's revision to a CodeDeploy deployment group whose EC2 or on-premises
 * instances run as a role: the revision's AppSpec hooks are scripts the CodeDeploy agent runs on each
 * instance (codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html), where the
 * instance profile's role is (codedeploy/latest/userguide/getting-started-create-iam-instance-profile.html).
 * codedeploy:CreateDeployment is authorized on the deployment group
 * (codedeploy/latest/userguide/auth-and-access-control-permissions-reference.html). No iam:PassRole: the
 * group's service role and its instances stay as they are.
 *
 * The environment lists the group with `role:` (the role of its instances, not its service role); that
 * the instances run the agent and can fetch the caller's revision is taken as possible.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { callerOf } from "../../compile/caller.js";
import { allowedResources, attempt, DEFAULT_NAMING, firstOf } from "../attempt.js";
import type { Attempt, EdgeChecker, GraphContext, GraphNode } from "../types.js";
import { runningAs, runsAsChecker, same } from "./runs-as.js";

const CODEDEPLOY = "codedeploy.amazonaws.com";

export const codeDeployDeployment = runsAsChecker("codedeploy-deployment", {
  kind: RUNS_AS_KINDS.deploymentGroup,
  variants: [[{ action: "codedeploy:CreateDeployment", resource: same }]],
});

/** The deployment group APPLICATION/GROUP in the instance's account and region. */
const groupFor = (instance: string, name: string) => {
  const [, partition, , region, account] = instance.split(":");
  return `arn:${partition}:codedeploy:${region}:${account}:deploymentgroup:${name}`;
};

/**
 * The APPLICATION/GROUP names worth trying: a sample, then those the caller's Allow statements name
 * (`deploymentgroup:web/*` gives `web/iam-spec-escalation`). At most four.
 */
function groupNames(documents: readonly unknown[]): string[] {
  const sample = `${DEFAULT_NAMING.name}/${DEFAULT_NAMING.name}`;
  const out = new Set([sample]);
  for (const r of allowedResources(documents)) {
    const m = /:deploymentgroup:([^/]+)\/(.+)$/.exec(r);
    if (m) out.add(`${m[1]}/${m[2]}`.replace(/\*/g, DEFAULT_NAMING.name).replace(/\?/g, "x"));
    if (out.size >= 4) return [...out];
  }
  return [...out];
}

/**
 * An instance that runs as a role, made the target of a deployment group: codedeploy:UpdateDeploymentGroup
 * sets the group's EC2 tag filters (or its Auto Scaling groups) to ones the instance matches
 * (codedeploy/latest/APIReference/API_UpdateDeploymentGroup.html: ec2TagFilters, ec2TagSet), and
 * codedeploy:CreateDeployment runs the caller's AppSpec hooks there. Keeping the group's service role
 * asks no iam:PassRole. A deployment group of the account is taken to exist (named as the caller's
 * policies single out), as is the agent on the instance.
 */
export const codeDeployRetarget = runsAsChecker("codedeploy-retarget", {
  kind: RUNS_AS_KINDS.instance,
  names: groupNames,
  variants: [
    [
      { action: "codedeploy:UpdateDeploymentGroup", resource: groupFor },
      { action: "codedeploy:CreateDeployment", resource: groupFor },
    ],
  ],
});

/**
 * A new deployment group aimed at an instance that runs as a role: iam:PassRole of a role CodeDeploy
 * can take on as the group's service role (serviceRoleArn, required:
 * codedeploy/latest/APIReference/API_CreateDeploymentGroup.html; codedeploy/latest/userguide/getting-started-create-service-role.html)
 * + codedeploy:CreateApplication + codedeploy:CreateDeploymentGroup (EC2 tag filters the instance
 * matches) + codedeploy:CreateDeployment. The caller comes to act as the instance's role, not as the
 * passed service role (CodeDeploy uses that one to find and reach the instances).
 */
export const codeDeployNewGroup: EdgeChecker = {
  id: "codedeploy-new-group",
  attempts(from: GraphNode, g: GraphContext): Attempt[] {
    if (!from.entity) return [];
    const instances = runningAs(g.world.env).filter((x) => RUNS_AS_KINDS.instance.arn.test(x.resource.arn));
    if (instances.length === 0) return [];
    const codedeploy = callerOf({ kind: "service", service: CODEDEPLOY, written: CODEDEPLOY }, g.world.env, undefined);
    const ec2 = callerOf({ kind: "service", service: "ec2.amazonaws.com", written: "ec2.amazonaws.com" }, g.world.env, undefined);
    const names = groupNames(from.caller.policies.map((p) => p.document));
    const out: Attempt[] = [];
    for (const { resource, role } of instances) {
      if (role === from.entity || resource.accountId === undefined) continue;
      if (!g.ask({ callerKey: "service:ec2.amazonaws.com", caller: ec2, action: "sts:AssumeRole", resource: role.arn }).allowed) continue;
      const services = g.trust.rolesForService(CODEDEPLOY, resource.accountId).filter((r) => g.ask({ callerKey: `service:${CODEDEPLOY}`, caller: codedeploy, action: "sts:AssumeRole", resource: r.arn }).allowed);
      if (services.length === 0) continue;
      const to = g.node({ kind: "role-session", role, written: role.arn });
      const best = firstOf(
        services.flatMap((service) =>
          names.map((name) => () => {
            const group = groupFor(resource.arn, name);
            const application = group.replace(/:deploymentgroup:([^/]+)\/.*$/, ":application:$1");
            return attempt(g, from, to, "iam:PassRole + codedeploy:CreateApplication + codedeploy:CreateDeploymentGroup + codedeploy:CreateDeployment", [
              { action: "iam:PassRole", resource: service.arn, pinned: { "iam:PassedToService": CODEDEPLOY } },
              { action: "codedeploy:CreateApplication", resource: application },
              { action: "codedeploy:CreateDeploymentGroup", resource: group },
              { action: "codedeploy:CreateDeployment", resource: group },
            ]);
          }),
        ),
      );
      if (best) out.push(best);
    }
    return out;
  },
};
