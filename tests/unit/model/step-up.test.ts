import { describe, expect, it } from 'vitest'
import { commands as c } from '../../../src/model/index.ts'
import { skillNeedId } from '../../../src/model/records/index.ts'
import { HOUR, T0, event, expectOk, forgeNext, inject, invited, peer, project, sync } from '../fixtures/model.ts'

describe('understudy and a host role with an end date', () => {
  it('an understudy who accepted takes over when the host’s end date comes; the track records show the hand-over', async () => {
    const { a, b, id } = await invited()
    expectOk(await c.askUnderstudy(a.room, id, b.me.id))
    await sync(a, b)
    expect(b.room.state(id)!.pending).toEqual([{ member: b.me.id, by: a.me.id, understudy: true }])
    expectOk(await c.acceptCohost(b.room, id))
    expectOk(await c.hostUntil(a.room, id, T0 + 2 * HOUR))
    await sync(a, b)
    for (const p of [a, b]) {
      const s = p.room.state(id)!
      expect(s.hosts).toEqual([a.me.id])
      expect(s.understudies).toEqual([{ member: b.me.id, of: a.me.id }])
      expect(s.until).toEqual([{ member: a.me.id, end: T0 + 2 * HOUR }])
    }
    expect(b.room.trackRecord(b.me.id).understudy).toEqual([id])
    // before the date nothing happens by itself
    expect(await c.stepDownWhenDue(a.room)).toEqual([])
    a.clock.t = T0 + 3 * HOUR
    expect(await c.stepDownWhenDue(a.room)).toEqual([id])
    await sync(a, b)
    for (const p of [a, b]) {
      expect(p.room.state(id)!.hosts).toEqual([b.me.id])
      expect(p.room.trackRecord(a.me.id)).toMatchObject({ handedOver: [id], steppedDown: [id] })
      expect(p.room.trackRecord(b.me.id)).toMatchObject({ tookOver: [id], understudy: [] })
    }
  })

  it('a host alone with no understudy is not stepped down by the date: the app keeps asking them', async () => {
    const { a, id } = await invited()
    expectOk(await c.hostUntil(a.room, id, T0 + HOUR))
    a.clock.t = T0 + 2 * HOUR
    expect(await c.stepDownWhenDue(a.room)).toEqual([])
    expect(a.room.state(id)!.hosts).toEqual([a.me.id])
  })

  it('a guest can’t name an understudy or make themselves one', async () => {
    const { a, b, id } = await invited()
    const m = await peer()
    await sync(a, b, m)
    expect((await c.askUnderstudy(m.room, id, m.me.id)).ok).toBe(false)
    await inject(m, await forgeNext(m, m.me, { t: 'inv', id, v: a.room.state(id)!.next, by: m.me.id, op: 'understudy', m: m.me.id }))
    await sync(a, b, m)
    await inject(m, await forgeNext(m, m.me, { t: 'inv', id, v: a.room.state(id)!.next, by: m.me.id, op: 'accept' }))
    await sync(a, b, m)
    // and a stepdown to a "understudy" who never was one is only an offer
    for (const p of [a, b, m]) expect(p.room.state(id)).toMatchObject({ understudies: [], pending: [], hosts: [a.me.id] })
  })
})

describe('stepping up', () => {
  it('an older project’s skills wanted read as needs anyone can claim', async () => {
    const { a, b, id } = await invited('project')
    await sync(a, b)
    expect(b.room.needs(id)).toMatchObject([{ id: skillNeedId(0), what: 'digging', n: 1, claims: [] }])
    expectOk(await c.claim(b.room, id, skillNeedId(0)))
    await sync(a, b)
    expect(a.room.needs(id)[0].claims.map((x) => x.member)).toEqual([b.me.id])
  })

  it('the track record counts needs claimed, and fulfilled once the event has happened', async () => {
    const [a, b] = [await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event({ needs: [{ id: 'notes001', what: 'Take notes', n: 1 }] })))
    const other = expectOk(await c.invite(a.room, 'project', project({ skills: [], needs: [{ id: 'tools001', what: 'Lend tools', n: 3 }] }))).id
    await sync(a, b)
    expectOk(await c.claim(b.room, id, 'notes001'))
    expectOk(await c.claim(b.room, other, 'tools001'))
    await sync(a, b)
    expect([...a.room.trackRecord(b.me.id).claimed].sort()).toEqual([other, id].sort())
    expect(a.room.trackRecord(b.me.id).fulfilled).toEqual([])
    a.clock.t = T0 + 30 * HOUR
    expect(a.room.trackRecord(b.me.id).fulfilled).toEqual([id])
    expectOk(await c.handBack(b.room, other, 'tools001'))
    await sync(a, b)
    expect(a.room.trackRecord(b.me.id).claimed).toEqual([id])
  })
})
