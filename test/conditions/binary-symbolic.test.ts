/**
 * BinaryEquals "compares the value of the specified key byte for byte against a base-64 encoded
 * representation of the binary value in the policy"
 * (IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals).
 * Several base64 texts decode to the same bytes (the bits after the last byte are dropped), so the
 * prover's form of a policy value must hold exactly the request texts the evaluator matches: checked
 * here against the evaluator's own test over every text that differs in the last three characters.
 */
import { describe, expect, it } from "vitest";
import { binary } from "../../src/conditions/binary.js";
import { inLanguage } from "../../src/match/regex-words.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

describe("BinaryEquals: the symbolic form is the evaluator's matching", () => {
  for (const policy of ["YQ==", "YWI=", "YWJj", "AAE=", "/w==", "QUJDRA=="]) {
    it(`${policy}: every request text differing in the last three characters is matched alike`, () => {
      const sym = binary.symbolic(policy);
      expect(sym?.kind).toBe("string");
      const rx = (sym as { rx: Parameters<typeof inLanguage>[0] }).rx;
      const { test, errors } = binary.compile([{ text: policy, template: null }]);
      expect(errors).toEqual([]);
      const noContext = undefined as unknown as Parameters<typeof test>[1];
      const stem = policy.slice(0, -3);
      const chars = [...ALPHABET, "="];
      let matched = 0;
      for (const a of chars)
        for (const b of chars)
          for (const c of chars) {
            const request = `${stem}${a}${b}${c}`;
            const evaluatorSays = test(request, noContext);
            if (inLanguage(rx, request) !== evaluatorSays) expect.fail(`${request}: evaluator ${evaluatorSays}`);
            if (evaluatorSays) matched++;
          }
      // Spellings of the same bytes besides the canonical one (dropped bits), none for a full quantum.
      expect(matched).toBe(policy.endsWith("==") ? 16 : policy.endsWith("=") ? 4 : 1);
    });
  }
});
