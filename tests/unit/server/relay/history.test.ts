import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEmbedded } from '../../../../src/server/relay/index.ts'
import { openRedis } from '../../../../src/server/relay/index.ts'
import type { RelayStore } from '../../../../src/server/relay/index.ts'
import { startRedis, tempDir } from '../../fixtures/relay.ts'

const bytes = (s: string) => new TextEncoder().encode(s)
const text = (b: Uint8Array) => new TextDecoder().decode(b)
let n = 0
const topic = () => `history-topic-${process.pid}-${++n}`.padEnd(43, 'x')

let redis: Awaited<ReturnType<typeof startRedis>>
const root = tempDir('history')
beforeAll(async () => { redis = await startRedis() }, 20_000)
afterAll(async () => { await redis.stop() })

const backends: [string, () => Promise<RelayStore>][] = [
  ['embedded', () => openEmbedded(join(root, `db${++n}`))],
  ['redis', () => openRedis(redis.url, {}, `h${++n}:`)],
]

describe.each(backends)('the kept history a client reads (%s)', (_, open) => {
  it('serves the oldest kept point and the log after it, while a newer snapshot stands', async () => {
    const store = await open()
    const t = topic()
    for (let i = 1; i <= 4; i++) await store.append(t, `id-${i}-abcdef`, bytes(`u${i}`))
    // the first snapshot supersedes the empty room; the second supersedes the first
    expect(await store.snapshot(t, 2, bytes('s2'))).toBe('stored')
    await store.append(t, 'id-5-abcdef', bytes('u5'))
    expect(await store.snapshot(t, 5, bytes('empty'))).toBe('stored')
    const joined = await store.read(t, 0)
    expect(joined.snapshot && text(joined.snapshot.data)).toBe('empty')
    expect(joined.updates).toEqual([])
    // the oldest point is the empty room: the whole log, no snapshot
    const h = await store.history(t, 0)
    expect(h.snapshot).toBeNull()
    expect(h.updates.map((u) => text(u.data))).toEqual(['u1', 'u2', 'u3', 'u4', 'u5'])
    expect(h.head).toBe(5)
    // a range again
    const range = await store.history(t, 3)
    expect(range.snapshot).toBeNull()
    expect(range.updates.map((u) => u.seq)).toEqual([4, 5])
    await store.close()
  })

  it('with nothing kept, is the current snapshot and its tail; with nothing stored, nothing', async () => {
    const store = await open()
    const t = topic()
    expect(await store.history(t, 0)).toMatchObject({ head: 0, snapshot: null, updates: [] })
    await store.append(t, 'id-1-abcdef', bytes('u1'))
    const h = await store.history(t, 0)
    expect(h.updates.map((u) => text(u.data))).toEqual(['u1'])
    await store.close()
  })
})

describe('History on the wire', () => {
  it('is for a joined topic only, and answers with a State', { timeout: 30_000 }, async () => {
    const { connect, room, startServer, removeStandIn } = await import('../../fixtures/relay.ts')
    const wire = await import('../../../../src/protocol/index.ts')
    const server = await startServer({ HEARTH_DATA: tempDir('history-wire') })
    try {
      const keys = room()
      const c = await connect(server.relay)
      const ask = (since: number) => c.ask((req) => ({ op: wire.Op.History, req, topic: keys.topic, since }))
      expect(await ask(0)).toMatchObject({ op: wire.Op.Error, code: 'not-joined' })
      await c.join(keys)
      await c.push(keys.topic, bytes('sealed-1'))
      await c.push(keys.topic, bytes('sealed-2'))
      const s = await ask(1)
      expect(s).toMatchObject({ op: wire.Op.State, head: 2, snapshot: null })
      expect((s as { updates: { seq: number }[] }).updates.map((u) => u.seq)).toEqual([2])
      c.close()
    } finally {
      await server.stop()
      removeStandIn()
    }
  })
})
