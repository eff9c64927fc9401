import { describe, expect, it } from 'vitest'
import { commands as c, invitationNews, roomNews } from '../../../src/model/index.ts'
import { HOUR, T0, event, expectOk, peer, proposal, sync } from '../fixtures/model.ts'

// what changed since a person last looked: from the local document alone, the same for any arrival order
describe("what's new", () => {
  const setup = async () => {
    const ana = await peer()
    const ben = await peer()
    return { ana, ben }
  }
  const newsFor = (p: Awaited<ReturnType<typeof peer>>, since: number | ((id: string) => number)) =>
    roomNews(p.room.invitations(), (id) => p.room.ledger.comments.get(id)?.values() ?? [], p.me.id,
      typeof since === 'number' ? () => since : since, p.clock.t)

  it('counts invitations by others, answers to what I host and comments by others, made after I looked', async () => {
    const { ana, ben } = await setup()
    const old = expectOk(await c.invite(ana.room, 'event', event({ title: 'Old' }))).id
    await sync(ana, ben)
    const looked = T0 + HOUR
    for (const p of [ana, ben]) p.clock.t = T0 + 2 * HOUR
    const fresh = expectOk(await c.invite(ana.room, 'event', event({ title: 'Fresh' }))).id
    await sync(ana, ben)
    expectOk(await c.respond(ben.room, old, { answer: 'yes' }))
    expectOk(await c.comment(ben.room, old, 'I can bring chairs'))
    expectOk(await c.comment(ana.room, old, 'Thanks!'))
    await sync(ana, ben)
    // Ben: one new invitation (Fresh); Ana's comment is new to him; answers are only news to hosts
    expect(newsFor(ben, looked)).toEqual({ invitations: 1, answers: 0, comments: 1, closingSoon: 0, offers: 0 })
    // Ana: her own invitations are not news; Ben's answer and comment are
    expect(newsFor(ana, looked)).toEqual({ invitations: 0, answers: 1, comments: 1, closingSoon: 0, offers: 0 })
    // looked after it all: nothing is new
    expect(newsFor(ben, ben.clock.t + 1)).toEqual({ invitations: 0, answers: 0, comments: 0, closingSoon: 0, offers: 0 })
    // Ben opened "Fresh" since: only its own mark clears
    const opened = (id: string) => (id === fresh ? ben.clock.t : looked)
    expect(newsFor(ben, opened)).toMatchObject({ invitations: 0, comments: 1 })
  })

  it('marks a proposal closing within a day until it is looked at, and an offer to co-host until answered', async () => {
    const { ana, ben } = await setup()
    const soon = expectOk(await c.invite(ana.room, 'proposal', proposal({ closesAt: T0 + 30 * HOUR }))).id
    const ev = expectOk(await c.invite(ana.room, 'event', event())).id
    expectOk(await c.inviteCohost(ana.room, ev, ben.me.id))
    await sync(ana, ben)
    const seenAtStart = T0 - HOUR
    ben.clock.t = T0 + 2 * HOUR
    // a day and 28 hours away: not soon yet
    expect(newsFor(ben, seenAtStart)).toMatchObject({ closingSoon: 0, offers: 1, invitations: 2 })
    ben.clock.t = T0 + 10 * HOUR
    expect(newsFor(ben, seenAtStart)).toMatchObject({ closingSoon: 1 })
    // looked at once it was this close: the mark is gone
    expect(newsFor(ben, (id) => (id === soon ? T0 + 9 * HOUR : seenAtStart))).toMatchObject({ closingSoon: 0 })
    expectOk(await c.acceptCohost(ben.room, ev))
    expect(newsFor(ben, seenAtStart)).toMatchObject({ offers: 0 })
  })

  it('a comment claiming a time from the future is not kept new for ever, and edits are not news', async () => {
    const { ana, ben } = await setup()
    const id = expectOk(await c.invite(ana.room, 'event', event())).id
    await sync(ana, ben)
    ben.clock.t = T0 + 365 * 24 * HOUR
    expectOk(await c.comment(ben.room, id, 'From the future'))
    ben.clock.t = T0 + HOUR
    await sync(ana, ben)
    ana.clock.t = T0 + HOUR
    const v = ana.room.invitation(id)!
    expect(invitationNews(v, ana.room.ledger.comments.get(id)!.values(), ana.me.id, T0, ana.clock.t).comments).toBe(0)
  })
})
