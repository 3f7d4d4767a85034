/** Reporter lookup by the name given to `--reporter`. */
import { JsonReporter } from "./json.js";
import { JunitReporter } from "./junit.js";
import { PrettyReporter } from "./pretty.js";
import type { Reporter } from "./types.js";

export const REPORTER_NAMES = ["pretty", "json", "junit"] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

export function createReporter(name: ReporterName, options: { color: boolean }): Reporter {
  switch (name) {
    case "pretty":
      return new PrettyReporter(options);
    case "json":
      return new JsonReporter();
    case "junit":
      return new JunitReporter();
  }
}
