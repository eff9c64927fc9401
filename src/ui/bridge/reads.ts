import type { CommentView, InvitationView, MakeSpace, NeedView, TrackRecord } from '../../model/index.ts'
import { feed, members, model, session, status } from './state.ts'

// members() changes whenever someone's name does: reading it makes every name on screen follow renames live
export const nameOf = (member: string) => (members(), session()?.room.nameOf(member) ?? member.slice(0, 6))
// the feed changes whenever a comment or a claim does (its invitation is derived again): reading it keeps these live
/** One date of a repeating event as the room sees it; follows the room live like the feed. */
export const occurrenceView = (id: string, at: number): InvitationView | null => (feed(), session()?.room.occurrence(id, at) ?? null)
export const discussionOf = (id: string): CommentView[] => (feed(), session()?.room.discussion(id) ?? [])
/** an invitation's comments as one text, for search */
export const commentsText = (id: string): string => model?.commentTexts(discussionOf(id)).join('\n') ?? ''
// from the feed already derived, not from every invitation again for each person
export const trackRecordOf = (member: string): TrackRecord =>
  model?.trackRecord(feed(), member, (id) => session()?.room.needs(id) ?? []) ?? { hosted: [], cohosted: [], steppedDown: [], steppedUp: [], showedUp: [], claimed: [], fulfilled: [], understudy: [], handedOver: [], tookOver: [] }
export const needsOf = (id: string): NeedView[] => (feed(), session()?.room.needs(id) ?? [])
export const makeSpaceNow = (): MakeSpace | null => (feed(), session()?.room.makeSpace() ?? null)
/** On a removal: the people whose answers count (so a puppet among them is seen), and whether it passed. */
export const removalOn = (id: string): { counted: string[]; passed: boolean } | null => {
  feed()
  const r = session() && model?.removalOf(session()!.room.ledger, id)
  return r ? { counted: r.counted, passed: r.passed } : null
}
export const onlineMembers = () => new Set((status()?.peers ?? []).map((p) => p.member).filter(Boolean) as string[])
