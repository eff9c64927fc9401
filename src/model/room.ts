import type * as Y from 'yjs'
import type { Identity, MemberId } from '../identity/index.ts'
import { openLedger, type Change, type Device, type Ledger, type VerifiedIds } from './ledger/index.ts'
import { cleanName, fingerprint, lookAlikes, shortId, shownCreation, type HearthRecord, type MemberRecord } from './records/index.ts'
import {
  aboutOf, discussionOf, foldInvite, makeSpace, needsView, newestFirst, rekeyCounts, trackRecord, viewInvitation,
  type CommentView, type InvitationView, type InviteState, type MakeSpace, type NeedView, type RoomAbout, type TrackRecord,
} from './views/index.ts'

export { shortId }

export interface Member {
  id: MemberId
  /** cleaned: nothing invisible, no direction tricks, bounded */
  name: string
  fingerprint: string
  /** the name could be taken for another member's: show the fingerprint beside it */
  lookAlike: boolean
}

export interface RoomOptions {
  verified?: VerifiedIds
  now?: () => number
  /** the room's id: a re-key names the room it was written in (see views/removal.ts) */
  roomId?: string
}

/** A room's model: its ledger of valid records, and the views derived from it. */
export interface Room {
  id?: string
  me: Identity
  ledger: Ledger
  now: () => number
  state: (id: string) => InviteState | null
  invitation: (id: string) => InvitationView | null
  /** a repeating event as one occurrence (named by when the series says it begins) sees it */
  occurrence: (id: string, at: number) => InvitationView | null
  /** every invitation whose "create" is known, newest first */
  invitations: () => InvitationView[]
  /** the member's latest display name, cleaned, or their short id */
  nameOf: (member: MemberId) => string
  /** six characters of a hash of the member's key, the same on every device */
  fingerprint: (member: MemberId) => string
  /** whether this member's name could be taken for another member's */
  lookAlike: (member: MemberId) => boolean
  members: () => Member[]
  /** evidence of members whose own chain disowns some of their records (two with one seq, or skipped over) */
  forks: () => { member: MemberId; records: HearthRecord[] }[]
  trackRecord: (member: MemberId) => TrackRecord
  /** an invitation's comments and replies, in the order they were written */
  discussion: (id: string) => CommentView[]
  /** the room's name and description, and who gave them */
  about: () => RoomAbout
  /** the person a device belongs to (see ledger/persons.ts); names, roles, answers and track records are a person's */
  personOf: (device: MemberId) => MemberId
  /** this device's person */
  person: () => MemberId
  devicesOf: (person: MemberId) => Device[]
  /** what an invitation asks for, and the claims that count */
  needs: (id: string) => NeedView[]
  /** how hosting is spread over the last three months */
  makeSpace: () => MakeSpace
  onChange: (listener: (c: Change) => void) => () => void
  destroy: () => void
}

// in the order the member signed them; names from before chains come first
const newer = (a: MemberRecord, b: MemberRecord) =>
  ((a.seq ?? 0) - (b.seq ?? 0) || a.n - b.n || (a.sig > b.sig ? 1 : -1)) > 0

export const openRoom = (doc: Y.Doc, me: Identity, opts: RoomOptions = {}): Room => {
  const ledger = openLedger(doc, { verified: opts.verified, roomId: opts.roomId, counts: (l, r) => rekeyCounts(l, r.from, r) })
  const now = opts.now ?? (() => Date.now())
  const { personOf, devicesOf } = ledger.persons
  const states = new Map<string, InviteState | null>()
  ledger.onChange((c) => c.invites.forEach((id) => states.delete(id)))

  const state = (id: string): InviteState | null => {
    const kept = states.get(id)
    if (kept !== undefined) return kept
    const versions = ledger.invites.get(id)
    const s = foldInvite(versions?.values() ?? [], { contested: ledger.chains.contested, personOf })
    // an invitation of one version folds at once; keeping the fold of each of 10,000 held 3 MB
    if (versions && versions.size > 1) states.set(id, s)
    return s
  }
  const invitation = (id: string) => {
    const s = state(id)
    return s && viewInvitation(s, ledger.responses.get(id)?.values() ?? [], now(), ledger.chains.contested, personOf)
  }
  const occurrence = (id: string, at: number) => {
    const s = state(id)
    return s && viewInvitation(s, ledger.responses.get(id)?.values() ?? [], now(), ledger.chains.contested, personOf, at)
  }
  const invitations = () => {
    const out: InvitationView[] = []
    for (const id of ledger.invites.keys()) {
      const v = invitation(id)
      if (v) out.push(v)
    }
    return out.sort(newestFirst)
  }
  const names = new Map<MemberId, string>()
  let alike: Set<MemberId> | null = null
  ledger.onChange((c) => { if (c.members) { names.clear(); alike = null } })
  const nameOf = (device: MemberId) => {
    const member = personOf(device)
    let name = names.get(member)
    if (name === undefined) {
      // the latest name any of the person's devices gave
      const list = devicesOf(member).flatMap((d) => ledger.members.get(d.device) ?? []).filter((r) => !ledger.chains.contested(r))
      const latest = list?.length ? list.reduce((a, b) => (newer(b, a) ? b : a)).name : ''
      names.set(member, (name = cleanName(latest) || shortId(member)))
    }
    return name
  }
  const lookAlike = (member: MemberId) => {
    alike ??= lookAlikes(people().map((id) => ({ id, name: nameOf(id) })))
    return alike.has(personOf(member))
  }
  const people = () => [...new Set([...ledger.members.keys()].map(personOf))]
  const threads = new Map<string, CommentView[]>()
  let about: RoomAbout | null = null
  ledger.onChange((c) => {
    c.invites.forEach((id) => threads.delete(id))
    if (c.room) about = null
  })
  const discussion = (id: string) => {
    let list = threads.get(id)
    if (!list) {
      const s = state(id)
      list = s ? discussionOf(ledger.comments.get(id)?.values() ?? [], s.hidden, { me: me.id, now: now(), floor: shownCreation(s.createdAt, now()), contested: ledger.chains.contested }) : []
      threads.set(id, list)
    }
    return list
  }
  const needs = new Map<string, NeedView[]>()
  ledger.onChange((c) => c.invites.forEach((id) => needs.delete(id)))
  const needsOf = (id: string) => {
    let list = needs.get(id)
    if (!list) {
      const s = state(id)
      needs.set(id, (list = s ? needsView(s, ledger.claims.get(id)?.values() ?? [], ledger.chains.contested, personOf) : []))
    }
    return list
  }
  return {
    id: opts.roomId, me, ledger, now, state, discussion, needs: needsOf,
    about: () => (about ??= aboutOf(ledger.about.values(), ledger.chains.contested, now())), invitation, occurrence, invitations, nameOf, lookAlike,
    fingerprint: (member) => fingerprint(personOf(member)),
    members: () => people().map((id) => ({ id, name: nameOf(id), fingerprint: fingerprint(id), lookAlike: lookAlike(id) })),
    trackRecord: (member) => trackRecord(invitations(), personOf(member), needsOf),
    makeSpace: () => makeSpace(invitations(), now(), needsOf),
    personOf, devicesOf, person: () => personOf(me.id),
    forks: ledger.chains.forks,
    onChange: ledger.onChange,
    destroy: ledger.destroy,
  }
}
