/**
 * The names under which the JSON Schemas of specs/ are registered, and the Ajv options, shared by the
 * run-time validator and the script that compiles the schemas ahead of time (scripts/gen-validators.ts).
 */
export const SPEC_SCHEMA = "spec.schema.json";
export const ENVIRONMENT_SCHEMA = "environment.schema.json";
/** One expectation (a spec's `expect:` item), for matchers and `explain`. */
export const EXPECTATION_SCHEMA = "(expectation)";
export const EXPECTATION_REF = "spec.schema.json#/definitions/Expectation";

/** Schema name -> export name of src/generated/schema-validators.ts. */
export const PRECOMPILED: Readonly<Record<string, string>> = {
  [SPEC_SCHEMA]: "spec",
  [ENVIRONMENT_SCHEMA]: "environment",
  [EXPECTATION_SCHEMA]: "expectation",
};

/** strict: a keyword Ajv does not know makes compiling fail, so no keyword of a schema is ever ignored. */
export const AJV_OPTIONS = { allErrors: true, strict: true, strictRequired: false, strictTypes: false } as const;
