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
import { DEFAULT_NAMING } from "../attempt.js";
import { runsAsChecker, same } from "./runs-as.js";

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
  for (const doc of documents) {
    const raw = (doc as { Statement?: unknown } | null)?.Statement;
    for (const st of Array.isArray(raw) ? raw : [raw]) {
      const s = st as { Effect?: unknown; Resource?: unknown } | null;
      if (s?.Effect !== "Allow") continue;
      for (const r of [s.Resource].flat()) {
        const m = typeof r === "string" && !r.includes("${") ? /:deploymentgroup:([^/]+)\/(.+)$/.exec(r) : null;
        if (m) out.add(`${m[1]}/${m[2]}`.replace(/\*/g, DEFAULT_NAMING.name).replace(/\?/g, "x"));
        if (out.size >= 4) return [...out];
      }
    }
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
