import { describe, expect, it } from 'vitest'
import { QUOTAS, commands as c } from '../../../src/model/index.ts'
import { openQuota } from '../../../src/model/ledger/index.ts'
import { event, expectOk, forge, peer, sync, T0, HOUR } from '../fixtures/model.ts'
import { createIdentity } from '../../../src/identity/index.ts'
import { hashOf } from '../../../src/model/records/index.ts'
import type { HearthRecord } from '../../../src/model/index.ts'
import * as Y from 'yjs'
import { recordKey } from '../../../src/model/index.ts'

describe('per-member quotas', () => {
  it('a member who floods name changes: only the first ones count, the same on every phone, and the flooder is told', async () => {
    const [a, b] = [await peer(), await peer()]
    const flooder = await createIdentity()
    const records: HearthRecord[] = []
    let prev: HearthRecord | undefined
    for (let i = 1; i <= QUOTAS.mem + 50; i++) {
      prev = await forge(flooder, { t: 'mem', n: i, by: flooder.id, name: `name ${i}`, seq: i, prev: prev && hashOf(prev) })
      records.push(prev)
    }
    // a and b receive them in opposite orders
    const write = (doc: Y.Doc, list: HearthRecord[]) => doc.transact(() => list.forEach((r) => doc.getMap('records').set(recordKey(r), r)))
    write(a.doc, records)
    write(b.doc, [...records].reverse())
    await sync(a, b)
    expect(a.room.nameOf(flooder.id)).toBe(`name ${QUOTAS.mem}`)
    expect(b.room.nameOf(flooder.id)).toBe(`name ${QUOTAS.mem}`)
    expect(a.room.ledger.quota.over()).toBe(50)
  })

  it('a member past a limit gets a clear message, and nothing already stored is lost', async () => {
    const a = await peer()
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    for (let i = 0; i < QUOTAS.res; i++) {
      a.clock.t += 1
      expectOk(await c.respond(a.room, id, { answer: i % 2 ? 'yes' : 'maybe' }))
    }
    const r = await c.respond(a.room, id, { answer: 'no' })
    expect(r).toMatchObject({ ok: false, error: { code: 'quota-reached', quota: 'res' } })
    expect(a.room.invitation(id)!.going.map((g) => g.member)).toEqual([a.me.id])
  }, 60_000)

  it('keeps the earliest records whatever order they arrive in, by count and by bytes', () => {
    const q = openQuota()
    const mk = (seq: number): HearthRecord => ({ t: 'room', n: seq, by: 'x'.repeat(43), at: T0 + HOUR, seq, name: 'n', about: 'a'.repeat(100), sig: `s${seq}`.padEnd(86, 'a') }) as HearthRecord
    const dropped: string[] = []
    for (let seq = QUOTAS.room + 10; seq >= 1; seq--) dropped.push(...q.admit(`k${seq}`, mk(seq)))
    expect(new Set(dropped)).toEqual(new Set(Array.from({ length: 10 }, (_, i) => `k${QUOTAS.room + 1 + i}`)))
    expect(q.wouldExceed(mk(QUOTAS.room + 11))).toBe('room')
  })

  it('counts answers per date of a repeating event: a year of weekly dates, each answered ten times, all count; one date still has its limit, and the series a bound', () => {
    const q = openQuota()
    const by = 'y'.repeat(43)
    let seq = 0
    const answer = (o: number): HearthRecord => ({ t: 'res', id: 'weekly', n: ++seq, a: 'yes', o, by, at: T0, seq, sig: `s${seq}`.padEnd(86, 'a') }) as HearthRecord
    const dropped: string[] = []
    for (let week = 0; week < 52; week++) for (let i = 0; i < 10; i++) dropped.push(...q.admit(`w${seq + 1}`, answer(T0 + week * 7 * 24 * HOUR)))
    expect(dropped).toEqual([])
    const one = T0 + 60 * 7 * 24 * HOUR
    for (let i = 0; i < QUOTAS.res; i++) dropped.push(...q.admit(`w${seq + 1}`, answer(one)))
    expect(dropped).toEqual([])
    expect(q.wouldExceed(answer(one))).toBe('res')
    // every date of the series, answered over and over: the series as a whole stops at its bound
    for (let week = 100; seq < QUOTAS.resDates + 10; week++) for (let i = 0; i < 10; i++) dropped.push(...q.admit(`w${seq + 1}`, answer(T0 + week * 7 * 24 * HOUR)))
    expect(dropped.length).toBe(10)
    expect(q.wouldExceed(answer(T0))).toBe('resDates')
  })
})
