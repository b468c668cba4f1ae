import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { refuseAddress, refuseHostname, type AddressPolicy } from "./address-policy";

export type ResolvedAddress = { address: string; family: 4 | 6 };

/** Resolves a hostname to every address it has; injectable so tests never depend on real DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const records = await dnsLookup(hostname, { all: true, verbatim: true });
  return records.map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
};

/** A refused destination. Thrown before any connection is attempted. */
export class NetworkPolicyError extends Error {
  override name = "NetworkPolicyError";
}

/** A URL that passed the policy, with the one address the connection must go to. */
export type VettedTarget = { url: URL; address: ResolvedAddress };

/**
 * Checks a URL's scheme and every address its host resolves to. All addresses must pass (not just
 * the first), since the system may try any of them; the first one is then pinned for the connection
 * so a second DNS answer (rebinding) cannot redirect it.
 */
export async function vetTarget(raw: string | URL, policy: AddressPolicy, resolve: Resolver = systemResolver): Promise<VettedTarget> {
  let url: URL;
  try {
    // WHATWG parsing normalises decimal, octal and hex IPv4 forms (2130706433, 0177.0.0.1) to dotted quads.
    url = new URL(raw);
  } catch {
    throw new NetworkPolicyError(`invalid URL: ${JSON.stringify(String(raw))}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new NetworkPolicyError(`only http and https URLs are allowed, not ${url.protocol}`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new NetworkPolicyError("credentials in the URL are not allowed; send an Authorization header instead");
  }
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const refusedName = refuseHostname(host, policy);
  if (refusedName !== undefined) throw refused(url, refusedName);

  const family = isIP(host);
  let addresses: ResolvedAddress[];
  if (family !== 0) addresses = [{ address: host, family: family === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      throw new NetworkPolicyError(`cannot resolve "${host}": ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const first = addresses[0];
  if (first === undefined) throw new NetworkPolicyError(`"${host}" resolved to no address`);
  for (const { address } of addresses) {
    const reason = refuseAddress(address, policy);
    if (reason !== undefined) throw refused(url, family === 0 ? `"${host}" resolves to ${reason}` : reason);
  }
  return { url, address: first };
}

function refused(url: URL, reason: string): NetworkPolicyError {
  // Metadata endpoints stay refused whatever the setting, so only the others get the hint.
  const hint = reason.includes("metadata") ? "" : "; private and loopback destinations need the server setting allowPrivateNetwork";
  return new NetworkPolicyError(`request to ${url.origin} refused: ${reason}${hint}`);
}
