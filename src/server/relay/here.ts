import type { IncomingMessage } from 'node:http'
import { relayOrigin } from '../../protocol/index.ts'

/**
 * The origins a join proof may name at this relay (see readProof). HEARTH_ORIGIN, when set: the relay's public
 * origin(s), comma-separated (https://hearth.example or wss://hearth.example, the same). Else the request's Host,
 * with wss: when this server speaks TLS: a relay that sends its own Host can then still pass a proof on, so a relay
 * reachable from the internet should set HEARTH_ORIGIN (and one behind a TLS proxy must, as it sees ws:).
 */
export type PublicOrigin = (req: IncomingMessage) => string[]

export const publicOrigin = (configured: string | undefined, tls: boolean): PublicOrigin => {
  const items = (configured ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const fixed = items.map((item) => relayOrigin(item) ?? fail(item))
  if (fixed.length) return () => fixed
  return (req) => {
    const o = req.headers.host ? relayOrigin(`${tls ? 'wss' : 'ws'}://${req.headers.host}`) : null
    return o ? [o] : []
  }
}

const fail = (item: string): never => {
  throw new Error(`HEARTH_ORIGIN: "${item}" is not an origin such as https://hearth.example.`)
}
