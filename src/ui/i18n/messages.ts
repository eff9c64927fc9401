import { wordsFor } from './catalogues.ts'
import type { Problem } from './errors.ts'
import { locale } from './locale.ts'

/**
 * What is wrong, in the chosen language: the model, sync and the UI give a code with what its words need,
 * and only this turns it into words. No problem says nothing (''). Reactive, like t().
 */
export const say = (problem: Problem | null | undefined): string =>
  problem ? (wordsFor(locale())[problem.code] as (p: Problem) => string)(problem) : ''
