import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createSignaling } from '../../src/server/signal.ts'

let server: http.Server
let signaling: ReturnType<typeof createSignaling>
let url: string

beforeAll(async () => {
  signaling = createSignaling({ maxPayload: 1024, maxTopics: 3, pingMs: 60_000 })
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
