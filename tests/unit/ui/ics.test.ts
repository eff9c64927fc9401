import { describe, expect, it } from 'vitest'
import { eventIcs } from '../../../src/ui/calendar/ics.ts'
import { event } from '../fixtures/model.ts'

describe('calendar file', () => {
  it('is valid iCalendar with a stable UID across edits', () => {
    const first = eventIcs('abc', event(), 1, 0)
    const edited = eventIcs('abc', event({ title: 'Potluck; moved, again\nsee you' }), 3, 0)
    for (const ics of [first, edited]) {
      expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
      expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true)
      expect(ics).toContain('UID:abc@hearth\r\n')
      expect(ics).toContain('DTSTART:20261202T120000Z')
      expect(ics).toContain('DTEND:20261202T150000Z')
    }
    expect(edited).toContain('SUMMARY:Potluck\\; moved\\, again\\nsee you')
    expect(edited).toContain('SEQUENCE:3')
  })

  it('folds long lines at 75 octets without splitting a character', () => {
    const ics = eventIcs('abc', event({ text: 'ü'.repeat(200) }), 1, 0)
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    const unfolded = ics.replace(/\r\n /g, '')
    expect(unfolded).toContain(`DESCRIPTION:${'ü'.repeat(200)}`)
  })
})

describe('calendar file: no field can inject a line', () => {
  const hostile = [
    'Potluck\r\nATTENDEE:mailto:evil@example.org', 'Potluck\rX-EVIL:1', 'Potluck\nBEGIN:VALARM', 'Potluck\u2028ATTENDEE:evil',
    'Potluck\u2029END:VEVENT', 'Potluck\u0085DTSTART:19700101T000000Z', 'nul\u0000 esc\u001b[31m del\u007f csi\u009b tab\tvt\u000b ff\u000c',
  ]
  const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
  const PROPERTIES = ['BEGIN', 'END', 'VERSION', 'PRODID', 'CALSCALE', 'METHOD', 'UID', 'DTSTAMP', 'SEQUENCE', 'DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION', 'LOCATION']

  const lines = (ics: string) => {
    expect(ics.endsWith('\r\n')).toBe(true)
    const folded = ics.slice(0, -2).split('\r\n')
    for (const line of folded) {
      expect(line, JSON.stringify(line)).not.toMatch(CONTROLS)
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    }
    return ics.slice(0, -2).replace(/\r\n /g, '').split('\r\n')
  }

  it('escapes line breaks (CR, LF, CRLF, U+2028/2029, NEL) and drops other C0/C1 controls, in the title, description and place', () => {
    for (const text of hostile) {
      for (const over of [{ title: text }, { text }, { place: text }, { place: text, online: true }]) {
        const unfolded = lines(eventIcs('abc', event(over), 1, 0))
        expect(unfolded.map((l) => l.split(/[:;]/)[0]).every((name) => PROPERTIES.includes(name)), JSON.stringify(unfolded)).toBe(true)
        expect(unfolded.filter((l) => l === 'BEGIN:VEVENT' || l === 'END:VEVENT')).toHaveLength(2)
        expect(unfolded.filter((l) => l.startsWith('DTSTART:'))).toEqual(['DTSTART:20261202T120000Z'])
      }
    }
    const unfolded = lines(eventIcs('abc', event({ title: hostile[0], text: hostile[6], place: hostile[3] }), 1, 0))
    expect(unfolded).toContain('SUMMARY:Potluck\\nATTENDEE:mailto:evil@example.org')
    expect(unfolded).toContain('LOCATION:Potluck\\nATTENDEE:evil')
    expect(unfolded).toContain('DESCRIPTION:nul esc[31m del csi tab vt ff')
  })

  it('keeps the id, version and times from breaking the file', () => {
    const unfolded = lines(eventIcs('abc\r\nATTENDEE:evil', event({ start: Number.NaN, end: 1e20 }), Number.NaN, 0))
    expect(unfolded).toContain('UID:abc\\nATTENDEE:evil@hearth')
    expect(unfolded).toContain('SEQUENCE:0')
    expect(unfolded.filter((l) => /^DT(START|END):\d{8}T\d{6}Z$/.test(l))).toHaveLength(2)
  })

  it('folds a long hostile line at 75 octets without splitting a character or an escape from its line', () => {
    const text = `${'ü'.repeat(30)}\r\n${'x'.repeat(100)}\u2028${'€'.repeat(40)}`
    const unfolded = lines(eventIcs('abc', event({ text }), 1, 0))
    expect(unfolded).toContain(`DESCRIPTION:${'ü'.repeat(30)}\\n${'x'.repeat(100)}\\n${'€'.repeat(40)}`)
  })
})
