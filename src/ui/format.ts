import type { Answer, Kind, Stance } from '../model/index.ts'
import { dateTime, relative, t } from './i18n/index.ts'

/** Dates in the person's locale; events in their own time zone. */
const offsetAt = (epoch: number, tz: string): number => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(epoch))
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value)
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(epoch / 1000) * 1000
}

/** `2026-12-01T18:00` as wall time in `tz` → epoch ms, or NaN. */
export const zonedToEpoch = (local: string, tz: string): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!m) return NaN
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5])
  try {
    let guess = wall - offsetAt(wall, tz)
    guess = wall - offsetAt(guess, tz)
    return guess
  } catch {
    return NaN
  }
}

/** epoch ms → `2026-12-01T18:00` as wall time in `tz`. */
export const epochToZoned = (epoch: number, tz: string): string => {
  try {
    const d = new Date(epoch + offsetAt(epoch, tz))
    return d.toISOString().slice(0, 16)
  } catch {
    return ''
  }
}

export const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

/** A date and time in the chosen language, in `tz` (an event's own zone) or this device's zone. */
export const when = (epoch: number, tz?: string) => dateTime(epoch, { dateStyle: 'medium', timeStyle: 'short' }, tz)

export const ago = (epoch: number, now = Date.now()) => {
  const s = Math.round((epoch - now) / 1000)
  for (const [unit, size] of [['day', 86400], ['hour', 3600], ['minute', 60]] as const)
    if (Math.abs(s) >= size) return relative(Math.round(s / size), unit)
  return relative(s, 'second')
}

export const kindLabel = (kind: Kind) => t(`kind.${kind}`)

/** A card's date: weekday, day, month and time; the year only when it is not this one. */
export const shortWhen = (epoch: number, tz?: string, now = Date.now()) => {
  const year = (at: number) => dateTime(at, { year: 'numeric' }, tz)
  return dateTime(epoch, {
    weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit',
    ...(year(epoch) === year(now) ? {} : { year: 'numeric' }),
  }, tz)
}

/** How an answer reads in a list or a badge: "Going", "Not going", "Agree". */
export const answerLabel = (answer: Answer | Stance) => t(`answer.${answer}`)
