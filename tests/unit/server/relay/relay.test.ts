import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { open, seal, signWrite } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import WebSocket from 'ws'
import { closeOf, connect, removeStandIn, room, sleep, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'

const { Op } = wire
const bytes = (text: string) => new TextEncoder().encode(text)
const LIMITS = { RELAY_MAX_UPDATE: '4096', RELAY_MAX_SNAPSHOT: '32768', RELAY_MAX_PAYLOAD: '65536', RELAY_RATE: '5', RELAY_BURST: '30', RELAY_TOPICS_PER_SOCKET: '3' }

let server: Server
let data: string
const clients: Awaited<ReturnType<typeof connect>>[] = []
const client = async (url = server.relay, from?: string) => {
  const c = await connect(url, { from })
  clients.push(c)
  return c
}

beforeAll(async () => {
  data = tempDir('relay-data')
  server = await startServer({ HEARTH_DATA: data, ...LIMITS })
}, 30_000)
afterEach(() => { clients.splice(0).forEach((c) => c.close()) })
afterAll(async () => {
  await server?.stop()
  rmSync(data, { recursive: true, force: true })
  removeStandIn()
})

const expectError = (m: wire.RelayMessage, code: wire.ErrorCode) => {
  expect(m).toMatchObject({ op: Op.Error, code })
  expect((m as { message: string }).message.length).toBeGreaterThan(5)
}

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
    const start = Date.now()
    const replies = await Promise.all(Array.from({ length: 25 }, () => c.push(keys.topic, bytes('edit'))))
    expect(replies.every((m) => m.op === Op.Ack)).toBe(true)
    expect(Date.now() - start).toBeLessThan(1500)
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
    const bounded = await startServer({ HEARTH_DATA: join(data, 'bounded'), RELAY_TOPICS_PER_ADDRESS: '4', RELAY_SOCKETS_PER_ADDRESS: '3', RELAY_PING_MS: '200' })
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
    const bounded = await startServer({ HEARTH_DATA: join(data, 'budget'), RELAY_BYTES_PER_ADDRESS_PER_HOUR: '20000', RELAY_MAX_UPDATE: '4096' })
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

describe('relay: a full relay', () => {
  it('takes no new rooms past RELAY_STORE_BYTES, says so, and keeps taking writes for the rooms it holds, across a restart', async () => {
    const dir = join(data, 'store-budget')
    const env = { HEARTH_DATA: dir, RELAY_STORE_BYTES: '20000', RELAY_MAX_UPDATE: '4096' }
    let s: Server | null = await startServer(env)
    try {
      const a = await client(s.relay)
      const held = room()
      await a.join(held)
      for (let i = 0; i < 5; i++) expect(await a.push(held.topic, new Uint8Array(4000))).toMatchObject({ op: Op.Ack })
      const stranger = await client(s.relay, '127.0.0.2')
      const made = room()
      await stranger.join(made)
      const refused = await stranger.push(made.topic, new Uint8Array(1))
      expectError(refused, 'room-full')
      expect((refused as { message: string }).message).toMatch(/relay is full/i)
      expect(await a.push(held.topic, new Uint8Array(100))).toMatchObject({ op: Op.Ack, seq: 6 })
      await s.stop()
      s = await startServer(env)
      const again = await client(s.relay, '127.0.0.2')
      await again.join(made)
      expectError(await again.push(made.topic, new Uint8Array(1)), 'room-full')
      const back = await client(s.relay)
      await back.join(held)
      expect(await back.push(held.topic, new Uint8Array(100))).toMatchObject({ op: Op.Ack, seq: 7 })
    } finally {
      await s?.stop()
    }
  }, 30_000)
})

describe('relay: rooms', () => {
  it('passes a push live to the other sockets in the room, never back to its sender', async () => {
    const keys = room()
    const [a, b, stranger] = [await client(), await client(), await client()]
    await a.join(keys)
    await b.join(keys)
    await stranger.join(room())
    const sealed = seal(keys, 'update', bytes('live marker'))
    const ack = await a.push(keys.topic, sealed)
    expect(ack).toMatchObject({ op: Op.Ack, seq: 1 })
    const live = await b.take((m): m is Extract<wire.RelayMessage, { op: wire.Op.Update }> => m.op === Op.Update)
    expect(live).toMatchObject({ topic: keys.topic, seq: 1 })
    expect(new TextDecoder().decode(open(keys, 'update', live.data)!)).toBe('live marker')
    // a resend with the same id is acknowledged with the first seq and not passed on again
    const id = 'resent-id-1'
    const first = await b.push(keys.topic, bytes('once'), id)
    expect(await b.push(keys.topic, bytes('once'), id)).toMatchObject({ op: Op.Ack, seq: (first as { seq: number }).seq })
    a.send({ op: Op.Say, topic: keys.topic, data: bytes('here') })
    const heard = await b.take((m): m is Extract<wire.RelayMessage, { op: wire.Op.Heard }> => m.op === Op.Heard)
    expect(new TextDecoder().decode(heard.data)).toBe('here')
    await until(() => a.updates().length === 1)
    await sleep(200)
    expect(a.updates().map((m) => (m as { seq: number }).seq)).toEqual([2])
    expect(a.inbox.some((m) => m.op === Op.Heard)).toBe(false)
    expect(b.updates()).toEqual([])
    expect(stranger.inbox).toEqual([])
    const state = await client().then((c) => c.join(keys, 1))
    expect(state).toMatchObject({ op: Op.State, head: 2, snapshot: null })
    expect((state as { updates: wire.Entry[] }).updates.map((u) => u.seq)).toEqual([2])
  })

  it('answers a join for a big room in parts (RELAY_STATE_ENTRIES, RELAY_STATE_BYTES), saying when more remains', async () => {
    const bounded = await startServer({ HEARTH_DATA: join(data, 'parts'), RELAY_STATE_ENTRIES: '5', RELAY_STATE_BYTES: '3000' })
    try {
      const c = await client(bounded.relay)
      const keys = room()
      await c.join(keys)
      for (let i = 0; i < 12; i++) await c.push(keys.topic, new Uint8Array(100))
      await c.push(keys.topic, new Uint8Array(2000))
      await c.push(keys.topic, new Uint8Array(2000))
      type State = Extract<wire.RelayMessage, { op: wire.Op.State }>
      const parts: [number[], boolean][] = []
      for (let since = 0; ;) {
        const s = await c.join(keys, since) as State
        expect(s).toMatchObject({ op: Op.State, head: 14 })
        parts.push([s.updates.map((u) => u.seq), !!s.more])
        if (!s.more) break
        since = s.updates.at(-1)!.seq
      }
      expect(parts).toEqual([[[1, 2, 3, 4, 5], true], [[6, 7, 8, 9, 10], true], [[11, 12, 13], true], [[14], false]])
    } finally {
      await bounded.stop()
    }
  }, 30_000)

  it('takes snapshots and refuses stale ones', async () => {
    const keys = room()
    const c = await client()
    await c.join(keys)
    for (let i = 0; i < 3; i++) await c.push(keys.topic, bytes(`u${i}`))
    const snap = (seq: number) => c.ask((req) => ({ op: Op.Snapshot, req, topic: keys.topic, seq, data: bytes(`snap ${seq}`) }))
    expect(await snap(2)).toMatchObject({ op: Op.Ack, seq: 2 })
    expectError(await snap(2), 'stale-snapshot')
    expectError(await snap(9), 'stale-snapshot')
    const state = await (await client()).join(keys)
    expect(state).toMatchObject({ head: 3, snapshot: { seq: 2 } })
    expect((state as { updates: wire.Entry[] }).updates.map((u) => u.seq)).toEqual([3])
  })

  it('acknowledges only what survives a SIGKILL, and keeps no plaintext on disk', async () => {
    const dir = tempDir('relay-kill')
    const keys = room()
    const marker = `plaintext marker ${randomBytes(8).toString('hex')}`
    let one: Server | null = await startServer({ HEARTH_DATA: dir })
    let two: Server | null = null
    try {
      const c = await client(one.relay)
      await c.join(keys)
      const pushes = Array.from({ length: 40 }, (_, i) => c.push(keys.topic, seal(keys, 'update', bytes(`${marker} #${i}`))))
      const acks = await Promise.all(pushes)
      expect(acks.every((m) => m.op === Op.Ack)).toBe(true)
      await one.kill()
      one = null
      two = await startServer({ HEARTH_DATA: dir })
      const state = await (await client(two.relay)).join(keys) as Extract<wire.RelayMessage, { op: wire.Op.State }>
      expect(state.head).toBe(40)
      const texts = state.updates.map((u) => new TextDecoder().decode(open(keys, 'update', u.data)!))
      expect(texts.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `${marker} #${i}`).sort())
      const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())
      expect(files.length).toBeGreaterThan(0)
      for (const f of files) expect(readFileSync(join(f.parentPath, f.name)).includes(marker)).toBe(false)
      expect(one === null && !two.output().includes(marker)).toBe(true)
    } finally {
      await one?.kill()
      await two?.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 40_000)

  it("answers a join with the room's epoch: kept across a restart, another once the store was wiped", async () => {
    const dir = tempDir('relay-epoch')
    const keys = room()
    let s: Server | null = await startServer({ HEARTH_DATA: dir })
    try {
      const c = await client(s.relay)
      const empty = await c.join(keys)
      expect(empty).toMatchObject({ op: Op.State, head: 0 })
      expect((empty as Extract<wire.RelayMessage, { op: wire.Op.State }>).epoch).toBeUndefined()
      await c.push(keys.topic, bytes('first'))
      const { epoch } = await c.join(keys) as Extract<wire.RelayMessage, { op: wire.Op.State }>
      expect(epoch).toMatch(/^[A-Za-z0-9_-]{11}$/)
      await s.stop()
      s = await startServer({ HEARTH_DATA: dir })
      const again = await client(s.relay)
      expect(await again.join(keys)).toMatchObject({ head: 1, epoch })
      await s.stop()
      rmSync(dir, { recursive: true, force: true })
      s = await startServer({ HEARTH_DATA: dir })
      const wiped = await client(s.relay)
      await wiped.join(keys)
      await wiped.push(keys.topic, bytes('after the wipe'))
      const state = await wiped.join(keys) as Extract<wire.RelayMessage, { op: wire.Op.State }>
      expect(state.head).toBe(1)
      expect(state.epoch).toMatch(/^[A-Za-z0-9_-]{11}$/)
      expect(state.epoch).not.toBe(epoch)
    } finally {
      await s?.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 40_000)

  it('stops cleanly on SIGTERM', async () => {
    const dir = tempDir('relay-term')
    const s = await startServer({ HEARTH_DATA: dir })
    const c = await client(s.relay)
    await c.join(room())
    await s.stop()
    expect(s.proc.exitCode).toBe(0)
    rmSync(dir, { recursive: true, force: true })
  }, 30_000)
})
