/**
 * The JSON Schemas of specs/, registered for the validator (the schemas are the source of truth). Read
 * from the package's specs/ folder rather than imported as JSON modules, which Node 20 before 20.10
 * cannot parse (import attributes).
 */
import { readFileSync } from "node:fs";
import { packageFilePath } from "../data/locate.js";
import type { Schema, SchemaRegistry } from "./schema-validate.js";

export const SPEC_SCHEMA = "spec.schema.json";
export const ENVIRONMENT_SCHEMA = "environment.schema.json";

function readSchema(name: string): Schema {
  return JSON.parse(readFileSync(packageFilePath("specs", name), "utf8")) as Schema;
}

export const schemas: SchemaRegistry = new Map<string, Schema>([
  [SPEC_SCHEMA, readSchema(SPEC_SCHEMA)],
  [ENVIRONMENT_SCHEMA, readSchema(ENVIRONMENT_SCHEMA)],
]);
