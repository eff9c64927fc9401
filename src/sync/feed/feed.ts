import { toBase64url } from '../../crypto/index.ts'
import * as wire from '../../protocol/index.ts'
import type { SyncError } from '../errors.ts'

/** Where this person's calendar feed is, and the token that writes it; made on this device, never shown. */
export interface FeedRef { base: string; id: string; token: string }

const random = (n: number) => toBase64url(crypto.getRandomValues(new Uint8Array(n)))

/** A new feed at the relay this device uses (its ws(s) address), or why not. */
export const newFeed = (relayUrl: string | null): FeedRef | SyncError => {
  const base = relayUrl ? wire.feedBase(relayUrl) : null
  if (!base) return { code: 'feed-needs-relay' }
  return { base, id: random(16), token: random(32) }
}

/** The feed's address for a calendar app, https (or http on a local relay) and webcal. */
export const feedLinks = (f: FeedRef) => {
  const https = wire.feedAddress(f.base, f.id)
  return { https, webcal: https.replace(/^https?:/, 'webcal:') }
}

const ask = async (f: FeedRef, method: 'PUT' | 'DELETE', body?: string): Promise<Response | SyncError> => {
  try {
    return await fetch(wire.feedAddress(f.base, f.id), {
      method, body, cache: 'no-store',
      headers: { authorization: `Bearer ${f.token}`, ...(body ? { 'content-type': 'text/calendar; charset=utf-8' } : {}) },
    })
  } catch {
    return { code: 'feed-unreachable' }
  }
}

const refusal = async (r: Response): Promise<SyncError> => {
  const why = wire.feedCode(await r.json().then((j: { code?: unknown }) => j.code, () => undefined))
  return { code: 'feed-refused', ...(why ? { why } : {}) }
}

/** Writes the feed's .ics at the relay; null when done. */
export const publishFeed = async (f: FeedRef, ics: string): Promise<SyncError | null> => {
  const r = await ask(f, 'PUT', ics)
  if (!(r instanceof Response)) return r
  return r.ok ? null : refusal(r)
}

/** Revokes the feed at the relay for good; null when done (or it was gone already). */
export const revokeFeed = async (f: FeedRef): Promise<SyncError | null> => {
  const r = await ask(f, 'DELETE')
  if (!(r instanceof Response)) return r
  return r.ok || r.status === 404 || r.status === 410 ? null : refusal(r)
}
