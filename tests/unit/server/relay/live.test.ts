import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signWrite, type RoomKeys } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { createRelay, DEFAULT_RELAY_LIMITS, RelayError, type Entry, type RelayStore } from '../../../../src/server/relay/index.ts'
import { bytes, connect, expectError, pushId, room, sleep, textOf, until } from '../../fixtures/relay.ts'

/**
 * A store whose writes the test makes durable (or fails, as a relay killed before its disk had them), one at a time: what
 * the relay does between a push being taken and being durable. Seqs are given when taken; a failed one is never reused here.
 */
const heldStore = () => {
  const logs = new Map<string, Entry[]>()
  const ids = new Map<string, number>()
  const listeners = new Map<string, Set<(e: Entry) => void>>()
  const heads = new Map<string, number>()
  const waiting: { release: () => void; fail: () => void; seq: number }[] = []
  const store: RelayStore = {
    async append(topic, id, data, admitted) {
      const known = ids.get(`${topic}/${id}`)
      if (known) return { seq: known, duplicate: true }
      const seq = (heads.get(topic) ?? 0) + 1
      heads.set(topic, seq)
      admitted?.(seq)
      await new Promise<void>((ok, fail) => waiting.push({ seq, release: ok, fail: () => fail(new RelayError('unavailable', 'The disk failed.')) }))
      logs.set(topic, [...(logs.get(topic) ?? []), { seq, data }])
      ids.set(`${topic}/${id}`, seq)
      for (const l of listeners.get(topic) ?? []) l({ seq, data })
      return { seq, duplicate: false }
    },
    async read(topic, since) {
      const log = logs.get(topic) ?? []
      return { head: log.at(-1)?.seq ?? 0, snapshot: null, updates: log.filter((e) => e.seq > since), epoch: 'e', more: false }
    },
    history: (topic, since) => store.read(topic, since),
    snapshot: async () => 'stale',
    subscribe(topic, listener) {
      const set = listeners.get(topic) ?? new Set()
      listeners.set(topic, set.add(listener))
      return () => set.delete(listener)
    },
    publish() {},
    listen: () => () => {},
    close: async () => {},
  }
  const next = async () => { await until(() => waiting.length > 0); return waiting.shift()! }
  return { store, next, pending: () => waiting.length }
}

const held = heldStore()
let server: Server
let url = ''
beforeAll(async () => {
  const relay = createRelay(held.store, { ...DEFAULT_RELAY_LIMITS, rate: 5, burst: 5 })
  server = createServer()
  server.on('upgrade', (req, socket, head) => relay.upgrade(req, socket, head))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/relay`
})
afterAll(() => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()) }))

type Client = Awaited<ReturnType<typeof connect>>
/** a member that asks for live copies, as today's client does */
const joinLive = (c: Client, keys: RoomKeys) => c.ask((req) => ({
  op: wire.Op.Join, req, topic: keys.topic, pub: keys.writePub, sig: signWrite(keys, wire.readProof(c.nonce, keys.topic, c.origin)), since: 0, live: 1,
}))
const isLive = (m: wire.RelayMessage): m is Extract<wire.RelayMessage, { op: wire.Op.Live }> => m.op === wire.Op.Live
const isStored = (m: wire.RelayMessage): m is Extract<wire.RelayMessage, { op: wire.Op.Stored }> => m.op === wire.Op.Stored
const answered = (c: Client, req: number) => c.inbox.some((m) => 'req' in m && m.req === req)

describe('the relay passes a push on before it is durable', () => {
  it('a live member gets it at once; its sender is acknowledged, and the member told, only once durable', async () => {
    const keys = room()
    const [ana, ben, old] = [await connect(url), await connect(url), await connect(url)]
    await joinLive(ana, keys)
    await joinLive(ben, keys)
    await old.join(keys)
    ana.send({ op: wire.Op.Push, req: 77, topic: keys.topic, id: pushId(), data: bytes('first') })
    const write = await held.next()
    const live = await ben.take(isLive)
    expect([live.seq, textOf(live.data)]).toEqual([write.seq, 'first'])
    await sleep(50)
    // not durable yet: no Ack to Ana, no Stored to Ben, and a client that didn't ask for live copies has nothing
    expect(answered(ana, 77)).toBe(false)
    expect(ben.inbox.some(isStored)).toBe(false)
    expect(old.inbox.some((m) => m.op === wire.Op.Update || isLive(m))).toBe(false)
    write.release()
    expect(await ana.take((m): m is wire.RelayMessage => 'req' in m && m.req === 77)).toMatchObject({ op: wire.Op.Ack, seq: write.seq })
    expect(await ben.take(isStored)).toMatchObject({ from: write.seq, to: write.seq })
    expect(await old.take((m): m is wire.RelayMessage => m.op === wire.Op.Update)).toMatchObject({ seq: write.seq })
    // nor does the sender get its own push back
    await sleep(50)
    expect(ana.inbox.some((m) => isLive(m) || isStored(m) || m.op === wire.Op.Update)).toBe(false)
    for (const c of [ana, ben, old]) c.close()
  })

  it('a write that fails after the fan-out is never named stored; the sender pushes again and every member ends with it', async () => {
    const keys = room()
    const [ana, ben] = [await connect(url), await connect(url)]
    await joinLive(ana, keys)
    await joinLive(ben, keys)
    const id = pushId()
    const lost = ana.push(keys.topic, bytes('again'), id)
    const first = await held.next()
    expect(textOf((await ben.take(isLive)).data)).toBe('again')
    first.fail()
    expect((await lost).op).toBe(wire.Op.Error)
    // the sender's outbox still holds it: it goes again with the same id
    const again = ana.push(keys.topic, bytes('again'), id)
    const second = await held.next()
    expect(second.seq).toBeGreaterThan(first.seq)
    const copy = await ben.take(isLive)
    expect([copy.seq, textOf(copy.data)]).toEqual([second.seq, 'again'])
    second.release()
    expect(await again).toMatchObject({ op: wire.Op.Ack, seq: second.seq })
    const stored = await ben.take(isStored)
    expect([stored.from, stored.to]).toEqual([second.seq, second.seq])
    // the lost seq is named by no Stored, ever
    await sleep(50)
    expect(ben.inbox.filter(isStored).some((s) => s.from <= first.seq && first.seq <= s.to)).toBe(false)
    // and a newcomer reads the one durable copy
    const cara = await connect(url)
    const s = await joinLive(cara, keys) as Extract<wire.RelayMessage, { op: wire.Op.State }>
    expect(s.updates.map((u) => [u.seq, textOf(u.data)])).toEqual([[second.seq, 'again']])
    for (const c of [ana, ben, cara]) c.close()
  })

  it('counts who takes live copies as members come, rejoin, switch and go: the one left still gets its copy before the disk', async () => {
    const keys = room()
    const [ana, ben, cat, dan] = [await connect(url), await connect(url), await connect(url), await connect(url)]
    await joinLive(ana, keys)
    await joinLive(ben, keys)
    await joinLive(ben, keys)
    await joinLive(cat, keys)
    await joinLive(dan, keys)
    // Cat leaves and Dan turns live copies off (a rejoin without the flag): Ben alone is still waiting for live copies
    cat.send({ op: wire.Op.Leave, topic: keys.topic })
    await dan.join(keys)
    ana.send({ op: wire.Op.Push, req: 5, topic: keys.topic, id: pushId(), data: bytes('still live') })
    const write = await held.next()
    expect(textOf((await ben.take(isLive)).data)).toBe('still live')
    write.release()
    expect(await ben.take(isStored)).toMatchObject({ from: write.seq, to: write.seq })
    expect(await dan.take((m): m is wire.RelayMessage => m.op === wire.Op.Update)).toMatchObject({ seq: write.seq })
    expect(dan.inbox.some(isLive)).toBe(false)
    for (const c of [ana, ben, cat, dan]) c.close()
  })

  it('checks rate, membership and budget before the fan-out: a refused push reaches nobody', async () => {
    const keys = room()
    const [ana, ben, eve] = [await connect(url), await connect(url), await connect(url)]
    await joinLive(ana, keys)
    await joinLive(ben, keys)
    // Eve never proved the room's key: her push is refused, and nothing goes on
    expectError(await eve.push(keys.topic, bytes('eve')), 'not-joined')
    // past the rate (5 a second, burst 5): the refused ones go nowhere either
    const pushes = Array.from({ length: 8 }, (_, i) => ana.push(keys.topic, bytes(`r${i}`)))
    await until(() => held.pending() >= 5 && ana.inbox.some((m) => m.op === wire.Op.Error), 3000).catch(() => {})
    while (held.pending()) (await held.next()).release()
    const answers = await Promise.all(pushes)
    const acked = answers.filter((m) => m.op === wire.Op.Ack).length
    expect(answers.some((m) => m.op === wire.Op.Error && m.code === 'rate-limited')).toBe(true)
    await sleep(100)
    const got = ben.inbox.filter(isLive).map((m) => textOf(m.data))
    expect(got).toHaveLength(acked)
    expect(got).not.toContain('eve')
    for (const c of [ana, ben, eve]) c.close()
  })
})
