import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { signWrite } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import WebSocket from 'ws'
import { boundedRelay, bytes, closeOf, expectError, room, sleep, startServer, until } from '../../fixtures/relay.ts'

const { Op } = wire
const { relay, client } = boundedRelay()

describe('relay: who may join', () => {
  it('refuses made-up topics, keys that do not hash to the topic, and signatures by another key or over another nonce', async () => {
    const c = await client()
    const mine = room()
    const other = room()
    const proof = (topic: string) => wire.readProof(c.nonce, topic, c.origin)
    const join = (topic: string, pub: Uint8Array, sig: Uint8Array) => c.ask((req) => ({ op: Op.Join, req, topic, pub, sig, since: 0 }))
    expectError(await join('not a topic', mine.writePub, signWrite(mine, proof('not a topic'))), 'bad-topic')
    expectError(await join('A'.repeat(43), mine.writePub, signWrite(mine, proof('A'.repeat(43)))), 'bad-topic')
    expectError(await join(mine.topic, other.writePub, signWrite(other, proof(mine.topic))), 'bad-topic')
    expectError(await join(mine.topic, mine.writePub.subarray(0, 31), signWrite(mine, proof(mine.topic))), 'bad-topic')
    expectError(await join(mine.topic, mine.writePub, signWrite(other, proof(mine.topic))), 'bad-signature')
    expectError(await join(mine.topic, mine.writePub, signWrite(mine, wire.readProof(randomBytes(32), mine.topic, c.origin))), 'bad-signature')
    expectError(await join(mine.topic, mine.writePub, signWrite(mine, proof(other.topic))), 'bad-signature')
    expectError(await join(mine.topic, mine.writePub, new Uint8Array(64)), 'bad-signature')
    // a proof made for one connection is worthless on another
    const replay = await client()
    expectError(await replay.ask((req) => ({ op: Op.Join, req, topic: mine.topic, pub: mine.writePub, sig: signWrite(mine, proof(mine.topic)), since: 0 })), 'bad-signature')
    expect(await c.join(mine)).toMatchObject({ op: Op.State, topic: mine.topic, head: 0, snapshot: null, updates: [] })
  })

  it('refuses every write and Leave on a topic the socket has not joined', async () => {
    const c = await client()
    const keys = room()
    expectError(await c.push(keys.topic, bytes('sealed')), 'not-joined')
    expectError(await c.ask((req) => ({ op: Op.Snapshot, req, topic: keys.topic, seq: 1, data: bytes('snap') })), 'not-joined')
    c.send({ op: Op.Say, topic: keys.topic, data: bytes('hi') })
    expectError(await c.take((m): m is wire.RelayMessage => m.op === Op.Error), 'not-joined')
    c.send({ op: Op.Leave, topic: keys.topic })
    expectError(await c.take((m): m is wire.RelayMessage => m.op === Op.Error), 'not-joined')
    await c.join(keys)
    expect(await c.push(keys.topic, bytes('sealed'))).toMatchObject({ op: Op.Ack, seq: 1 })
    c.send({ op: Op.Leave, topic: keys.topic })
    expectError(await c.push(keys.topic, bytes('after leaving')), 'not-joined')
  })
})

describe('relay: bounds', () => {
  it('answers garbage, text and oversize frames with clear errors and keeps the socket', async () => {
    const c = await client()
    const keys = room()
    await c.join(keys)
    const nextError = () => c.take((m): m is Extract<wire.RelayMessage, { op: wire.Op.Error }> => m.op === Op.Error)
    for (const junk of [new Uint8Array([0xff, 0xff, 0xff]), new Uint8Array([99, 1, 2]), new Uint8Array([]), new Uint8Array([...wire.encodeClient({ op: Op.Leave, topic: keys.topic }), 0])]) {
      c.ws.send(junk)
      expectError(await nextError(), 'bad-message')
    }
    // a truncated push still gets its req back, so the client's request fails at once
    c.ws.send(wire.encodeClient({ op: Op.Push, req: 77, topic: keys.topic, id: 'abcdefgh', data: bytes('x') }).subarray(0, 10))
    expect(await nextError()).toMatchObject({ req: 77, code: 'bad-message' })
    c.ws.send('{"type":"subscribe"}')
    expectError(await nextError(), 'bad-message')
    expectError(await c.push(keys.topic, bytes('x'), 'short'), 'bad-message')
    expectError(await c.push(keys.topic, new Uint8Array(4097)), 'too-large')
    expectError(await c.ask((req) => ({ op: Op.Snapshot, req, topic: keys.topic, seq: 1, data: new Uint8Array(32769) })), 'too-large')
    c.send({ op: Op.Say, topic: keys.topic, data: new Uint8Array(4097) })
    expectError(await nextError(), 'too-large')
    expect(await c.push(keys.topic, new Uint8Array(4096))).toMatchObject({ op: Op.Ack, seq: 1 })
    const big = await client()
    big.ws.send(new Uint8Array(70_000))
    expect((await big.closed).code).toBe(1009)
  })

  it('limits writes per connection, and the bucket refills', async () => {
    const c = await client()
    const keys = room()
    await c.join(keys)
    const replies = await Promise.all(Array.from({ length: 50 }, () => c.push(keys.topic, bytes('burst'))))
    const acks = replies.filter((m) => m.op === Op.Ack).length
    const limited = replies.filter((m) => m.op === Op.Error && m.code === 'rate-limited').length
    expect(acks + limited).toBe(50)
    expect(acks).toBeGreaterThanOrEqual(30)
    expect(limited).toBeGreaterThanOrEqual(10)
    await sleep(300)
    expect(await c.push(keys.topic, bytes('later'))).toMatchObject({ op: Op.Ack })
  })

  it('gives presence its own bucket: a Say flood neither delays nor refuses pushes on the same socket, and excess Says are dropped silently', async () => {
    const keys = room()
    const [c, other] = [await client(), await client()]
    await c.join(keys)
    await other.join(keys)
    for (let i = 0; i < 300; i++) c.send({ op: Op.Say, topic: keys.topic, data: bytes(`here ${i}`) })
    const replies = await Promise.all(Array.from({ length: 25 }, () => c.push(keys.topic, bytes('edit'))))
    // a push held back behind the Says would be refused (writes are refused, never queued, past their bucket)
    expect(replies.every((m) => m.op === Op.Ack)).toBe(true)
    await sleep(300)
    // no error frame per dropped Say, and only about a burst of them went on
    expect(c.inbox.filter((m) => m.op === Op.Error)).toEqual([])
    const heard = other.inbox.filter((m) => m.op === Op.Heard).length
    expect(heard).toBeGreaterThan(0)
    expect(heard).toBeLessThanOrEqual(30)
  })

  it('limits topics per socket', async () => {
    const c = await client()
    for (let i = 0; i < 3; i++) expect(await c.join(room())).toMatchObject({ op: Op.State })
    expectError(await c.join(room()), 'too-many-topics')
  })

  it('limits topics and sockets per address', async () => {
    const bounded = await startServer({ HEARTH_DATA: join(relay.data, 'bounded'), RELAY_TOPICS_PER_ADDRESS: '4', RELAY_SOCKETS_PER_ADDRESS: '3', RELAY_PING_MS: '200' })
    try {
      const [a, b] = [await client(bounded.relay), await client(bounded.relay)]
      const shared = room()
      for (const keys of [shared, room(), room()]) expect(await a.join(keys)).toMatchObject({ op: Op.State })
      expect(await b.join(shared)).toMatchObject({ op: Op.State })
      expect(await b.join(room())).toMatchObject({ op: Op.State })
      expectError(await b.join(room()), 'too-many-topics')
      await client(bounded.relay)
      const fourth = new WebSocket(bounded.relay)
      fourth.on('error', () => {})
      expect(await closeOf(fourth)).toEqual({ code: 1008, reason: 'too-many-sockets' })
      // a socket's topics are released when it goes
      a.close()
      await until(() => a.ws.readyState === a.ws.CLOSED)
      await sleep(100)
      expect(await b.join(room())).toMatchObject({ op: Op.State })
      // a socket that stops answering pings is dropped, and stops counting against its address
      const sleeper = await client(bounded.relay)
      ;(sleeper.ws as unknown as { _socket: { pause(): void } })._socket.pause()
      await sleep(1000)
      expect((await client(bounded.relay)).nonce.length).toBe(32)
    } finally {
      await bounded.stop()
    }
  }, 30_000)
})

describe('relay: what a stranger may store', () => {
  it('limits the bytes one address stores per hour (RELAY_BYTES_PER_ADDRESS_PER_HOUR), pushes and snapshots alike, across new rooms and reconnects', async () => {
    const bounded = await startServer({ HEARTH_DATA: join(relay.data, 'budget'), RELAY_BYTES_PER_ADDRESS_PER_HOUR: '20000', RELAY_MAX_UPDATE: '4096' })
    try {
      const a = await client(bounded.relay)
      // any secret makes a valid room, so a stranger makes room after room: no room's quota stops it
      for (let i = 0; i < 4; i++) {
        const keys = room()
        await a.join(keys)
        expect(await a.push(keys.topic, new Uint8Array(4000))).toMatchObject({ op: Op.Ack })
      }
      const last = room()
      await a.join(last)
      expect(await a.push(last.topic, new Uint8Array(3000))).toMatchObject({ op: Op.Ack })
      // a resend of a stored push stores nothing, so it costs nothing
      const id = 'resend-budget-1'
      expect(await a.push(last.topic, new Uint8Array(10), id)).toMatchObject({ op: Op.Ack, seq: 2 })
      expect(await a.push(last.topic, new Uint8Array(10), id)).toMatchObject({ op: Op.Ack, seq: 2 })
      expect(await a.ask((req) => ({ op: Op.Snapshot, req, topic: last.topic, seq: 2, data: new Uint8Array(990) }))).toMatchObject({ op: Op.Ack })
      // 20000 bytes stored: the next byte waits for the window to move on
      const refused = await a.push(last.topic, new Uint8Array(1))
      expectError(refused, 'rate-limited')
      expect((refused as { message: string }).message).toMatch(/hour/)
      expectError(await a.ask((req) => ({ op: Op.Snapshot, req, topic: last.topic, seq: 2, data: new Uint8Array(1) })), 'rate-limited')
      // a new socket from the same address starts from the same count
      a.close()
      const b = await client(bounded.relay)
      const fresh = room()
      await b.join(fresh)
      expectError(await b.push(fresh.topic, new Uint8Array(1)), 'rate-limited')
      // another address has its own
      const elsewhere = await client(bounded.relay, '127.0.0.2')
      await elsewhere.join(fresh)
      expect(await elsewhere.push(fresh.topic, new Uint8Array(4000))).toMatchObject({ op: Op.Ack })
    } finally {
      await bounded.stop()
    }
  }, 30_000)
})
