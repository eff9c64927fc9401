import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createSignaling, DEFAULT_LIMITS } from '../../../src/server/signal.ts'

let server: http.Server
let signaling: ReturnType<typeof createSignaling>
let url: string

beforeAll(async () => {
  signaling = createSignaling({ ...DEFAULT_LIMITS, maxPayload: 1024, topicsPerSocket: 3, pingMs: 60_000 })
  server = http.createServer()
  server.on('upgrade', (req, socket, head) => signaling.upgrade(req, socket, head))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => { signaling.close(); server.close() })

const client = async () => {
  const ws = new WebSocket(url)
  const inbox: any[] = []
  ws.on('message', (m) => inbox.push(JSON.parse(String(m))))
  await new Promise((ok) => ws.once('open', ok))
  const send = (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m))
  const next = async (ms = 1000) => {
    const until = Date.now() + ms
    while (!inbox.length && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
    return inbox.shift()
  }
  return { ws, send, next, inbox }
}

describe('signaling', () => {
  it('relays a publish to every subscriber of the topic, y-webrtc style', async () => {
    const a = await client()
    const b = await client()
    a.send({ type: 'subscribe', topics: ['room-1'] })
    b.send({ type: 'subscribe', topics: ['room-1'] })
    await new Promise((r) => setTimeout(r, 50))
    a.send({ type: 'publish', topic: 'room-1', data: 'sealed' })
    expect(await b.next()).toEqual({ type: 'publish', topic: 'room-1', data: 'sealed', clients: 2 })
    expect(await a.next()).toEqual({ type: 'publish', topic: 'room-1', data: 'sealed', clients: 2 })
    b.send({ type: 'ping' })
    expect(await b.next()).toEqual({ type: 'pong' })
    a.ws.close(); b.ws.close()
  })

  it('survives garbage and keeps serving the same connection', async () => {
    const a = await client()
    for (const junk of ['not json', '{"type":', '[]', 'null', '{"type":"subscribe","topics":"x"}', '{"type":"publish","topic":{}}', JSON.stringify({ type: 'subscribe', topics: [1, null, {}] })])
      a.send(junk)
    a.send({ type: 'ping' })
    expect(await a.next()).toEqual({ type: 'pong' })
    a.ws.close()
  })

  it('bounds message size and topics per connection', async () => {
    const a = await client()
    const closed = new Promise<number>((ok) => a.ws.once('close', (code) => ok(code)))
    a.send({ type: 'publish', topic: 't', data: 'x'.repeat(5000) })
    expect(await closed).toBe(1009)
    const b = await client()
    const c = await client()
    b.send({ type: 'subscribe', topics: ['t1', 't2', 't3', 't4', 't5'] })
    c.send({ type: 'subscribe', topics: ['t4'] })
    await new Promise((r) => setTimeout(r, 50))
    c.send({ type: 'publish', topic: 't4', data: 'hi' })
    expect(await c.next()).toMatchObject({ clients: 1 })
    expect(await b.next(300)).toBeUndefined()
    b.ws.close(); c.ws.close()
  })
})

const settle = async (check: () => boolean) => {
  const end = Date.now() + 2000
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10))
  return check()
}

describe('signaling: nothing is left behind', () => {
  it('releases every topic and address when sockets unsubscribe and close', async () => {
    const sockets = await Promise.all(Array.from({ length: 5 }, () => client()))
    sockets.forEach((c, i) => c.send({ type: 'subscribe', topics: [`leak-${i}`, 'leak-shared', `leak-${i + 1}`] }))
    await settle(() => signaling.topicCount() === 7)
    expect(signaling.topicCount()).toBe(7)
    expect(signaling.addressCount()).toBe(1)
    sockets.forEach((c, i) => c.send({ type: 'unsubscribe', topics: [`leak-${i}`, 'never-subscribed'] }))
    // leak-1 … leak-5 are still held by the socket before, and leak-shared by all
    await settle(() => signaling.topicCount() === 6)
    expect(signaling.topicCount()).toBe(6)
    sockets.forEach((c) => c.ws.close())
    expect(await settle(() => signaling.topicCount() === 0 && signaling.addressCount() === 0)).toBe(true)
  })

  it('drops a subscriber that stops reading instead of buffering for it without end', async () => {
    const wide = createSignaling({ ...DEFAULT_LIMITS, maxPayload: 128 * 1024, maxBuffered: 256 * 1024, rate: 1e6, burst: 1e6 })
    const own = http.createServer()
    own.on('upgrade', (req, socket, head) => wide.upgrade(req, socket, head))
    await new Promise<void>((ok) => own.listen(0, '127.0.0.1', ok))
    const at = `ws://127.0.0.1:${(own.address() as AddressInfo).port}`
    try {
      const [reader, sleeper] = [new WebSocket(at), new WebSocket(at)]
      await Promise.all([reader, sleeper].map((w) => new Promise((ok) => w.once('open', ok))))
      for (const w of [reader, sleeper]) w.send(JSON.stringify({ type: 'subscribe', topics: ['busy'] }))
      await settle(() => wide.topicCount() === 1)
      ;(sleeper as unknown as { _socket: { pause(): void } })._socket.pause()
      const heard: number[] = []
      reader.on('message', (m) => heard.push(JSON.parse(String(m)).clients))
      const data = 'x'.repeat(100_000)
      for (let i = 0; i < 300 && !heard.includes(1); i++) {
        reader.send(JSON.stringify({ type: 'publish', topic: 'busy', data }))
        await new Promise((r) => setTimeout(r, 2))
      }
      expect(await settle(() => heard.includes(1))).toBe(true)
      reader.close()
      sleeper.terminate()
    } finally {
      wide.close()
      own.close()
    }
  })
})
