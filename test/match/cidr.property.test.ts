/**
 * The CIDR matcher against an independent bit-level reference built on BigInt, for IPv4 and IPv6
 * (IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileCidr, parseCidr, parseIp } from "../../src/match/cidr.js";

function refContains(width: number, network: bigint, prefix: number, ip: bigint): boolean {
  // Compare the top `prefix` bits one by one: no masks shared with the implementation.
  for (let bit = 0; bit < prefix; bit++) {
    const shift = BigInt(width - 1 - bit);
    if (((network >> shift) & 1n) !== ((ip >> shift) & 1n)) return false;
  }
  return true;
}

const v4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n });
const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });

function formatV4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join(".");
}

function groupsOf(n: bigint): number[] {
  return Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn));
}

/** Full form, compressed form (longest zero run as ::), upper case, or with an embedded IPv4 tail. */
function formatV6(n: bigint, style: number): string {
  const g = groupsOf(n);
  const hex = g.map((x) => x.toString(16));
  if (style === 0) return hex.join(":");
  if (style === 1) return g.map((x) => x.toString(16).padStart(4, "0").toUpperCase()).join(":");
  if (style === 2) return `${hex.slice(0, 6).join(":")}:${formatV4(n & 0xffffffffn)}`;
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 1) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

/** An address that shares the first `keep` bits with `base` and is random after: half the time inside. */
function near(width: number, base: bigint, keep: number, noise: bigint): bigint {
  const w = BigInt(width);
  const low = keep >= width ? 0n : (1n << (w - BigInt(keep))) - 1n;
  return (base & ~low & ((1n << w) - 1n)) | (noise & low);
}

describe("CIDR matching agrees with a bit-by-bit reference", () => {
  it("IPv4", () => {
    fc.assert(
      fc.property(v4, fc.integer({ min: 0, max: 32 }), v4, fc.integer({ min: 0, max: 32 }), (net, prefix, noise, keep) => {
        const ip = near(32, net, keep, noise);
        const m = compileCidr(`${formatV4(net)}/${prefix}`);
        if (m instanceof Error) return false;
        return m(formatV4(ip)) === refContains(32, net, prefix, ip);
      }),
      { numRuns: 3000 },
    );
  });
  it("IPv6 in every textual form", () => {
    fc.assert(
      fc.property(
        v6,
        fc.integer({ min: 0, max: 128 }),
        v6,
        fc.integer({ min: 0, max: 128 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        (net, prefix, noise, keep, s1, s2) => {
          const ip = near(128, net, keep, noise);
          const m = compileCidr(`${formatV6(net, s1)}/${prefix}`);
          if (m instanceof Error) return false;
          return m(formatV6(ip, s2)) === refContains(128, net, prefix, ip);
        },
      ),
      { numRuns: 3000 },
    );
  });
  it("every IPv6 textual form parses to the same number", () => {
    fc.assert(
      fc.property(v6, fc.integer({ min: 0, max: 3 }), (n, style) => parseIp(formatV6(n, style))?.bits === n),
      { numRuns: 2000 },
    );
  });
  it("a bare address is the whole address (/32, /128)", () => {
    fc.assert(
      fc.property(v4, v4, (a, b) => {
        const m = compileCidr(formatV4(a));
        return !(m instanceof Error) && m(formatV4(b)) === (a === b);
      }),
    );
    const m6 = compileCidr("2001:db8::1");
    expect(m6 instanceof Error ? "error" : [m6("2001:db8::1"), m6("2001:db8::2")]).toEqual([true, false]);
  });
  it("families never cross", () => {
    fc.assert(
      fc.property(v4, v6, (a, b) => {
        const m4 = compileCidr("0.0.0.0/0");
        const m6 = compileCidr("::/0");
        return !(m4 instanceof Error) && !(m6 instanceof Error) && !m4(formatV6(b, 0)) && !m6(formatV4(a));
      }),
    );
  });
  it.each([
    ["203.0.113.0/24", true],
    ["203.0.113.5/24", true],
    ["2001:DB8:1234:5678::/64", true],
    ["::/0", true],
    ["::", true],
    ["::ffff:192.0.2.1", true],
    ["203.0.113.0/33", false],
    ["203.0.113.0/", false],
    ["203.0.113.0/024", false],
    ["203.0.113", false],
    ["203.0.113.01", false],
    ["256.0.0.0", false],
    [" 203.0.113.0/24", false],
    ["2001:db8::1::1", false],
    ["2001:db8:0:0:0:0:0:0:1", false],
    ["1:2:3:4:5:6:7::8", false],
    ["2001:db8::g", false],
    ["fe80::1%eth0", false],
    ["2001:db8::/129", false],
  ] as const)("parseCidr(%j) valid: %s", (text, valid) => {
    expect("error" in parseCidr(text)).toBe(!valid);
    expect(compileCidr(text) instanceof Error).toBe(!valid);
  });
});
