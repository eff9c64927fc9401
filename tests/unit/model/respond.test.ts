import { describe, expect, it } from 'vitest'
import { commands as c, myPlace, needsAnswer } from '../../../src/model/index.ts'
import { HOUR, T0, event, expectOk, peer, project, proposal, sync } from '../fixtures/model.ts'

const members = (list: { member: string }[]) => list.map((r) => r.member)

describe('respond to an event', () => {
  it('waitlists past capacity and moves the next person up when someone declines, on every peer', async () => {
    const [a, b, cc] = [await peer(), await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event({ capacity: 1 })))
    await sync(a, b, cc)
    b.clock.t = T0 + 1000
    expectOk(await c.respond(b.room, id, { answer: 'yes' }))
    await sync(a, b, cc)
    cc.clock.t = T0 + 2000
    expectOk(await c.respond(cc.room, id, { answer: 'yes' }))
    await sync(a, b, cc)
    for (const p of [a, b, cc]) {
      const v = p.room.invitation(id)!
      expect(members(v.going)).toEqual([b.me.id])
      expect(members(v.waitlist)).toEqual([cc.me.id])
    }
    expect(myPlace(cc.room.invitation(id)!, cc.me.id).waitlistPosition).toBe(1)
    b.clock.t = T0 + 3000
    expectOk(await c.respond(b.room, id, { answer: 'no', note: 'sorry, ill' }))
    await sync(a, b, cc)
    for (const p of [a, b, cc]) {
      const v = p.room.invitation(id)!
      expect(members(v.going)).toEqual([cc.me.id])
      expect(v.waitlist).toEqual([])
      expect(members(v.declined)).toEqual([b.me.id])
    }
  })

  it('counts plus-ones as seats and queues strictly in order', async () => {
    const [a, b, cc, d] = [await peer(), await peer(), await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event({ capacity: 3, plusOnes: 2 })))
    await sync(a, b, cc, d)
    b.clock.t = T0 + 1
    expectOk(await c.respond(b.room, id, { answer: 'yes', plus: 1 }))
    await sync(a, b, cc, d)
    cc.clock.t = T0 + 2
    expectOk(await c.respond(cc.room, id, { answer: 'yes', plus: 2 }))
    await sync(a, b, cc, d)
    d.clock.t = T0 + 3
    expectOk(await c.respond(d.room, id, { answer: 'yes' }))
    await sync(a, b, cc, d)
    const v = a.room.invitation(id)!
    expect(v.seatsTaken).toBe(2)
    expect(members(v.going)).toEqual([b.me.id])
    expect(members(v.waitlist)).toEqual([cc.me.id, d.me.id])
    expect((await c.respond(b.room, id, { answer: 'yes', plus: 3 })).ok).toBe(false)
  })

  it('sends someone who leaves the yes list to the back of the queue', async () => {
    const [a, b, cc] = [await peer(), await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event({ capacity: 1 })))
    await sync(a, b, cc)
    b.clock.t = T0 + 1
    await c.respond(b.room, id, { answer: 'yes' })
    await sync(a, b, cc)
    cc.clock.t = T0 + 2
    await c.respond(cc.room, id, { answer: 'yes' })
    await sync(a, b, cc)
    b.clock.t = T0 + 3
    await c.respond(b.room, id, { answer: 'maybe' })
    b.clock.t = T0 + 4
    await c.respond(b.room, id, { answer: 'yes' })
    await sync(a, b, cc)
    expect(members(a.room.invitation(id)!.going)).toEqual([cc.me.id])
    expect(members(a.room.invitation(id)!.waitlist)).toEqual([b.me.id])
  })

  it('orders answers that did not see each other the same way on every peer, whatever their clocks say', async () => {
    const ps = [await peer(), await peer(), await peer(), await peer()]
    const { id } = expectOk(await c.invite(ps[0].room, 'event', event({ capacity: 1 })))
    await sync(...ps)
    for (const [i, p] of ps.slice(1).entries()) {
      p.clock.t = T0 + (3 - i) * 1000
      expectOk(await c.respond(p.room, id, { answer: 'yes' }))
    }
    await sync(...ps)
    const order = members([...ps[0].room.invitation(id)!.going, ...ps[0].room.invitation(id)!.waitlist])
    expect([...order].sort()).toEqual(ps.slice(1).map((p) => p.me.id).sort())
    for (const p of ps) expect(members([...p.room.invitation(id)!.going, ...p.room.invitation(id)!.waitlist])).toEqual(order)
  })

  it('shows what needs my answer', async () => {
    const [a, b] = [await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    await sync(a, b)
    expect(needsAnswer(b.room.invitation(id)!, b.me.id)).toBe(true)
    expect(needsAnswer(a.room.invitation(id)!, a.me.id)).toBe(false)
    await c.respond(b.room, id, { answer: 'no' })
    expect(needsAnswer(b.room.invitation(id)!, b.me.id)).toBe(false)
  })

  it('refuses answers that do not fit the invitation', async () => {
    const a = await peer()
    const ev = expectOk(await c.invite(a.room, 'event', event()))
    const pr = expectOk(await c.invite(a.room, 'proposal', proposal()))
    expect((await c.respond(a.room, ev.id, { answer: 'block', note: 'x' })).ok).toBe(false)
    expect((await c.respond(a.room, pr.id, { answer: 'yes' })).ok).toBe(false)
    expect((await c.respond(a.room, ev.id, { answer: 'yes', plus: 1 })).ok).toBe(false)
    expect((await c.respond(a.room, 'x'.repeat(21), { answer: 'yes' })).ok).toBe(false)
  })
})

describe('projects', () => {
  it('reaches its threshold and loses it again', async () => {
    const [a, b, cc] = [await peer(), await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'project', project({ threshold: 2 })))
    await sync(a, b, cc)
    await c.respond(b.room, id, { answer: 'yes' })
    await sync(a, b, cc)
    expect(a.room.invitation(id)).toMatchObject({ committed: 1, thresholdReached: false, status: 'open' })
    await c.respond(cc.room, id, { answer: 'yes', note: 'I can bring spades' })
    await sync(a, b, cc)
    expect(a.room.invitation(id)).toMatchObject({ committed: 2, thresholdReached: true, status: 'confirmed' })
    b.clock.t += HOUR
    await c.respond(b.room, id, { answer: 'no' })
    await sync(a, b, cc)
    expect(a.room.invitation(id)).toMatchObject({ committed: 1, thresholdReached: false, status: 'open' })
  })
})

describe('consent', () => {
  it('needs a reason to object or block, and one block blocks', async () => {
    const [a, b, cc] = [await peer(), await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'proposal', proposal()))
    await sync(a, b, cc)
    const noReason = await c.respond(b.room, id, { answer: 'block', note: '  ' })
    expect(noReason).toMatchObject({ ok: false, fields: { note: { code: 'reason-needed' } } })
    expectOk(await c.respond(b.room, id, { answer: 'block', note: 'It excludes night-shift members' }))
    expectOk(await c.respond(cc.room, id, { answer: 'agree' }))
    expectOk(await c.respond(a.room, id, { answer: 'object', note: 'Wording' }))
    await sync(a, b, cc)
    const v = cc.room.invitation(id)!
    expect(v.tally).toEqual({ agree: 1, abstain: 0, object: 1, block: 1 })
    expect(v.blocked).toBe(true)
    expect(v.concerns.map((r) => r.note).sort()).toEqual(['It excludes night-shift members', 'Wording'])
    b.clock.t += HOUR
    await c.respond(b.room, id, { answer: 'abstain' })
    await sync(a, b, cc)
    expect(cc.room.invitation(id)!.blocked).toBe(false)
  })

  it('closes with an outcome; stances after the close do not count', async () => {
    const [a, b] = [await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'proposal', proposal()))
    await sync(a, b)
    await c.respond(b.room, id, { answer: 'block', note: 'Not yet' })
    await sync(a, b)
    expect((await c.close(b.room, id, 'I decide')).ok).toBe(false)
    a.clock.t = T0 + HOUR
    expectOk(await c.close(a.room, id, 'Blocked; we revise and bring it back.', T0 + 30 * 24 * HOUR))
    b.clock.t = T0 + 2 * HOUR
    await c.respond(b.room, id, { answer: 'agree' })
    await sync(a, b)
    const v = b.room.invitation(id)!
    expect(v.status).toBe('closed')
    expect(v.closed).toMatchObject({ outcome: 'Blocked; we revise and bring it back.', review: T0 + 30 * 24 * HOUR })
    expect(v.blocked).toBe(true)
  })

  it('is closed once its closing date passes', async () => {
    const a = await peer()
    const { id } = expectOk(await c.invite(a.room, 'proposal', proposal()))
    a.clock.t = T0 + 49 * HOUR
    expect(a.room.invitation(id)!.status).toBe('closed')
  })
})
