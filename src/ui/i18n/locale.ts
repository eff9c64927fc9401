import { createEffect, createRoot, createSignal } from 'solid-js'

/** The languages Hearth speaks, each named in itself so that anyone can find their own. */
export const LOCALES = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
] as const

export type Locale = (typeof LOCALES)[number]['code']

const KEY = 'hearth-locale'

const preferred = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : []

/** The browser's first language Hearth speaks (es-MX → es), else English. */
export const detectLocale = (languages: readonly string[] = preferred()): Locale => {
  for (const tag of languages) {
    const code = tag.toLowerCase().split('-')[0]
    if (isLocale(code)) return code
  }
  return 'en'
}

const stored = (): Locale | null => {
  try {
    const v = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY)
    return isLocale(v) ? v : null
  } catch {
    return null
  }
}

// the language on screen: the one chosen once its words are here (English until then; see choose.ts)
const [locale, showLocale] = createSignal<Locale>('en')
export { locale, showLocale }

/** What this device asked for: its own choice, else the browser's. */
export const wantedLocale = (): Locale => stored() ?? detectLocale()

/** Remembers the choice on this device. */
export const storeLocale = (code: Locale) => {
  try {
    localStorage.setItem(KEY, code)
  } catch {
    // private mode: the choice lasts as long as the page
  }
}

export const isLocale = (code: unknown): code is Locale => LOCALES.some((l) => l.code === code)

/**
 * The tag dates and numbers are written with: the person's own regional variant when it is of the chosen
 * language (en-GB writes "1 Feb", es-MX its own way), else the language itself.
 */
export const intlLocale = (): string => {
  const code = locale()
  const own = preferred().find((tag) => tag.toLowerCase().split('-')[0] === code)
  if (own) {
    try {
      return Intl.getCanonicalLocales(own)[0] ?? code
    } catch {
      return code
    }
  }
  return code
}

// <html lang> follows the chosen language, so screen readers pronounce it right
if (typeof document !== 'undefined')
  createRoot(() => createEffect(() => { document.documentElement.lang = locale() }))
