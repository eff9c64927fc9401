import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { open, seal } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { boundedRelay, bytes, expectError, room, sleep, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'

const { Op } = wire
const { relay, client } = boundedRelay()

describe('relay: a full relay', () => {
  it('takes no new rooms past RELAY_STORE_BYTES, says so, and keeps taking writes for the rooms it holds, across a restart', async () => {
    const dir = join(relay.data, 'store-budget')
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
    const bounded = await startServer({ HEARTH_DATA: join(relay.data, 'parts'), RELAY_STATE_ENTRIES: '5', RELAY_STATE_BYTES: '3000' })
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
