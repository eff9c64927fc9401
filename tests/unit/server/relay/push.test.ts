import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { open, seal, type RoomKeys } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { bytes, connect, expectError, removeStandIn, room, sleep, startRedis, startServer, tempDir, textOf, until, type Server } from '../../fixtures/relay.ts'
import { reminderKey } from '../../../../src/server/relay/push/index.ts'
import { startPushService, type PushService, type TestSubscription } from './push-service.ts'

type Client = Awaited<ReturnType<typeof connect>>
type Reply = wire.RelayMessage

const SECRET_TEXT = 'Ana invites you: Skill share at the library, Thursday 7pm'

/** every byte the embedded store keeps, under its data directory */
const filesUnder = (dir: string): Buffer[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name)
  return statSync(path).isDirectory() ? filesUnder(path) : [readFileSync(path)]
})

/** every value Redis keeps, read by type (DUMP would compress) */
const redisValues = async (url: string): Promise<Buffer[]> => {
  const r = new Redis(url)
  const out: Buffer[] = []
  for (const key of await r.keys('*')) {
    out.push(Buffer.from(key))
    const type = await r.type(key)
    if (type === 'string') out.push((await r.getBuffer(key))!)
    else if (type === 'hash') out.push(...Object.values(await r.hgetallBuffer(key)))
    else if (type === 'zset') out.push(...(await r.zrangeBuffer(key, '0', '-1')))
    else if (type === 'list') out.push(...(await r.lrangeBuffer(key, 0, -1)))
    else if (type === 'stream') out.push(Buffer.from(JSON.stringify(await r.xrange(key, '-', '+'))))
  }
  r.disconnect()
  return out
}

const ok = (m: Reply) => expect(m).toMatchObject({ op: wire.Op.Ack })

describe.each(['embedded', 'redis'] as const)('push through the relay (%s)', (backend) => {
  let service: PushService
  let server: Server
  let data = ''
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null
  let env: Record<string, string> = {}
  let vapid = ''

  beforeAll(async () => {
    service = await startPushService()
    data = tempDir('push-data')
    if (backend === 'redis') redis = await startRedis()
    env = { HEARTH_DATA: data, PUSH_INSECURE: '1', PUSH_PER_MINUTE: '3', PUSH_COALESCE_MS: '3000', ...(redis ? { REDIS_URL: redis.url } : {}) }
    server = await startServer(env)
    const c = await connect(server.relay)
    vapid = (await c.ask((req) => ({ op: wire.Op.AskPushKey, req })) as { key: string }).key
    c.close()
  }, 30_000)

  afterAll(async () => {
    await server?.stop()
    await service?.stop()
    await redis?.stop()
    rmSync(data, { recursive: true, force: true })
    removeStandIn()
  })

  /** a member's device that joined `keys`'s room and, given a push service, subscribed to it there and at the relay */
  const member = async (keys: RoomKeys, subscribed = false) => {
    const c = await connect(server.relay)
    ok(await c.join(keys).then((m) => ({ ...m, op: m.op === wire.Op.State ? wire.Op.Ack : m.op }) as Reply))
    if (!subscribed) return { c, sub: null as unknown as TestSubscription }
    const sub = await service.subscribe(vapid)
    ok(await c.ask((req) => ({ op: wire.Op.Subscribe, req, topic: keys.topic, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth })))
    return { c, sub }
  }
  const notify = (c: Client, keys: RoomKeys, text: string) =>
    c.ask((req) => ({ op: wire.Op.Notify, req, topic: keys.topic, skip: '', data: seal(keys, 'push', bytes(text)) }))
  const remind = (c: Client, keys: RoomKeys, sub: TestSubscription, id: string, at: number, text: string) =>
    c.ask((req) => ({ op: wire.Op.Remind, req, topic: keys.topic, id, endpoint: sub.endpoint, at, data: seal(keys, 'push', bytes(text)) }))
  /** waits (generously: the machine may be busy) until `n` pushes reached `sub`, and gives what reached it */
  const received = async (sub: TestSubscription, n = 1) => {
    let got: string[] = []
    await until(() => got.length >= n, 20_000, async () => { got = await service.messages(sub); await sleep(50) })
    return got
  }
  /** the texts that reached `sub`, opened with the room key */
  const opened = async (sub: TestSubscription, keys: RoomKeys) => (await service.messages(sub)).map((m) => {
    const p = wire.readPushText(m)!
    expect(p.topic).toBe(keys.topic)
    return textOf(open(keys, 'push', p.sealed)!)
  })

  it('delivers a push whose payload, decrypted with the subscription\'s keys, is still sealed and opens only with the room key', async () => {
    const keys = room()
    const ben = await member(keys, true)
    const ana = await member(keys)
    expect(vapid).toMatch(/^[A-Za-z0-9_-]{80,}$/)
    ok(await notify(ana.c, keys, SECRET_TEXT))
    const [got] = await received(ben.sub)
    expect(got).toBeTruthy()
    expect(got).not.toContain('Skill share')
    const p = wire.readPushText(got)!
    expect(p.topic).toBe(keys.topic)
    expect(textOf(open(keys, 'push', p.sealed)!)).toBe(SECRET_TEXT)
    expect(open(room(), 'push', p.sealed)).toBe(null)
    // bound to its kind: a push isn't an update
    expect(open(keys, 'entry', p.sealed)).toBe(null)
    ana.c.close(); ben.c.close()
  })

  it('refuses every push request without the room\'s join proof', async () => {
    const keys = room()
    const ben = await member(keys, true)
    const stranger = await connect(server.relay)
    const sub = await service.subscribe(vapid)
    expectError(await stranger.ask((req) => ({ op: wire.Op.Subscribe, req, topic: keys.topic, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth })), 'not-joined')
    expectError(await stranger.ask((req) => ({ op: wire.Op.Notify, req, topic: keys.topic, skip: '', data: seal(keys, 'push', bytes('spam')) })), 'not-joined')
    expectError(await stranger.ask((req) => ({ op: wire.Op.Remind, req, topic: keys.topic, id: 'reminder-1', endpoint: ben.sub.endpoint, at: Date.now(), data: seal(keys, 'push', bytes('spam')) })), 'not-joined')
    expectError(await stranger.ask((req) => ({ op: wire.Op.Cancel, req, topic: keys.topic, id: 'reminder-1', owner: ben.sub.endpoint })), 'not-joined')
    expectError(await stranger.ask((req) => ({ op: wire.Op.Unsubscribe, req, topic: keys.topic, endpoint: ben.sub.endpoint })), 'not-joined')
    // a proof signed by another key, or for another relay, joins nothing
    const forged = await stranger.ask((req) => ({ op: wire.Op.Join, req, topic: keys.topic, pub: keys.writePub, sig: new Uint8Array(64), since: 0 }))
    expectError(forged, 'bad-signature')
    expectError(await stranger.ask((req) => ({ op: wire.Op.Notify, req, topic: keys.topic, skip: '', data: seal(keys, 'push', bytes('spam')) })), 'not-joined')
    await sleep(300)
    expect(await service.messages(ben.sub)).toEqual([])
    // Ben is still subscribed: nobody without the proof unsubscribed him
    const ana = await member(keys)
    ok(await notify(ana.c, keys, 'real'))
    await received(ben.sub)
    expect(await opened(ben.sub, keys)).toEqual(['real'])
    stranger.close(); ana.c.close(); ben.c.close()
  })

  it('caps pushes per sender, and a burst to a room reaches subscribers as its first and its latest', async () => {
    const keys = room()
    const ben = await member(keys, true)
    const spammer = await member(keys)
    const answers = []
    for (let i = 1; i <= 6; i++) answers.push(await notify(spammer.c, keys, `spam ${i}`))
    answers.slice(0, 3).forEach(ok)
    answers.slice(3).forEach((m) => expectError(m, 'rate-limited'))
    await received(ben.sub, 2)
    await sleep(600)
    expect(await opened(ben.sub, keys)).toEqual(['spam 1', 'spam 3'])
    spammer.c.close(); ben.c.close()
  })

  it('fires a reminder at its time, and not one cancelled', async () => {
    const keys = room()
    const ben = await member(keys, true)
    const at = Date.now() + 1500
    ok(await remind(ben.c, keys, ben.sub, 'day-before-1', at, 'Tomorrow: skill share'))
    ok(await remind(ben.c, keys, ben.sub, 'hour-before-1', at, 'In an hour: skill share'))
    ok(await ben.c.ask((req) => ({ op: wire.Op.Cancel, req, topic: keys.topic, id: 'hour-before-1', owner: ben.sub.endpoint })))
    await received(ben.sub)
    expect(Date.now()).toBeGreaterThanOrEqual(at)
    await sleep(1500)
    expect(await opened(ben.sub, keys)).toEqual(['Tomorrow: skill share'])
    ben.c.close()
  })

  it('keeps reminders across a restart, and drops a subscription the push service says is gone', async () => {
    const keys = room()
    const ben = await member(keys, true)
    const at = Date.now() + 2500
    ok(await remind(ben.c, keys, ben.sub, 'after-restart', at, 'Still reminded'))
    ben.c.close()
    await server.stop()
    server = await startServer(env)
    await received(ben.sub)
    expect(await opened(ben.sub, keys)).toEqual(['Still reminded'])

    await service.expire(ben.sub)
    const ana = await member(keys)
    ok(await notify(ana.c, keys, 'to a gone endpoint'))
    // once the push service answered 410, the relay no longer keeps the endpoint for the room: a reminder for it is refused
    let refused: Reply | null = null
    await until(() => refused !== null, 20_000, async () => {
      const m = await remind(ana.c, keys, ben.sub, 'gone-check', Date.now() + 60_000, 'x')
      if (m.op === wire.Op.Error && m.code !== 'rate-limited') refused = m
      else await ana.c.ask((req) => ({ op: wire.Op.Cancel, req, topic: keys.topic, id: 'gone-check', owner: ben.sub.endpoint }))
      await sleep(500)
    })
    expectError(refused!, 'bad-message')
    ana.c.close()
  }, 60_000)

  it('keeps no notification text in its store or its log', async () => {
    const keys = room()
    const ben = await member(keys, true)
    const ana = await member(keys)
    ok(await notify(ana.c, keys, SECRET_TEXT))
    ok(await remind(ben.c, keys, ben.sub, 'secret-later', Date.now() + 3_600_000, SECRET_TEXT))
    await received(ben.sub)
    const kept = backend === 'redis' ? await redisValues(redis!.url) : filesUnder(data)
    expect(kept.length).toBeGreaterThan(0)
    for (const needle of ['Skill share', 'library']) {
      expect(kept.some((b) => b.includes(needle))).toBe(false)
      expect(server.output()).not.toContain(needle)
    }
    // what it does keep is the sealed reminder, under a key bound to its endpoint (not its id)
    expect(kept.some((b) => b.includes(reminderKey(keys.topic, ben.sub.endpoint, 'secret-later')))).toBe(true)
    expect(kept.some((b) => b.includes('secret-later'))).toBe(false)
    ana.c.close(); ben.c.close()
  })
})
