/**
 * Loads data/actions.json once, on first use, and builds the case-insensitive lookup maps every query
 * needs. Per-action details stay in their compact tuples until asked for (see actions.ts): decoding all
 * ~22k actions up front would cost more than most runs ever use.
 */
import {
  ACTION_INDEX_FILE,
  ACTION_INDEX_FORMAT,
  isConditionKeyType,
  type ActionEntry,
  type ActionIndexFile,
  type ConditionKeyType,
  type ServiceEntry,
} from "./format.js";
import { checkFormat, readDataFile } from "./load.js";

export interface ServiceRecord {
  /** The prefix as the reference spells it. */
  prefix: string;
  entry: ServiceEntry;
}

export interface ActionRecord {
  service: ServiceRecord;
  entry: ActionEntry;
}

export interface ActionIndex {
  file: ActionIndexFile;
  /** By lower-cased prefix. */
  services: ReadonlyMap<string, ServiceRecord>;
  /** By lower-cased "service:action". */
  actions: ReadonlyMap<string, ActionRecord>;
  /** Every action as "service:Action", grouped by service, in file order. */
  names: readonly string[];
  /** `names`, lower-cased, same order; wildcard matching runs over these. */
  lowerNames: readonly string[];
  /** Condition key table decoded: canonical name and type, by index. */
  keyName(index: number): string;
  keyType(index: number): ConditionKeyType;
}

let cache: ActionIndex | undefined;

export function actionIndex(): ActionIndex {
  cache ??= buildIndex(readDataFile(ACTION_INDEX_FILE));
  return cache;
}

function buildIndex(data: unknown): ActionIndex {
  checkFormat(ACTION_INDEX_FILE, data, ACTION_INDEX_FORMAT, ["source", "types", "keys", "global", "services"]);
  const file = data as ActionIndexFile;
  for (const t of file.types) {
    if (!isConditionKeyType(t)) throw new Error(`iam-spec: bundled ${ACTION_INDEX_FILE} has unknown condition key type "${t}"`);
  }
  const keyTypes = file.types as ConditionKeyType[];

  const services = new Map<string, ServiceRecord>();
  const actions = new Map<string, ActionRecord>();
  const names: string[] = [];
  for (const [prefix, entry] of Object.entries(file.services)) {
    const service = { prefix, entry };
    services.set(prefix.toLowerCase(), service);
    for (const action of entry.a) {
      const name = `${prefix}:${action[0]}`;
      names.push(name);
      actions.set(name.toLowerCase(), { service, entry: action });
    }
  }

  const entryAt = (index: number) => {
    const e = file.keys[index];
    if (!e) throw new Error(`iam-spec: bundled ${ACTION_INDEX_FILE} refers to missing condition key #${index}`);
    return e;
  };
  return {
    file,
    services,
    actions,
    names,
    lowerNames: names.map((n) => n.toLowerCase()),
    keyName: (index) => entryAt(index)[0],
    keyType: (index) => {
      const t = keyTypes[entryAt(index)[1]];
      if (!t) throw new Error(`iam-spec: bundled ${ACTION_INDEX_FILE} refers to missing type of key #${index}`);
      return t;
    },
  };
}
