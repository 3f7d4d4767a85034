/** Every escalation method the graph knows, one file each (docs/escalation.md lists them with their AWS pages). */
import type { ChangeChecker, EdgeChecker } from "../types.js";
import { addToGroup } from "./add-to-group.js";
import { agentCoreBrowser, agentCoreCodeInterpreter, agentCoreRuntime } from "./agentcore-existing.js";
import { appRunnerService } from "./apprunner-service.js";
import { assumeRole } from "./assume-role.js";
import { attachPolicy } from "./attach-policy.js";
import { removeBoundary } from "./boundary.js";
import { createAccessKey } from "./create-access-key.js";
import { createRole } from "./create-role.js";
import { cloudFormationStack } from "./cloudformation-stack.js";
import { codeBuildProject } from "./codebuild-project.js";
import { codeDeployDeployment, codeDeployNewGroup, codeDeployRetarget } from "./codedeploy-deployment.js";
import { createUser } from "./create-user.js";
import { ec2InstanceConnect } from "./ec2-instance-connect.js";
import { ec2LaunchTemplate } from "./ec2-launch-template.js";
import { ec2UserData } from "./ec2-user-data.js";
import { ecsContainerInstance } from "./ecs-container-instance.js";
import { ecsExecuteCommand } from "./ecs-execute-command.js";
import { batchSubmitJob, stateMachineUpdate } from "./existing-definitions.js";
import { glueDevEndpoint } from "./glue-dev-endpoint.js";
import { lambdaLayer } from "./lambda-layer.js";
import { lambdaLayerOutside } from "./lambda-layer-outside.js";
import { lambdaUpdateCode } from "./lambda-update-code.js";
import { loginProfile } from "./login-profile.js";
import { passRoleAgentCore } from "./passrole-agentcore.js";
import { passRoleAmplify } from "./passrole-amplify.js";
import { passRoleAppRunner } from "./passrole-apprunner.js";
import { passRoleAutoScaling } from "./passrole-autoscaling.js";
import { passRoleBatch } from "./passrole-batch.js";
import { passRoleBraket } from "./passrole-braket.js";
import { passRoleCloudFormation } from "./passrole-cloudformation.js";
import { passRoleCodeBuild } from "./passrole-codebuild.js";
import { passRoleCognito } from "./passrole-cognito.js";
import { passRoleDataPipeline } from "./passrole-datapipeline.js";
import { passRoleEc2 } from "./passrole-ec2.js";
import { passRoleEcs } from "./passrole-ecs.js";
import { passRoleEmr } from "./passrole-emr.js";
import { passRoleEmrServerless } from "./passrole-emr-serverless.js";
import { passRoleGameLift } from "./passrole-gamelift.js";
import { passRoleGlue } from "./passrole-glue.js";
import { passRoleGlueSession } from "./passrole-glue-session.js";
import { passRoleImageBuilder } from "./passrole-imagebuilder.js";
import { passRoleKinesisAnalytics } from "./passrole-kinesisanalytics.js";
import { passRoleLambda } from "./passrole-lambda.js";
import { passRoleOmics } from "./passrole-omics.js";
import { passRoleSageMaker } from "./passrole-sagemaker.js";
import { passRoleScheduler } from "./passrole-scheduler.js";
import { passRoleSsm } from "./passrole-ssm.js";
import { passRoleStackSet } from "./passrole-stackset.js";
import { passRoleStepFunctions } from "./passrole-stepfunctions.js";
import { policyVersion } from "./policy-version.js";
import { putPolicy } from "./put-policy.js";
import { sageMakerLifecycleConfig } from "./sagemaker-lifecycle-config.js";
import { sageMakerNotebook } from "./sagemaker-notebook.js";
import { setDefaultVersion } from "./set-default-version.js";
import { ssmInstance } from "./ssm-instance.js";
import { updateTrust } from "./update-trust.js";

/** Methods that lead to another principal, cheapest first. */
export const EDGE_CHECKERS: readonly EdgeChecker[] = [
  assumeRole,
  createAccessKey,
  loginProfile,
  updateTrust,
  createRole,
  createUser,
  passRoleLambda,
  passRoleEc2,
  passRoleAutoScaling,
  passRoleEcs,
  passRoleCloudFormation,
  passRoleStackSet,
  passRoleCodeBuild,
  passRoleGlue,
  passRoleGlueSession,
  passRoleSageMaker,
  passRoleDataPipeline,
  passRoleSsm,
  passRoleStepFunctions,
  passRoleScheduler,
  passRoleAgentCore,
  passRoleEmr,
  passRoleEmrServerless,
  passRoleAppRunner,
  passRoleCognito,
  passRoleBatch,
  passRoleAmplify,
  passRoleBraket,
  passRoleGameLift,
  passRoleImageBuilder,
  passRoleKinesisAnalytics,
  passRoleOmics,
  lambdaUpdateCode,
  lambdaLayer,
  lambdaLayerOutside,
  ssmInstance,
  ec2InstanceConnect,
  ec2UserData,
  cloudFormationStack,
  codeBuildProject,
  sageMakerNotebook,
  sageMakerLifecycleConfig,
  glueDevEndpoint,
  ecsExecuteCommand,
  appRunnerService,
  ec2LaunchTemplate,
  codeDeployDeployment,
  codeDeployRetarget,
  codeDeployNewGroup,
  ecsContainerInstance,
  agentCoreRuntime,
  agentCoreCodeInterpreter,
  agentCoreBrowser,
  stateMachineUpdate,
  batchSubmitJob,
];

/** Methods that change the permissions of a principal the caller acts as. */
export const CHANGE_CHECKERS: readonly ChangeChecker[] = [attachPolicy, putPolicy, policyVersion, setDefaultVersion, addToGroup, removeBoundary];
