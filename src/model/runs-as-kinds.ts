/**
 * The kinds of resource that run as a role of their account (the environment's `role:` extension,
 * docs/escalation.md "Resources that already run as a role"): whoever may make the resource run its
 * own code or template gets that role's permissions, without iam:PassRole. One table, read by the
 * environment check (build-environment.ts) and by the escalation methods (src/escalation/edges/).
 */

export interface RunsAsKind {
  /** What the resource is, for messages: "a Lambda function". */
  readonly what: string;
  /** The resource's ARN; group 1 is its account. */
  readonly arn: RegExp;
  /** The ARN's form, for hints. */
  readonly form: string;
  /** The service principal that takes the role on (its trust policy must name it). */
  readonly service: string;
  /** What the role is to the resource, for docs and messages. */
  readonly role: string;
}

export const RUNS_AS_KINDS = {
  // lambda/latest/dg/lambda-intro-execution-role.html
  function: { what: "a Lambda function", arn: /^arn:[^:]+:lambda:[^:]+:(\d{12}):function:[^:]+$/, form: "arn:aws:lambda:REGION:ACCOUNT:function:NAME", service: "lambda.amazonaws.com", role: "its execution role" },
  // AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html
  instance: { what: "an EC2 instance", arn: /^arn:[^:]+:ec2:[^:]+:(\d{12}):instance\/[^/]+$/, form: "arn:aws:ec2:REGION:ACCOUNT:instance/ID", service: "ec2.amazonaws.com", role: "the role of its instance profile" },
  // AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html
  stack: { what: "a CloudFormation stack", arn: /^arn:[^:]+:cloudformation:[^:]+:(\d{12}):stack\/[^/]+\/[^/]+$/, form: "arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/ID", service: "cloudformation.amazonaws.com", role: "its service role" },
  // codebuild/latest/userguide/setting-up-service-role.html
  project: { what: "a CodeBuild project", arn: /^arn:[^:]+:codebuild:[^:]+:(\d{12}):project\/[^/]+$/, form: "arn:aws:codebuild:REGION:ACCOUNT:project/NAME", service: "codebuild.amazonaws.com", role: "its service role" },
  // sagemaker/latest/dg/sagemaker-roles.html
  notebook: { what: "a SageMaker notebook instance", arn: /^arn:[^:]+:sagemaker:[^:]+:(\d{12}):notebook-instance\/[^/]+$/, form: "arn:aws:sagemaker:REGION:ACCOUNT:notebook-instance/NAME", service: "sagemaker.amazonaws.com", role: "its execution role" },
  // glue/latest/dg/dev-endpoints.html
  devEndpoint: { what: "a Glue development endpoint", arn: /^arn:[^:]+:glue:[^:]+:(\d{12}):devEndpoint\/[^/]+$/, form: "arn:aws:glue:REGION:ACCOUNT:devEndpoint/NAME", service: "glue.amazonaws.com", role: "its role" },
  // AmazonECS/latest/developerguide/task-iam-roles.html (the task ARN names its cluster)
  task: { what: "an ECS task", arn: /^arn:[^:]+:ecs:[^:]+:(\d{12}):task\/[^/]+\/[^/]+$/, form: "arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/ID", service: "ecs-tasks.amazonaws.com", role: "its task role" },
  // apprunner/latest/dg/security_iam_service-with-iam.html ("Instance role": trusted by tasks.apprunner.amazonaws.com)
  appRunnerService: { what: "an App Runner service", arn: /^arn:[^:]+:apprunner:[^:]+:(\d{12}):service\/[^/]+\/[^/]+$/, form: "arn:aws:apprunner:REGION:ACCOUNT:service/NAME/ID", service: "tasks.apprunner.amazonaws.com", role: "its instance role" },
  // AWSEC2/latest/UserGuide/permissions-for-launch-templates.html; autoscaling/ec2/userguide/us-iam-role.html
  // (listed with role: when an Auto Scaling group or a fleet launches instances from it)
  launchTemplate: { what: "an EC2 launch template", arn: /^arn:[^:]+:ec2:[^:]+:(\d{12}):launch-template\/[^/]+$/, form: "arn:aws:ec2:REGION:ACCOUNT:launch-template/ID", service: "ec2.amazonaws.com", role: "the role of its instance profile" },
  // codedeploy/latest/userguide/getting-started-create-iam-instance-profile.html (EC2/on-premises deployments:
  // the role of the group's instances, not the group's CodeDeploy service role)
  deploymentGroup: { what: "a CodeDeploy deployment group", arn: /^arn:[^:]+:codedeploy:[^:]+:(\d{12}):deploymentgroup:[^/:]+\/[^/:]+$/, form: "arn:aws:codedeploy:REGION:ACCOUNT:deploymentgroup:APPLICATION/GROUP", service: "ec2.amazonaws.com", role: "the role of its instances' instance profile" },
  // step-functions/latest/dg/procedure-create-iam-role.html (the state machine's SDK integrations call AWS with its role)
  stateMachine: { what: "a Step Functions state machine", arn: /^arn:[^:]+:states:[^:]+:(\d{12}):stateMachine:[^:]+$/, form: "arn:aws:states:REGION:ACCOUNT:stateMachine:NAME", service: "states.amazonaws.com", role: "its execution role" },
  // batch/latest/userguide/job_definitions.html (a container job's job role, taken on by ECS tasks)
  jobDefinition: { what: "an AWS Batch job definition", arn: /^arn:[^:]+:batch:[^:]+:(\d{12}):job-definition\/[^/:]+(:\d+)?$/, form: "arn:aws:batch:REGION:ACCOUNT:job-definition/NAME:REVISION", service: "ecs-tasks.amazonaws.com", role: "its job role" },
  // bedrock-agentcore/latest/devguide/security-credentials-management.html (an execution role reached
  // through the microVM's metadata service by "any code or actor running inside the VM"); the service
  // authorization reference's ARNs of a runtime, a custom code interpreter and a custom browser
  agentRuntime: { what: "an AgentCore runtime", arn: /^arn:[^:]+:bedrock-agentcore:[^:]+:(\d{12}):runtime\/[^/]+$/, form: "arn:aws:bedrock-agentcore:REGION:ACCOUNT:runtime/ID", service: "bedrock-agentcore.amazonaws.com", role: "its execution role" },
  codeInterpreter: { what: "an AgentCore code interpreter", arn: /^arn:[^:]+:bedrock-agentcore:[^:]+:(\d{12}):code-interpreter-custom\/[^/]+$/, form: "arn:aws:bedrock-agentcore:REGION:ACCOUNT:code-interpreter-custom/ID", service: "bedrock-agentcore.amazonaws.com", role: "its execution role" },
  browser: { what: "an AgentCore browser", arn: /^arn:[^:]+:bedrock-agentcore:[^:]+:(\d{12}):browser-custom\/[^/]+$/, form: "arn:aws:bedrock-agentcore:REGION:ACCOUNT:browser-custom/ID", service: "bedrock-agentcore.amazonaws.com", role: "its execution role" },
} as const satisfies Record<string, RunsAsKind>;

/** The kind of resource `arn` is, when it is one that runs as a role. */
export function runsAsKind(arn: string): RunsAsKind | undefined {
  return Object.values(RUNS_AS_KINDS).find((k) => k.arn.test(arn));
}

