/** The JSON Schemas of specs/, registered for the validator (the schemas are the source of truth). */
import specSchema from "../../specs/spec.schema.json" with { type: "json" };
import environmentSchema from "../../specs/environment.schema.json" with { type: "json" };
import type { Schema, SchemaRegistry } from "./schema-validate.js";

export const SPEC_SCHEMA = "spec.schema.json";
export const ENVIRONMENT_SCHEMA = "environment.schema.json";

export const schemas: SchemaRegistry = new Map<string, Schema>([
  [SPEC_SCHEMA, specSchema as unknown as Schema],
  [ENVIRONMENT_SCHEMA, environmentSchema as unknown as Schema],
]);
