import type { FieldError } from '../errors.ts'
import { LIMITS, type Exception, type Repeat } from '../records.ts'

export interface Occurrence {
  /** when the series says it begins: the name answers and exceptions give it */
  at: number
  start: number
  end: number
  place: string
  cancelled: boolean
}

interface Series { start: number; end: number; tz: string; place: string; repeat?: Repeat; except?: Exception[] }

export const MAX_OCCURRENCES = 260
export const MAX_EXCEPTIONS = 100
const DAY = 86_400_000
// a series reaches at most five years ahead of its first occurrence
const SPAN = 5 * 366 * DAY

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 8.64e15

// Intl takes a zone's name in any letter case, so names are endless: a series makes its formatter once, not per date
const formats = new Map<string, Intl.DateTimeFormat>()
const formatIn = (tz: string) => {
  let f = formats.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    if (formats.size < 100) formats.set(tz, f)
  }
  return f
}

const wallOf = (f: Intl.DateTimeFormat, t: number): number[] => {
  const out: Record<string, number> = {}
  for (const p of f.formatToParts(new Date(t))) if (p.type !== 'literal') out[p.type] = Number(p.value)
  return [out.year, out.month, out.day, out.hour, out.minute, out.second]
}

/** The wall clock in `tz` at instant `t`: [year, month (1-12), day, hour, minute, second]. */
export const wallClock = (t: number, tz: string): number[] => wallOf(formatIn(tz), t)

const offsetAt = (t: number, f: Intl.DateTimeFormat) => {
  const [y, mo, d, h, mi, s] = wallOf(f, t)
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(t / 1000) * 1000
}

/** The instant a wall-clock time names in the zone `f` formats (the earlier one when a clock change makes it ambiguous). */
const instantOf = (y: number, mo: number, d: number, h: number, mi: number, s: number, f: Intl.DateTimeFormat) => {
  const naive = Date.UTC(y, mo - 1, d, h, mi, s)
  const first = naive - offsetAt(naive, f)
  return naive - offsetAt(first, f)
}

/**
 * The dates a series names, at the same wall-clock time in its zone (so a weekly 18:00 stays 18:00 across a clock
 * change), the way an iCalendar RRULE does: a monthly series on the 31st skips months without one.
 */
export const seriesStarts = (start: number, tz: string, repeat: Repeat): number[] => {
  const f = formatIn(tz)
  const [y, mo, d, h, mi, s] = wallOf(f, start)
  const out: number[] = []
  const last = Math.min(repeat.until ?? Infinity, start + SPAN)
  const times = Math.min(repeat.times ?? MAX_OCCURRENCES, MAX_OCCURRENCES)
  for (let k = 0; out.length < times && k < MAX_OCCURRENCES * 2; k++) {
    let t: number
    if (repeat.every === 'week') t = instantOf(y, mo, d + 7 * k, h, mi, s, f)
    else {
      const month = new Date(Date.UTC(y, mo - 1 + k, 1))
      const days = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)).getUTCDate()
      if (d > days) continue
      t = instantOf(month.getUTCFullYear(), month.getUTCMonth() + 1, d, h, mi, s, f)
    }
    if (t > last) break
    out.push(t)
  }
  return out
}

/** Every occurrence of an event, with a host's changes to each; an event that doesn't repeat has one. */
export const occurrences = (e: Series): Occurrence[] => {
  const length = e.end - e.start
  const starts = e.repeat ? seriesStarts(e.start, e.tz, e.repeat) : [e.start]
  const changed = new Map((e.except ?? []).map((x) => [x.at, x]))
  return starts.map((at) => {
    const x = changed.get(at)
    const start = x?.start ?? at
    return { at, start, end: x?.end ?? (x?.start !== undefined ? x.start + length : at + length), place: x?.place ?? e.place, cancelled: !!x?.cancelled }
  })
}

/** The occurrence a person is most likely asking about now: the first not yet over, else the last. */
export const nextOccurrence = (list: Occurrence[], now: number): Occurrence | undefined =>
  list.find((o) => !o.cancelled && o.end > now) ?? list.find((o) => o.end > now) ?? list[list.length - 1]

/** What is wrong with an event's repeat and exceptions, if anything (see contentErrors). */
export const repeatErrors = (errors: Record<string, FieldError>, c: Record<string, unknown>) => {
  const r = c.repeat
  if (r !== undefined) {
    const o = r as Record<string, unknown>
    const keysOk = !!r && typeof r === 'object' && !Array.isArray(r) && Object.keys(o).every((k) => ['every', 'times', 'until'].includes(k))
    if (!keysOk || (o.every !== 'week' && o.every !== 'month')) errors.repeat = { code: 'repeat-how' }
    else if ((o.times === undefined) === (o.until === undefined)) errors.repeat = { code: 'repeat-until' }
    else if (o.times !== undefined && !(typeof o.times === 'number' && Number.isInteger(o.times) && o.times >= 2 && o.times <= MAX_OCCURRENCES))
      errors.repeat = { code: 'repeat-times', max: MAX_OCCURRENCES }
    else if (o.until !== undefined && !(isTime(o.until) && isTime(c.start) && o.until > c.start && o.until <= c.start + SPAN))
      errors.repeat = { code: 'repeat-until-date' }
  }
  const x = c.except
  if (x === undefined) return
  if (r === undefined || errors.repeat || !Array.isArray(x) || x.length > MAX_EXCEPTIONS) { errors.except = { code: 'occurrence-changes' }; return }
  if (!isTime(c.start) || typeof c.tz !== 'string' || errors.tz) return
  const starts = new Set(seriesStarts(c.start, c.tz, r as Repeat))
  const seen = new Set<number>()
  for (const e of x as Record<string, unknown>[]) {
    const ok = !!e && typeof e === 'object' && Object.keys(e).every((k) => ['at', 'cancelled', 'start', 'end', 'place'].includes(k)) &&
      isTime(e.at) && starts.has(e.at) && !seen.has(e.at) &&
      (e.cancelled === undefined || e.cancelled === true) &&
      (e.start === undefined || isTime(e.start)) && (e.end === undefined || isTime(e.end)) &&
      (e.end === undefined || e.end >= ((e.start as number | undefined) ?? e.at)) &&
      (e.place === undefined || (typeof e.place === 'string' && e.place.length <= LIMITS.place))
    if (!ok) { errors.except = { code: 'occurrence-changes' }; return }
    seen.add(e.at as number)
  }
}
