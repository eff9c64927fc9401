import type { MemberId } from '../../identity/index.ts'
import type { InviteState } from './fold.ts'
import { orderQueue } from './queue.ts'
import { STANCES, isChained, plausible, refOf, shown, shownCreation, type EventContent, type Occurrence, type ProjectContent, type ProposalContent, type ResponseRecord, type Stance } from '../records/index.ts'
import { occurrenceOf } from './occurrence.ts'
import { latestReplies, type Reply } from './replies.ts'

export type { Reply }

export type Status = 'open' | 'confirmed' | 'cancelled' | 'closed'

export interface Tally { agree: number; abstain: number; object: number; block: number }

export interface InvitationView extends InviteState {
  status: Status
  going: Reply[]
  maybe: Reply[]
  declined: Reply[]
  waitlist: Reply[]
  seatsTaken: number
  committed: number
  thresholdReached: boolean
  tally: Tally
  blocked: boolean
  /** objections and blocks with their reasons, to be seen together */
  concerns: Reply[]
  stances: Reply[]
  closesAt?: number
  /** on a repeating event: the occurrence this view is of, whose answers it counts */
  occurrence?: Occurrence
  /** a time this invitation claims (made, changed, closed) is implausible; the times here are clamped */
  timeLooksWrong: boolean
}

// one shared empty list: most of 10,000 invitations have no waitlist, no concerns, no stances
const NONE = Object.freeze([]) as unknown as Reply[]
const list = (xs: Reply[]) => (xs.length ? xs : NONE)

const NO_TALLY: Tally = Object.freeze({ agree: 0, abstain: 0, object: 0, block: 0 })

const NO_REPLIES = { replies: NONE, runs: new Map(), starts: [] }

const byQueue = (a: Reply, b: Reply) => a.since - b.since || (a.member < b.member ? -1 : a.member > b.member ? 1 : 0)

/**
 * Which answers count: of the right kind, standing in their author's chain, (once closed) named by the close,
 * and for the occurrence in view (none named on an event that doesn't repeat).
 */
const counting = (s: InviteState, contested: (r: ResponseRecord) => boolean, at?: number) => {
  const isProposal = s.kind === 'proposal'
  const seen = s.closed?.seen && new Set(s.closed.seen)
  // before chains, a close counted the stances claimed to be older than it; that still holds for those invitations
  const endedAt = s.chained ? undefined : (s.closed?.at ?? (isProposal ? (s.content as ProposalContent).closesAt : undefined))
  return (r: ResponseRecord) =>
    isProposal === STANCES.includes(r.a as Stance) && r.o === at && !contested(r) && (!s.chained || isChained(r)) &&
    (!isProposal || (seen ? seen.has(refOf(r)) : endedAt === undefined || r.at <= endedAt))
}

/**
 * Everything a person sees about an invitation, derived the same way on every peer. On a repeating event it is of
 * one occurrence: `at`, or the next one.
 */
export const viewInvitation = (
  s: InviteState, responses: Iterable<ResponseRecord>, now: number, contested: (r: ResponseRecord) => boolean = () => false,
  personOf?: (device: MemberId) => MemberId, at?: number,
): InvitationView => {
  const occurrence = occurrenceOf(s, now, at)
  const closesAt = s.kind === 'proposal' ? (s.content as ProposalContent).closesAt : undefined
  const createdAt = shownCreation(s.createdAt, now)
  const all = [...responses]
  const { replies, runs, starts } = all.length ? latestReplies(all.filter(counting(s, contested, occurrence?.at)), now, createdAt, personOf) : NO_REPLIES
  const replyOf = runs.size ? new Map(replies.map((r) => [r.member, r])) : undefined
  const yes = replyOf ? orderQueue(s.id, [...runs.values()], starts).map((run) => replyOf.get(run.member)!) : NONE
  const going: Reply[] = []
  const waitlist: Reply[] = []
  let seatsTaken = 0
  if (s.kind === 'event') {
    const ev = s.content as EventContent
    for (const r of yes) {
      const seats = 1 + Math.min(r.plus, ev.plusOnes)
      if (waitlist.length === 0 && (ev.capacity === undefined || seatsTaken + seats <= ev.capacity)) {
        going.push({ ...r, plus: seats - 1 })
        seatsTaken += seats
      } else waitlist.push({ ...r, plus: seats - 1 })
    }
  } else going.push(...yes.map((r) => ({ ...r, plus: 0 })))
  const stances = replies.filter((r) => STANCES.includes(r.answer as Stance)).sort(byQueue)
  const tally: Tally = stances.length ? { agree: 0, abstain: 0, object: 0, block: 0 } : NO_TALLY
  for (const r of stances) tally[r.answer as Stance]++
  const threshold = s.kind === 'project' ? (s.content as ProjectContent).threshold : undefined
  const committed = s.kind === 'project' ? going.length : 0
  const thresholdReached = threshold !== undefined && committed >= threshold
  // an explicit literal: spreading `s` and adding fields costs V8 a dictionary object (13 µs each)
  return {
    id: s.id, kind: s.kind, content: s.content, maker: s.maker, createdAt, updatedAt: shown(s.updatedAt, now, createdAt),
    version: s.version, hosts: s.hosts, pending: s.pending, steppedDown: s.steppedDown, cohosted: s.cohosted,
    cancelled: s.cancelled, atHome: s.atHome, closed: s.closed && { ...s.closed, at: shown(s.closed.at, now, createdAt) }, attended: s.attended, hidden: s.hidden, refused: s.refused, next: s.next, chained: s.chained,
    understudies: s.understudies, until: s.until, releases: s.releases, handovers: s.handovers, claimsSeen: s.claimsSeen,
    status: statusOf(s, thresholdReached, now, occurrence),
    going: list(going),
    maybe: list(replies.filter((r) => r.answer === 'maybe').sort(byQueue)),
    declined: list(replies.filter((r) => r.answer === 'no').sort(byQueue)),
    waitlist: list(waitlist),
    seatsTaken,
    committed,
    thresholdReached,
    tally,
    blocked: tally.block > 0,
    concerns: list(stances.filter((r) => r.answer === 'object' || r.answer === 'block')),
    stances: list(stances),
    closesAt,
    occurrence,
    timeLooksWrong: !plausible(s.createdAt, now) || !plausible(s.updatedAt, now) || (!!s.closed && !plausible(s.closed.at, now)),
  }
}

const statusOf = (s: InviteState, thresholdReached: boolean, now: number, occurrence?: Occurrence): Status => {
  if (s.cancelled || occurrence?.cancelled) return 'cancelled'
  if (occurrence && !s.closed) return now >= occurrence.end ? 'closed' : 'open'
  if (s.closed) return 'closed'
  if (s.kind === 'proposal' && now >= (s.content as ProposalContent).closesAt) return 'closed'
  if (s.kind === 'event' && now >= (s.content as EventContent).end) return 'closed'
  if (thresholdReached) return 'confirmed'
  return 'open'
}

/** Where a member stands on an invitation: their answer and, on a full event, their place in the queue. */
export const myPlace = (v: InvitationView, me: MemberId) => {
  const all = [...v.going, ...v.waitlist, ...v.maybe, ...v.declined, ...v.stances]
  const reply = all.find((r) => r.member === me)
  const wait = v.waitlist.findIndex((r) => r.member === me)
  return { reply, waitlistPosition: wait < 0 ? undefined : wait + 1, isHost: v.hosts.includes(me) }
}

/** An open invitation that this member has not answered and does not host. */
export const needsAnswer = (v: InvitationView, me: MemberId): boolean => {
  if (v.status === 'cancelled' || v.status === 'closed' || v.hosts.includes(me)) return false
  const mine = (r: Reply) => r.member === me
  return !(v.going.some(mine) || v.waitlist.some(mine) || v.maybe.some(mine) || v.declined.some(mine) || v.stances.some(mine))
}

/** The stances that count now, as signed: what a close names as the ones it saw. */
export const countedStances = (s: InviteState, responses: Iterable<ResponseRecord>, contested: (r: ResponseRecord) => boolean, personOf?: (d: MemberId) => MemberId) =>
  latestReplies([...responses].filter(counting(s, contested)), 0, 0, personOf).latest.filter((r) => STANCES.includes(r.a as Stance))
