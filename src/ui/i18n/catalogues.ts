import { flatten } from '@solid-primitives/i18n'
import { createSignal } from 'solid-js'
import { en } from './en.ts'
import { errorsFirstEn } from './errors-first.ts'
import type { Words } from './errors.ts'

type Flat = Record<string, unknown>

// English is always here; another language's words load when someone chooses it (or their browser prefers it),
// so nobody downloads a language they do not read
const flat: Record<string, Flat> = { en: flatten(en) as unknown as Flat }
const words: Record<string, Partial<Words>> = { en: { ...errorsFirstEn } }

// the first screen's English is above; the other screens' comes with them (later.ts)
const [laterHere, setLaterHere] = createSignal(false)
export { laterHere }

/** Adds English words the first screen did not bring (later.ts calls it once). */
export const addWords = (catalogue: object, errors: Partial<Words>) => {
  Object.assign(flat.en, flatten(catalogue as typeof en))
  Object.assign(words.en, errors)
  setLaterHere(true)
}

const LOADERS: Record<string, () => Promise<[object, Words]>> = {
  es: () => Promise.all([import('./es.ts').then((m) => m.es), import('./errors-es.ts').then((m) => m.errorsEs)]),
}

const loading = new Map<string, Promise<void>>()

export const hasWords = (code: string): boolean => code in flat

/** Loads a language's words once; a failed load (offline, not yet cached) may be tried again. */
export const loadWords = (code: string): Promise<void> => {
  if (hasWords(code)) return Promise.resolve()
  const load = LOADERS[code]
  if (!load) return Promise.reject(new Error(`no words for ${code}`))
  let p = loading.get(code)
  if (!p) {
    p = load().then(([catalogue, errors]) => {
      flat[code] = flatten(catalogue as typeof en) as unknown as Flat
      words[code] = errors
    })
    p.catch(() => loading.delete(code))
    loading.set(code, p)
  }
  return p
}

export const flatFor = (code: string): Flat => flat[code] ?? flat.en
export const wordsFor = (code: string): Partial<Words> => words[code] ?? words.en
