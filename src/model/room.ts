import type * as Y from 'yjs'
import type { Identity, MemberId } from '../identity/index.ts'
import { foldInvite, type InviteState } from './fold.ts'
import { openLedger, type Change, type Ledger } from './ledger.ts'
import { trackRecord, type TrackRecord } from './track.ts'
import type { VerifiedIds } from './verified.ts'
import { newestFirst } from './feed.ts'
import { viewInvitation, type InvitationView } from './views.ts'

export interface RoomOptions {
  verified?: VerifiedIds
  now?: () => number
}

/** A room's model: its ledger of valid records, and the views derived from it. */
export interface Room {
  me: Identity
  ledger: Ledger
  now: () => number
  state: (id: string) => InviteState | null
  invitation: (id: string) => InvitationView | null
  /** every invitation whose "create" is known, newest first */
  invitations: () => InvitationView[]
  nameOf: (member: MemberId) => string
  members: () => { id: MemberId; name: string }[]
  trackRecord: (member: MemberId) => TrackRecord
  onChange: (listener: (c: Change) => void) => () => void
  destroy: () => void
}

export const shortId = (member: MemberId) => `guest ${member.slice(0, 6)}`

export const openRoom = (doc: Y.Doc, me: Identity, opts: RoomOptions = {}): Room => {
  const ledger = openLedger(doc, { verified: opts.verified })
  const now = opts.now ?? Date.now
  const states = new Map<string, InviteState | null>()
  ledger.onChange((c) => c.invites.forEach((id) => states.delete(id)))

  const state = (id: string): InviteState | null => {
    if (!states.has(id)) states.set(id, foldInvite(ledger.invites.get(id)?.values() ?? []))
    return states.get(id)!
  }
  const invitation = (id: string) => {
    const s = state(id)
    return s && viewInvitation(s, ledger.responses.get(id)?.values() ?? [], now())
  }
  const invitations = () => {
    const out: InvitationView[] = []
    for (const id of ledger.invites.keys()) {
      const v = invitation(id)
      if (v) out.push(v)
    }
    return out.sort(newestFirst)
  }
  const nameOf = (member: MemberId) => {
    const list = ledger.members.get(member)
    if (!list?.length) return shortId(member)
    return list.reduce((a, b) => (b.n > a.n || (b.n === a.n && b.sig > a.sig) ? b : a)).name
  }
  return {
    me, ledger, now, state, invitation, invitations, nameOf,
    members: () => [...ledger.members.keys()].map((id) => ({ id, name: nameOf(id) })),
    trackRecord: (member) => trackRecord(invitations(), member),
    onChange: ledger.onChange,
    destroy: ledger.destroy,
  }
}
