import { hasWords, loadWords } from './catalogues.ts'
import { isLocale, showLocale, storeLocale, wantedLocale, type Locale } from './locale.ts'

let latest: Locale = 'en'
const switchTo = (code: Locale): Promise<void> => {
  latest = code
  if (hasWords(code)) {
    showLocale(code)
    return Promise.resolve()
  }
  // a later choice wins over a slow load; a failed load leaves the language as it was
  return loadWords(code).then(() => { if (latest === code) showLocale(code) }, () => {})
}

/** Resolves once the device's language has its words: the first paint waits for it (for English, not at all). */
export const localeReady: Promise<void> = switchTo(wantedLocale())

/** Chooses the language, remembers it on this device, and every string on screen follows once its words are here. */
export const setLocale = (code: string): Promise<void> => {
  if (!isLocale(code)) return Promise.resolve()
  storeLocale(code)
  return switchTo(code)
}

/** Loads a language's words without choosing it (prefetching, tests). */
export const loadLocale = (code: Locale): Promise<void> => loadWords(code)
