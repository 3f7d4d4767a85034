/**
 * codebuild:StartBuild (or StartBuildBatch) with a buildspec override, or codebuild:UpdateProject with
 * a new buildspec then StartBuild, on an existing project: the caller's build commands run with the
 * project's service role (codebuild/latest/userguide/setting-up-service-role.html), and no
 * iam:PassRole is asked (the role is not overridden).
 * codebuild/latest/APIReference/API_StartBuild.html, buildspecOverride: "an IAM principal with the
 * ability to call this API and set this parameter can override the default settings".
 * codebuild/latest/userguide/action-context-keys.html ("Prevent unauthorized modifications to project
 * buildspec"): `codebuild:source.buildspec` is present when the request sets the buildspec (only the
 * Null operator reads it), so the step pins it present; `codebuild:serviceRole` (and the batch's
 * `codebuild:buildBatchConfig.serviceRole`) is absent: no role is passed.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

/** The buildspec the caller writes (its content is not a condition value AWS evaluates). */
const BUILDSPEC = "version: 0.2";
const override = () => ({ "codebuild:source.buildspec": BUILDSPEC, "codebuild:serviceRole": null });
const batchOverride = () => ({ ...override(), "codebuild:buildBatchConfig.serviceRole": null });
const plain = () => ({ "codebuild:source.buildspec": null, "codebuild:serviceRole": null });

export const codeBuildProject = runsAsChecker("codebuild-project", {
  kind: RUNS_AS_KINDS.project,
  variants: [
    [{ action: "codebuild:StartBuild", resource: same, pinned: override }],
    [{ action: "codebuild:StartBuildBatch", resource: same, pinned: batchOverride }],
    [
      { action: "codebuild:UpdateProject", resource: same, pinned: override },
      { action: "codebuild:StartBuild", resource: same, pinned: plain },
    ],
  ],
});
