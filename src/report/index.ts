/** Reporter lookup by the name given to `--reporter`. */
import { JsonReporter } from "./json.js";
import { JunitReporter } from "./junit.js";
import { PrettyReporter } from "./pretty.js";
import { GithubReporter } from "./github.js";
import { SarifReporter } from "./sarif.js";
import type { Reporter } from "./types.js";

export const REPORTER_NAMES = ["pretty", "json", "junit", "github", "sarif"] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

export function createReporter(name: ReporterName, options: { color: boolean }): Reporter {
  switch (name) {
    case "pretty":
      return new PrettyReporter(options);
    case "json":
      return new JsonReporter();
    case "junit":
      return new JunitReporter();
    case "github":
      return new GithubReporter();
    case "sarif":
      return new SarifReporter();
  }
}
