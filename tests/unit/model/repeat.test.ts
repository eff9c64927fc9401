import { describe, expect, it } from 'vitest'
import { commands as c, contentErrors, occurrencesOf, type EventContent } from '../../../src/model/index.ts'
import { seriesStarts, wallClock } from '../../../src/model/records/index.ts'
import { HOUR, T0, event, expectOk, peer, sync } from '../fixtures/model.ts'

const DAY = 24 * HOUR
const berlin = (t: number) => wallClock(t, 'Europe/Berlin').slice(3, 5).join(':')

describe('repeating events', () => {
  it('a weekly series keeps its wall-clock time across a clock change, as an RRULE does', () => {
    // Wednesday 14 October 2026, 18:00 in Berlin (summer time); clocks go back on 25 October
    const start = Date.UTC(2026, 9, 14, 16)
    const starts = seriesStarts(start, 'Europe/Berlin', { every: 'week', times: 4 })
    expect(starts.map(berlin)).toEqual(['18:0', '18:0', '18:0', '18:0'])
    expect(starts[3] - starts[2]).toBe(7 * DAY)
    expect(starts[2] - starts[1]).toBe(7 * DAY + HOUR)
  })

  it('a monthly series on the 31st skips the months without one, and stops at its last date', () => {
    const start = Date.UTC(2027, 0, 31, 10)
    const starts = seriesStarts(start, 'UTC', { every: 'month', until: Date.UTC(2027, 6, 1) })
    expect(starts.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual(['2027-01-31', '2027-03-31', '2027-05-31'])
  })

  it('refuses a series that has no end, repeats once, or changes a date it does not have', () => {
    const base = event()
    expect(contentErrors('event', { ...base, repeat: { every: 'week' } })).toHaveProperty('repeat')
    expect(contentErrors('event', { ...base, repeat: { every: 'week', times: 1 } })).toHaveProperty('repeat')
    expect(contentErrors('event', { ...base, repeat: { every: 'day', times: 3 } })).toHaveProperty('repeat')
    expect(contentErrors('event', { ...base, repeat: { every: 'week', times: 3, until: base.start + 30 * DAY } })).toHaveProperty('repeat')
    expect(contentErrors('event', { ...base, repeat: { every: 'week', times: 3 }, except: [{ at: base.start + DAY, cancelled: true }] })).toHaveProperty('except')
    expect(contentErrors('event', { ...base, except: [{ at: base.start, cancelled: true }] })).toHaveProperty('except')
    expect(contentErrors('event', { ...base, repeat: { every: 'week', times: 3 }, except: [{ at: base.start + 7 * DAY, cancelled: true }] })).toEqual({})
  })

  it('people answer each date on its own; the view is of the next date unless one is named', async () => {
    const ana = await peer()
    const ben = await peer()
    const weekly: EventContent = event({ repeat: { every: 'week', times: 3 }, capacity: 1 })
    const id = expectOk(await c.invite(ana.room, 'event', weekly)).id
    await sync(ana, ben)
    const [first, second] = occurrencesOf(ana.room.state(id)!)!
    expectOk(await c.respond(ben.room, id, { answer: 'yes', at: first.at }))
    expectOk(await c.respond(ben.room, id, { answer: 'no', at: second.at }))
    expectOk(await c.respond(ana.room, id, { answer: 'yes', at: second.at }))
    await sync(ana, ben)
    for (const p of [ana, ben]) {
      expect(p.room.invitation(id)!.occurrence!.at).toBe(first.at)
      expect(p.room.invitation(id)!.going.map((r) => r.member)).toEqual([ben.me.id])
      const v2 = p.room.occurrence(id, second.at)!
      expect(v2.going.map((r) => r.member)).toEqual([ana.me.id])
      expect(v2.declined.map((r) => r.member)).toEqual([ben.me.id])
    }
    // once the first date is over, the next one is what the room shows
    ben.clock.t = first.end + 1
    expect(ben.room.invitation(id)!.occurrence!.at).toBe(second.at)
    // a date the series doesn't have can't be answered
    expect(await c.respond(ben.room, id, { answer: 'yes', at: first.at + 1 })).toMatchObject({ ok: false, error: { code: 'not-here' } })
  })

  it('a host cancels or moves one date; others keep theirs, and nobody can answer the cancelled one', async () => {
    const ana = await peer()
    const ben = await peer()
    const weekly = event({ repeat: { every: 'week', times: 3 } })
    const id = expectOk(await c.invite(ana.room, 'event', weekly)).id
    const [, second, third] = occurrencesOf(ana.room.state(id)!)!
    expectOk(await c.edit(ana.room, id, { ...weekly, except: [{ at: second.at, cancelled: true }, { at: third.at, start: third.at + HOUR, place: 'The park' }] }))
    await sync(ana, ben)
    expect(ben.room.occurrence(id, second.at)!.status).toBe('cancelled')
    expect(ben.room.occurrence(id, third.at)!.occurrence).toMatchObject({ start: third.at + HOUR, end: third.end + HOUR, place: 'The park' })
    expect(await c.respond(ben.room, id, { answer: 'yes', at: second.at })).toMatchObject({ ok: false, error: { code: 'date-cancelled' } })
    expectOk(await c.respond(ben.room, id, { answer: 'yes', at: third.at }))
    // Ben is no host: his change to a date doesn't count
    expect(await c.edit(ben.room, id, { ...weekly, except: [{ at: third.at, cancelled: true }] })).toMatchObject({ ok: false })
    expect(T0).toBeLessThan(third.at)
  })
})
