/**
 * IP arithmetic for the address generators: the interesting addresses around a CIDR are its first
 * and last members (edges) and the addresses just outside it (outsiders), which is where an
 * off-by-one range or a too-wide prefix lets a request through.
 */
import { parseCidr, type Cidr } from "../../src/match/cidr.js";

export function formatIp(version: 4 | 6, bits: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((s) => String((bits >> s) & 255n)).join(".");
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((bits >> s) & 0xffffn).toString(16));
  return groups.join(":");
}

function width(version: 4 | 6): bigint {
  return version === 4 ? 32n : 128n;
}

/** First and last address of a CIDR. */
export function cidrBounds(c: Cidr): { first: bigint; last: bigint } {
  const hostBits = width(c.version) - BigInt(c.prefix);
  const first = c.network & c.mask;
  return { first, last: first + (1n << hostBits) - 1n };
}

/** Members, edges and outsiders of one CIDR (or bare address), as text; empty for unreadable input. */
export function addressesAround(cidrText: string): { members: string[]; outsiders: string[] } {
  const c = parseCidr(cidrText.trim());
  if ("error" in c) return { members: [], outsiders: [] };
  const { first, last } = cidrBounds(c);
  const max = (1n << width(c.version)) - 1n;
  const middle = first + (last - first) / 2n;
  // 0.0.0.0 and :: are no address a request comes from: a range starting there (0.0.0.0/0, ::/0)
  // is represented by its second address.
  const lowest = first === 0n && last > 0n ? 1n : first;
  const members = [...new Set([lowest, middle, last].map((b) => formatIp(c.version, b)))];
  const outsiders: string[] = [];
  if (first > 0n) outsiders.push(formatIp(c.version, first - 1n));
  if (last < max) outsiders.push(formatIp(c.version, last + 1n));
  return { members, outsiders };
}
