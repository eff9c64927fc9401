import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { commands as c, recordKey, type HearthRecord } from '../../../src/model/index.ts'
import { hashOf } from '../../../src/model/records/index.ts'
import { event, expectOk, peer } from '../fixtures/model.ts'

/**
 * A cold open checks shapes and links in worker threads (ledger/sift.ts). Node has none, so these stand in for them:
 * each gets a structured copy of what it is sent, as a real one does, and runs the same check.
 */
let broken = false
class FakeWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null
  onerror: (() => void) | null = null
  postMessage(data: { n: number; keys: string[]; values: unknown[] }) {
    const copy = structuredClone(data)
    setTimeout(async () => {
      if (broken) return this.onerror?.()
      const { siftMany } = await import('../../../src/model/ledger/sift.ts')
      this.onmessage?.({ data: { n: copy.n, out: await siftMany(copy.keys, copy.values) } })
    })
  }
  terminate() {}
}

let entries: [string, HearthRecord][] = []
beforeAll(async () => {
  const p = await peer()
  expectOk(await c.inviteMany(p.room, Array.from({ length: 600 }, (_, i) => ({ kind: 'event' as const, content: event({ title: `E${i}` }) }))))
  entries = [...p.doc.getMap<HearthRecord>('records').entries()]
})
afterEach(() => { broken = false })

const fresh = (r: HearthRecord) => hashOf(structuredClone(r))

describe('sifting a cold open in worker threads', () => {
  it("returns this thread's own records, with the links the workers computed", async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const { sift } = await import('../../../src/model/ledger/sift.ts')
    const out = await sift(entries)
    expect(out.every((r, i) => r === entries[i][1])).toBe(true)
    expect(out.every((r) => hashOf(r!) === fresh(r!))).toBe(true)
  })

  it("gives a worker's batch the verdicts and links each record gets alone, refused ones included", async () => {
    const { siftMany, siftOne } = await import('../../../src/model/ledger/sift.ts')
    const copies = structuredClone(entries)
    copies[3][1] = { ...copies[3][1], sig: 'not a signature' }
    copies[7][1] = { ...copies[7][1], seq: -1 } as HearthRecord
    // a signature wrapped in a list spells the same text, but is not one
    copies[9][1] = { ...copies[9][1], sig: [copies[9][1].sig] } as unknown as HearthRecord
    // an invitation id made from another nonce: the key still matches, only the id's hash does not
    copies[5][1] = { ...copies[5][1], nonce: 'A'.repeat(22) } as HearthRecord
    copies[12][1] = { ...copies[12][1], nonce: (copies[13][1] as { nonce: string }).nonce } as HearthRecord
    const keys = copies.map(([k]) => k)
    const values = copies.map(([, v]) => v)
    const batch = await siftMany(keys, values)
    expect(batch).toEqual(keys.map((k, i) => siftOne(k, structuredClone(values[i]))))
    expect(batch[3]).toBeNull()
    expect(batch[9]).toBeNull()
    expect(batch[5]).toBeNull()
    expect(batch[12]).toBeNull()
    expect(batch[13]).not.toBeNull()
    expect(batch.filter((l) => l).length).toBeGreaterThan(500)
  })

  it('refuses a record with a prototype, which the workers saw as plain', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const { sift } = await import('../../../src/model/ledger/sift.ts')
    const [key, yes] = entries[0]
    // as lib0 reads a key "__proto__"
    const copy = Object.assign(Object.create({ note: 'forged' }), yes) as Record<string, unknown>
    const out = await sift([[key, copy], ...entries.slice(1)])
    expect(recordKey(copy as unknown as HearthRecord)).toBe(key)
    expect(out[0]).toBeNull()
    expect(out.slice(1).every(Boolean)).toBe(true)
  })

  it('checks here when a worker fails, and the room still opens', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const { sift } = await import('../../../src/model/ledger/sift.ts')
    broken = true
    const bad = { ...entries[1][1], sig: 'not a signature' }
    const out = await sift([[entries[1][0], bad], ...entries.slice(2)])
    expect(out[0]).toBeNull()
    expect(out.slice(1).every(Boolean)).toBe(true)
  })
})
