import type { EventContent } from '../model/index.ts'

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

// one VEVENT; the UID is the invitation's id, so an edited event updates the same entry
const vevent = ({ id, content: e, version }: CalendarEvent, now: number, online: string): string[] => [
  'BEGIN:VEVENT',
  `UID:${escape(id)}@hearth`,
  `DTSTAMP:${stamp(now)}`,
  `SEQUENCE:${sequence(version)}`,
  `DTSTART:${stamp(e.start)}`,
  `DTEND:${stamp(e.end)}`,
  `SUMMARY:${escape(e.title)}`,
  ...(e.text ? [`DESCRIPTION:${escape(e.text)}`] : []),
  `LOCATION:${escape(e.online ? `${online}${e.place ? `: ${e.place}` : ''}` : e.place)}`,
  'END:VEVENT',
]

/** An iCalendar file of several events: a room's calendar. `name` titles it in the calendar app. */
export const calendarIcs = (events: CalendarEvent[], name: string, now = Date.now(), online = 'Online'): string =>
  [...HEAD, `X-WR-CALNAME:${escape(name)}`, ...events.flatMap((e) => vevent(e, now, online)), 'END:VCALENDAR'].map(fold).join('\r\n') + '\r\n'

/**
 * An iCalendar file for one event. `online` is the word for an online place in the person's language.
 */
export const eventIcs = (id: string, e: EventContent, version: number, now = Date.now(), online = 'Online'): string =>
  [...HEAD, ...vevent({ id, content: e, version }, now, online), 'END:VCALENDAR'].map(fold).join('\r\n') + '\r\n'
