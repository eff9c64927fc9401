import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { feedPath } from '../../../../src/protocol/index.ts'
import { removeStandIn, startRedis, startServer, tempDir, type Server } from '../../fixtures/relay.ts'

const newId = () => randomBytes(16).toString('base64url')
const newToken = () => randomBytes(32).toString('base64url')
const ics = (title: string) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Hearth//Invitations//EN', 'BEGIN:VEVENT', `UID:${title.length}@hearth`,
    'DTSTAMP:20300101T000000Z', 'DTSTART:20300102T180000Z', `SUMMARY:${title}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n')

const filesUnder = (dir: string): Buffer[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name)
  return statSync(path).isDirectory() ? filesUnder(path) : [readFileSync(path)]
})

/** every key and value Redis keeps */
const redisBytes = async (url: string): Promise<Buffer> => {
  const r = new Redis(url)
  const out: Buffer[] = []
  for (const key of await r.keysBuffer('*')) {
    out.push(key)
    const type = await r.type(key)
    if (type === 'string') out.push((await r.getBuffer(key))!)
    else if (type === 'hash') out.push(...Object.values(await r.hgetallBuffer(key)))
  }
  r.disconnect()
  return Buffer.concat(out)
}

describe.each(['embedded', 'redis'] as const)('calendar feeds at the relay (%s)', (backend) => {
  let server: Server
  let data = ''
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null

  beforeAll(async () => {
    data = tempDir('feed-data')
    if (backend === 'redis') redis = await startRedis()
    server = await startServer({
      HEARTH_DATA: data, FEED_MAX_BODY: '4096', FEED_PER_ADDRESS_PER_DAY: '6', FEED_WRITES_PER_MINUTE: '600', FEED_READS_PER_MINUTE: '600',
      ...(redis ? { REDIS_URL: redis.url } : {}),
    })
  }, 30_000)
  afterAll(async () => {
    await server?.stop()
    await redis?.stop()
    rmSync(data, { recursive: true, force: true })
    removeStandIn()
  })

  const at = (id: string) => new URL(feedPath(id), server.url.replace(/^ws/, 'http')).href
  const put = (id: string, token: string | null, body: string | Uint8Array<ArrayBuffer>) =>
    fetch(at(id), { method: 'PUT', body, headers: token ? { authorization: `Bearer ${token}` } : {} })
  const del = (id: string, token: string) => fetch(at(id), { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })
  const codeOf = async (r: Response) => ((await r.json()) as { code: string }).code

  it('serves what the device put, as text/calendar that is always asked for again, and the latest after a change', async () => {
    const id = newId()
    const token = newToken()
    expect(await fetch(at(id)).then((r) => r.status)).toBe(404)
    expect((await put(id, token, ics('Skill share'))).status).toBe(201)
    const got = await fetch(at(id))
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(got.headers.get('cache-control')).toBe('no-cache')
    expect(await got.text()).toBe(ics('Skill share'))
    // unchanged: a calendar app's conditional fetch costs nothing
    expect((await fetch(at(id), { headers: { 'if-none-match': got.headers.get('etag')! } })).status).toBe(304)
    expect((await put(id, token, ics('Skill share, moved'))).status).toBe(204)
    const again = await fetch(at(id))
    expect(await again.text()).toContain('SUMMARY:Skill share, moved')
    expect(again.headers.get('etag')).not.toBe(got.headers.get('etag'))
  })

  it('refuses a write or a revoke without the token that made the feed, and keeps the feed as it was', async () => {
    const id = newId()
    const token = newToken()
    expect((await put(id, token, ics('Picnic'))).status).toBe(201)
    const stranger = await put(id, newToken(), ics('Phishing: click here'))
    expect(stranger.status).toBe(403)
    expect(await codeOf(stranger)).toBe('wrong-token')
    expect(await codeOf(await put(id, null, ics('x')))).toBe('no-token')
    expect(await codeOf(await put(id, 'short', ics('x')))).toBe('wrong-token')
    expect((await del(id, newToken())).status).toBe(403)
    expect(await fetch(at(id)).then((r) => r.text())).toContain('SUMMARY:Picnic')
  })

  it('after a revoke, serves 404, and nobody (not even with a fresh token) can publish at that link again', async () => {
    const id = newId()
    const token = newToken()
    expect((await put(id, token, ics('Book club'))).status).toBe(201)
    expect((await del(id, token)).status).toBe(204)
    expect((await fetch(at(id))).status).toBe(404)
    const squat = await put(id, newToken(), ics('Someone else at your old link'))
    expect(squat.status).toBe(410)
    expect(await codeOf(squat)).toBe('feed-revoked')
    expect((await put(id, token, ics('Book club'))).status).toBe(410)
    expect((await fetch(at(id))).status).toBe(404)
  })

  it("keeps nothing readable at rest: not a feed's events (kept, replaced or revoked) nor its link", async () => {
    const id = newId()
    const token = newToken()
    expect((await put(id, token, ics('Lantern walk at Ana’s house'))).status).toBe(201)
    expect((await put(id, token, ics('Lantern walk, moved to the park'))).status).toBe(204)
    const other = newId()
    expect((await put(other, newToken(), ics('Choir practice'))).status).toBe(201)
    expect((await put(other, token, ics('Not theirs'))).status).toBe(403)
    const kept = backend === 'redis' ? await redisBytes(redis!.url) : Buffer.concat(filesUnder(join(data, 'feeds')))
    for (const secret of ['Lantern walk', 'moved to the park', 'Choir practice', 'SUMMARY', id, other, token]) expect(kept.includes(secret), secret).toBe(false)
    expect(await fetch(at(id)).then((r) => r.text())).toContain('SUMMARY:Lantern walk, moved to the park')
  })

  it('refuses ids of the wrong form, bodies past the limit and bodies that are no calendar, with a clear code', async () => {
    const token = newToken()
    for (const bad of ['short', 'a'.repeat(65), 'has.dot.in.it.and.is.long.enough', '..%2F..%2Fetc%2Fpasswd-long-enough-xx']) {
      const r = await put(bad, token, ics('x'))
      expect(r.status, bad).toBe(400)
      expect(await codeOf(r)).toBe('bad-feed-id')
      expect((await fetch(at(bad))).status, bad).toBe(400)
    }
    const big = await put(newId(), token, ics('x'.repeat(5000)))
    expect(big.status).toBe(413)
    expect(await codeOf(big)).toBe('too-large')
    expect(await codeOf(await put(newId(), token, '<html><script>alert(1)</script></html>'))).toBe('not-calendar')
    expect(await codeOf(await put(newId(), token, new Uint8Array([0x42, 0xff, 0xfe]) as Uint8Array<ArrayBuffer>))).toBe('not-calendar')
    const post = await fetch(at(newId()), { method: 'POST', body: ics('x') })
    expect(post.status).toBe(405)
    expect(await codeOf(post)).toBe('bad-method')
    // and the server is still there
    expect((await fetch(server.url.replace(/^ws/, 'http'))).status).toBe(200)
  })

  it('limits the feeds one address makes (FEED_PER_ADDRESS_PER_DAY) but not the changes to its own', async () => {
    // this file's tests made some already: make feeds until refused
    const ids: [string, string][] = []
    let refused: Response | null = null
    for (let i = 0; i < 8 && !refused; i++) {
      const [id, token] = [newId(), newToken()]
      const r = await put(id, token, ics(`feed ${i}`))
      if (r.status === 201) ids.push([id, token])
      else refused = r
    }
    expect(refused?.status).toBe(429)
    expect(await codeOf(refused!)).toBe('too-many-feeds')
    expect(ids.length).toBeLessThan(6)
    const [id, token] = ids[0] ?? [newId(), newToken()]
    if (ids.length) expect((await put(id, token, ics('still mine'))).status).toBe(204)
  })
})

describe('calendar feeds: requests per address', () => {
  let server: Server
  let data = ''
  beforeAll(async () => {
    data = tempDir('feed-rate')
    server = await startServer({ HEARTH_DATA: data, FEED_WRITES_PER_MINUTE: '6', FEED_READS_PER_MINUTE: '12' })
  }, 30_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(data, { recursive: true, force: true })
    removeStandIn()
  })

  it('refuses writes and reads past the rate (429 rate-limited), and guessing tokens is a write', async () => {
    const id = newId()
    const at = new URL(feedPath(id), server.url.replace(/^ws/, 'http')).href
    const writes = await Promise.all(Array.from({ length: 10 }, () =>
      fetch(at, { method: 'PUT', body: ics('x'), headers: { authorization: `Bearer ${newToken()}` } }).then((r) => r.status)))
    expect(writes.filter((s) => s === 429).length).toBeGreaterThanOrEqual(8)
    const reads = await Promise.all(Array.from({ length: 20 }, () => fetch(at).then((r) => r.status)))
    expect(reads.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15)
  })
})
