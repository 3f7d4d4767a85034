/**
 * iam:PassRole + AWS HealthOmics: the caller creates a private workflow of its own (a WDL, Nextflow or
 * CWL definition whose tasks run the caller's containers and commands: omics:CreateWorkflow, which
 * takes no resource type) and starts a run of it with the role as the run's service role
 * (omics:StartRun, roleArn: omics/latest/dev/permissions-service.html: "You provide a service role to
 * AWS HealthOmics when you start an import job or start a run", trusted by omics.amazonaws.com; the
 * guide's user policy allows iam:PassRole with iam:PassedToService omics.amazonaws.com). StartRun is
 * authorized on the run and on the workflow it names (omics/latest/dev/permissions-user.html). The
 * workflow's tasks reach AWS resources with the run's role ("Your workflow has access to input data
 * from AWS resources, such as Amazon S3": omics/latest/dev/workflow-defn-requirements.html), and the
 * tasks are the caller's commands; pathfinding.cloud omics-001 reads the role's credentials there.
 */
import { launchChecker } from "./service-launch.js";

export const passRoleOmics = launchChecker("passrole-omics", {
  service: "omics.amazonaws.com",
  variants: [[
    { action: "omics:CreateWorkflow" },
    { action: "omics:StartRun", resourceType: "run" },
    { action: "omics:StartRun", resourceType: "workflow" },
  ]],
});
