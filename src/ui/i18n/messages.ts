import { laterHere, wordsFor } from './catalogues.ts'
import type { Problem } from './errors.ts'
import { locale } from './locale.ts'

/**
 * Whether the English words of the screens after the first (later.ts) are here; if not, asks for them. Reactive:
 * what was said without them is said again when they come.
 */
export const laterWords = (): boolean => {
  if (laterHere()) return true
  import('./later.ts').catch(() => {})
  return false
}

/**
 * What is wrong, in the chosen language: the model, sync and the UI give a code with what its words need,
 * and only this turns it into words. No problem says nothing (''). Reactive, like t().
 */
export const say = (problem: Problem | null | undefined): string => {
  if (!problem) return ''
  const words = wordsFor(locale())[problem.code] as ((p: Problem) => string) | undefined
  // a code the first screen does not show: its English comes in a moment, with the other screens' words
  return words ? words(problem) : laterWords() ? problem.code : ''
}
