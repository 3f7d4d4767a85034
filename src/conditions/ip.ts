/**
 * IpAddress / NotIpAddress (reference_policies_elements_condition_operators.html#Conditions_IPAddress):
 * CIDR ranges, IPv4 or IPv6, a bare address meaning that one address. An invalid CIDR is a policy error.
 * No policy variables.
 */
import { cidrContains, parseCidr, parseIp, type Cidr, type IpAddress } from "../match/cidr.js";
import { bad, buildFamily, noVariablesHint, ok } from "./family.js";

export const ipAddress = buildFamily<Cidr, IpAddress>({
  name: "IP address",
  variables: false,
  parsePolicy: (text) => {
    const cidr = parseCidr(text);
    return "error" in cidr
      ? bad(
          `"${text}" is not a CIDR range: ${cidr.error}`,
          noVariablesHint(text, "IP address") ?? "write 203.0.113.0/24, 2001:DB8:1234:5678::/64 or a single address",
        )
      : ok(cidr);
  },
  parseRequest: parseIp,
  cacheRequests: true,
  matches: cidrContains,
  // The addresses of a range, as the integers from its network address to its last address.
  symbolic: (c) => ({ kind: "ip", version: c.version, lo: c.network, hi: c.network | (~c.mask & ((1n << (c.version === 4 ? 32n : 128n)) - 1n)) }),
});
