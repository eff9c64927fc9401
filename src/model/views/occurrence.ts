import { nextOccurrence, occurrences, type EventContent, type Occurrence } from '../records/index.ts'
import type { InviteState } from './fold.ts'

// a series' occurrences are worked out once per signed version of its content
const known = new WeakMap<EventContent, Occurrence[]>()

/** Every occurrence of a repeating event, or null for anything else. */
export const occurrencesOf = (s: Pick<InviteState, 'kind' | 'content'>): Occurrence[] | null => {
  if (s.kind !== 'event' || !(s.content as EventContent).repeat) return null
  const e = s.content as EventContent
  let list = known.get(e)
  if (!list) known.set(e, (list = occurrences(e)))
  return list
}

/** The occurrence a view of a repeating event is of: the one named `at`, else the next one; undefined if it doesn't repeat. */
export const occurrenceOf = (s: Pick<InviteState, 'kind' | 'content'>, now: number, at?: number): Occurrence | undefined => {
  const list = occurrencesOf(s)
  if (!list) return undefined
  return (at !== undefined && list.find((o) => o.at === at)) || nextOccurrence(list, now)
}
