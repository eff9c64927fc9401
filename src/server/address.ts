import type { IncomingMessage } from 'node:http'

const mappedV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/

/** The remote address a socket's per-address caps count against; an IPv4 client over a dual-stack socket counts as itself. */
export const addressOf = (req: IncomingMessage) => {
  const a = req.socket.remoteAddress ?? 'unknown'
  return mappedV4.exec(a)?.[1] ?? a
}
