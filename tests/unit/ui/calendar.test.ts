import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { occurrences } from '../../../src/model/index.ts'
import { calendarIcs } from '../../../src/ui/calendar/ics.ts'
import { HOUR, event } from '../fixtures/model.ts'

const DAY = 24 * HOUR

/** What a calendar app would show: every instance in the file, as ical.js (a real iCalendar parser) expands it. */
const instances = (ics: string) => {
  const cal = new ICAL.Component(ICAL.parse(ics))
  for (const z of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(z))
  const vevents = cal.getAllSubcomponents('vevent')
  const masters = vevents.filter((v) => !v.hasProperty('recurrence-id')).map((v) => new ICAL.Event(v))
  for (const v of vevents.filter((v) => v.hasProperty('recurrence-id'))) {
    const ex = new ICAL.Event(v)
    masters.find((m) => m.uid === ex.uid)!.relateException(ex)
  }
  const out: { uid: string; title: string; start: number; end: number; place: string }[] = []
  for (const m of masters) {
    if (!m.isRecurring()) {
      out.push({ uid: m.uid, title: m.summary, start: m.startDate.toJSDate().getTime(), end: m.endDate.toJSDate().getTime(), place: m.location })
      continue
    }
    const it = m.iterator()
    for (let next = it.next(); next; next = it.next()) {
      const d = m.getOccurrenceDetails(next)
      out.push({ uid: m.uid, title: d.item.summary, start: d.startDate.toJSDate().getTime(), end: d.endDate.toJSDate().getTime(), place: d.item.location })
    }
  }
  ICAL.TimezoneService.reset()
  return out.sort((a, b) => a.start - b.start)
}

describe("a room's calendar file", () => {
  it('holds every event given, and reads back the same in a real iCalendar parser', () => {
    const a = event({ title: 'Potluck' })
    const b = event({ title: 'Repair café', start: a.start + 3 * DAY, end: a.start + 3 * DAY + 2 * HOUR, place: 'Library, room 2' })
    const got = instances(calendarIcs([{ id: 'a', content: a, version: 1 }, { id: 'b', content: b, version: 2 }], 'Our room', 0))
    expect(got).toEqual([
      { uid: 'a@hearth', title: 'Potluck', start: a.start, end: a.end, place: 'The hall' },
      { uid: 'b@hearth', title: 'Repair café', start: b.start, end: b.end, place: 'Library, room 2' },
    ])
  })

  it('carries a weekly series across a clock change, with a cancelled date left out and a moved one moved', () => {
    // 18:00 in Berlin from 14 October 2026, six times; the clocks go back on 25 October
    const start = Date.UTC(2026, 9, 14, 16)
    const weekly = event({ title: 'Skill share', start, end: start + 2 * HOUR, tz: 'Europe/Berlin', repeat: { every: 'week', times: 6 } })
    const dates = occurrences(weekly)
    const content = { ...weekly, except: [{ at: dates[1].at, cancelled: true as const }, { at: dates[3].at, start: dates[3].at + HOUR, place: 'The park' }] }
    const got = instances(calendarIcs([{ id: 's', content, version: 2 }], 'Our room', 0))
    const want = occurrences(content).filter((o) => !o.cancelled).map((o) => ({ uid: 's@hearth', title: 'Skill share', start: o.start, end: o.end, place: o.place }))
    expect(want).toHaveLength(5)
    expect(got).toEqual(want)
    // after the change the series is at 17:00 UTC: still 18:00 on a Berlin wall
    expect(new Date(got[1].start).toISOString()).toBe('2026-10-28T17:00:00.000Z')
  })

  it('a monthly series until a date', () => {
    const start = Date.UTC(2027, 0, 31, 10)
    const monthly = event({ title: 'Assembly', start, end: start + HOUR, tz: 'UTC', repeat: { every: 'month', until: Date.UTC(2027, 6, 1) } })
    const got = instances(calendarIcs([{ id: 'm', content: monthly, version: 1 }], 'Our room', 0))
    expect(got.map((g) => new Date(g.start).toISOString().slice(0, 10))).toEqual(['2027-01-31', '2027-03-31', '2027-05-31'])
  })
})
