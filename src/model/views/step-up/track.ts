import type { MemberId } from '../../../identity/index.ts'
import type { InvitationView } from '../invitation.ts'
import type { NeedView } from './needs.ts'

/** What a member has given the room: recognition, not ranking. Lists of invitation ids. */
export interface TrackRecord {
  hosted: string[]
  cohosted: string[]
  steppedDown: string[]
  steppedUp: string[]
  showedUp: string[]
  /** needs they claimed (an invitation once per need) */
  claimed: string[]
  /** of those, the ones whose invitation has happened or closed */
  fulfilled: string[]
  /** where they stand ready as a host's understudy */
  understudy: string[]
  /** the host role handed on by them, and to them */
  handedOver: string[]
  tookOver: string[]
}

export const emptyTrack = (): TrackRecord =>
  ({ hosted: [], cohosted: [], steppedDown: [], steppedUp: [], showedUp: [], claimed: [], fulfilled: [], understudy: [], handedOver: [], tookOver: [] })

export const trackRecord = (views: Iterable<InvitationView>, member: MemberId, needsOf?: (id: string) => NeedView[]): TrackRecord => {
  const t = emptyTrack()
  for (const v of views) {
    if (v.maker === member) t.hosted.push(v.id)
    if (v.cohosted.includes(member)) t.cohosted.push(v.id)
    if (v.steppedDown.includes(member)) t.steppedDown.push(v.id)
    const yes = v.going.some((r) => r.member === member) || v.waitlist.some((r) => r.member === member)
    if (yes) t.steppedUp.push(v.id)
    if (yes && v.attended.includes(member)) t.showedUp.push(v.id)
    if (v.understudies.some((u) => u.member === member)) t.understudy.push(v.id)
    if (v.handovers.some((h) => h.from === member)) t.handedOver.push(v.id)
    if (v.handovers.some((h) => h.to === member)) t.tookOver.push(v.id)
    for (const need of needsOf?.(v.id) ?? []) {
      if (!need.claims.some((c) => c.member === member)) continue
      t.claimed.push(v.id)
      if (v.status === 'closed') t.fulfilled.push(v.id)
    }
  }
  return t
}
