/**
 * `import "iam-spec/vitest"` registers iam-spec's matchers with vitest's `expect` (contract section 7):
 *
 *   const env = await loadEnvironment("iam/env.yaml");
 *   expect(env).toAllow({ as: "role/deploy", action: "s3:PutObject", on: "arn:aws:s3:::acme-artifacts/x" });
 *   expect(env).toNeverAllow({ as: "role/deploy", action: "iam:*" });
 *
 * Each matcher takes the keys of one expectation and means what a spec file means (toAllow: `may`,
 * toNeverAllow: `mayNot`, fuzzed; toBecome / toNeverBecome: `mayBecome` / `mayNotBecome`, with `target`
 * for the targets); a failure shows the counterexample or the path as the pretty reporter does. They
 * are synchronous and sample (their messages say so, with the count); the extensions
 * toProveNeverAllow / toProveNeverBecome are awaited and prove, as `iam-spec test --require-proof` does.
 */
import { expect } from "vitest";
import { matchAllow, matchBecome, matchNeverAllow, matchNeverBecome, matchProveNeverAllow, matchProveNeverBecome, type BecomeKeys, type ExpectationKeys } from "../api/matchers.js";

export type { BecomeKeys, ExpectationKeys } from "../api/matchers.js";

/** The matchers iam-spec adds to `expect(env)`. */
export interface IamSpecMatchers<R = unknown> {
  /** Every action in `action`, on every resource in `on`, with exactly the `when` context, is allowed (a spec's `may`). */
  toAllow(keys: ExpectationKeys): R;
  /** No action in `action`, on any resource in `on`, is allowed under any context that agrees with `when` (a spec's `mayNot`: fuzzed). */
  toNeverAllow(keys: ExpectationKeys): R;
  /** Some sequence of allowed requests lets `as` act as `target` (a spec's `mayBecome`); a failure names the blocked step. */
  toBecome(keys: BecomeKeys): R;
  /** No sequence of requests allowed under any context agreeing with `when` lets `as` act as `target` (a spec's `mayNotBecome`). */
  toNeverBecome(keys: BecomeKeys): R;
  /**
   * Extension: toNeverAllow, proved (as `iam-spec test --require-proof`): `await expect(env).toProveNeverAllow({...})`.
   * A pass that could only be sampled fails, with the reason.
   */
  toProveNeverAllow(keys: ExpectationKeys): Promise<R>;
  /** Extension: toNeverBecome, proved: every step of every path proved not allowed. Await it. */
  toProveNeverBecome(keys: BecomeKeys): Promise<R>;
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
  toBecome: (received: unknown, keys: BecomeKeys) => matchBecome(received, keys),
  toNeverBecome: (received: unknown, keys: BecomeKeys) => matchNeverBecome(received, keys),
  toProveNeverAllow: (received: unknown, keys: ExpectationKeys) => matchProveNeverAllow(received, keys),
  toProveNeverBecome: (received: unknown, keys: BecomeKeys) => matchProveNeverBecome(received, keys),
};

expect.extend(MATCHERS);
