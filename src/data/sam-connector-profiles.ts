/**
 * AWS SAM connector profiles, resolved offline from data/sam-connector-profiles.json (derived from
 * aws-sam-translator, Apache-2.0: docs/data.md). Read and parsed once, on the first call.
 */
import { SAM_CONNECTOR_PROFILES_FILE, SAM_CONNECTOR_PROFILES_FORMAT, type SamConnectorProfile, type SamConnectorProfilesFile } from "./format.js";
import { checkFormat, readDataFile } from "./load.js";

let cache: SamConnectorProfilesFile | undefined;

function loaded(): SamConnectorProfilesFile {
  if (!cache) {
    const data = readDataFile(SAM_CONNECTOR_PROFILES_FILE);
    checkFormat(SAM_CONNECTOR_PROFILES_FILE, data, SAM_CONNECTOR_PROFILES_FORMAT, ["source", "permissions", "resources"]);
    cache = data as SamConnectorProfilesFile;
  }
  return cache;
}

/** What a connector from `source` to `destination` (CloudFormation types) generates: a fresh copy, or undefined. */
export function samConnectorProfile(source: string, destination: string): SamConnectorProfile | undefined {
  const bySource = Object.hasOwn(loaded().permissions, source) ? loaded().permissions[source]! : undefined;
  const p = bySource && Object.hasOwn(bySource, destination) ? bySource[destination] : undefined;
  return p ? structuredClone(p) : undefined;
}

/** The destination types a connector from `source` supports (for a hint). */
export function samConnectorDestinations(source: string): string[] {
  return Object.hasOwn(loaded().permissions, source) ? Object.keys(loaded().permissions[source]!) : [];
}

/** A type's role property (or "GetEventsRuleRole") and outputs, with `%{logicalId}` unreplaced. */
export function samConnectorResource(type: string): { role?: string; outputs: Record<string, unknown> } {
  return Object.hasOwn(loaded().resources, type) ? structuredClone(loaded().resources[type]!) : { outputs: {} };
}
