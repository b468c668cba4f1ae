import ipaddr from "ipaddr.js";

// Which addresses a workflow may reach. The check runs on the addresses a hostname RESOLVES to
// (and on IP literals after URL normalisation), because a hostname says nothing about where it
// points: `localhost`, a wildcard-DNS name or a rebinding domain can all lead to 127.0.0.1.

/** Cloud metadata endpoints hand out credentials: refused even when private networks are allowed. */
const METADATA_ADDRESSES = new Set([
  "169.254.169.254", // AWS, GCP, Azure, OpenStack, DigitalOcean
  "169.254.170.2", // AWS ECS task metadata
  "100.100.100.200", // Alibaba Cloud
  "fd00:ec2::254", // AWS IPv6 IMDS
]);

const METADATA_HOSTNAMES = new Set(["metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"]);

export type AddressPolicy = { allowPrivateNetwork: boolean };

/** Why a hostname may not be used at all (before any DNS lookup), or undefined when it may. */
export function refuseHostname(hostname: string, policy: AddressPolicy): string | undefined {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  if (METADATA_HOSTNAMES.has(name)) return `"${hostname}" is a cloud metadata hostname`;
  if (!policy.allowPrivateNetwork && (name === "localhost" || name.endsWith(".localhost"))) {
    return `"${hostname}" is a loopback hostname`;
  }
  return undefined;
}

/**
 * Why an address is refused, or undefined when it may be connected to. Without
 * `allowPrivateNetwork` only globally routable unicast addresses pass: loopback, private,
 * link-local, unspecified, multicast, CGNAT, reserved and the IPv6 ranges that embed an IPv4
 * address (mapped, NAT64, 6to4, Teredo) are all refused.
 */
export function refuseAddress(address: string, policy: AddressPolicy): string | undefined {
  const literal = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(literal)) return `"${address}" is not an IP address`;
  // process() turns ::ffff:a.b.c.d into a.b.c.d, so a mapped address is judged as the IPv4 it is.
  const parsed = ipaddr.process(literal);
  const canonical = parsed.toString();
  const compatible = ipv4Compatible(parsed);
  if (METADATA_ADDRESSES.has(canonical) || (compatible && METADATA_ADDRESSES.has(compatible))) return `${canonical} is a cloud metadata address`;
  if (policy.allowPrivateNetwork) return undefined;
  // ::/96 (RFC 4291's deprecated "IPv4-compatible" form, ::7f00:1 = ::127.0.0.1): ipaddr.js calls
  // it unicast, but stacks that still route it reach the embedded IPv4. Nothing public lives there.
  if (compatible) return `${canonical} is an IPv4-compatible (::/96, embeds ${compatible}) address`;
  const range = parsed.range();
  if (range === "unicast") return undefined;
  return `${canonical} is a ${RANGE_LABELS[range] ?? `${range} (non-public)`} address`;
}

/** The IPv4 address inside an IPv4-compatible IPv6 address (::/96 except :: and ::1), if it is one. */
function ipv4Compatible(address: ipaddr.IPv4 | ipaddr.IPv6): string | undefined {
  if (address.kind() !== "ipv6") return undefined;
  const parts = (address as ipaddr.IPv6).parts;
  if (parts.slice(0, 6).some((p) => p !== 0)) return undefined;
  const [high = 0, low = 0] = parts.slice(6);
  if (high === 0 && low <= 1) return undefined;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

const RANGE_LABELS: Record<string, string> = {
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  linkLocal: "link-local",
  loopback: "loopback",
  carrierGradeNat: "carrier-grade NAT (100.64.0.0/10)",
  private: "private",
  reserved: "reserved",
  uniqueLocal: "unique-local (private)",
  ipv4Mapped: "IPv4-mapped",
  rfc6052: "NAT64 (IPv4-embedding)",
  "6to4": "6to4 (IPv4-embedding)",
  teredo: "Teredo (IPv4-embedding)",
};
