import type { EventContent } from '../model/index.ts'

/** An iCalendar file for one event. The UID is the invitation's id, so an edited event updates the same entry. */
const stamp = (epoch: number) => new Date(epoch).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')

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

export const eventIcs = (id: string, e: EventContent, version: number, now = Date.now()): string =>
  [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Hearth//Invitations//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${id}@hearth`,
    `DTSTAMP:${stamp(now)}`,
    `SEQUENCE:${version}`,
    `DTSTART:${stamp(e.start)}`,
    `DTEND:${stamp(e.end)}`,
    `SUMMARY:${escape(e.title)}`,
    ...(e.text ? [`DESCRIPTION:${escape(e.text)}`] : []),
    `LOCATION:${escape(e.online ? `Online${e.place ? `: ${e.place}` : ''}` : e.place)}`,
    'END:VEVENT', 'END:VCALENDAR',
  ].map(fold).join('\r\n') + '\r\n'
