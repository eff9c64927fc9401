import type { MemberId } from '../../identity/index.ts'
import { plausible, type CommentRecord } from '../records/index.ts'
import type { InvitationView } from './invitation.ts'

/** What changed in a room since a person last looked, by what it means to them. */
export interface News {
  /** invitations someone else made */
  invitations: number
  /** answers to what this person hosts */
  answers: number
  /** comments by others */
  comments: number
  /** open proposals that close within a day, not looked at since they came so close */
  closingSoon: number
  /** co-hosting offered to this person, not yet answered */
  offers: number
}

export interface InvitationNews {
  fresh: boolean
  answers: number
  comments: number
  closingSoon: boolean
  offer: boolean
}

/** How close a proposal's closing is before it counts as soon. */
export const SOON = 24 * 60 * 60_000

export const NO_NEWS: News = Object.freeze({ invitations: 0, answers: 0, comments: 0, closingSoon: 0, offers: 0 })
const NOTHING: InvitationNews = Object.freeze({ fresh: false, answers: 0, comments: 0, closingSoon: false, offer: false })

/**
 * What is new on one invitation for `me` since `since` (this device's time when they last looked at it).
 * Claimed times only choose what to mark as new, never what counts; a time from the future marks nothing.
 */
export const invitationNews = (
  v: InvitationView, comments: Iterable<CommentRecord>, me: MemberId, since: number, now: number,
): InvitationNews => {
  const after = (at: number) => at > since && plausible(at, now)
  const hosting = v.hosts.includes(me)
  const fresh = !hosting && v.maker !== me && after(v.createdAt)
  let answers = 0
  if (hosting) {
    for (const list of [v.going, v.waitlist, v.maybe, v.declined, v.stances])
      for (const r of list) if (r.member !== me && after(r.at)) answers++
  }
  let said = 0
  // a comment's first version is when it was said; edits and withdrawals aren't news
  for (const c of comments) if (c.n === 1 && !c.gone && c.by !== me && after(c.at)) said++
  const closingSoon = v.kind === 'proposal' && v.status === 'open' && v.closesAt !== undefined &&
    v.closesAt - now <= SOON && since < v.closesAt - SOON
  const offer = v.status !== 'cancelled' && v.pending.some((p) => p.member === me) && since < v.updatedAt
  return fresh || answers || said || closingSoon || offer ? { fresh, answers, comments: said, closingSoon, offer } : NOTHING
}

/** The room's news: the sum over its invitations, each since the later of the room's and its own last look. */
export const roomNews = (
  views: Iterable<InvitationView>, commentsOf: (id: string) => Iterable<CommentRecord>, me: MemberId,
  sinceOf: (id: string) => number, now: number,
): News => {
  const out = { ...NO_NEWS }
  for (const v of views) {
    const n = invitationNews(v, commentsOf(v.id), me, sinceOf(v.id), now)
    if (n === NOTHING) continue
    if (n.fresh) out.invitations++
    out.answers += n.answers
    out.comments += n.comments
    if (n.closingSoon) out.closingSoon++
    if (n.offer) out.offers++
  }
  return out
}

export const hasNews = (n: News | InvitationNews): boolean =>
  ('fresh' in n ? n.fresh || n.closingSoon || n.offer : n.invitations + n.closingSoon + n.offers > 0) || n.answers + n.comments > 0
