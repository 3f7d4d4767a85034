/**
 * Prints the resources iam-spec's SAM transform generates for one template, as JSON (the resources the
 * transform generates for IAM: roles, managed and inline policies, queue and topic policies, Lambda
 * permissions), for comparison with aws-sam-translator's output of the same template.
 *
 * Run: npx tsx bench/sam-expand.ts TEMPLATE [region]
 */
import { readLocatedFile } from "../src/load/read-file.js";
import { toJS } from "../src/load/located.js";
import type { InputError } from "../src/load/errors.js";
import { CLOUDFORMATION_TAGS } from "../src/import/cloudformation/short-forms.js";
import { partitionOf } from "../src/import/cloudformation/template.js";
import { expandServerless } from "../src/import/cloudformation/sam/transform.js";

const file = process.argv[2];
if (!file) throw new Error("usage: npx tsx bench/sam-expand.ts TEMPLATE [region]");
const read = await readLocatedFile(file, undefined, { localTags: CLOUDFORMATION_TAGS });
if (!read.node) {
  process.stderr.write(`${JSON.stringify(read.errors)}\n`);
  process.exit(2);
}
const errors: InputError[] = [];
const root = expandServerless(read.node, partitionOf(process.argv[3] ?? "us-east-1"), errors);
const resources = (toJS(root) as { Resources?: Record<string, unknown> }).Resources ?? {};
process.stdout.write(`${JSON.stringify({ errors, resources }, null, 1)}\n`);
