import type { FieldError } from './errors.ts'
import type { Content, Need, ProjectContent } from './records.ts'

export type { Need }

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max

export const NEED_LIMITS = { needs: 20, what: 120, n: 50 } as const

export const NEED_ID = /^[A-Za-z0-9_-]{8}$/

/** Checks an invitation's `needs`, if it has any. */
export const needsErrors = (errors: Record<string, FieldError>, c: Record<string, unknown>) => {
  const needs = c.needs
  if (needs === undefined) return
  if (!Array.isArray(needs) || needs.length > NEED_LIMITS.needs) { errors.needs = { code: 'needs-up-to', n: NEED_LIMITS.needs }; return }
  const ids = new Set<string>()
  for (const need of needs) {
    if (!isObj(need) || Object.keys(need).some((k) => !['id', 'what', 'n'].includes(k)) || typeof need.id !== 'string' || !NEED_ID.test(need.id) || ids.has(need.id))
      { errors.needs = { code: 'not-an-invitation' }; return }
    ids.add(need.id)
    if (typeof need.what !== 'string' || !need.what.trim() || need.what.length > NEED_LIMITS.what) { errors.needs = { code: 'need-length', max: NEED_LIMITS.what }; return }
    if (!isInt(need.n, 1, NEED_LIMITS.n)) { errors.needs = { code: 'need-count', max: NEED_LIMITS.n }; return }
  }
}

/** A project's "skills wanted", from before needs, reads as needs for one person each: claimable the same way. */
export const skillNeedId = (i: number): string => `skill-${String(i).padStart(2, '0')}`

/** Everything an invitation asks for: its needs, and an older project's skills as needs. */
export const needsOf = (c: Content): Need[] => {
  const needs = (c as { needs?: Need[] }).needs ?? []
  const skills = (c as ProjectContent).skills
  if (!Array.isArray(skills) || !skills.length) return needs
  return [...needs, ...skills.map((what, i) => ({ id: skillNeedId(i), what, n: 1 }))]
}
