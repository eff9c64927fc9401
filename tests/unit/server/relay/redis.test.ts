import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { open, seal } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { connect, removeStandIn, room, sleep, startRedis, startServer, until, type Server } from '../../fixtures/relay.ts'

const { Op } = wire
type Update = Extract<wire.RelayMessage, { op: wire.Op.Update }>
type State = Extract<wire.RelayMessage, { op: wire.Op.State }>
const bytes = (text: string) => new TextEncoder().encode(text)
const textOf = (data: Uint8Array) => new TextDecoder().decode(data)

let redis: Awaited<ReturnType<typeof startRedis>>
let one: Server
let two: Server
const clients: { close: () => void }[] = []
const client = async (server: Server) => {
  const c = await connect(server.relay)
  clients.push(c)
  return c
}

beforeAll(async () => {
  redis = await startRedis()
  ;[one, two] = await Promise.all([startServer({ REDIS_URL: redis.url }), startServer({ REDIS_URL: redis.url })])
}, 40_000)
afterAll(async () => {
  clients.forEach((c) => c.close())
  await Promise.all([one?.kill(), two?.stop()])
  await redis?.stop()
  removeStandIn()
})

/** every byte Redis holds, key by key, read behind the relay's back */
const everything = async (url: string) => {
  const r = new Redis(url)
  const out: Buffer[] = []
  try {
    for (const key of await r.keysBuffer('*')) {
      const type = await r.type(key)
      if (type === 'string') out.push((await r.getBuffer(key))!)
      if (type === 'hash') out.push(...Object.values(await r.hgetallBuffer(key)))
      if (type === 'stream') for (const [, fields] of await r.xrangeBuffer(key, '-', '+')) out.push(...fields)
    }
  } finally {
    r.disconnect()
  }
  return Buffer.concat(out)
}

const signalClient = async (server: Server) => {
  const ws = new WebSocket(server.url.replace('http', 'ws') + 'signal')
  const got: any[] = []
  ws.on('message', (m) => got.push(JSON.parse(String(m))))
  await new Promise((ok) => ws.once('open', ok))
  clients.push(ws)
  return { ws, got, send: (m: unknown) => ws.send(JSON.stringify(m)) }
}

describe('relay: instances sharing one Redis', () => {
  const keys = room()
  const marker = `plaintext marker ${randomBytes(8).toString('hex')}`
  let sealed: Uint8Array

  it('passes a push on one instance live to a socket joined on another, with no echo to the sender', async () => {
    const [a, b] = [await client(one), await client(two)]
    expect(await a.join(keys)).toMatchObject({ op: Op.State, head: 0 })
    expect(await b.join(keys)).toMatchObject({ op: Op.State, head: 0 })
    sealed = seal(keys, 'update', bytes(marker))
    expect(await a.push(keys.topic, sealed)).toMatchObject({ op: Op.Ack, seq: 1 })
    const live = await b.take((m): m is Update => m.op === Op.Update)
    expect(live.seq).toBe(1)
    expect(textOf(open(keys, 'update', live.data)!)).toBe(marker)
    expect(await b.push(keys.topic, seal(keys, 'update', bytes('from two')))).toMatchObject({ op: Op.Ack, seq: 2 })
    expect((await a.take((m): m is Update => m.op === Op.Update)).seq).toBe(2)
    a.send({ op: Op.Say, topic: keys.topic, data: bytes('here on one') })
    const heard = await b.take((m): m is Extract<wire.RelayMessage, { op: wire.Op.Heard }> => m.op === Op.Heard)
    expect(textOf(heard.data)).toBe('here on one')
    await sleep(200)
    expect(a.inbox.filter((m) => m.op === Op.Update || m.op === Op.Heard)).toEqual([])
    expect(b.inbox.filter((m) => m.op === Op.Update)).toEqual([])
  }, 20_000)

  it('numbers concurrent pushes from both instances without gaps or repeats', async () => {
    const t = room()
    const [a, b] = [await client(one), await client(two)]
    await a.join(t)
    await b.join(t)
    const acks = await Promise.all([
      ...Array.from({ length: 15 }, (_, i) => a.push(t.topic, bytes(`a${i}`))),
      ...Array.from({ length: 15 }, (_, i) => b.push(t.topic, bytes(`b${i}`))),
    ])
    expect(acks.map((m) => (m as { seq: number }).seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
    await until(() => a.updates().length === 15 && b.updates().length === 15)
  }, 20_000)

  it('passes signaling between instances, once to each subscriber', async () => {
    let subscribers = 0
    const [s1, s1b, s2] = [await signalClient(one), await signalClient(one), await signalClient(two)]
    for (const s of [s1, s1b, s2]) s.send({ type: 'subscribe', topics: ['shared-topic'] })
    // both instances listen on the topic's channel before anyone publishes
    const r = new Redis(redis.url)
    await until(() => subscribers === 2, 5000, async () => { subscribers = Number((await r.pubsub('NUMSUB', 'hearth:e:signal/shared-topic'))[1]) })
    r.disconnect()
    s1.send({ type: 'publish', topic: 'shared-topic', data: 'offer' })
    await until(() => s2.got.length === 1 && s1b.got.length === 1 && s1.got.length === 1)
    await sleep(200)
    expect(s2.got).toEqual([{ type: 'publish', topic: 'shared-topic', data: 'offer', clients: 2 }])
    expect([s1.got.length, s1b.got.length, s2.got.length]).toEqual([1, 1, 1])
  }, 20_000)

  it('keeps every acknowledged write when an instance is SIGKILLed, and no plaintext in Redis', async () => {
    await one.kill()
    const state = await (await client(two)).join(keys) as State
    expect(state.head).toBe(2)
    expect(state.updates.map((u) => textOf(open(keys, 'update', u.data)!))).toEqual([marker, 'from two'])
    const held = await everything(redis.url)
    expect(held.includes(Buffer.from(sealed))).toBe(true)
    expect(held.includes(marker)).toBe(false)
    expect(two.output().includes(marker)).toBe(false)
  }, 20_000)

  it('answers "unavailable" when Redis is gone, and keeps running', async () => {
    const c = await client(two)
    await c.join(keys)
    await redis.stop()
    const reply = await c.push(keys.topic, bytes('nowhere to go'))
    expect(reply).toMatchObject({ op: Op.Error, code: 'unavailable' })
    expect(two.proc.exitCode).toBeNull()
    expect(await c.join(keys)).toMatchObject({ op: Op.Error, code: 'unavailable' })
  }, 20_000)
})
