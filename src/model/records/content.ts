import { LIMITS, type Content, type Kind } from './records.ts'

/** Field name → what is wrong with it, in words a person can act on. Empty when the content is fine. */
export type FieldErrors = Record<string, string>

export const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
export const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
const isTime = (v: unknown): v is number => isInt(v, 0, 8_640_000_000_000_000)

const zones = new Map<string, boolean>()
const validZone = (tz: string): boolean => {
  let ok = zones.get(tz)
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      ok = true
    } catch {
      ok = false
    }
    if (zones.size < 1000) zones.set(tz, ok)
  }
  return ok
}

const text = (errors: FieldErrors, c: Record<string, unknown>, field: string, max: number, required: boolean) => {
  const v = c[field]
  if (typeof v !== 'string') errors[field] = 'Must be text.'
  else if (required && !v.trim()) errors[field] = 'Please fill this in.'
  else if (v.length > max) errors[field] = `At most ${max.toLocaleString('en')} characters (now ${v.length.toLocaleString('en')}).`
}

const ALLOWED: Record<Kind, string[]> = {
  project: ['title', 'text', 'skills', 'threshold'],
  event: ['title', 'text', 'start', 'end', 'tz', 'place', 'online', 'capacity', 'plusOnes'],
  proposal: ['title', 'text', 'closesAt'],
}

/** Checks an invitation's content for its kind. Never throws, whatever `c` is. */
export const contentErrors = (kind: Kind, c: unknown): FieldErrors => {
  const errors: FieldErrors = {}
  if (!isObj(c) || !ALLOWED[kind]) return { form: 'Not an invitation.' }
  for (const k of Object.keys(c)) if (!ALLOWED[kind].includes(k) && c[k] !== undefined) errors[k] = 'Unknown field.'
  text(errors, c, 'title', LIMITS.title, true)
  text(errors, c, 'text', LIMITS.text, kind === 'proposal')
  if (kind === 'project') {
    const skills = c.skills
    if (!Array.isArray(skills) || skills.length > LIMITS.skills) errors.skills = `Up to ${LIMITS.skills} skills or roles.`
    else if (skills.some((s) => typeof s !== 'string' || !s.trim() || s.length > LIMITS.skill))
      errors.skills = `Each skill or role is 1 to ${LIMITS.skill} characters.`
    if (c.threshold !== undefined && !isInt(c.threshold, 1, LIMITS.count))
      errors.threshold = 'A whole number of people, at least 1.'
  }
  if (kind === 'event') {
    if (!isTime(c.start)) errors.start = 'Please give a start date and time.'
    if (!isTime(c.end)) errors.end = 'Please give an end date and time.'
    else if (isTime(c.start) && c.end < c.start) errors.end = 'The end is before the start.'
    if (typeof c.tz !== 'string' || c.tz.length > LIMITS.tz || !validZone(c.tz)) errors.tz = 'Unknown time zone.'
    text(errors, c, 'place', LIMITS.place, false)
    if (typeof c.online !== 'boolean') errors.online = 'Online or not.'
    if (!errors.place && !c.online && !(c.place as string).trim()) errors.place = 'Where is it? Give a place, or mark it online.'
    if (c.capacity !== undefined && !isInt(c.capacity, 1, LIMITS.count)) errors.capacity = 'A whole number of places, at least 1.'
    if (!isInt(c.plusOnes, 0, 20)) errors.plusOnes = 'From 0 to 20 guests each.'
  }
  if (kind === 'proposal' && !isTime(c.closesAt)) errors.closesAt = 'Please give a closing date and time.'
  return errors
}

export const isContent = (kind: Kind, c: unknown): c is Content => Object.keys(contentErrors(kind, c)).length === 0
