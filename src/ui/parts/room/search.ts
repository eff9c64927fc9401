import type { EventContent, InvitationView } from '../../../model/index.ts'

/** Lower case, without accents: "Café" is found by "cafe". */
export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

// views are immutable and replaced when they change, so each one's text is folded once
const haystacks = new WeakMap<InvitationView, string>()

const haystack = (v: InvitationView, more?: (v: InvitationView) => string): string => {
  let h = haystacks.get(v)
  if (h === undefined) {
    const place = v.kind === 'event' ? (v.content as EventContent).place : ''
    h = fold(`${v.content.title}\n${v.content.text}\n${place}\n${more?.(v) ?? ''}`)
    haystacks.set(v, h)
  }
  return h
}

/**
 * The invitations whose title, text, place or comments (`more`: a view's comments, as text) hold every word of
 * the query. A view is replaced whenever one of its comments changes, so its folded text is never stale.
 */
export const search = (views: readonly InvitationView[], query: string, more?: (v: InvitationView) => string): readonly InvitationView[] => {
  const words = fold(query).split(/\s+/).filter(Boolean)
  if (!words.length) return views
  return views.filter((v) => {
    const h = haystack(v, more)
    return words.every((w) => h.includes(w))
  })
}
