/**
 * IP addresses and CIDR ranges for IpAddress / NotIpAddress
 * (IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress):
 * "The value must be in the standard CIDR format (for example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64).
 * If you specify an IP address without the associated routing prefix, IAM uses the default prefix value
 * of /32" — for IPv6 a bare address is read as /128, the whole address.
 *
 * Where the docs are silent this module refuses rather than guesses: no leading zeros in IPv4 parts (they
 * read as octal in some tools), no zone ids, no prefix outside 0..32 / 0..128. IPv4 and IPv6 are separate
 * families: an IPv4 range never matches an IPv6 address, IPv4-mapped (`::ffff:a.b.c.d`) included.
 */

export interface IpAddress {
  readonly version: 4 | 6;
  /** The address as an unsigned integer (32 or 128 bits). */
  readonly bits: bigint;
}

export interface Cidr {
  readonly version: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
  /** Mask with the top `prefix` bits set. */
  readonly mask: bigint;
}

const IPV4_PART = /^(0|[1-9]\d{0,2})$/;

function parseIpv4Bits(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let bits = 0n;
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bits = (bits << 8n) | BigInt(n);
  }
  return bits;
}

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function parseGroups(text: string): bigint[] | undefined {
  if (text === "") return [];
  const groups: bigint[] = [];
  const pieces = text.split(":");
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as string;
    if (i === pieces.length - 1 && piece.includes(".")) {
      const v4 = parseIpv4Bits(piece);
      if (v4 === undefined) return undefined;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEXTET.test(piece)) {
      groups.push(BigInt(parseInt(piece, 16)));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6Bits(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  let groups: bigint[];
  if (halves.length === 2) {
    const head = parseGroups(halves[0] as string);
    const tail = parseGroups(halves[1] as string);
    if (head === undefined || tail === undefined) return undefined;
    // "::" stands for at least one group of zeros.
    if (head.length + tail.length > 7) return undefined;
    groups = [...head, ...Array<bigint>(8 - head.length - tail.length).fill(0n), ...tail];
  } else {
    const all = parseGroups(text);
    if (all === undefined || all.length !== 8) return undefined;
    groups = all;
  }
  let bits = 0n;
  for (const g of groups) bits = (bits << 16n) | g;
  return bits;
}

/** Parses an IPv4 or IPv6 address; undefined when it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(":")) {
    const bits = parseIpv6Bits(text);
    return bits === undefined ? undefined : { version: 6, bits };
  }
  const bits = parseIpv4Bits(text);
  return bits === undefined ? undefined : { version: 4, bits };
}

function widthOf(version: 4 | 6): number {
  return version === 4 ? 32 : 128;
}

function maskOf(version: 4 | 6, prefix: number): bigint {
  const width = BigInt(widthOf(version));
  const all = (1n << width) - 1n;
  return prefix === 0 ? 0n : (all >> (width - BigInt(prefix))) << (width - BigInt(prefix));
}

/** Parses `address[/prefix]`; a message says what is wrong otherwise. Host bits are ignored, as in routing. */
export function parseCidr(text: string): Cidr | { error: string } {
  const slash = text.indexOf("/");
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const address = parseIp(addressText);
  if (address === undefined) return { error: `"${addressText}" is not an IPv4 or IPv6 address` };
  const width = widthOf(address.version);
  let prefix = width;
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > width) {
      return { error: `"/${prefixText}" is not a prefix length for IPv${address.version} (0 to ${width})` };
    }
    prefix = Number(prefixText);
  }
  const mask = maskOf(address.version, prefix);
  return { version: address.version, network: address.bits & mask, prefix, mask };
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  return cidr.version === ip.version && (ip.bits & cidr.mask) === cidr.network;
}

/** A matcher for one CIDR, or an Error saying why the text is not a CIDR (an invalid CIDR in a policy is an error). */
export function compileCidr(text: string): ((ip: string) => boolean) | Error {
  const cidr = parseCidr(text);
  if ("error" in cidr) return new Error(cidr.error);
  return (ipText) => {
    const ip = parseIp(ipText);
    return ip !== undefined && cidrContains(cidr, ip);
  };
}
