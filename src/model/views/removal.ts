import { isBoxKey, sha256, toBase64url, utf8 } from '../../crypto/index.ts'
import type { MemberId } from '../../identity/index.ts'
import type { Ledger } from '../ledger/index.ts'
import { type InviteRecord, type MemberRecord, type ProposalContent, type RekeyRecord } from '../records/index.ts'
import { foldInvite } from './fold.ts'
import { countedStances } from './invitation.ts'

/**
 * Removing a member by consent. A removal is a proposal whose "create" names the member (`remove`) and the devices
 * whose people it counts (`counts`: those the proposer knew by their lockbox key). Membership is open to anyone with
 * the room's key, so only those people's answers count: a key made afterwards counts for nothing. It passes once a host
 * other than the member closed it, and of the stances the close named, more than half of the people it counts (the
 * member aside; the proposer agrees by proposing) agreed, at least one of them neither its proposer nor its closer, and
 * none of them blocked. No claimed time decides anything.
 */
export interface Removal {
  id: string
  target: MemberId
  by: MemberId
  passed: boolean
  /** the people whose answers count, the member to be removed aside: shown on the proposal, so a puppet is seen */
  counted: MemberId[]
  /** the devices the removal names, as it names them */
  named: MemberId[]
}

/** Whether two devices are one person's: so a person's other devices can't block their removal, and it covers them all. */
export const sameMember = (ledger: Ledger, a: MemberId, b: MemberId): boolean =>
  a === b || ledger.persons.personOf(a) === ledger.persons.personOf(b)

/** A member of the room: a device of someone who gave their name in it. */
export const isMemberOf = (ledger: Ledger, m: MemberId): boolean =>
  ledger.members.has(m) || ledger.persons.devicesOf(ledger.persons.personOf(m)).some((d) => !d.revoked && ledger.members.has(d.device))

const isRevoked = (ledger: Ledger, d: MemberId): boolean =>
  ledger.persons.devicesOf(ledger.persons.personOf(d)).some((x) => x.device === d && x.revoked)

export const removalOf = (ledger: Ledger, id: string): Removal | null => {
  const records = ledger.invites.get(id)
  if (!records) return null
  // judged like any record: what a revoked device signs past its cut doesn't count, a proposal, stance or close included
  const contested = ledger.chains.contested
  const { personOf } = ledger.persons
  let create: (InviteRecord & { op: 'create' }) | undefined
  for (const r of records.values()) if (r.op === 'create' && !contested(r)) { create = r; break }
  const target = create?.kind === 'proposal' ? (create.c as ProposalContent).remove : undefined
  if (!create || !target) return null
  const s = foldInvite(records.values(), { contested })
  if (!s || s.kind !== 'proposal') return null
  const named = (create.c as ProposalContent).counts ?? []
  const gone = personOf(target)
  const counted = [...new Set([create.by, ...named].map(personOf))].filter((p) => p !== gone)
  const removal = { id, target, by: create.by, passed: false, counted, named }
  // an edit can't change whom a removal removes; nor can a member propose their own
  if ((s.content as ProposalContent).remove !== target || sameMember(ledger, create.by, target)) return removal
  if (!s.chained || !s.closed || s.cancelled || sameMember(ledger, s.closed.by, target)) return removal
  const counts = new Set(counted)
  const stances = countedStances(s, ledger.responses.get(id)?.values() ?? [], contested, personOf).filter((r) => counts.has(personOf(r.by)))
  const agreed = new Set([personOf(create.by), ...stances.filter((r) => r.a === 'agree').map((r) => personOf(r.by))])
  // and someone besides its proposer and its closer agreed: else a proposer who names nobody else (counts: []) passes alone
  const byOther = stances.some((r) => r.a === 'agree' && !sameMember(ledger, r.by, create!.by) && !sameMember(ledger, r.by, s.closed!.by))
  removal.passed = !stances.some((r) => r.a === 'block') && agreed.size * 2 > counted.length && byOther
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

/**
 * Whether a re-key written in room `here` counts: its removal passed, it removes that member, one of the people the
 * removal counts wrote it, and it seals one box to each device the removal names of the people who remain (unless
 * revoked since) and none to anyone else: a re-keyer can't strand a member in the old room, nor let the removed in.
 * What it counts by is fixed by the removal and the re-key; a revocation is the one record that comes later and can
 * (a re-key, a proposal or a close a revoked device signed past its cut doesn't count, so a stolen phone can't move a
 * room to a secret its thief holds; the price: a member who revokes their own re-keying device from before the re-key
 * makes the move stop counting, and the room moves again).
 */
export const rekeyCounts = (ledger: Ledger, here: string | undefined, r: RekeyRecord): boolean => {
  if (r.from !== here || ledger.chains.contested(r)) return false
  const removal = removalOf(ledger, r.removal)
  if (!removal?.passed || !sameMember(ledger, removal.target, r.gone)) return false
  // the cuts it names bar their devices in the new room: only the removed person's
  if (r.cuts?.some((x) => !sameMember(ledger, x.slice(0, x.indexOf(':')), r.gone))) return false
  const { personOf } = ledger.persons
  const remain = new Set(removal.counted)
  if (!remain.has(personOf(r.by)) || !isMemberOf(ledger, r.by)) return false
  const boxed = new Set(r.boxes.map((b) => b.slice(0, b.indexOf(':'))))
  for (const d of boxed) if (!remain.has(personOf(d))) return false
  return removal.named.every((d) => boxed.has(d) || !remain.has(personOf(d)) || isRevoked(ledger, d))
}

/** What ranks two people's re-keys of one removal: a hash of the removal and the re-keyer's person, which no signature changes. */
const rankOf = (removal: string, person: MemberId) => toBase64url(sha256(utf8(`hearth/rekey-rank/${removal}/${person}`)))

/**
 * The re-key this room moved by, if any. Only each device's first re-key of a removal counts (by its chain), and of a
 * person's devices the lowest; of those that count, the one whose person ranks lowest: so two members re-keying at
 * once end in the same new room on every device, whichever arrived first, and re-signing wins nothing.
 */
export const movedTo = (ledger: Ledger, here: string | undefined): RekeyRecord | null => {
  const first = new Map<string, RekeyRecord>()
  for (const r of ledger.rekeys.values()) {
    if (r.from !== here) continue
    const k = `${r.removal}/${r.by}`
    const was = first.get(k)
    if (!was || (r.seq ?? 0) < (was.seq ?? 0)) first.set(k, r)
  }
  const { personOf } = ledger.persons
  let winner: RekeyRecord | null = null
  let rank = ''
  for (const r of first.values()) {
    if (!rekeyCounts(ledger, here, r)) continue
    const mine = rankOf(r.removal, personOf(r.by))
    if (!winner || mine < rank || (mine === rank && r.by < winner.by)) (winner = r), (rank = mine)
  }
  return winner
}

/** A member's latest published lockbox key (by their chain) that a box can be sealed to, if any. */
export const boxKeyOf = (ledger: Ledger, m: MemberId): string | undefined => {
  let latest: MemberRecord | undefined
  for (const r of ledger.members.get(m) ?? [])
    if (r.x && isBoxKey(r.x) && !ledger.chains.contested(r) && (!latest || (r.seq ?? 0) > (latest.seq ?? 0))) latest = r
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
