import { wallClock } from '../../model/index.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** A wall-clock time as iCalendar writes a local DATE-TIME: 20261014T180000. */
export const localStamp = (t: number, tz: string) => {
  const [y, mo, d, h, mi, s] = wallClock(t, tz)
  return `${pad(y, 4)}${pad(mo)}${pad(d)}T${pad(h)}${pad(mi)}${pad(s)}`
}

const offsetAt = (t: number, tz: string) => {
  const [y, mo, d, h, mi, s] = wallClock(t, tz)
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(t / 1000) * 1000
}

const offsetText = (ms: number) => {
  const m = Math.round(Math.abs(ms) / 60_000)
  return `${ms < 0 ? '-' : '+'}${pad(Math.floor(m / 60))}${pad(m % 60)}`
}

/** The instants in [from, to] when `tz`'s offset changes, to the minute. */
const transitions = (tz: string, from: number, to: number): number[] => {
  const out: number[] = []
  let before = offsetAt(from, tz)
  for (let day = from + DAY; day <= to + DAY; day += DAY) {
    const now = offsetAt(day, tz)
    if (now === before) continue
    let lo = day - DAY
    let hi = day
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 2)
      if (offsetAt(mid, tz) === before) lo = mid
      else hi = mid
    }
    out.push(hi)
    before = now
  }
  return out
}

/**
 * A VTIMEZONE for `tz` over [from, to] (RFC 5545 §3.6.5): the offset at `from`, then each change, as fixed dates.
 * It lets a repeating event keep its wall-clock time in any calendar app, across clock changes.
 */
export const vtimezone = (tz: string, from: number, to: number): string[] => {
  const first = offsetAt(from, tz)
  const lines = ['BEGIN:VTIMEZONE', `TZID:${tz}`,
    'BEGIN:STANDARD', `DTSTART:${localStamp(from - DAY, tz)}`, `TZOFFSETFROM:${offsetText(first)}`, `TZOFFSETTO:${offsetText(first)}`, 'END:STANDARD']
  let previous = first
  for (const t of transitions(tz, from - DAY, to)) {
    const next = offsetAt(t, tz)
    const kind = next > previous ? 'DAYLIGHT' : 'STANDARD'
    // the moment of change, in the wall-clock time that held before it
    const local = new Date(t + previous).toISOString().replace(/[-:]/g, '').slice(0, 15)
    lines.push(`BEGIN:${kind}`, `DTSTART:${local}`, `TZOFFSETFROM:${offsetText(previous)}`, `TZOFFSETTO:${offsetText(next)}`, `END:${kind}`)
    previous = next
  }
  lines.push('END:VTIMEZONE')
  return lines
}
