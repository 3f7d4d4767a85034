/**
 * `loadEnvironment(path)` (contract section 7): an environment for test-framework matchers and other
 * library callers. `path` is an environment file, a spec file (its environment) or a folder whose specs
 * share one environment, relative to the working directory. Invalid input rejects with every problem
 * at its `file:line:column`; nothing is skipped.
 */
import { resolve } from "node:path";
import { environmentAt, type EnvironmentAt } from "../load/environment-at.js";
import { InputErrors } from "../load/errors.js";

/** A loaded environment. Opaque: pass it to the matchers (`expect(env).toAllow(...)`). */
export class IamEnvironment {
  /** Absolute path of the file it was read from. */
  readonly file: string;
  readonly #at: EnvironmentAt;

  /** @internal Made by loadEnvironment. */
  constructor(at: EnvironmentAt) {
    this.file = at.file;
    this.#at = at;
  }

  /** @internal The loaded model, for the matchers of this package. */
  static loaded(env: IamEnvironment): EnvironmentAt {
    return env.#at;
  }
}

export interface LoadEnvironmentOptions {
  /** Directory that a relative `path` is resolved against (default: the working directory). */
  cwd?: string;
}

export async function loadEnvironment(path: string, options: LoadEnvironmentOptions = {}): Promise<IamEnvironment> {
  if (typeof path !== "string" || path === "") throw new TypeError("loadEnvironment(path): path must be the path of an environment file, a spec file or a folder of specs");
  const cwd = options.cwd ?? process.cwd();
  const at = await environmentAt(resolve(cwd, path), cwd);
  if (!at.ok) throw new InputErrors(at.errors);
  return new IamEnvironment(at.value);
}

export { InputErrors };
