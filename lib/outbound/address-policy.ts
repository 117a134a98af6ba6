import ipaddr from 'ipaddr.js';

/**
 * Which addresses an outbound request may connect to: only global unicast. ipaddr.js 2 knows
 * the special-use registries (loopback, private, CGNAT 100.64/10, link-local, unique-local
 * fc00::/7, site-local fec0::/10, multicast, documentation, benchmarking, reserved,
 * unspecified, broadcast, 6to4, Teredo, …) and calls everything else `unicast`.
 */
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96') as [ipaddr.IPv6, number];
/** IETF-reserved ::/8 holds ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d, which ipaddr.js leaves unnamed. */
const IPV6_RESERVED_ZERO = ipaddr.parseCIDR('::/8') as [ipaddr.IPv6, number];

function isPublicV4(addr: ipaddr.IPv4): boolean {
  return addr.range() === 'unicast';
}

/** The IPv4 address in the last 32 bits of an IPv6 address (NAT64, RFC 6052). */
function embeddedV4(addr: ipaddr.IPv6): ipaddr.IPv4 {
  const b = addr.toByteArray();
  return new ipaddr.IPv4(b.slice(12, 16));
}

/** True only for an IP address (v4 or v6 text, as DNS or the URL parser gives it) that is global unicast. */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  const addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv4') return isPublicV4(addr as ipaddr.IPv4);
  const v6 = addr as ipaddr.IPv6;
  // ::ffff:a.b.c.d reaches the IPv4 host itself; 64:ff9b::a.b.c.d reaches it through a NAT64 gateway.
  if (v6.isIPv4MappedAddress()) return isPublicV4(v6.toIPv4Address());
  if (v6.match(NAT64_WELL_KNOWN)) return isPublicV4(embeddedV4(v6));
  return v6.range() === 'unicast' && !v6.match(IPV6_RESERVED_ZERO);
}

/** `localhost` and its subdomains, with or without the trailing root dot (RFC 6761: never sent to DNS). */
export function isLocalhostName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}
