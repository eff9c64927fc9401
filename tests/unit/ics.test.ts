import { describe, expect, it } from 'vitest'
import { eventIcs } from '../../src/ui/ics.ts'
import { event } from './helpers.ts'

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
