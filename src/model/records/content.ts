import { isMemberKey } from '../../identity/index.ts'
import type { FieldError } from './errors.ts'
import { LIMITS, type Content, type Kind } from './records.ts'
import { needsErrors } from './needs.ts'
import { repeatErrors } from './time/index.ts'

/** Field name → what is wrong with it, as something a person can act on. Empty when the content is fine. */
export type FieldErrors = Record<string, FieldError>

export const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
export const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
const isDevices = (v: unknown): boolean =>
  Array.isArray(v) && v.length <= LIMITS.members && v.every((m) => typeof m === 'string' && isMemberKey(m)) && new Set(v).size === v.length
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
  if (typeof v !== 'string') errors[field] = { code: 'must-be-text' }
  else if (required && !v.trim()) errors[field] = { code: 'fill-in' }
  else if (v.length > max) errors[field] = { code: 'text-at-most', max, now: v.length }
}

const ALLOWED: Record<Kind, string[]> = {
  project: ['title', 'text', 'skills', 'threshold', 'needs'],
  event: ['title', 'text', 'start', 'end', 'tz', 'place', 'online', 'capacity', 'plusOnes', 'needs', 'repeat', 'except'],
  proposal: ['title', 'text', 'closesAt', 'remove', 'counts', 'needs'],
}

/** Checks an invitation's content for its kind. Never throws, whatever `c` is. */
export const contentErrors = (kind: Kind, c: unknown): FieldErrors => {
  const errors: FieldErrors = {}
  if (!isObj(c) || !ALLOWED[kind]) return { form: { code: 'not-an-invitation' } }
  for (const k of Object.keys(c)) if (!ALLOWED[kind].includes(k) && c[k] !== undefined) errors[k] = { code: 'unknown-field' }
  text(errors, c, 'title', LIMITS.title, true)
  text(errors, c, 'text', LIMITS.text, kind === 'proposal')
  if (kind === 'project') {
    const skills = c.skills
    if (!Array.isArray(skills) || skills.length > LIMITS.skills) errors.skills = { code: 'skills-up-to', n: LIMITS.skills }
    else if (skills.some((s) => typeof s !== 'string' || !s.trim() || s.length > LIMITS.skill))
      errors.skills = { code: 'skill-length', max: LIMITS.skill }
    if (c.threshold !== undefined && !isInt(c.threshold, 1, LIMITS.count))
      errors.threshold = { code: 'threshold-number' }
  }
  if (kind === 'event') {
    if (!isTime(c.start)) errors.start = { code: 'give-start' }
    if (!isTime(c.end)) errors.end = { code: 'give-end' }
    else if (isTime(c.start) && c.end < c.start) errors.end = { code: 'end-before-start' }
    if (typeof c.tz !== 'string' || c.tz.length > LIMITS.tz || !validZone(c.tz)) errors.tz = { code: 'bad-zone' }
    text(errors, c, 'place', LIMITS.place, false)
    if (typeof c.online !== 'boolean') errors.online = { code: 'online-or-not' }
    if (!errors.place && !c.online && !(c.place as string).trim()) errors.place = { code: 'where' }
    if (c.capacity !== undefined && !isInt(c.capacity, 1, LIMITS.count)) errors.capacity = { code: 'capacity-number' }
    if (!isInt(c.plusOnes, 0, 20)) errors.plusOnes = { code: 'plus-ones-range', max: 20 }
    repeatErrors(errors, c)
  }
  if (kind === 'proposal' && !isTime(c.closesAt)) errors.closesAt = { code: 'give-closing' }
  if (kind === 'proposal' && c.remove !== undefined && !(typeof c.remove === 'string' && isMemberKey(c.remove))) errors.remove = { code: 'not-allowed' }
  if (kind === 'proposal' && c.counts !== undefined && !(c.remove !== undefined && isDevices(c.counts))) errors.counts = { code: 'not-allowed' }
  needsErrors(errors, c)
  return errors
}

export const isContent = (kind: Kind, c: unknown): c is Content => Object.keys(contentErrors(kind, c)).length === 0
