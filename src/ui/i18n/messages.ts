import { errorsEn, type Problem, type Words } from './errors.ts'
import { errorsEs } from './errors-es.ts'
import { locale, type Locale } from './locale.ts'

const WORDS: Record<Locale, Words> = { en: errorsEn, es: errorsEs }

/**
 * What is wrong, in the chosen language: the model, sync and the UI give a code with what its words need,
 * and only this turns it into words. No problem says nothing (''). Reactive, like t().
 */
export const say = (problem: Problem | null | undefined): string =>
  problem ? (WORDS[locale()][problem.code] as (p: Problem) => string)(problem) : ''
