import { BlockList, isIPv4, isIPv6 } from 'node:net'

/**
 * Which resolved addresses a metadata document may be fetched from. The authorization server
 * fetches URLs chosen by anyone who opens an authorization link, so it must not be usable to
 * reach this machine, its private network or cloud metadata services (SSRF, draft §8.6).
 * Everything that is not global unicast is refused: the special-purpose registries of RFC 6890
 * for IPv4 and IPv6, plus every IPv6 range that embeds an IPv4 address (IPv4-compatible,
 * IPv4-translated, NAT64, 6to4, Teredo), whatever IPv4 address it carries. IPv4-mapped IPv6
 * addresses (::ffff:a.b.c.d, in either spelling) are matched against the IPv4 rules by
 * BlockList itself.
 */
const notPublic = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // shared address space, carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12], // private (RFC 1918)
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private (RFC 1918)
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback, and IPv4-compatible ::a.b.c.d (RFC 4291 §2.5.5.1)
  ['::ffff:0:0:0', 96], // IPv4-translated ::ffff:0:a.b.c.d (RFC 2765 §2.1)
  ['64:ff9b::', 96], // NAT64, embeds an IPv4 address
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments, including Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4, embeds an IPv4 address
  ['3fff::', 20], // documentation (RFC 9637)
  ['5f00::', 16], // segment routing SIDs, not globally reachable (RFC 9602)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv6')
}

/** Whether an address (as DNS resolution returns it) is a public unicast address. */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) return !notPublic.check(address, 'ipv4')
  if (isIPv6(address)) return !notPublic.check(address, 'ipv6')
  return false
}
