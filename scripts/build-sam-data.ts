/**
 * Derives data/sam-policy-templates.json from aws-sam-translator (Apache-2.0), the AWS SAM transform:
 * its samtranslator/policy_templates_data/policy_templates.json holds the definition of every SAM
 * policy template (serverless-application-model/latest/developerguide/serverless-policy-templates.html).
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
import { SAM_POLICY_TEMPLATES_FILE, SAM_POLICY_TEMPLATES_FORMAT, type SamPolicyTemplatesFile } from "../src/data/format.js";

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
// Apache-2.0, section 4: a redistribution carries the licence and the NOTICE file.
const licence = readFileSync(join(from, "LICENSE"), "utf8");
if (!licence.includes("Apache License")) fail(`${join(from, "LICENSE")} is not the Apache licence`);
const notice = readFileSync(join(from, "NOTICE"), "utf8");
writeFileSync(join(root, "data", SAM_POLICY_TEMPLATES_FILE), text);
writeFileSync(join(root, "data", "sam-policy-templates.LICENSE"), licence);
writeFileSync(join(root, "data", "sam-policy-templates.NOTICE"), notice);
process.stdout.write(`data/${SAM_POLICY_TEMPLATES_FILE}: ${Object.keys(templates).length} policy templates from aws-sam-translator ${version}, ${text.length} bytes\n`);
