import { describe, expect, it, vi } from 'vitest'
import { commands as c, type HearthRecord } from '../../../src/model/index.ts'
import { THREADS } from '../../../src/identity/index.ts'
import { event, expectOk, peer } from '../fixtures/model.ts'

/** Workers started when the app is idle are the ones a cold open then uses: none started twice, none per batch. */
let started = 0
let batches = 0
class CountedWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null
  onerror: (() => void) | null = null
  constructor() { started++ }
  postMessage(data: { n: number; keys: string[]; values: unknown[] }) {
    batches++
    const copy = structuredClone(data)
    setTimeout(async () => {
      const { siftMany } = await import('../../../src/model/ledger/sift.ts')
      this.onmessage?.({ data: { n: copy.n, out: await siftMany(copy.keys, copy.values) } })
    })
  }
  terminate() {}
}

describe('prewarming the shape-check workers', () => {
  it('starts them once, and a cold open sifts in them', async () => {
    vi.stubGlobal('Worker', CountedWorker)
    const { prewarmSift, sift } = await import('../../../src/model/ledger/sift.ts')
    prewarmSift()
    expect(started).toBe(THREADS)
    prewarmSift()
    expect(started).toBe(THREADS)
    const p = await peer()
    expectOk(await c.inviteMany(p.room, Array.from({ length: 600 }, (_, i) => ({ kind: 'event' as const, content: event({ title: `E${i}` }) }))))
    const entries = [...p.doc.getMap<HearthRecord>('records').entries()]
    const out = await sift(entries)
    expect(out.every(Boolean)).toBe(true)
    expect(batches).toBe(THREADS)
    expect(started).toBe(THREADS)
  })
})
