import ipaddr from 'ipaddr.js';

/**
 * The TCP peer's address, set by scripts/serve.mjs on every request (overwriting whatever a client
 * sent under this name). Route handlers cannot see the socket, and Next.js keeps a client's own
 * X-Forwarded-For, so this is the one address a client cannot choose.
 */
export const PEER_ADDRESS_HEADER = 'x-pulse-peer-address';

/** What a request's address is called when the server did not say (next dev, in-process tests). */
export const UNKNOWN_ADDRESS = 'unknown';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];
export type TrustedProxies = readonly Range[];

/**
 * PULSE_TRUSTED_PROXIES: comma-separated CIDRs or single addresses of the reverse proxies in
 * front of the app. Throws naming the entry that does not parse.
 */
export function parseTrustedProxies(list: string | undefined): TrustedProxies {
  const entries = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return entries.map((entry) => {
    try {
      if (entry.includes('/')) {
        const [addr, bits] = ipaddr.parseCIDR(entry);
        return [normalize(addr), addr.kind() === 'ipv6' && normalize(addr).kind() === 'ipv4' ? bits - 96 : bits] as Range;
      }
      const addr = normalize(ipaddr.parse(entry));
      return [addr, addr.kind() === 'ipv4' ? 32 : 128] as Range;
    } catch {
      throw new Error(`"${entry}" is not an IP address or CIDR range`);
    }
  });
}

/** IPv4-mapped IPv6 (how a dual-stack socket reports IPv4 peers) as plain IPv4. */
function normalize(addr: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr;
}

function parse(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  return ipaddr.isValid(text) ? normalize(ipaddr.parse(text)) : null;
}

function trusted(addr: ipaddr.IPv4 | ipaddr.IPv6, proxies: TrustedProxies): boolean {
  return proxies.some(([range, bits]) => range.kind() === addr.kind() && addr.match(range, bits));
}

/**
 * The client's address: the peer, unless the peer is a trusted proxy; then X-Forwarded-For is
 * read from the right (each proxy appends the address it saw) up to the first untrusted hop.
 * Whatever a client wrote further left is never reached. An unparseable hop ends the walk.
 */
export function clientAddress(peer: string | null | undefined, forwardedFor: string | null | undefined, proxies: TrustedProxies): string {
  let current = peer ? parse(peer) : null;
  if (!current) return UNKNOWN_ADDRESS;
  const hops = (forwardedFor ?? '').split(',').map((s) => s.trim()).filter(Boolean).reverse();
  for (const hop of hops) {
    if (!trusted(current, proxies)) break;
    const next = parse(hop);
    if (!next) break;
    current = next;
  }
  return current.toString();
}

/** The address of a web Request, by the same rule. */
export function requestAddress(headers: Headers, proxies: TrustedProxies): string {
  return clientAddress(headers.get(PEER_ADDRESS_HEADER), headers.get('x-forwarded-for'), proxies);
}
