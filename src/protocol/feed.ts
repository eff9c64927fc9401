/**
 * A person's calendar feed at the relay: a plaintext .ics under `/feed/<id>.ics`, written (PUT) and revoked (DELETE)
 * with `Authorization: Bearer <token>`. The device makes the id and the token; the relay keeps only the token's hash.
 * Refusals are JSON `{ "code": FeedCode }` with the status below.
 * A feed nobody writes or reads for the relay's FEED_EXPIRE_DAYS is gone (404): the device PUTs it again at least weekly.
 */

/** 16 random bytes or more, base64url: nobody finds a feed by guessing */
export const FEED_ID = /^[A-Za-z0-9_-]{22,64}$/
/** 32 random bytes or more, base64url */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43,128}$/
export const FEED_PATH = /^\/feed\/([^/]*)\.ics$/

export const feedPath = (id: string) => `/feed/${id}.ics`

export type FeedCode =
  | 'bad-feed-id' | 'no-token' | 'wrong-token' | 'feed-not-found' | 'feed-revoked' | 'too-large' | 'not-calendar'
  | 'rate-limited' | 'too-many-feeds' | 'feed-full' | 'bad-method' | 'unavailable'

export const FEED_STATUS: Record<FeedCode, number> = {
  'bad-feed-id': 400, 'no-token': 401, 'wrong-token': 403, 'feed-not-found': 404, 'feed-revoked': 410, 'too-large': 413,
  'not-calendar': 415, 'rate-limited': 429, 'too-many-feeds': 429, 'feed-full': 507, 'bad-method': 405, 'unavailable': 503,
}

/** a code read from a relay's answer, if it is one */
export const feedCode = (code: unknown): FeedCode | undefined =>
  typeof code === 'string' && Object.hasOwn(FEED_STATUS, code) ? (code as FeedCode) : undefined

/** where a relay (ws: or wss:, or http(s):) keeps feeds: beside its socket's path, over http(s); null for anything else */
export const feedBase = (relayUrl: string): string | null => {
  try {
    const u = new URL(relayUrl)
    const scheme = ({ 'ws:': 'http:', 'http:': 'http:', 'wss:': 'https:', 'https:': 'https:' } as Record<string, string>)[u.protocol]
    if (!scheme || !u.hostname) return null
    u.protocol = scheme
    u.search = ''
    u.hash = ''
    return new URL('.', u).href.replace(/\/$/, '')
  } catch {
    return null
  }
}

/** a feed's address for people and calendar apps */
export const feedAddress = (base: string, id: string) => `${base}${feedPath(id)}`
