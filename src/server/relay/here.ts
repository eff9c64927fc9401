import type { IncomingMessage } from 'node:http'
import ipaddr from 'ipaddr.js'
import { relayOrigin } from '../../protocol/index.ts'

/**
 * The origins a join proof may name at this relay (see readProof). HEARTH_ORIGIN, when set: the relay's public
 * origin(s), comma-separated (https://hearth.example or wss://hearth.example, the same). Else the request's Host,
 * with wss: when this server speaks TLS, but only a Host on this machine or a local network (localhost, a loopback,
 * private or link-local address): a hostile relay chooses the Host it sends, so a Host that is a name on the internet
 * would let it pass on a proof made for itself. A relay reached by name must set HEARTH_ORIGIN (and one behind a TLS
 * proxy must, as it sees ws:).
 */
export type PublicOrigin = (req: IncomingMessage) => string[]

const LOCAL = new Set(['loopback', 'private', 'linkLocal', 'uniqueLocal'])

/** whether an origin's host is this machine or an address on a local network */
export const isLocalOrigin = (origin: string) => {
  const host = new URL(origin).hostname.replace(/^\[(.*)\]$/, '$1')
  if (host === 'localhost') return true
  return ipaddr.isValid(host) && LOCAL.has(ipaddr.process(host).range())
}

export const publicOrigin = (configured: string | undefined, tls: boolean, warn = console.error): PublicOrigin => {
  const items = (configured ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const fixed = items.map((item) => relayOrigin(item) ?? fail(item))
  if (fixed.length) return () => fixed
  let warned = false
  return (req) => {
    const o = req.headers.host ? relayOrigin(`${tls ? 'wss' : 'ws'}://${req.headers.host}`) : null
    if (!o) return []
    if (isLocalOrigin(o)) return [o]
    if (!warned) warn(`relay: reached as ${o}, a name or public address: every join is refused until HEARTH_ORIGIN is set to the address phones use (https://hearth.example).`)
    warned = true
    return []
  }
}

const fail = (item: string): never => {
  throw new Error(`HEARTH_ORIGIN: "${item}" is not an origin such as https://hearth.example.`)
}
