import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { FEED_ID, FEED_PATH, FEED_STATUS, FEED_TOKEN, type FeedCode } from '../../../protocol/index.ts'
import { addressOf } from '../../address.ts'
import { bucket } from '../../bucket.ts'
import { byteWindow, networkOf, siteOf } from '../budget.ts'
import { openBody, restKeyOf, sealBody } from './rest.ts'
import type { FeedLimits, FeedStore } from './store.ts'

const DAY = 24 * 3600_000
// a read keeps a feed alive, written down at most this often
const TOUCH_MS = 6 * 3600_000
// expired feeds dropped per minute, in the background
const EXPIRE_PER_TICK = 500
const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url')
// both are SHA-256 digests, so equal lengths; compared in constant time all the same
const sameHash = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

class Refused extends Error {
  constructor(readonly code: FeedCode) { super(code) }
}

const refuse = (res: ServerResponse, code: FeedCode, close = false) => {
  if (res.headersSent) return
  res.statusCode = FEED_STATUS[code]
  res.setHeader('Content-Type', 'application/json')
  res.setHeader('Cache-Control', 'no-store')
  if (code === 'bad-method') res.setHeader('Allow', 'GET, HEAD, PUT, DELETE')
  if (close) res.setHeader('Connection', 'close')
  res.end(JSON.stringify({ code }))
}

/** the body, at most `max` bytes, or 'too-large' as soon as it is longer */
const bodyOf = (req: IncomingMessage, max: number) => new Promise<Buffer | 'too-large'>((ok, fail) => {
  const said = Number(req.headers['content-length'] ?? NaN)
  if (said > max) return ok('too-large')
  const parts: Buffer[] = []
  let size = 0
  req.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size > max) { req.removeAllListeners('data'); req.resume(); ok('too-large') }
    else parts.push(chunk)
  })
  req.on('end', () => ok(Buffer.concat(parts)))
  req.on('error', fail)
})

// a calendar, in UTF-8: the relay serves nothing else under its name
const calendarText = (body: Buffer): string | null => {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    return null
  }
  return /^BEGIN:VCALENDAR\r?\n/.test(text) && /\r?\nEND:VCALENDAR\r?\n?$/.test(text) ? text : null
}

const tokenOf = (req: IncomingMessage) => {
  const m = /^Bearer ([^\s]+)$/.exec(req.headers.authorization ?? '')
  if (!m) throw new Refused('no-token')
  if (!FEED_TOKEN.test(m[1])) throw new Refused('wrong-token')
  return m[1]
}

/**
 * Calendar feeds over HTTP on the relay's port: GET serves one (404 once revoked), PUT writes it with its token,
 * DELETE revokes it. Bounded per address and site (requests, feeds made per day) and in all (feeds, bytes); a feed
 * nobody writes or reads expires, so what a stranger makes goes too. Never throws.
 */
export const createFeeds = (store: FeedStore, limits: FeedLimits, now: () => number = Date.now) => {
  const made = byteWindow(limits.feedsPerAddressPerDay, DAY, 24, now)
  const madeOnSite = byteWindow(limits.feedsPerSitePerDay, DAY, 24, now)
  const readers = new Map<string, ReturnType<typeof bucket>>()
  const writers = new Map<string, ReturnType<typeof bucket>>()
  const totals = { feeds: limits.feedsTotal, bytes: limits.bytesTotal, revoked: limits.revokedTotal }
  const take = (kind: Map<string, ReturnType<typeof bucket>>, perMinute: number, net: string) => {
    let b = kind.get(net)
    if (!b) kind.set(net, (b = bucket(perMinute / 60, Math.max(1, Math.ceil(perMinute / 6)))))
    if (!b.take()) throw new Refused('rate-limited')
  }
  // an address that went quiet leaves nothing behind
  const sweep = setInterval(() => {
    for (const kind of [readers, writers]) for (const [net, b] of kind) if (b.full()) kind.delete(net)
  }, 60_000)
  sweep.unref()
  /** drops what expired, at most EXPIRE_PER_TICK feeds a call */
  const expire = () => store.expire(now() - limits.expireDays * DAY, now() - limits.revokedDays * DAY, EXPIRE_PER_TICK)
  const expiring = setInterval(() => { expire().catch((e) => console.error(`feed: expiry failed: ${(e as Error).message}`)) }, 60_000)
  expiring.unref()

  const idOf = (req: IncomingMessage) => {
    const m = FEED_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname)
    if (!m || !FEED_ID.test(m[1])) throw new Refused('bad-feed-id')
    return m[1]
  }

  const get = async (req: IncomingMessage, res: ServerResponse, id: string) => {
    const feed = await store.get(restKeyOf(id))
    const body = feed && !feed.revoked ? openBody(id, feed.body) : null
    if (body === null) throw new Refused('feed-not-found')
    // a calendar app that follows it keeps it
    if ((feed!.seen ?? feed!.at) < now() - TOUCH_MS) await store.touch(restKeyOf(id), now()).catch((e) => console.error(`feed: a read was not kept: ${(e as Error).message}`))
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8')
    // calendar apps ask again now and then: always for the latest, cheaply when it hasn't changed
    res.setHeader('Cache-Control', 'no-cache')
    res.setHeader('ETag', etag)
    res.setHeader('Last-Modified', new Date(feed!.at).toUTCString())
    res.setHeader('Content-Disposition', 'inline; filename="hearth.ics"')
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304
      res.end()
      return
    }
    res.setHeader('Content-Length', Buffer.byteLength(body))
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  /** a refund, or null when the address or its site made as many feeds today as it may */
  const spend = (address: string) => {
    const refund = made.spend(networkOf(address), 1)
    if (!refund) return null
    const onSite = madeOnSite.spend(siteOf(address), 1)
    if (!onSite) { refund(); return null }
    return () => { refund(); onSite() }
  }

  const put = async (req: IncomingMessage, res: ServerResponse, id: string, address: string) => {
    const hash = hashOf(tokenOf(req))
    const body = await bodyOf(req, limits.maxBody)
    if (body === 'too-large') throw new Refused('too-large')
    const text = calendarText(body)
    if (text === null) throw new Refused('not-calendar')
    const have = await store.get(restKeyOf(id))
    if (have?.revoked) throw new Refused('feed-revoked')
    if (have && !sameHash(have.hash, hash)) throw new Refused('wrong-token')
    const refund = have ? () => {} : spend(address)
    if (!refund) throw new Refused('too-many-feeds')
    const done = await store.put(restKeyOf(id), hash, sealBody(id, text), now(), totals).catch((e) => { refund(); throw e })
    if (done !== 'created') refund()
    if (done === 'taken') throw new Refused('wrong-token')
    if (done === 'revoked') throw new Refused('feed-revoked')
    if (done === 'full') throw new Refused('feed-full')
    res.statusCode = done === 'created' ? 201 : 204
    res.end()
  }

  const revoke = async (req: IncomingMessage, res: ServerResponse, id: string) => {
    const hash = hashOf(tokenOf(req))
    const have = await store.get(restKeyOf(id))
    if (!have) throw new Refused('feed-not-found')
    if (!sameHash(have.hash, hash)) throw new Refused('wrong-token')
    const done = await store.revoke(restKeyOf(id), hash, now())
    if (done === 'taken') throw new Refused('wrong-token')
    if (done === 'missing') throw new Refused('feed-not-found')
    res.statusCode = 204
    res.end()
  }

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const address = addressOf(req)
    const net = networkOf(address)
    try {
      const reading = req.method === 'GET' || req.method === 'HEAD'
      if (!reading && req.method !== 'PUT' && req.method !== 'DELETE') throw new Refused('bad-method')
      take(reading ? readers : writers, reading ? limits.readsPerMinute : limits.writesPerMinute, net)
      const id = idOf(req)
      if (reading) await get(req, res, id)
      else if (req.method === 'PUT') await put(req, res, id, address)
      else await revoke(req, res, id)
    } catch (e) {
      // a refused write's body is left unread: close rather than read it
      const unread = req.method === 'PUT' && !req.readableEnded
      if (e instanceof Refused) refuse(res, e.code, unread)
      else {
        console.error(`feed: ${(e as Error).message}`)
        refuse(res, 'unavailable', unread)
      }
      if (unread) req.resume()
    }
  }

  return {
    /** true when `req` is for a feed (and is being answered) */
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      if (!new URL(req.url ?? '/', 'http://x').pathname.startsWith('/feed/')) return false
      void answer(req, res)
      return true
    },
    /** one tick of expiry now (tests that move the clock); how many went */
    expire,
    close: async () => {
      clearInterval(sweep)
      clearInterval(expiring)
      await store.close()
    },
  }
}

export type Feeds = ReturnType<typeof createFeeds>
