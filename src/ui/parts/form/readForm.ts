import { LIMITS, MAX_OCCURRENCES, NEED_LIMITS, type Content, type Need, type EventContent, type Kind, type ProjectContent, type ProposalContent } from '../../../model/index.ts'
import { localZone, zonedToEpoch } from '../../format.ts'
import type { Problem } from '../../i18n/index.ts'

type Initial = Partial<ProjectContent & EventContent & ProposalContent> | undefined

/** A time zone as the browser names it (`europe/berlin` → `Europe/Berlin`), or null if it knows none by that name. */
export const canonicalZone = (tz: string): string | null => {
  const name = tz.trim()
  if (!name) return null
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

export const zoneNames = (): string[] => {
  try {
    return (Intl as unknown as { supportedValuesOf: (k: string) => string[] }).supportedValuesOf('timeZone')
  } catch {
    return []
  }
}

/** Field name → what is wrong with it, as the form itself can tell (see readForm). */
export type FormErrors = Record<string, Problem>

/** A count typed by a person: empty is "none", anything else must be a whole number in range, said plainly. */
const count = (errors: FormErrors, field: string, raw: FormDataEntryValue | null, min: number, max: number, unit: 'people' | 'places' | 'guests' | 'times') => {
  const text = String(raw ?? '').trim()
  if (!text) return undefined
  if (!/^\d+$/.test(text)) { errors[field] = { code: 'count-not-whole', unit, example: Math.max(min, 2) }; return undefined }
  const n = Number(text)
  if (n < min) errors[field] = { code: 'count-below', min }
  else if (n > max) errors[field] = { code: 'count-above', max, unit }
  return n
}


/** The needs typed in the form (see NeedsField): rows left empty are dropped. */
const needsIn = (f: FormData, errors: FormErrors): { needs?: Need[] } => {
  const ids = f.getAll('need-id').map(String)
  const whats = f.getAll('need-what').map((w) => String(w).trim())
  const ns = f.getAll('need-n')
  const needs = ids.map((id, i) => ({ id, what: whats[i] ?? '', n: count(errors, 'needs', ns[i] ?? '', 1, NEED_LIMITS.n, 'people') ?? 1 })).filter((n) => n.what)
  return needs.length ? { needs } : {}
}

/** How an event repeats, and the changes to single dates kept from before while the series stays the same. */
const readRepeat = (errors: FormErrors, f: FormData, zone: string | null, start: number, initial: Initial): Pick<EventContent, 'repeat' | 'except'> => {
  const every = String(f.get('repeat') ?? '')
  if (every !== 'week' && every !== 'month') return {}
  const times = count(errors, 'times', f.get('times'), 2, MAX_OCCURRENCES, 'times')
  const last = String(f.get('until') ?? '').trim()
  const until = times === undefined && last && zone ? zonedToEpoch(`${last}T23:59`, zone) : undefined
  const repeat = times !== undefined ? { every, times } : until !== undefined ? { every, until } : { every }
  const same = initial?.start === start && JSON.stringify(initial?.repeat) === JSON.stringify(repeat)
  return { repeat: repeat as EventContent['repeat'], except: same ? initial?.except : undefined }
}

/**
 * Reads the form into content, with what the form itself can tell: a zone no browser knows, a time already past,
 * a count out of range. The rest is left for the model's own validation to name.
 */
export const readForm = (kind: Kind, f: FormData, initial: Initial, now = Date.now()): { content: Content; errors: FormErrors } => {
  const errors: FormErrors = {}
  const named = { title: String(f.get('title') ?? ''), text: String(f.get('text') ?? '') }
  // an edit may keep a time that has passed since; only a time changed to the past is refused
  const past = (field: 'start' | 'closesAt', at: number) => {
    if (Number.isFinite(at) && at < now && at !== initial?.[field]) errors[field] = { code: 'time-past' }
  }
  // a project's skills wanted are needs now (an older project's read as needs, and keep their claims: see needsOf)
  const base = { ...named, ...needsIn(f, errors) }
  if (kind === 'project') {
    return { content: { ...base, skills: [], threshold: count(errors, 'threshold', f.get('threshold'), 1, LIMITS.count, 'people') }, errors }
  }
  if (kind === 'event') {
    const zone = canonicalZone(String(f.get('tz') ?? ''))
    if (!zone) errors.tz = { code: 'zone-unknown' }
    const tz = zone ?? String(f.get('tz') ?? '')
    // with no zone there is no telling the times apart: only the zone is blamed
    const at = (field: string) => (zone ? zonedToEpoch(String(f.get(field) ?? ''), zone) : 0)
    const start = at('start')
    const end = at('end')
    if (zone) past('start', start)
    const content: EventContent = {
      ...base, tz, place: String(f.get('place') ?? ''), online: f.get('online') === 'on', start, end,
      capacity: count(errors, 'capacity', f.get('capacity'), 1, LIMITS.count, 'places'),
      plusOnes: count(errors, 'plusOnes', f.get('plusOnes'), 0, 20, 'guests') ?? 0,
      ...readRepeat(errors, f, zone, start, initial),
    }
    return { content, errors }
  }
  const closesAt = zonedToEpoch(String(f.get('closesAt') ?? ''), localZone())
  past('closesAt', closesAt)
  return { content: { ...base, closesAt }, errors }
}
