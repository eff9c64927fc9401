import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createIdentity } from '../../../src/identity/index.ts'
import { QUOTAS, recordKey, type HearthRecord } from '../../../src/model/index.ts'
import { weightOf } from '../../../src/model/ledger/index.ts'
import { inviteId } from '../../../src/model/records/index.ts'
import { chainOf, event, peer, settle } from '../fixtures/model.ts'

const write = (doc: Y.Doc, list: HearthRecord[]) => doc.transact(() => list.forEach((r) => doc.getMap('records').set(recordKey(r), r)))

describe('one member who makes every phone carry their weight', () => {
  it('counts at most 16 MB of their records, the same on two phones that got them in opposite orders', async () => {
    const mal = await createIdentity()
    const next = chainOf(mal)
    const text = 'x'.repeat(10_000)
    const flood: HearthRecord[] = []
    // about 10 KB each against the budget: 1,700 of them are past 16 MB (and far inside the old 128 MB)
    for (let i = 0; i < 1700; i++) {
      const nonce = `nonce${String(i).padStart(12, '0')}`
      flood.push(await next({ t: 'inv', op: 'create', id: inviteId(mal.id, nonce, true), v: 1, kind: 'event', nonce, c: event({ text }) }))
    }
    const total = flood.reduce((n, r) => n + weightOf(r), 0)
    expect(total).toBeGreaterThan(16 * 1024 * 1024)
    const [a, b] = [await peer(), await peer()]
    write(a.doc, flood)
    write(b.doc, [...flood].reverse())
    await settle(a, b)
    const counted = (p: typeof a) => flood.filter((r) => !!p.room.ledger.invites.get((r as { id: string }).id)?.size)
    const [ca, cb] = [counted(a), counted(b)]
    expect(ca.map((r) => r.seq)).toEqual(cb.map((r) => r.seq))
    expect(ca.length).toBeLessThan(flood.length)
    expect(ca.reduce((n, r) => n + weightOf(r), 0)).toBeLessThanOrEqual(QUOTAS.bytes)
    expect(QUOTAS.bytes).toBeLessThanOrEqual(16 * 1024 * 1024)
    // the earliest in their chain are the ones that count
    expect(ca.map((r) => r.seq)).toEqual(Array.from({ length: ca.length }, (_, i) => i + 1))
  }, 120_000)
})
