/**
 * The request context as solver terms. Every condition key a policy in play reads is either concrete
 * (derived from the principal or the resource, or pinned by `when`) or free; a free key is a few value
 * slots, each a string, a number, an instant or an IP address depending on the operator family that
 * reads it. Condition clauses are encoded here from the families' symbolic forms
 * (src/conditions/*.ts, `symbolic`) with the qualifier rules of src/conditions/compile.ts
 * (IAM/latest/UserGuide/reference_policies_multi-value-conditions.html).
 *
 * A multi-valued key gets one slot per clause that reads it, plus two: a request whose value set
 * satisfies a combination of clauses keeps doing so when cut down to one witness per clause that
 * needs one (ForAnyValue true, ForAllValues false), plus one value to stay present and one non-empty
 * value, so the bound loses no request.
 */
import { ENUMERATED_VALUES } from "../context/enumerated-values.js";
import { EMAIL_ADDRESS_KEYS } from "../context/email-keys.js";
import type { ConditionClause } from "../conditions/compile.js";
import type { CompareOp, PolicyValue, SymbolicValue, ValueFamily } from "../conditions/family.js";
import type { ContextLookup } from "../context/types.js";
import { findConditionKey } from "../data/actions.js";
import { conditionKeyType, requestCarriesMany } from "../data/condition-keys.js";
import { globRx, rx, type Rx } from "../match/regex.js";
import { parseCidr } from "../match/cidr.js";
import { resolveTemplate, type Template } from "../policy/variables.js";
import type { F, Logic } from "./formula.js";
import type { Model, ZString } from "./solver.js";

export type KeyKind = "string" | "number" | "date" | "ip";

/** Why the prover cannot claim a proof; the expectation stays sampled with this reason. */
export class Unsupported extends Error {
  override name = "Unsupported";
}

interface Slot {
  readonly active: F;
  readonly nonEmpty: F;
  readonly str?: ZString;
  readonly isValue?: F;
  readonly num?: unknown;
  /** A concrete request value (keys that are not free). */
  readonly concrete?: string;
}

export interface SymKey {
  readonly key: string;
  readonly free: boolean;
  readonly kind: KeyKind;
  readonly slots: readonly Slot[];
  /** Read only by Bool conditions: written back as true/false. */
  readonly boolish: boolean;
}

/** The kind of request value a family reads (by its name, the one constant each family has). */
export function kindOfFamily(family: ValueFamily): KeyKind {
  switch (family.name) {
    case "String":
    case "ARN":
    case "Bool":
    case "Binary":
      return "string";
    case "Numeric":
      return "number";
    case "Date":
      return "date";
    case "IP address":
      return "ip";
  }
  throw new Unsupported(`the ${family.name} operators have no symbolic form`);
}

/** Whether requests may carry several values of the key (src/data/condition-keys.ts, requestCarriesMany). */
export function mayBeMulti(key: string, clauses: readonly ConditionClause[]): boolean {
  return requestCarriesMany(key, clauses.some((c) => c.kind === "values" && c.qualifier !== undefined));
}

/** The key as AWS spells it, for counterexamples (condition key names are case-insensitive). */
export function displayName(key: string, written?: string): string {
  const info = findConditionKey(key);
  if (!info) return written ?? key;
  const name = info.name;
  if (!/[$<]/.test(name)) return name;
  const slash = name.indexOf("/");
  return slash > 0 && key.length > slash ? name.slice(0, slash + 1) + key.slice(slash + 1) : key;
}

/** A free key: `n` slots of its kind (fresh solver constants named from `id`, unique per question). */
export function freeKey(L: Logic, id: string, key: string, kind: KeyKind, n: number, boolish: boolean): SymKey {
  const z = L.z;
  const slots: Slot[] = [];
  for (let i = 0; i < n; i++) {
    const active = L.atom(z.Bool.const(`${id}_a${i}`));
    if (kind === "string") {
      const str = z.String.const(`${id}_s${i}`);
      slots.push({ active, str, nonEmpty: L.inRe(str, NON_EMPTY) });
    } else {
      const isValue = L.atom(z.Bool.const(`${id}_v${i}`));
      const num = kind === "number" ? z.Real.const(`${id}_n${i}`) : z.Int.const(`${id}_n${i}`);
      // A value that does not read as the kind: "x", or "" (nonEmpty false).
      const nonEmpty = L.or(isValue, L.atom(z.Bool.const(`${id}_e${i}`)));
      slots.push({ active, isValue, num, nonEmpty });
    }
  }
  return { key, free: true, kind, slots, boolish };
}

/** A concrete key: its values as the context holds them (none: absent). */
export function concreteKey(key: string, values: readonly string[]): SymKey {
  return {
    key,
    free: false,
    kind: "string",
    boolish: false,
    slots: values.map((v) => ({ active: true, nonEmpty: v !== "", concrete: v })),
  };
}

/**
 * The instants a witness can name: it writes them as ISO 8601 text (slotValue), whose years have four
 * digits, so 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z; a later instant prints as
 * "+010000-..." and reads back as no date (src/match/date.ts), and the replay would see another time.
 */
const MIN_MS = -62167219200000;
const MAX_MS = 253402300799999;

/**
 * Printable ASCII. Restricting generated text to it loses no request: globs, ARN patterns and exact
 * values treat every character they do not name alike, and policies name far fewer than the 95
 * printable ones, so a request with other characters has a printable twin with the same answers.
 */
export const PRINTABLE: Rx = rx.range(" ", "~");
export const TEXT: Rx = rx.star(PRINTABLE);
const NON_EMPTY: Rx = rx.cat(rx.any, rx.all);

const HEX: Rx = rx.alt(rx.range("0", "9"), rx.range("a", "f"));
const DIGIT: Rx = rx.range("0", "9");
const ARN_WORD: Rx = rx.cat(rx.alt(rx.range("a", "z"), DIGIT), rx.star(rx.alt(rx.range("a", "z"), DIGIT, rx.lit("-"))));
/**
 * arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE (IAM/latest/UserGuide/reference-arns.html): a partition
 * AWS has, an account of 12 digits (none only in S3 and Route 53 ARNs), a resource that names
 * something (not empty, not ending in `/` or `:`).
 */
const ACCOUNT_DIGITS: Rx = rx.cat(...Array.from({ length: 12 }, () => DIGIT));
const ARN_SHAPE: Rx = rx.cat(
  rx.lit("arn:"), rx.alt(rx.lit("aws"), rx.lit("aws-cn"), rx.lit("aws-us-gov")), rx.lit(":"),
  rx.alt(
    rx.cat(rx.alt(rx.lit("s3"), rx.lit("route53")), rx.lit(":"), rx.alt(rx.lit(""), ARN_WORD), rx.lit("::")),
    rx.cat(ARN_WORD, rx.lit(":"), rx.alt(rx.lit(""), ARN_WORD), rx.lit(":"), ACCOUNT_DIGITS, rx.lit(":")),
  ),
  rx.diff(rx.cat(PRINTABLE, rx.star(PRINTABLE)), rx.cat(rx.all, rx.alt(rx.lit("/"), rx.lit(":")))),
);
/** An email address as context/email-keys.ts reads it: a local part, `@`, a domain (printable, no `@`, no space). */
const ADDRESS_PART: Rx = rx.cat(rx.diff(PRINTABLE, rx.alt(rx.lit("@"), rx.lit(" "))), rx.star(rx.diff(PRINTABLE, rx.alt(rx.lit("@"), rx.lit(" ")))));
const EMAIL_ADDRESS: Rx = rx.cat(ADDRESS_PART, rx.lit("@"), ADDRESS_PART);
/**
 * Free keys whose values AWS writes in one shape: an ARN, a VPC id, a VPC endpoint id, an account id
 * (IAM/latest/UserGuide/reference_policies_condition-keys.html; AWSEC2/latest/UserGuide/resource-ids.html).
 * A witness `aws:SourceVpc: ""` is no request AWS sends.
 */
const SHAPES = new Map<string, Rx>([
  ["aws:sourcearn", ARN_SHAPE],
  ["aws:sourcevpc", rx.cat(rx.lit("vpc-"), HEX, rx.star(HEX))],
  ["aws:ec2instancesourcevpc", rx.cat(rx.lit("vpc-"), HEX, rx.star(HEX))],
  ["aws:sourcevpce", rx.cat(rx.lit("vpce-"), HEX, rx.star(HEX))],
  ["aws:sourceaccount", ACCOUNT_DIGITS],
  ...[...ENUMERATED_VALUES].map(([key, values]): [string, Rx] => [key, rx.alt(...values.map((v) => rx.lit(v)))]),
  ...[...EMAIL_ADDRESS_KEYS].map((key): [string, Rx] => [key, EMAIL_ADDRESS]),
]);

/** Whether the service reference types the key as the kind its operators read it as (IPAddress for ip, ...). */
function typedAs(key: string, kind: KeyKind): boolean {
  const type = conditionKeyType(key)?.replace(/^ArrayOf/, "");
  return (kind === "ip" && type === "IPAddress") || (kind === "date" && type === "Date") || (kind === "number" && type === "Numeric");
}

/** What every slot of a free key must satisfy whatever the policies say (a range for each kind). */
export function slotDomain(L: Logic, k: SymKey): F[] {
  const z = L.z;
  const out: F[] = [];
  for (const s of k.slots) {
    if (!k.free) continue;
    if (k.kind === "date") out.push(L.implies(s.isValue!, L.atom(z.And((s.num as any).ge(MIN_MS), (s.num as any).le(MAX_MS)))));
    if (k.kind === "ip") out.push(L.atom(z.And((s.num as any).ge(0), (s.num as any).lt((V6_BASE + (1n << 128n)).toString()))));
    if (k.kind === "string") out.push(L.inRe(s.str!, k.boolish ? rx.alt(rx.lit("true"), rx.lit("false")) : (SHAPES.get(k.key.toLowerCase()) ?? TEXT)));
    // AWS sets a key of an IP, date or number type to a value of that type: aws:SourceIp is the
    // caller's address, never "" (IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip).
    else if (typedAs(k.key, k.kind)) out.push(L.implies(s.active, s.isValue!));
  }
  // Slots are filled in order, so that one request is not found as many.
  for (let i = 1; i < k.slots.length; i++) out.push(L.implies(k.slots[i]!.active, k.slots[i - 1]!.active));
  return out;
}

export function present(L: Logic, k: SymKey): F {
  return L.or(...k.slots.map((s) => s.active));
}

/** Present with a value that is not empty: what the set qualifiers and Null call present. */
export function presentSet(L: Logic, k: SymKey): F {
  return L.or(...k.slots.map((s) => L.and(s.active, s.nonEmpty)));
}

function compare(L: Logic, x: any, op: CompareOp, value: string | number): F {
  // z3's arithmetic accepts JS numbers but not decimal text: a policy's number is exact as a Real.
  const v = typeof value === "string" ? L.z.Real.val(value) : value;
  switch (op) {
    case "eq":
      return L.atom(x.eq(v));
    case "lt":
      return L.atom(x.lt(v));
    case "le":
      return L.atom(x.le(v));
    case "gt":
      return L.atom(x.gt(v));
    case "ge":
      return L.atom(x.ge(v));
  }
}

/** Does a free slot's value match one symbolic policy value? */
function slotMatches(L: Logic, k: SymKey, s: Slot, sv: SymbolicValue): F {
  if (sv.kind !== k.kind) throw new Unsupported(`condition key ${k.key} is compared as more than one type`);
  switch (sv.kind) {
    case "string":
      return L.inRe(s.str!, sv.rx);
    case "number":
      return L.and(s.isValue!, compare(L, s.num, sv.op, decimalText(sv.value)));
    case "date":
      return L.and(s.isValue!, compare(L, s.num, sv.op, sv.ms));
    case "ip": {
      const lo = offsetOf(sv.version, sv.lo);
      const hi = offsetOf(sv.version, sv.hi);
      return L.and(s.isValue!, L.atom((s.num as any).ge(lo)), L.atom((s.num as any).le(hi)));
    }
  }
}

/** IPv4 and IPv6 share one integer line: IPv4 below 2^32, IPv6 from 2^32 up (shifted), so one range test says both. */
const V6_BASE = 1n << 32n;
function offsetOf(version: 4 | 6, bits: bigint): string {
  return (version === 4 ? bits : V6_BASE + bits).toString();
}

function decimalText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
}

/** Policy values with their variables resolved from the concrete context; a variable of a free key is not encoded. */
export function resolvedTexts(values: readonly PolicyValue[], ctx: ContextLookup, isFree: (key: string) => boolean): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (v.template === null) {
      out.push(v.text);
      continue;
    }
    const t: Template = v.template;
    if (t.fixed !== undefined) {
      out.push(t.fixed);
      continue;
    }
    if (t.keys.some(isFree)) throw new Unsupported(`a policy variable reads the free key ${t.keys.find(isFree)}`);
    const text = resolveTemplate(t, ctx);
    // "If the variable has no value, the value is effectively null" and matches nothing.
    if (text !== undefined) out.push(text);
  }
  return out;
}

/**
 * One clause as a formula: the qualifier semantics of checkKey/checkNull in src/conditions/compile.ts,
 * over the key's slots.
 */
export function clauseFormula(
  L: Logic,
  clause: ConditionClause,
  k: SymKey,
  texts: readonly string[],
  concreteTest: (text: string, value: string) => boolean,
): F {
  if (clause.kind === "null") {
    const absent = L.not(presentSet(L, k));
    const wantAbsent = clause.wanted.includes(true);
    const wantPresent = clause.wanted.includes(false);
    return L.or(L.and(absent, wantAbsent), L.and(L.not(absent), wantPresent));
  }
  const { negated, qualifier, ifExists } = clause;
  const symbolic = k.free ? texts.map((t) => clause.family.symbolic(t)) : [];
  if (k.free && symbolic.some((s) => s === undefined)) throw new Unsupported(`the ${clause.family.name} operators have no symbolic form`);
  const matchAny = (s: Slot): F =>
    s.concrete !== undefined
      ? texts.some((t) => concreteTest(t, s.concrete!))
      : L.or(...symbolic.map((sv) => slotMatches(L, k, s, sv!)));
  const whenAbsent = qualifier === "ForAllValues" ? true : ifExists ? true : qualifier === "ForAnyValue" ? false : negated;
  if (qualifier === "ForAllValues") {
    const all = L.and(...k.slots.map((s) => L.implies(s.active, negated ? L.not(matchAny(s)) : matchAny(s))));
    return L.or(L.and(L.not(presentSet(L, k)), whenAbsent), L.and(presentSet(L, k), all));
  }
  if (qualifier === "ForAnyValue") {
    const any = L.or(...k.slots.map((s) => L.and(s.active, negated ? L.not(matchAny(s)) : matchAny(s))));
    return L.or(L.and(L.not(presentSet(L, k)), whenAbsent), L.and(presentSet(L, k), any));
  }
  const any = L.or(...k.slots.map((s) => L.and(s.active, matchAny(s))));
  return L.or(L.and(L.not(present(L, k)), whenAbsent), L.and(present(L, k), negated ? L.not(any) : any));
}

/** `{ not: [...] }` of `when`: present, and no value matches an excluded pattern (CIDRs for IP keys, globs otherwise). */
export function excludedFormula(L: Logic, k: SymKey, not: readonly string[]): F {
  const parts: F[] = [present(L, k)];
  for (const s of k.slots) {
    // An IP key is present with an IP address (aws:SourceIp: IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip).
    if (k.kind === "ip") parts.push(L.implies(s.active, s.isValue!));
    for (const pattern of not) {
      let hit: F;
      if (k.kind === "string") hit = L.inRe(s.str!, globRx(pattern));
      else if (k.kind === "ip") {
        const c = parseCidr(pattern);
        if ("error" in c) throw new Unsupported(`"${pattern}" in { not } of ${k.key} is not a CIDR`);
        const sv = ipRange(c.version, c.network, c.mask);
        hit = slotMatches(L, k, s, sv);
      } else throw new Unsupported(`{ not } on the ${k.kind} key ${k.key} is not encoded`);
      parts.push(L.implies(s.active, L.not(hit)));
    }
  }
  return L.and(...parts);
}

function ipRange(version: 4 | 6, network: bigint, mask: bigint): SymbolicValue {
  const all = (1n << (version === 4 ? 32n : 128n)) - 1n;
  return { kind: "ip", version, lo: network, hi: network | (~mask & all) };
}

/** The key's value as a request would carry it, from a model (undefined: absent). */
export function valueFromModel(L: Logic, k: SymKey, m: Model): string | boolean | (string | boolean)[] | undefined {
  const values: (string | boolean)[] = [];
  for (const s of k.slots) {
    if (s.concrete !== undefined) {
      values.push(s.concrete);
      continue;
    }
    if (!truth(L, s.active, m)) continue;
    values.push(slotValue(L, k, s, m));
  }
  if (values.length === 0) return undefined;
  return k.slots.length > 1 ? values : values[0];
}

/** A formula's value in a model. */
export function truth(L: Logic, x: F, m: Model): boolean {
  return typeof x === "boolean" ? x : m.bool(L.term(x));
}

function slotValue(L: Logic, k: SymKey, s: Slot, m: Model): string | boolean {
  if (k.kind === "string") {
    const v = m.string(s.str!);
    if (k.boolish && (v === "true" || v === "false")) return v === "true";
    return v;
  }
  if (!truth(L, s.isValue!, m)) return truth(L, s.nonEmpty, m) ? "x" : "";
  if (k.kind === "number") return decimalText(m.real(s.num));
  if (k.kind === "date") return new Date(Number(m.int(s.num))).toISOString();
  const n = m.int(s.num);
  return n < V6_BASE ? ipv4Text(n) : ipv6Text(n - V6_BASE);
}

function ipv4Text(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((n >> shift) & 255n)).join(".");
}

function ipv6Text(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  return groups.join(":");
}

/** The region field of an ARN as realism reads it (`us-east-1`, `eu-central-2`, `us-gov-west-1`). */
export const REGION_RX: Rx = (() => {
  const lower = rx.range("a", "z");
  const digit = rx.range("0", "9");
  const plus = (r: Rx) => rx.cat(r, rx.star(r));
  return rx.cat(lower, lower, plus(rx.cat(rx.lit("-"), plus(lower))), rx.lit("-"), plus(digit));
})();
