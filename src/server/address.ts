import type { IncomingMessage } from 'node:http'
import ipaddr from 'ipaddr.js'

/** An IPv4 client over a dual-stack socket (::ffff:a.b.c.d) as its IPv4 address; any other address as it is. */
export const unmapped = (address: string) => {
  if (!ipaddr.IPv6.isValid(address)) return address
  const ip = ipaddr.IPv6.parse(address)
  return ip.isIPv4MappedAddress() ? ip.toIPv4Address().toString() : address
}

/** The remote address a socket's per-address caps count against; an IPv4 client over a dual-stack socket counts as itself. */
export const addressOf = (req: IncomingMessage) => unmapped(req.socket.remoteAddress ?? 'unknown')
