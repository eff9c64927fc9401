import type { MemberId } from '../../identity/index.ts'
import type { Ledger } from '../ledger/index.ts'
import { type InviteRecord, type MemberRecord, type ProposalContent, type RekeyRecord } from '../records/index.ts'
import { foldInvite } from './fold.ts'
import { countedStances } from './invitation.ts'

/**
 * Removing a member by consent. A removal is a proposal whose "create" names the member (`remove`); it passes once a
 * host other than that member closed it, and of the stances the close named, at least one other member agreed and
 * nobody but the member blocked: their own block doesn't count.
 */
export interface Removal {
  id: string
  target: MemberId
  by: MemberId
  passed: boolean
}

/** Whether two devices are one person's: so a person's other devices can't block their removal, and it covers them all. */
export const sameMember = (ledger: Ledger, a: MemberId, b: MemberId): boolean =>
  a === b || ledger.persons.personOf(a) === ledger.persons.personOf(b)

/** A member of the room: a device of someone who gave their name in it. */
export const isMemberOf = (ledger: Ledger, m: MemberId): boolean =>
  ledger.members.has(m) || ledger.persons.devicesOf(ledger.persons.personOf(m)).some((d) => !d.revoked && ledger.members.has(d.device))

/** Whether a re-key sealed the new secret to any device of the person it removes. */
const sealedToGone = (ledger: Ledger, r: RekeyRecord): boolean =>
  r.boxes.some((b) => sameMember(ledger, b.slice(0, b.indexOf(':')), r.gone))

export const removalOf = (ledger: Ledger, id: string): Removal | null => {
  const records = ledger.invites.get(id)
  if (!records) return null
  const contested = ledger.chains.contested
  let create: (InviteRecord & { op: 'create' }) | undefined
  for (const r of records.values()) if (r.op === 'create' && !contested(r)) { create = r; break }
  const target = create?.kind === 'proposal' ? (create.c as ProposalContent).remove : undefined
  if (!create || !target) return null
  const s = foldInvite(records.values(), { contested })
  if (!s || s.kind !== 'proposal') return null
  const removal = { id, target, by: create.by, passed: false }
  // an edit can't change whom a removal removes; nor can a member propose their own
  if ((s.content as ProposalContent).remove !== target || sameMember(ledger, create.by, target)) return removal
  if (!s.chained || !s.closed || s.cancelled || sameMember(ledger, s.closed.by, target)) return removal
  const stances = countedStances(s, ledger.responses.get(id)?.values() ?? [], contested).filter((r) => !sameMember(ledger, r.by, target))
  // consent is others': the one who proposed it and the one who closed it can't be its only agree
  const others = (m: MemberId) => !sameMember(ledger, m, create!.by) && !sameMember(ledger, m, s.closed!.by)
  removal.passed = !stances.some((r) => r.a === 'block') && stances.some((r) => r.a === 'agree' && others(r.by))
  return removal
}

/** Every removal proposed in the room (or among `ids`, for a caller that keeps track of which invitations changed). */
export const removals = (ledger: Ledger, ids: Iterable<string> = ledger.invites.keys()): Removal[] => {
  const out: Removal[] = []
  for (const id of ids) {
    const r = removalOf(ledger, id)
    if (r) out.push(r)
  }
  return out
}

/** Whether a re-key written in room `here` counts: its removal passed, it removes that member, and a remaining member wrote it. */
export const rekeyCounts = (ledger: Ledger, here: string | undefined, r: RekeyRecord): boolean => {
  if (r.from !== here || ledger.chains.contested(r)) return false
  const removal = removalOf(ledger, r.removal)
  return !!removal?.passed && sameMember(ledger, removal.target, r.gone) && !sameMember(ledger, r.by, r.gone) &&
    isMemberOf(ledger, r.by) && !sealedToGone(ledger, r)
}

/**
 * The re-key this room moved by, if any: of those that count, the one with the lowest signature, so two members
 * re-keying at once end in the same new room on every device, whichever arrived first.
 */
export const movedTo = (ledger: Ledger, here: string | undefined): RekeyRecord | null => {
  let winner: RekeyRecord | null = null
  for (const r of ledger.rekeys.values())
    if ((!winner || r.sig < winner.sig) && rekeyCounts(ledger, here, r)) winner = r
  return winner
}

/** A member's latest published lockbox key (by their chain), if any. */
export const boxKeyOf = (ledger: Ledger, m: MemberId): string | undefined => {
  let latest: MemberRecord | undefined
  for (const r of ledger.members.get(m) ?? [])
    if (r.x && !ledger.chains.contested(r) && (!latest || (r.seq ?? 0) > (latest.seq ?? 0))) latest = r
  return latest?.x
}

/**
 * Removals that passed and that no re-key has carried out yet. A new room holds the history of the rooms it came
 * from, removals and re-keys included: those that led here (and to the rooms before) are done, not to be re-keyed again.
 */
export const pendingRemovals = (ledger: Ledger, here: string | undefined, ids?: Iterable<string>): Removal[] => {
  const done = new Set<string>()
  const rooms = new Set([here])
  for (let grown = true; grown;) {
    grown = false
    for (const r of ledger.rekeys.values())
      if (rooms.has(r.room) && !rooms.has(r.from)) rooms.add(r.from), done.add(r.removal), (grown = true)
  }
  return removals(ledger, ids).filter((r) => r.passed && !done.has(r.id))
}
