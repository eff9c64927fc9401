import { intlLocale } from './locale.ts'

/** Numbers, dates and times in the chosen language (and the person's own variant of it). */

// formatters are costly to make and a room shows thousands of dates: one per locale and options
const cache = new Map<string, unknown>()
const cached = <T>(key: string, make: () => T): T => {
  let f = cache.get(key) as T | undefined
  if (!f) {
    f = make()
    if (cache.size > 200) cache.clear()
    cache.set(key, f)
  }
  return f
}

export const num = (n: number): string => {
  const loc = intlLocale()
  return cached(`n:${loc}`, () => new Intl.NumberFormat(loc)).format(n)
}

/** `one` or `other` (or the language's other categories) for a count, in `loc` (by default the chosen language). */
export const pluralOf = (n: number, loc: string = intlLocale()): Intl.LDMLPluralRule =>
  cached(`p:${loc}`, () => new Intl.PluralRules(loc)).select(n)

/** The words for a count by each form the language has; a form not given (Spanish `many`, for a million) takes `other`. */
export type Forms = { one: string; other: string } & Partial<Record<Intl.LDMLPluralRule, string>>

/**
 * Plurals for one catalogue, by its own language's rules (a catalogue's words follow its grammar, whatever
 * regional variant the numbers are written in): `const plural = pluralIn('es')`, then `plural(n, { one, other })`.
 */
export const pluralIn = (lang: string) => (n: number, forms: Forms): string => forms[pluralOf(n, lang)] ?? forms.other

/** A date and time in `tz` (the event's zone), or this device's own zone when none is given. */
export const dateTime = (epoch: number, options: Intl.DateTimeFormatOptions, tz?: string): string => {
  const loc = intlLocale()
  const make = () => {
    try {
      return new Intl.DateTimeFormat(loc, { ...options, timeZone: tz })
    } catch {
      // a zone this browser doesn't know: the device's own, rather than nothing
      return new Intl.DateTimeFormat(loc, options)
    }
  }
  return cached(`d:${loc}:${tz ?? ''}:${JSON.stringify(options)}`, make).format(new Date(epoch))
}

export const relative = (value: number, unit: Intl.RelativeTimeFormatUnit): string => {
  const loc = intlLocale()
  return cached(`r:${loc}`, () => new Intl.RelativeTimeFormat(loc, { numeric: 'auto' })).format(value, unit)
}
