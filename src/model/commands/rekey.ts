import { nanoid } from 'nanoid'
import { boxKeysFrom, openBox, roomIdFor, sealBoxes, type BoxKeys } from '../../crypto/index.ts'
import { isMemberKey, type MemberId } from '../../identity/index.ts'
import { LIMITS, boxContext, boxFor, recordKey, type HearthRecord, type ProposalContent, type RekeyRecord, type Unsigned } from '../records/index.ts'
import type { Room } from '../room.ts'
import { boxKeyOf, isMemberOf, movedTo, pendingRemovals, sameMember, type Removal } from '../views/index.ts'
import { invite } from './commands.ts'
import { done, fail, put, serial, type Result } from './write.ts'

export { boxKeysFrom, type BoxKeys }

/** The devices whose people a removal proposed now counts: every one this device knows by a lockbox key, the member's aside. */
const countable = (room: Room, target: MemberId): MemberId[] =>
  [...room.ledger.members.keys()].filter((d) => !sameMember(room.ledger, d, target) && boxKeyOf(room.ledger, d) &&
    !room.ledger.persons.devicesOf(room.personOf(d)).some((x) => x.device === d && x.revoked)).sort().slice(0, LIMITS.members)

/** Propose removing a member: a proposal decided by the consent of the people it names, who are those known now. */
export const proposeRemoval = (room: Room, target: MemberId, content: Omit<ProposalContent, 'remove' | 'counts'>): Promise<Result> => {
  if (!isMemberKey(target)) return Promise.resolve(fail({ code: 'not-a-member-key' }))
  if (sameMember(room.ledger, target, room.me.id)) return Promise.resolve(fail({ code: 'leave-instead' }))
  return invite(room, 'proposal', { ...content, remove: target, counts: countable(room, target) })
}

/** Publishes this device's lockbox key with its name, once: others seal a re-keyed room's secret to it. */
export const publishBoxKey = (room: Room, pub: string, name?: string): Promise<Result> => serial(room, async () => {
  if (boxKeyOf(room.ledger, room.me.id) === pub) return { ok: true, id: room.me.id }
  const mine = room.ledger.members.get(room.me.id) ?? []
  const n = Math.max(0, ...mine.map((m) => m.n)) + 1
  const shown = room.nameOf(room.me.id)
  return done(room.me.id)(await put(room, [{ t: 'mem', by: room.me.id, n, at: room.now(), name: name || shown, x: pub }]))
})

export type Rekeyed = { ok: true; id: string; secret: string; record: RekeyRecord } | (Result & { ok: false })

/**
 * Moves the room to a new one after a removal passed: a new secret (so a new id, topic and write key, none of them
 * derivable from the old secret), sealed to every remaining member's lockbox key, written in this room as a re-key.
 * The caller carries the history over (carryHistory) and opens the new room.
 */
export const rekey = (room: Room): Promise<Rekeyed> => serial(room, async (): Promise<Rekeyed> => {
  if (!room.id) return fail({ code: 'not-here' })
  if (movedTo(room.ledger, room.id)) return fail({ code: 'room-moved' })
  const removal = pendingRemovals(room.ledger, room.id).sort((a, b) => (a.id < b.id ? -1 : 1))[0]
  if (!removal) return fail({ code: 'no-removal-passed' })
  if (sameMember(room.ledger, removal.target, room.me.id) || !isMemberOf(room.ledger, room.me.id)) return fail({ code: 'removed-here' })
  if (!removal.counted.includes(room.personOf(room.me.id))) return fail({ code: 'not-counted-here' })
  const to = sealTo(room, removal)
  if (!to) return fail({ code: 'rekey-waits-for-keys' })
  const secret = nanoid(32)
  const id = roomIdFor(secret)
  const head = { from: room.id, room: id, removal: removal.id }
  const { e, boxes } = sealBoxes(secret, to, (member) => boxContext(head, member))
  const body = {
    t: 'rekey', by: room.me.id, at: room.now(), ...head, gone: removal.target, cut: room.ledger.chains.head(removal.target)?.seq ?? 0, cuts: cutsOf(room, removal.target), e,
    boxes: [...boxes].map(([member, box]) => `${member}:${box}`).sort(),
  } as Unsigned
  let written: HearthRecord | undefined
  const refused = await put(room, [body], ([r]) => { written = r; return null })
  if (refused) return refused
  return { ok: true, id, secret, record: written as RekeyRecord }
})

/**
 * Whom a re-key seals to: every device still standing of the people the removal counts, with its latest lockbox key;
 * null while a device the removal names has none here yet (without its box, the re-key would not count).
 */
const sealTo = (room: Room, removal: Removal): { member: MemberId; pub: string }[] | null => {
  const remain = new Set(removal.counted)
  const standing = (d: MemberId) => !room.ledger.persons.devicesOf(room.personOf(d)).some((x) => x.device === d && x.revoked)
  const devices = new Set([...removal.named, ...room.ledger.members.keys()].filter((d) => remain.has(room.personOf(d)) && standing(d)))
  const to = [...devices].flatMap((member) => { const pub = boxKeyOf(room.ledger, member); return pub ? [{ member, pub }] : [] })
  return removal.named.every((d) => !devices.has(d) || to.some((t) => t.member === d)) ? to : null
}

/** Where the removed person's other devices stand: in the new room, their records past these don't count. */
const cutsOf = (room: Room, target: MemberId): string[] =>
  room.ledger.persons.devicesOf(room.personOf(target)).filter((d) => d.device !== target)
    .map((d) => `${d.device}:${room.ledger.chains.head(d.device)?.seq ?? 0}`).sort()

/** The new room's secret from the re-key this room moved by, if it sealed one to this device; checked against the room it names. */
export const openLockbox = (room: Room, keys: BoxKeys): { id: string; secret: string } | null => {
  const r = movedTo(room.ledger, room.id)
  const box = r && boxFor(r, room.me.id)
  const secret = box && openBox(keys, r.e, box, boxContext(r, room.me.id))
  return r && secret && roomIdFor(secret) === r.room ? { id: r.room, secret } : null
}

/** The old room's valid records, written into the new room as they were: signed records count in any room that holds them. */
export const carryHistory = (from: Room, to: Room) => {
  const l = from.ledger
  // certificates too: in the new room, a removed person's devices are still theirs, and so barred with them
  const all: HearthRecord[] = [...l.rekeys.values(), ...l.about.values(), ...[...l.members.values()].flat(), ...l.persons.records()]
  for (const index of [l.invites, l.responses, l.comments, l.claims]) for (const m of index.values()) all.push(...m.values())
  to.ledger.write(all.map((r) => [recordKey(r), r]))
}
