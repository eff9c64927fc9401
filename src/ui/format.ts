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

export const when = (epoch: number, tz?: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }).format(new Date(epoch))

export const ago = (epoch: number, now = Date.now()) => {
  const s = Math.round((epoch - now) / 1000)
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
  for (const [unit, size] of [['day', 86400], ['hour', 3600], ['minute', 60]] as const)
    if (Math.abs(s) >= size) return rtf.format(Math.round(s / size), unit)
  return rtf.format(s, 'second')
}

export const KIND_LABEL = { project: 'Project', event: 'Event', proposal: 'Proposal' } as const

/** A card's date: weekday, day, month and time; the year only when it is not this one. */
export const shortWhen = (epoch: number, tz?: string, now = Date.now()) => {
  const year = (t: number) => new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: tz }).format(new Date(t))
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZone: tz,
    ...(year(epoch) === year(now) ? {} : { year: 'numeric' }),
  }).format(new Date(epoch))
}

export const ANSWER_LABEL: Record<string, string> = {
  yes: 'Going', maybe: 'Maybe', no: 'Not going', agree: 'Agree', abstain: 'Abstain', object: 'Object', block: 'Block',
}
