import type { IncomingMessage } from 'node:http'

/** Which page origins may open a websocket here: the served origin always, plus these, or every one. */
export type OriginPolicy = { any: true } | { any: false; allowed: Set<string> }

const originOf = (text: string) => {
  try {
    const o = new URL(text).origin
    return o === 'null' ? null : o
  } catch {
    return null
  }
}

/** HEARTH_ORIGINS: comma-separated origins (https://hearth.example), or `*` for any. */
export const originPolicy = (raw: string | undefined): OriginPolicy => {
  const items = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  if (items.includes('*')) return { any: true }
  const allowed = new Set<string>()
  for (const item of items) {
    const o = originOf(item)
    if (!o) throw new Error(`HEARTH_ORIGINS: "${item}" is not an origin such as https://hearth.example.`)
    allowed.add(o)
  }
  return { any: false, allowed }
}

/**
 * A request without Origin comes from no web page (Node, a native app) and is let in: browsers always send it,
 * so a page elsewhere can't use a visitor's browser to reach this server.
 */
export const originAllowed = (req: IncomingMessage, tls: boolean, policy: OriginPolicy) => {
  const sent = req.headers.origin
  if (sent === undefined || policy.any) return true
  const origin = originOf(sent)
  if (!origin) return false
  const host = req.headers.host
  if (host && origin === originOf(`${tls ? 'https' : 'http'}://${host}`)) return true
  return policy.allowed.has(origin)
}
