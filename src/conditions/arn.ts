/**
 * ARN operators (reference_policies_elements_condition_operators.html#Conditions_ARN): "Each of the six
 * colon-delimited components of the ARN is checked separately and each can include multi-character match
 * wildcards (*) or single-character match wildcards (?)"; case-sensitive; ArnEquals and ArnLike behave
 * identically (as do ArnNotEquals and ArnNotLike). The sixth component is everything after the fifth colon,
 * so a resource id may itself hold colons. A request value that is not ARN-shaped matches nothing; a policy
 * value that is not ARN-shaped is an error (the docs do not say how AWS reads one, so refuse it).
 */
import { splitArn } from "../match/arn.js";
import { compileWildcard, type Matcher } from "../match/wildcard.js";
import { bad, buildFamily, ok } from "./family.js";
import { globRx, rx, type Rx } from "../match/regex.js";

export const arn = buildFamily<{ parts: Matcher[]; text: string }, string[]>({
  name: "ARN",
  variables: true,
  parsePolicy: (text) => {
    const parts = splitArn(text);
    return parts === undefined
      ? bad(
          `"${text}" is not an ARN: ARN conditions compare the six colon-separated parts arn:partition:service:region:account:resource`,
          "use StringLike to match free text, or write the ARN in full with * or ? in each part",
        )
      : ok({ parts: parts.map((p) => compileWildcard(p)), text });
  },
  parseRequest: splitArn,
  matches: (policy, request) => policy.parts.every((m, i) => m(request[i] as string)),
  // The six parts joined by colons: wildcards of the first five stay inside their part (a request
  // value splits at its first five colons), the sixth may hold colons.
  symbolic: (policy) => {
    const parts = splitArn(policy.text)!;
    const inPart = rx.star(rx.notIn(":"));
    const pieces: Rx[] = [];
    parts.forEach((p, i) => {
      if (i > 0) pieces.push(rx.lit(":"));
      pieces.push(i < 5 ? globRx(p, inPart, rx.notIn(":")) : globRx(p));
    });
    return { kind: "string", rx: rx.cat(...pieces) };
  },
});
