import type { MemberId } from '../../identity/index.ts'
import type { InvitationView } from './invitation.ts'

/** What a member has given the room: recognition, not ranking. Lists of invitation ids. */
export interface TrackRecord {
  hosted: string[]
  cohosted: string[]
  steppedDown: string[]
  steppedUp: string[]
  showedUp: string[]
}

export const trackRecord = (views: Iterable<InvitationView>, member: MemberId): TrackRecord => {
  const t: TrackRecord = { hosted: [], cohosted: [], steppedDown: [], steppedUp: [], showedUp: [] }
  for (const v of views) {
    if (v.maker === member) t.hosted.push(v.id)
    if (v.cohosted.includes(member)) t.cohosted.push(v.id)
    if (v.steppedDown.includes(member)) t.steppedDown.push(v.id)
    const yes = v.going.some((r) => r.member === member) || v.waitlist.some((r) => r.member === member)
    if (yes) t.steppedUp.push(v.id)
    if (yes && v.attended.includes(member)) t.showedUp.push(v.id)
  }
  return t
}
