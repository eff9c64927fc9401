import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { closedAfterEach, removeStandIn, sleep, until } from '../fixtures/relay.ts'
import { serve, signalClient, type SignalClient, type Started } from '../fixtures/server.ts'

const LIMITS = {
  SIGNAL_SOCKETS_PER_ADDRESS: '4', SIGNAL_TOPICS_PER_ADDRESS: '4', SIGNAL_TOPICS_PER_SOCKET: '3',
  SIGNAL_RATE: '20', SIGNAL_BURST: '20',
}

let server: Started
const client = closedAfterEach((from?: string) => signalClient(server.signal, { from }))

beforeAll(async () => { server = await serve(LIMITS) }, 30_000)
afterAll(async () => {
  await server?.done()
  removeStandIn()
})

/** everything `c` sent before has been handled: a socket's messages are handled in order */
const heard = async (c: SignalClient) => {
  c.send({ type: 'ping' })
  await until(() => c.inbox.some((m) => m.type === 'pong'))
  c.inbox.length = 0
}

/** retries `check` until it holds: for what another socket's close sets free, which the server hears a moment later */
const eventually = async (check: () => Promise<boolean>, ms = 3000) => {
  const end = Date.now() + ms
  while (!(await check())) if (Date.now() > end) return false
  return true
}

/** a socket is on a topic when its own publish comes back to it */
const onTopic = async (c: SignalClient, topic: string) => {
  c.inbox.length = 0
  c.send({ type: 'publish', topic, data: 'probe' })
  const m = await c.next(300)
  return m?.type === 'publish' && m.topic === topic
}

describe('signaling: per-address caps', () => {
  it('refuses a socket past SIGNAL_SOCKETS_PER_ADDRESS, counts other addresses apart, and frees the slot on close', async () => {
    const four = [await client(), await client(), await client(), await client()]
    expect(four.every((c) => c.opened)).toBe(true)
    const fifth = await client()
    expect(await fifth.closed).toEqual({ code: 1008, reason: 'Too many connections from this address' })
    // another address behind the same loopback has its own count
    const elsewhere = await client('127.0.0.2')
    elsewhere.send({ type: 'ping' })
    expect(await elsewhere.next()).toEqual({ type: 'pong' })
    four[0].close()
    await four[0].closed
    expect(await eventually(async () => {
      const again = await client()
      again.send({ type: 'ping' })
      return (await again.next(300))?.type === 'pong'
    })).toBe(true)
  })

  it('subscribes an address to at most SIGNAL_TOPICS_PER_ADDRESS topics across its sockets, and releases them on unsubscribe and close', async () => {
    const [a, b] = [await client('127.0.0.10'), await client('127.0.0.10')]
    a.send({ type: 'subscribe', topics: ['t1', 't2', 't3'] })
    // two sockets' messages reach the server in no set order
    expect(await onTopic(a, 't3')).toBe(true)
    b.send({ type: 'subscribe', topics: ['t1', 't4', 't5'] })
    expect(await onTopic(b, 't1')).toBe(true)
    expect(await onTopic(b, 't4')).toBe(true)
    expect(await onTopic(b, 't5')).toBe(false)
    // the same topics from another address are not held back by this one's count
    const other = await client('127.0.0.11')
    other.send({ type: 'subscribe', topics: ['t5'] })
    expect(await onTopic(other, 't5')).toBe(true)
    a.send({ type: 'unsubscribe', topics: ['t2'] })
    await heard(a)
    b.send({ type: 'subscribe', topics: ['t5'] })
    expect(await onTopic(b, 't5')).toBe(true)
    a.close()
    await a.closed
    const c = await client('127.0.0.10')
    expect(await eventually(async () => {
      c.send({ type: 'subscribe', topics: ['t6'] })
      return onTopic(c, 't6')
    })).toBe(true)
  })

  it('keeps SIGNAL_TOPICS_PER_SOCKET per socket', async () => {
    const a = await client('127.0.0.3')
    a.send({ type: 'subscribe', topics: ['s1', 's2', 's3', 's4'] })
    expect(await onTopic(a, 's3')).toBe(true)
    expect(await onTopic(a, 's4')).toBe(false)
  })
})

describe('signaling: rate', () => {
  it('drops messages past SIGNAL_RATE/SIGNAL_BURST and closes a socket that keeps flooding; others are untouched', async () => {
    const calm = await client('127.0.0.4')
    const flood = await client('127.0.0.5')
    for (let i = 0; i < 200; i++) flood.send({ type: 'ping' })
    expect((await flood.closed).code).toBe(1008)
    const pongs = flood.inbox.filter((m) => m.type === 'pong').length
    expect(pongs).toBeGreaterThanOrEqual(15)
    expect(pongs).toBeLessThanOrEqual(25)
    calm.send({ type: 'ping' })
    expect(await calm.next()).toEqual({ type: 'pong' })
  })

  it('lets a socket within its burst through, and refills', async () => {
    const c = await client('127.0.0.6')
    for (let i = 0; i < 30; i++) c.send({ type: 'ping' })
    await until(() => c.inbox.length >= 20)
    await sleep(100)
    expect(c.inbox.length).toBeLessThan(30)
    await sleep(600)
    c.inbox.length = 0
    c.send({ type: 'ping' })
    expect(await c.next()).toEqual({ type: 'pong' })
    expect(c.ws.readyState).toBe(WebSocket.OPEN)
  })
})

describe('signaling: what a stranger learns', () => {
  it('tells nobody how many are on a topic they have not subscribed, and passes nothing from them to it', async () => {
    const [member, stranger] = [await client('127.0.0.7'), await client('127.0.0.8')]
    member.send({ type: 'subscribe', topics: ['hearth-secret'] })
    await heard(member)
    stranger.send({ type: 'publish', topic: 'hearth-secret', data: 'hello?' })
    stranger.send({ type: 'unsubscribe', topics: ['hearth-secret'] })
    stranger.send({ type: 'ping' })
    expect(await stranger.next()).toEqual({ type: 'pong' })
    expect(await stranger.next(300)).toBeUndefined()
    expect(await member.next(300)).toBeUndefined()
    // a stranger's unsubscribe did not take the member off the topic
    expect(await onTopic(member, 'hearth-secret')).toBe(true)
  })

  it('passes on only what y-webrtc reads (type, topic, data, clients)', async () => {
    const [a, b] = [await client('127.0.0.9'), await client('127.0.0.9')]
    for (const c of [a, b]) c.send({ type: 'subscribe', topics: ['room'] })
    await heard(a)
    await heard(b)
    a.send({ type: 'publish', topic: 'room', data: 'sealed', clients: 9999, extra: 'x'.repeat(1000) })
    expect(await b.next()).toEqual({ type: 'publish', topic: 'room', data: 'sealed', clients: 2 })
  })
})

describe("signaling: y-webrtc's own client", () => {
  it('connects, subscribes, publishes and hears a publish through the stock SignalingConn', async () => {
    const g = globalThis as { WebSocket?: unknown }
    const had = g.WebSocket
    g.WebSocket ??= WebSocket
    const { SignalingConn } = await import('y-webrtc')
    const [a, b] = [new SignalingConn(server.signal), new SignalingConn(server.signal)]
    try {
      await until(() => a.connected && b.connected)
      const heard: unknown[] = []
      b.on('message', (m: unknown) => heard.push(m))
      for (const c of [a, b]) c.send({ type: 'subscribe', topics: ['hearth-stock'] })
      // b's subscribe may reach the server after a's publish: publish until b hears one
      for (let i = 0; i < 20 && !heard.length; i++) {
        a.send({ type: 'publish', topic: 'hearth-stock', data: 'c2VhbGVk' })
        await sleep(100)
      }
      expect(heard[0]).toEqual({ type: 'publish', topic: 'hearth-stock', data: 'c2VhbGVk', clients: 2 })
    } finally {
      a.destroy()
      b.destroy()
      g.WebSocket = had
    }
  })
})
