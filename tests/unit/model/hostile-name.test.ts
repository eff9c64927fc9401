import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { hashOf, refOf } from '../../../src/model/records/index.ts'
import { commands as c, type HearthRecord } from '../../../src/model/index.ts'
import { HOUR, T0, chainOf, cohosted, expectOk, forge, forgeNext, inject, peer, settle, sync, writeEach, type Peer } from '../fixtures/model.ts'

describe('hostile talk: the room’s name', () => {
  it('refs to records that don’t exist, a forged time and a self-ref don’t let a rename win', async () => {
    const [a, m] = [await peer(), await peer()]
    expectOk(await c.describeRoom(a.room, 'Garden club', ''))
    await sync(a, m)
    const mc = chainOf(m.me, 9e15)
    await inject(m,
      await mc({ t: 'room', n: 1, name: 'Ghost refs', about: '', after: Array.from({ length: 16 }, (_, i) => `nothere${String(i).padStart(5, '0')}`), at: 8.64e15 }),
      await mc({ t: 'room', n: 2, name: 'Old claim', about: '', at: 0 }),
    )
    await sync(a, m)
    expectOk(await c.describeRoom(a.room, 'Garden club, again', ''))
    await sync(a, m)
    for (const p of [a, m]) expect(p.room.about().current!.name).toBe('Garden club, again')
  })

  it('a member can’t freeze the name: decoy heads with low refs can’t make an honest rename lose', async () => {
    const [a, b, m] = [await peer(), await peer(), await peer()]
    expectOk(await c.describeRoom(a.room, 'Garden club', ''))
    await sync(a, b, m)
    const H = [...m.room.ledger.about.values()][0]
    // m's head: two renames deep past a's, with a ref that sorts late
    const mc = chainOf(m.me, 9e15)
    const x1 = await mc({ t: 'room', n: 1, name: 'Spam 1', about: '', after: [refOf(H)] })
    let x2: HearthRecord
    let i = 0
    do x2 = await forge(m.me, { t: 'room', n: 2, by: m.me.id, name: 'Buy spam', about: `${i++}`, after: [refOf(x1)], seq: 9e15 + 1, prev: hashOf(x1) })
    while (!/^[a-z_]/.test(refOf(x2)))
    // then sixteen decoys that follow nothing, each with a ref that sorts before the head's
    const decoys: HearthRecord[] = []
    let head = x2
    let seq = 9e15 + 2
    while (decoys.length < 16) {
      const r = await forge(m.me, { t: 'room', n: 3 + decoys.length, by: m.me.id, name: 'decoy', about: `${i++}`, seq, prev: hashOf(head) })
      if (refOf(r) < refOf(x2)) { decoys.push(r); head = r; seq++ }
    }
    await inject(m, x1, x2, ...decoys)
    await sync(a, b, m)
    expect(a.room.about().current!.name).toBe('Buy spam')
    expectOk(await c.describeRoom(b.room, 'Garden club (real)', ''))
    await sync(a, b, m)
    for (const p of [a, b, m]) expect(p.room.about().current!.name).toBe('Garden club (real)')
  })

  it('the name can’t be made empty, invisible or bidi-flipped', async () => {
    const [a, m] = [await peer(), await peer()]
    expectOk(await c.describeRoom(a.room, 'Garden club', ''))
    await sync(a, m)
    const H = [...m.room.ledger.about.values()][0]
    await inject(m, await forgeNext(m, m.me, { t: 'room', n: 1, by: m.me.id, name: '\u202Ebulc nedraG\u202C', about: '\u202E', after: [refOf(H)] }))
    await sync(a, m)
    expect(a.room.about().current!.name).toBe('bulc nedraG')
    const after = refOf(m.room.ledger.chains.head(m.me.id)!)
    await inject(m, await forgeNext(m, m.me, { t: 'room', n: 2, by: m.me.id, name: '\u200B\u2060\u200E', about: '', after: [after] }))
    await sync(a, m)
    const current = a.room.about().current!
    expect(current.name.trim()).not.toBe('')
    expect(a.room.about().history.every((h) => h.name.trim() !== '')).toBe(true)
  })

  it('two peers that receive renames in different orders agree on the name and its history', async () => {
    const [a, b, m] = [await peer(), await peer(), await peer()]
    expectOk(await c.describeRoom(a.room, 'A1', ''))
    expectOk(await c.describeRoom(b.room, 'B1', ''))
    await sync(a, b, m)
    expectOk(await c.describeRoom(a.room, 'A2', ''))
    const mc = chainOf(m.me, 9e15)
    const heads = [...m.room.ledger.about.values()].map(refOf)
    const hostile = [
      await mc({ t: 'room', n: 1, name: 'M1', about: '', after: heads }),
      await mc({ t: 'room', n: 2, name: 'M2', about: '', after: heads }),
      await mc({ t: 'room', n: 3, name: 'M3', about: '' }),
    ]
    await inject(m, ...hostile)
    await sync(a, b, m)
    const [x, y] = [await peer(), await peer()]
    const all = [...(m.doc.getMap('records') as Y.Map<HearthRecord>).values()]
    writeEach(x, all)
    writeEach(y, [...all].reverse())
    await settle(x, y)
    const view = (p: Peer) => p.room.about().history.map((h) => h.ref)
    expect(view(x)).toEqual(view(y))
    expect(view(x)).toEqual(view(a))
  })
})

describe('hostile talk: attendance', () => {
  it('a host can’t record who came before the start (as claimed), nor about themselves', async () => {
    const { a, b, guests: [d], id } = await cohosted('event', 1)
    expect((await c.recordAttendance(a.room, id, [d.me.id])).ok).toBe(false)
    const next = a.room.state(id)!.next
    await inject(a, await forgeNext(a, a.me, { t: 'inv', id, v: next, by: a.me.id, op: 'attended', ms: [d.me.id], at: T0 + 23 * HOUR }))
    a.clock.t = T0 + 25 * HOUR
    expect((await c.recordAttendance(a.room, id, [a.me.id, d.me.id])).ok).toBe(false)
    await inject(a, await forgeNext(a, a.me, { t: 'inv', id, v: a.room.state(id)!.next, by: a.me.id, op: 'attended', ms: [a.me.id], at: T0 + 25 * HOUR }))
    await sync(a, b, d)
    expect(d.room.invitation(id)!.attended).toEqual([])
    expectOk(await c.recordAttendance(a.room, id, [b.me.id]))
    await sync(a, b, d)
    expect(d.room.invitation(id)!.attended).toEqual([b.me.id])
  })
})
