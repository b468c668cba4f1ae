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
  if (METADATA_ADDRESSES.has(canonical)) return `${canonical} is a cloud metadata address`;
  if (policy.allowPrivateNetwork) return undefined;
  const range = parsed.range();
  if (range === "unicast") return undefined;
  return `${canonical} is a ${RANGE_LABELS[range] ?? `${range} (non-public)`} address`;
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
