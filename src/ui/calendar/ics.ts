import { occurrences, type EventContent } from '../../model/index.ts'
import { localStamp, vtimezone } from './ics-zone.ts'

// the latest instant iCalendar's DATE-TIME can write (9999-12-31T23:59:59Z)
const LAST = 253_402_300_799_000
const stamp = (epoch: number) => {
  const t = Number.isFinite(epoch) ? Math.min(Math.max(epoch, 0), LAST) : 0
  return new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

// every way text can break a line (CRLF, CR, LF, NEL, U+2028/2029) becomes one escaped newline;
// every other control character goes, so no field can start a line of its own
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

const escape = (text: string) =>
  text
    .replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,')
    .replace(LINE_BREAK, '\\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')

/** Lines of at most 75 octets, continued with a space (RFC 5545 §3.1). */
const fold = (line: string) => {
  const bytes = new TextEncoder().encode(line)
  if (bytes.length <= 75) return line
  const out: string[] = []
  let current = ''
  let size = 0
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length
    if (size + n > (out.length ? 74 : 75)) {
      out.push(current)
      current = ''
      size = 0
    }
    current += ch
    size += n
  }
  out.push(current)
  return out.join('\r\n ')
}

const sequence = (version: number) => (Number.isSafeInteger(version) && version >= 0 ? version : 0)

const HEAD = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Hearth//Invitations//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']

export interface CalendarEvent { id: string; content: EventContent; version: number }

const place = (e: { online: boolean; place: string }, online: string) =>
  `LOCATION:${escape(e.online ? `${online}${e.place ? `: ${e.place}` : ''}` : e.place)}`

// one VEVENT; the UID is the invitation's id, so an edited event updates the same entry
const single = ({ id, content: e, version }: CalendarEvent, now: number, online: string): string[] => [
  'BEGIN:VEVENT',
  `UID:${escape(id)}@hearth`,
  `DTSTAMP:${stamp(now)}`,
  `SEQUENCE:${sequence(version)}`,
  `DTSTART:${stamp(e.start)}`,
  `DTEND:${stamp(e.end)}`,
  `SUMMARY:${escape(e.title)}`,
  ...(e.text ? [`DESCRIPTION:${escape(e.text)}`] : []),
  place(e, online),
  'END:VEVENT',
]

/**
 * A repeating event: the series in its own zone with an RRULE, its cancelled dates as EXDATEs, and each moved or
 * relocated date as an override naming the date it replaces (RECURRENCE-ID).
 */
const series = (ev: CalendarEvent, now: number, online: string): string[] => {
  const { id, content: e, version } = ev
  const r = e.repeat!
  const tz = e.tz
  const zoned = (name: string, t: number) => `${name};TZID=${tz}:${localStamp(t, tz)}`
  const rule = `RRULE:FREQ=${r.every === 'week' ? 'WEEKLY' : 'MONTHLY'};${r.times !== undefined ? `COUNT=${r.times}` : `UNTIL=${stamp(r.until!)}`}`
  const list = occurrences(e)
  const overrides = list.filter((o) => !o.cancelled && (o.start !== o.at || o.end !== o.at + (e.end - e.start) || o.place !== e.place))
  const head = [`UID:${escape(id)}@hearth`, `DTSTAMP:${stamp(now)}`, `SEQUENCE:${sequence(version)}`]
  return [
    'BEGIN:VEVENT', ...head,
    zoned('DTSTART', e.start), zoned('DTEND', e.end), rule,
    ...list.filter((o) => o.cancelled).map((o) => zoned('EXDATE', o.at)),
    `SUMMARY:${escape(e.title)}`, ...(e.text ? [`DESCRIPTION:${escape(e.text)}`] : []), place(e, online),
    'END:VEVENT',
    ...overrides.flatMap((o) => [
      'BEGIN:VEVENT', ...head, zoned('RECURRENCE-ID', o.at), `DTSTART:${stamp(o.start)}`, `DTEND:${stamp(o.end)}`,
      `SUMMARY:${escape(e.title)}`, place({ online: e.online, place: o.place }, online), 'END:VEVENT',
    ]),
  ]
}

const vevent = (ev: CalendarEvent, now: number, online: string) => (ev.content.repeat ? series(ev, now, online) : single(ev, now, online))

// each zone a repeating event is in, described over the span of its events
const zones = (events: CalendarEvent[]): string[] => {
  const spans = new Map<string, [number, number]>()
  for (const { content: e } of events) {
    if (!e.repeat) continue
    const last = occurrences(e).at(-1)?.end ?? e.end
    const [from, to] = spans.get(e.tz) ?? [e.start, last]
    spans.set(e.tz, [Math.min(from, e.start), Math.max(to, last)])
  }
  return [...spans].flatMap(([tz, [from, to]]) => vtimezone(tz, from, to))
}

/** An iCalendar file of several events: a room's calendar. `name` titles it in the calendar app. */
export const calendarIcs = (events: CalendarEvent[], name: string, now = Date.now(), online = 'Online'): string =>
  [...HEAD, `X-WR-CALNAME:${escape(name)}`, ...zones(events), ...events.flatMap((e) => vevent(e, now, online)), 'END:VCALENDAR'].map(fold).join('\r\n') + '\r\n'

/**
 * An iCalendar file for one event. `online` is the word for an online place in the person's language.
 */
export const eventIcs = (id: string, e: EventContent, version: number, now = Date.now(), online = 'Online'): string =>
  [...HEAD, ...zones([{ id, content: e, version }]), ...vevent({ id, content: e, version }, now, online), 'END:VCALENDAR'].map(fold).join('\r\n') + '\r\n'
