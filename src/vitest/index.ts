/**
 * `import "iam-spec/vitest"` registers iam-spec's matchers with vitest's `expect` (contract section 7):
 *
 *   const env = await loadEnvironment("iam/env.yaml");
 *   expect(env).toAllow({ as: "role/deploy", action: "s3:PutObject", on: "arn:aws:s3:::acme-artifacts/x" });
 *   expect(env).toNeverAllow({ as: "role/deploy", action: "iam:*" });
 *
 * Each matcher takes the keys of one expectation and means what a spec file means (toAllow: `may`,
 * toNeverAllow: `mayNot`, fuzzed); a failure shows the counterexample as the pretty reporter does.
 */
import { expect } from "vitest";
import { matchAllow, matchNeverAllow, type ExpectationKeys } from "../api/matchers.js";

export type { ExpectationKeys } from "../api/matchers.js";

/** The matchers iam-spec adds to `expect(env)`. */
export interface IamSpecMatchers<R = unknown> {
  /** Every action in `action`, on every resource in `on`, with exactly the `when` context, is allowed (a spec's `may`). */
  toAllow(keys: ExpectationKeys): R;
  /** No action in `action`, on any resource in `on`, is allowed under any context that agrees with `when` (a spec's `mayNot`: fuzzed). */
  toNeverAllow(keys: ExpectationKeys): R;
  // toBecome / toNeverBecome (`mayBecome` / `mayNotBecome`) belong here once the privilege-escalation
  // checker exists: add them to this interface and to MATCHERS below, with the keys of an expectation
  // plus `target`.
}

// `Matchers` is where vitest 3.2 and later look for custom matchers; `Assertion` is where earlier
// versions did (and, extending Matchers, it gets the same declarations from both).
declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends IamSpecMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends IamSpecMatchers<T> {}
}

const MATCHERS = {
  toAllow: (received: unknown, keys: ExpectationKeys) => matchAllow(received, keys),
  toNeverAllow: (received: unknown, keys: ExpectationKeys) => matchNeverAllow(received, keys),
};

expect.extend(MATCHERS);
