import { randomBytes } from 'node:crypto'
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { feedPath } from '../../../../src/protocol/index.ts'
import { createFeeds, DEFAULT_FEED_LIMITS, openEmbeddedFeeds, openRedisFeeds, type Feeds } from '../../../../src/server/relay/feed/index.ts'
import { startRedis, tempDir } from '../../fixtures/relay.ts'

const DAY = 24 * 3600_000
// what the store keeps of a body: base64 of nonce, ciphertext and tag
const sealed = (text: string) => Math.ceil((Buffer.byteLength(text) + 28) / 3) * 4
const newId = () => randomBytes(16).toString('base64url')
const newToken = () => randomBytes(32).toString('base64url')
const ics = (title: string) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:1@hearth', 'DTSTART:20300102T180000Z', `SUMMARY:${title}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n')

/**
 * A stranger can make feeds from many addresses; the relay's totals must not become theirs for good. Feeds nobody
 * writes or reads go after FEED_EXPIRE_DAYS, revoked ones after FEED_REVOKED_DAYS, and an owner's change to a feed it
 * has is never refused for the totals. The clock here is the service's own, moved by the test.
 */
describe.each(['embedded', 'redis'] as const)('calendar feeds expire (%s)', (backend) => {
  let clock = Date.UTC(2031, 0, 1)
  let feeds: Feeds
  let http: HttpServer
  let base = ''
  let data = ''
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null

  beforeAll(async () => {
    data = tempDir('feed-expiry')
    if (backend === 'redis') redis = await startRedis()
    const store = redis ? await openRedisFeeds(redis.url, 'x:') : await openEmbeddedFeeds(data)
    const limits = { ...DEFAULT_FEED_LIMITS, feedsTotal: 4, bytesTotal: 5 * sealed(ics('stranger 00')), revokedTotal: 2,
      feedsPerAddressPerDay: 1000, feedsPerSitePerDay: 1000, writesPerMinute: 6000, readsPerMinute: 6000, expireDays: 60, revokedDays: 30 }
    feeds = createFeeds(store, limits, () => clock)
    http = createServer((req, res) => { if (!feeds.handle(req, res)) { res.statusCode = 404; res.end() } })
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok))
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  }, 30_000)
  afterAll(async () => {
    await new Promise((ok) => http?.close(ok))
    await feeds?.close()
    await redis?.stop()
    rmSync(data, { recursive: true, force: true })
  })

  const at = (id: string) => base + feedPath(id)
  const put = (id: string, token: string, body: string) => fetch(at(id), { method: 'PUT', body, headers: { authorization: `Bearer ${token}` } })
  const del = (id: string, token: string) => fetch(at(id), { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })
  const codeOf = async (r: Response) => ((await r.json()) as { code: string }).code

  it('an owner\'s update goes through when strangers filled the store, and stale feeds and old revocations go', async () => {
    const mine = [newId(), newToken()] as const
    expect((await put(...mine, ics('Ana 1'))).status).toBe(201)
    const strangers = Array.from({ length: 3 }, () => [newId(), newToken()] as const)
    for (const [i, s] of strangers.entries()) expect((await put(...s, ics(`stranger ${String(i).padStart(2, '0')}`))).status).toBe(201)
    const more = await put(newId(), newToken(), ics('stranger 99'))
    expect(more.status).toBe(507)
    expect(await codeOf(more)).toBe('feed-full')
    // the owner's feed grows: new feeds may fill only nine tenths of the bytes, the rest is for feeds that grow
    expect((await put(...mine, ics('Ana 1, and the picnic on Saturday, and the choir'))).status).toBe(204)

    // the strangers' own revocations fill the revoked total: no new feed either
    expect((await del(...strangers[0])).status).toBe(204)
    expect((await del(...strangers[1])).status).toBe(204)
    const later = [newId(), newToken()] as const
    expect((await put(...later, ics('x'))).status).toBe(507)

    // a calendar app keeps reading Ana's feed; nobody reads the last stranger's
    for (let day = 0; day < 80; day += 20) {
      clock += 20 * DAY
      expect((await fetch(at(mine[0]))).status).toBe(200)
      await feeds.expire()
    }
    expect((await fetch(at(strangers[2][0]))).status).toBe(404)
    expect(await fetch(at(mine[0])).then((r) => r.text())).toContain('the picnic on Saturday')
    // revoked long ago: dropped, so the revoked total is free again and the link can be had anew
    expect((await put(...strangers[0], ics('again'))).status).toBe(201)
    expect((await put(...later, ics('new'))).status).toBe(201)
    // and the owner still writes
    expect((await put(...mine, ics('Ana 2'))).status).toBe(204)
  }, 30_000)

  it('a device\'s PUT keeps its feed alive without readers', async () => {
    const mine = [newId(), newToken()] as const
    expect((await put(...mine, ics('Ben'))).status).toBe(201)
    for (let week = 0; week < 20; week++) {
      clock += 7 * DAY
      expect((await put(...mine, ics(`Ben ${week}`))).status).toBe(204)
      await feeds.expire()
    }
    expect(await fetch(at(mine[0])).then((r) => r.text())).toContain('Ben 19')
  }, 30_000)
})

describe('calendar feeds per site', () => {
  it('refuses new feeds past FEED_PER_SITE_PER_DAY though the address has some left, and not the next day', async () => {
    let clock = Date.UTC(2031, 0, 1)
    const data = tempDir('feed-site')
    const feeds = createFeeds(await openEmbeddedFeeds(data), { ...DEFAULT_FEED_LIMITS, feedsPerAddressPerDay: 10, feedsPerSitePerDay: 2 }, () => clock)
    const http = createServer((req, res) => { if (!feeds.handle(req, res)) { res.statusCode = 404; res.end() } })
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok))
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
    const put = (id: string, token: string) => fetch(base + feedPath(id), { method: 'PUT', body: ics('x'), headers: { authorization: `Bearer ${token}` } })
    try {
      const mine = [newId(), newToken()] as const
      expect((await put(...mine)).status).toBe(201)
      expect((await put(newId(), newToken())).status).toBe(201)
      const third = await put(newId(), newToken())
      expect(third.status).toBe(429)
      expect(((await third.json()) as { code: string }).code).toBe('too-many-feeds')
      expect((await put(...mine)).status).toBe(204)
      clock += DAY + 3600_000
      expect((await put(newId(), newToken())).status).toBe(201)
    } finally {
      await new Promise((ok) => http.close(ok))
      await feeds.close()
      rmSync(data, { recursive: true, force: true })
    }
  })
})
