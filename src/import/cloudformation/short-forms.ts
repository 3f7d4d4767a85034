/**
 * CloudFormation YAML short forms of the intrinsic functions (`!Ref X`, `!GetAtt A.B`, `!Sub ...`),
 * as documented in the template reference (intrinsic-function-reference*.html: each function's
 * "Syntax for the short form"). The template reader turns each into its long form, at the position
 * of the tag, so the resolver (intrinsics.ts) sees one form only. Any other tag in a template is an
 * error at its position (read-file.ts), never a plain string.
 */
import type { LNode } from "../../load/located.js";
import type { LocalTags } from "../../load/read-file.js";
import type { SourcePos } from "../../model/types.js";
import { lmap, lscalar, lseq } from "../lnode.js";

/** Short form -> the key of the long form. */
export const SHORT_FORMS: ReadonlyMap<string, string> = new Map([
  ["!Ref", "Ref"],
  ["!Condition", "Condition"],
  ["!Base64", "Fn::Base64"],
  ["!Cidr", "Fn::Cidr"],
  ["!FindInMap", "Fn::FindInMap"],
  ["!GetAtt", "Fn::GetAtt"],
  ["!GetAZs", "Fn::GetAZs"],
  ["!GetStackOutput", "Fn::GetStackOutput"],
  ["!ImportValue", "Fn::ImportValue"],
  ["!Join", "Fn::Join"],
  ["!Select", "Fn::Select"],
  ["!Split", "Fn::Split"],
  ["!Sub", "Fn::Sub"],
  ["!Transform", "Fn::Transform"],
  ["!And", "Fn::And"],
  ["!Equals", "Fn::Equals"],
  ["!If", "Fn::If"],
  ["!Not", "Fn::Not"],
  ["!Or", "Fn::Or"],
]);

/** `!Name value` -> `{ LongName: value }`; `!GetAtt A.B` -> `{ "Fn::GetAtt": [A, B] }`. */
export function expandShortForm(tag: string, value: LNode, tagPos: SourcePos): LNode {
  const fn = SHORT_FORMS.get(tag) as string;
  let arg = value;
  if (fn === "Fn::GetAtt" && value.kind === "scalar" && typeof value.value === "string") {
    // The logical ID ends at the first dot; attribute names may hold dots (Endpoint.Address).
    const i = value.value.indexOf(".");
    if (i > 0) arg = lseq([lscalar(value.value.slice(0, i), value.pos), lscalar(value.value.slice(i + 1), value.pos)], value.pos);
  }
  return lmap([[fn, arg, tagPos]], tagPos);
}

/** What the importer passes to the reader for a CloudFormation template. */
export const CLOUDFORMATION_TAGS: LocalTags = {
  names: [...SHORT_FORMS.keys()],
  expand: expandShortForm,
  unknownHint: `CloudFormation short forms are ${[...SHORT_FORMS.keys()].join(", ")}; write other functions in their long form (Fn::Name: ...)`,
};
