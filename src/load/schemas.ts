/**
 * The JSON Schemas of specs/, registered for the validator (the schemas are the source of truth). Read
 * from the package's specs/ folder rather than imported as JSON modules, which Node 20 before 20.10
 * cannot parse (import attributes).
 */
import { readFileSync } from "node:fs";
import { packageFilePath } from "../data/locate.js";
import type { Schema, SchemaRegistry } from "./schema-validate.js";
import { ENVIRONMENT_SCHEMA, EXPECTATION_REF, EXPECTATION_SCHEMA, SPEC_SCHEMA } from "./schema-names.js";

export { ENVIRONMENT_SCHEMA, EXPECTATION_SCHEMA, SPEC_SCHEMA };

function readSchema(name: string): Schema {
  return JSON.parse(readFileSync(packageFilePath("specs", name), "utf8")) as Schema;
}

export const schemas: SchemaRegistry = new Map<string, Schema>([
  [SPEC_SCHEMA, readSchema(SPEC_SCHEMA)],
  [ENVIRONMENT_SCHEMA, readSchema(ENVIRONMENT_SCHEMA)],
  [EXPECTATION_SCHEMA, { $ref: EXPECTATION_REF }],
]);
