import { isIPv6, SocketAddress } from 'node:net'

/**
 * The budget a client address counts against. An IPv4 address is one budget. An IPv6 host
 * usually holds a whole /64 (RFC 6177 §2; SLAAC picks the interface id at will, RFC 8981 privacy
 * addresses rotate it), so keying by the full address would give one client 2^64 budgets: the
 * key is its /64 prefix. IPv4-mapped IPv6 (`::ffff:192.0.2.1`, how a dual-stack socket reports
 * an IPv4 peer) counts as the IPv4 address.
 */
export function addressKey(address: string): string {
  if (!isIPv6(address)) return address
  // RFC 5952 canonical text, whatever the spelling (zero runs, hex-written IPv4, zone id)
  const canonical = new SocketAddress({ address: address.split('%')[0] ?? '', family: 'ipv6' })
    .address
  const mapped = canonical.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/)
  if (mapped?.[1]) return mapped[1]
  const [head = '', tail] = canonical.split('::')
  const headGroups = head === '' ? [] : head.split(':')
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':')
  const zeros = Array<string>(8 - headGroups.length - tailGroups.length).fill('0')
  return `${[...headGroups, ...zeros, ...tailGroups].slice(0, 4).join(':')}::/64`
}
