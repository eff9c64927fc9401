import { describe, expect, it } from 'vitest'
import { commands as c, createFeed } from '../../../src/model/index.ts'
import { inviteId } from '../../../src/model/records/index.ts'
import { HOUR, T0, event, expectOk, forgeNext, inject, peer, sync, type Peer } from '../fixtures/model.ts'

const members = (list: { member: string }[]) => list.map((r) => r.member)
const YEAR = 365 * 24 * HOUR

/** a hosts a one-seat event; b got the seat, d waits behind b; x is the hostile member */
const queued = async () => {
  const [a, b, d, x] = [await peer(), await peer(), await peer(), await peer()]
  const { id } = expectOk(await c.invite(a.room, 'event', event({ capacity: 1 })))
  await sync(a, b, d, x)
  b.clock.t = T0 + 1000
  expectOk(await c.respond(b.room, id, { answer: 'yes' }))
  await sync(a, b, d, x)
  d.clock.t = T0 + 2000
  expectOk(await c.respond(d.room, id, { answer: 'yes' }))
  await sync(a, b, d, x)
  return { a, b, d, x, id }
}

const expectQueue = (ps: Peer[], id: string, going: string[], waitlist: string[]) => {
  for (const p of ps) {
    const v = p.room.invitation(id)!
    expect(members(v.going)).toEqual(going)
    expect(members(v.waitlist)).toEqual(waitlist)
  }
}

describe('hostile: timestamps are claims, never authority', () => {
  it('a claimed time of 0 can’t jump the waitlist', async () => {
    const { a, b, d, x, id } = await queued()
    await inject(x, await forgeNext(x, x.me, { t: 'res', id, n: 1, by: x.me.id, a: 'yes', at: 0 }))
    await sync(a, b, d, x)
    expectQueue([a, b, d, x], id, [b.me.id], [d.me.id, x.me.id])
  })

  it('nor can a plausible early time, in the new format that names what it saw', async () => {
    const { a, b, d, x, id } = await queued()
    await inject(x, await forgeNext(x, x.me, { t: 'res', id, n: 1, by: x.me.id, a: 'yes', at: T0 + 1, after: [] }))
    await sync(a, b, d, x)
    expectQueue([a, b, d, x], id, [b.me.id], [d.me.id, x.me.id])
  })

  it('an answer that saw the queue goes after it, whatever its clock says', async () => {
    const { a, b, d, x, id } = await queued()
    x.clock.t = 5
    expectOk(await c.respond(x.room, id, { answer: 'yes' }))
    x.clock.t = T0 + 3000
    await sync(a, b, d, x)
    expectQueue([a, b, d, x], id, [b.me.id], [d.me.id, x.me.id])
    const v = a.room.invitation(id)!
    expect(v.waitlist[1].timeLooksWrong).toBe(true)
    expect(v.waitlist[1].at).toBe(v.createdAt)
    expect(v.going[0].timeLooksWrong).toBe(false)
  })

  it('a far-future creation date can’t pin an invitation to the top of the feed', async () => {
    const [a, x] = [await peer(), await peer()]
    const first = expectOk(await c.invite(a.room, 'event', event({ title: 'first' })))
    const nonce = 'future-nonce-0000000'
    const pinned = await forgeNext(x, x.me, { t: 'inv', id: inviteId(x.me.id, nonce, true), v: 1, by: x.me.id, op: 'create', kind: 'event', nonce, at: T0 + 10 * YEAR, c: event({ title: 'pinned' }) })
    await inject(x, pinned)
    await sync(a, x)
    a.clock.t = T0 + HOUR
    const second = expectOk(await c.invite(a.room, 'event', event({ title: 'second' })))
    await sync(a, x)
    x.clock.t = a.clock.t
    const feed = createFeed(x.room)
    for (const list of [x.room.invitations(), feed.list()]) {
      expect(list.map((v) => v.content.title)).toEqual(['second', 'first', 'pinned'])
      const top = list.find((v) => v.content.title === 'pinned')!
      expect(top.timeLooksWrong).toBe(true)
      expect(top.createdAt).toBeLessThanOrEqual(T0 + HOUR)
    }
    expect(x.room.invitation(second.id)!.timeLooksWrong).toBe(false)
    expect(x.room.invitation(first.id)!.timeLooksWrong).toBe(false)
  })

  it('a far-future edit or close is shown clamped, and flagged', async () => {
    const a = await peer()
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    await inject(a, await forgeNext(a, a.me, { t: 'inv', id, v: 2, by: a.me.id, op: 'edit', kind: 'event', c: event({ title: 'later' }), at: T0 + YEAR }))
    const v = a.room.invitation(id)!
    expect(v.content.title).toBe('later')
    expect(v.updatedAt).toBeLessThanOrEqual(T0 + HOUR)
    expect(v.timeLooksWrong).toBe(true)
  })
})

describe('hostile: attendance', () => {
  it('a host’s “who came” before the event began, or about themselves, counts for nothing', async () => {
    const [a, b] = [await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    await sync(a, b)
    expectOk(await c.respond(b.room, id, { answer: 'yes' }))
    await sync(a, b)
    expect((await c.recordAttendance(a.room, id, [b.me.id])).ok).toBe(false)
    // signed anyway, as another client could
    await inject(a, await forgeNext(a, a.me, { t: 'inv', id, v: 2, by: a.me.id, op: 'attended', ms: [b.me.id] }))
    a.clock.t += 25 * HOUR
    await inject(a, await forgeNext(a, a.me, { t: 'inv', id, v: 3, by: a.me.id, at: a.clock.t, op: 'attended', ms: [a.me.id, b.me.id] }))
    await sync(a, b)
    expect(b.room.invitation(id)!.attended).toEqual([])
    expect(b.room.trackRecord(b.me.id).showedUp).toEqual([])
    expectOk(await c.recordAttendance(a.room, id, [b.me.id]))
    await sync(a, b)
    expect(b.room.trackRecord(b.me.id).showedUp).toEqual([id])
  })
})
