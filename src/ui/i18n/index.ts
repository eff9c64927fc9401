import { translator } from '@solid-primitives/i18n'
import { createEffect, createRoot } from 'solid-js'
import { flatFor } from './catalogues.ts'
import type { Catalogue } from './en.ts'
import { locale } from './locale.ts'
import { laterWords } from './messages.ts'

export { LOCALES, detectLocale, intlLocale, locale, type Locale } from './locale.ts'
export { loadLocale, localeReady, setLocale } from './choose.ts'
export { dateTime, num, pluralOf, relative } from './intl.ts'
export type { Catalogue } from './en.ts'
export { say } from './messages.ts'
export type { Problem, UiError } from './errors.ts'

type Leaf = string | ((params: never) => string)

/** Every key that names a string: `room.invite`, `card.going`, … */
export type Key = {
  [K in keyof Catalogue & string]: {
    [L in keyof Catalogue[K] & string]: Catalogue[K][L] extends Leaf ? `${K}.${L}` : never
  }[keyof Catalogue[K] & string]
}[keyof Catalogue & string]

type Flat = { [K in Key]: K extends `${infer A}.${infer B}` ? A extends keyof Catalogue ? B extends keyof Catalogue[A] ? Catalogue[A][B] : never : never : never }

/** A key whose words take a count or names needs them; a plain one may take `{{ name }}` fillers. */
export type Params<K extends Key> = Flat[K] extends (params: infer P) => string ? [params: P] : [params?: Record<string, string | number>]

/** Fills `{{ name }}` in one pass, so that a filler's own text (a person's name with `{{` or `$&`) is never read again. */
const fill = (text: string, params?: Record<string, unknown>): string =>
  params ? text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, k: string) => (k in params ? String(params[k]) : whole)) : text


// reading locale() makes every t() follow a change of language
const translate = translator(() => flatFor(locale()), fill as never) as unknown as (key: string, params?: unknown) => unknown

/**
 * The words for `key` in the chosen language. Reactive: read inside JSX or an effect, it follows a change of
 * language at once. A key a catalogue lacks (only possible outside the type checker) falls back to English.
 */
export const t = <K extends Key>(key: K, ...params: Params<K>): string => {
  const value = translate(key, params[0])
  if (typeof value === 'string') return value
  const fallback = flatFor('en')[key]
  if (typeof fallback === 'function') return (fallback as (p: unknown) => string)(params[0])
  if (typeof fallback === 'string') return fill(fallback, params[0] as Record<string, unknown>)
  // a word of another screen, asked before its words came (see later.ts): said when they come
  return laterWords() ? key : ''
}

/** Whether `key` names a string in English (for keys built at run time). */
export const hasKey = (key: string): key is Key => ['string', 'function'].includes(typeof flatFor('en')[key])

// the page's own title and description follow the language too
if (typeof document !== 'undefined')
  createRoot(() => createEffect(() => {
    document.title = t('app.name')
    document.querySelector('meta[name="description"]')?.setAttribute('content', t('app.description'))
  }))
