/**
 * AWS SAM policy templates, resolved offline from data/sam-policy-templates.json (derived from
 * aws-sam-translator, Apache-2.0: docs/data.md). Read and parsed once, on the first call.
 */
import { best, editDistance, suggestionLimit, type Scored } from "./edit-distance.js";
import { SAM_POLICY_TEMPLATES_FILE, SAM_POLICY_TEMPLATES_FORMAT, type SamPolicyTemplatesFile } from "./format.js";
import { checkFormat, readDataFile } from "./load.js";

export interface SamPolicyTemplate {
  readonly name: string;
  /** Parameter names; each must be given (serverless-policy-templates.html). */
  readonly parameters: readonly string[];
  /** `{ Statement: [...] }` with `{ Ref: PARAMETER }` where a value goes. A fresh copy per call. */
  readonly definition: unknown;
}

let cache: SamPolicyTemplatesFile | undefined;

function loaded(): SamPolicyTemplatesFile {
  if (!cache) {
    const data = readDataFile(SAM_POLICY_TEMPLATES_FILE);
    checkFormat(SAM_POLICY_TEMPLATES_FILE, data, SAM_POLICY_TEMPLATES_FORMAT, ["source", "templates"]);
    cache = data as SamPolicyTemplatesFile;
  }
  return cache;
}

/** The template of that exact name (SAM's names are case-sensitive), or undefined. */
export function samPolicyTemplate(name: string): SamPolicyTemplate | undefined {
  const t = Object.hasOwn(loaded().templates, name) ? loaded().templates[name] : undefined;
  return t ? { name, parameters: t.parameters, definition: structuredClone(t.definition) } : undefined;
}

/** "Did you mean": known template names closest to `name` (case-insensitive edit distance). */
export function closestSamPolicyTemplates(name: string, n = 3): string[] {
  const wanted = name.toLowerCase();
  const limit = Math.max(suggestionLimit(wanted), 3);
  const candidates: Scored[] = [];
  for (const candidate of Object.keys(loaded().templates)) {
    const distance = editDistance(wanted, candidate.toLowerCase(), limit);
    if (distance <= limit) candidates.push({ value: candidate, distance });
  }
  return best(candidates, n);
}

export function samPolicyTemplatesSource(): SamPolicyTemplatesFile["source"] {
  return loaded().source;
}
