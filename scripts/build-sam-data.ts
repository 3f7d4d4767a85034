/**
 * Derives data/sam-policy-templates.json and data/sam-connector-profiles.json from aws-sam-translator
 * (Apache-2.0), the AWS SAM transform: its samtranslator/policy_templates_data/policy_templates.json
 * holds the definition of every SAM policy template
 * (serverless-application-model/latest/developerguide/serverless-policy-templates.html), and
 * samtranslator/model/connector_profiles/profiles.json the policies a connector generates for each
 * source and destination type (reference-sam-connector.html).
 * No npm package ships that file, so the script reads it from a checkout of
 * github.com/aws/serverless-application-model (samtranslator/, and the LICENSE and NOTICE that are
 * copied beside the data, as Apache-2.0 section 4 asks of a redistribution).
 *
 * Run: npx tsx scripts/build-sam-data.ts PATH   (npm run data:sam -- PATH)
 * Fails (non-zero exit), writing nothing, on a file it cannot interpret.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  SAM_CONNECTOR_PROFILES_FILE,
  SAM_CONNECTOR_PROFILES_FORMAT,
  SAM_POLICY_TEMPLATES_FILE,
  SAM_POLICY_TEMPLATES_FORMAT,
  type SamConnectorProfile,
  type SamConnectorProfilesFile,
  type SamPolicyTemplatesFile,
} from "../src/data/format.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function fail(message: string): never {
  process.stderr.write(`build-sam-data: ${message}\n`);
  process.exit(1);
}

const from = process.argv[2];
if (!from) fail("usage: npx tsx scripts/build-sam-data.ts PATH (a checkout of aws/serverless-application-model)");
const version = /__version__\s*=\s*"([^"]+)"/.exec(readFileSync(join(from, "samtranslator", "__init__.py"), "utf8"))?.[1];
if (!version) fail("samtranslator/__init__.py has no __version__");
const src = JSON.parse(readFileSync(join(from, "samtranslator", "policy_templates_data", "policy_templates.json"), "utf8")) as {
  Templates?: Record<string, { Parameters?: Record<string, unknown>; Description?: string; Definition?: { Statement?: unknown } }>;
};
if (!src.Templates || typeof src.Templates !== "object") fail("policy_templates.json has no Templates");

/** The `Ref` names a definition uses (a parameter that no Ref names would be a template SAM never fills). */
function refs(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const n of node) refs(n, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "Ref" && typeof v === "string") out.add(v);
      else refs(v, out);
    }
  }
  return out;
}

const templates: SamPolicyTemplatesFile["templates"] = {};
for (const name of Object.keys(src.Templates).sort()) {
  const t = src.Templates[name]!;
  const parameters = Object.keys(t.Parameters ?? {}).sort();
  if (!t.Definition || !Array.isArray(t.Definition.Statement)) fail(`template ${name} has no Definition.Statement list`);
  const used = refs(t.Definition, new Set());
  const unused = parameters.filter((p) => !used.has(p));
  if (unused.length > 0) fail(`template ${name}: parameters ${unused.join(", ")} are not used by its definition`);
  templates[name] = { parameters, description: t.Description ?? "", definition: t.Definition };
}

const out: SamPolicyTemplatesFile = {
  format: SAM_POLICY_TEMPLATES_FORMAT,
  source: { package: "aws-sam-translator", version, licence: "Apache-2.0", repository: "https://github.com/aws/serverless-application-model" },
  templates,
};
const text = `${JSON.stringify(out, null, 1)}\n`;
const connectors = connectorProfiles();
const connectorText = `${JSON.stringify(connectors, null, 1)}\n`;
// Apache-2.0, section 4: a redistribution carries the licence and the NOTICE file.
const licence = readFileSync(join(from, "LICENSE"), "utf8");
if (!licence.includes("Apache License")) fail(`${join(from, "LICENSE")} is not the Apache licence`);
const notice = readFileSync(join(from, "NOTICE"), "utf8");
writeFileSync(join(root, "data", SAM_POLICY_TEMPLATES_FILE), text);
writeFileSync(join(root, "data", SAM_CONNECTOR_PROFILES_FILE), connectorText);
writeFileSync(join(root, "data", "sam-policy-templates.LICENSE"), licence);
writeFileSync(join(root, "data", "sam-policy-templates.NOTICE"), notice);
process.stdout.write(`data/${SAM_POLICY_TEMPLATES_FILE}: ${Object.keys(templates).length} policy templates from aws-sam-translator ${version}, ${text.length} bytes\n`);
process.stdout.write(`data/${SAM_CONNECTOR_PROFILES_FILE}: ${Object.values(connectors.permissions).reduce((n, d) => n + Object.keys(d).length, 0)} connector profiles, ${connectorText.length} bytes\n`);

/**
 * profiles.json: Permissions[SOURCE_TYPE][DESTINATION_TYPE] = { Type, Properties: { SourcePolicy,
 * AccessCategories, ValidAccessCategories?, DependedBy? } }, and CfnResourceProperties[TYPE] = { Inputs:
 * { Role }, Outputs: { Arn, Url, Id, Name, Qualifier } } with `%{logicalId}` where the resource's
 * logical ID goes. Kept as they are but for the keys iam-spec does not read (DependedBy, _comment).
 */
function connectorProfiles(): SamConnectorProfilesFile {
  const file = join(from!, "samtranslator", "model", "connector_profiles", "profiles.json");
  const src = JSON.parse(readFileSync(file, "utf8")) as {
    Permissions?: Record<string, Record<string, { Type?: string; Properties?: { SourcePolicy?: boolean; AccessCategories?: Record<string, unknown>; ValidAccessCategories?: string[][] } }>>;
    CfnResourceProperties?: Record<string, { Inputs?: { Role?: unknown }; Outputs?: Record<string, unknown> }>;
  };
  if (!src.Permissions || !src.CfnResourceProperties) fail(`${file} has no Permissions or CfnResourceProperties`);
  const kinds = new Set(["AWS_IAM_ROLE_MANAGED_POLICY", "AWS_SQS_QUEUE_POLICY", "AWS_SNS_TOPIC_POLICY", "AWS_LAMBDA_PERMISSION"]);
  const permissions: SamConnectorProfilesFile["permissions"] = {};
  for (const source of Object.keys(src.Permissions).sort()) {
    for (const destination of Object.keys(src.Permissions[source]!).sort()) {
      const p = src.Permissions[source]![destination]!;
      const where = `${source} -> ${destination}`;
      if (!p.Type || !kinds.has(p.Type)) fail(`${where}: profile type ${p.Type} is not one iam-spec knows`);
      const props = p.Properties;
      if (!props || typeof props.SourcePolicy !== "boolean" || !props.AccessCategories) fail(`${where}: no SourcePolicy or AccessCategories`);
      const profile: SamConnectorProfile = { type: p.Type as SamConnectorProfile["type"], sourcePolicy: props.SourcePolicy, accessCategories: props.AccessCategories };
      if (props.ValidAccessCategories) profile.validAccessCategories = props.ValidAccessCategories;
      (permissions[source] ??= {})[destination] = profile;
    }
  }
  const resources: SamConnectorProfilesFile["resources"] = {};
  for (const type of Object.keys(src.CfnResourceProperties).sort()) {
    const r = src.CfnResourceProperties[type]!;
    const role = r.Inputs?.Role;
    if (role !== undefined && typeof role !== "string" && (role as { Function?: string }).Function !== "GetEventsRuleRole") fail(`${type}: role input ${JSON.stringify(role)} is not one iam-spec knows`);
    resources[type] = { ...(role !== undefined ? { role: typeof role === "string" ? role : "GetEventsRuleRole" } : {}), outputs: r.Outputs ?? {} };
  }
  return { format: SAM_CONNECTOR_PROFILES_FORMAT, source: out.source, permissions, resources };
}
