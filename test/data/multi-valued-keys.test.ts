/**
 * Which keys a request may carry several values of: what the service reference types ArrayOf*, never a
 * key it types single-valued, whatever qualifier a policy writes before it
 * (IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html: s3:prefix
 * is a String; a witness s3:prefix ["", "", ""] is no request AWS sends).
 */
import { describe, expect, it } from "vitest";
import { requestCarriesMany } from "../../src/data/condition-keys.js";
import { isMultiValued } from "../../generators/conditionValue.js";

describe("multi-valued condition keys", () => {
  it("a single-valued key stays single under ForAllValues/ForAnyValue", () => {
    expect(requestCarriesMany("s3:prefix", true)).toBe(false);
    expect(requestCarriesMany("aws:SourceVpce", true)).toBe(false);
    expect(isMultiValued({ key: "s3:prefix", operators: new Set(["stringlike"]), multi: true, values: ["home/*"] })).toBe(false);
  });
  it("ArrayOf* keys, and Cognito's amr (typed String by the reference), are multi-valued", () => {
    expect(requestCarriesMany("aws:TagKeys", false)).toBe(true);
    expect(requestCarriesMany("route53:ChangeResourceRecordSetsNormalizedRecordNames", false)).toBe(true);
    expect(requestCarriesMany("cognito-identity.amazonaws.com:amr", false)).toBe(true);
  });
  it("a key the reference does not list is multi-valued where a policy reads it as a set", () => {
    expect(requestCarriesMany("accounts.example.com:groups", true)).toBe(true);
    expect(requestCarriesMany("accounts.example.com:groups", false)).toBe(false);
  });
});
