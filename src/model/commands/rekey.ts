import { nanoid } from 'nanoid'
import { boxKeysFrom, openBox, roomIdFor, sealBoxes, type BoxKeys } from '../../crypto/index.ts'
import { isMemberKey, type MemberId } from '../../identity/index.ts'
import { boxContext, boxFor, recordKey, type HearthRecord, type ProposalContent, type RekeyRecord, type Unsigned } from '../records/index.ts'
import type { Room } from '../room.ts'
import { boxKeyOf, isMemberOf, movedTo, pendingRemovals, sameMember } from '../views/index.ts'
import { invite } from './commands.ts'
import { done, fail, put, serial, type Result } from './write.ts'

export { boxKeysFrom, type BoxKeys }

/** Propose removing a member: a proposal like any other, decided by the room's consent, that names them. */
export const proposeRemoval = (room: Room, target: MemberId, content: Omit<ProposalContent, 'remove'>): Promise<Result> => {
  if (!isMemberKey(target)) return Promise.resolve(fail({ code: 'not-a-member-key' }))
  if (sameMember(room.ledger, target, room.me.id)) return Promise.resolve(fail({ code: 'leave-instead' }))
  return invite(room, 'proposal', { ...content, remove: target })
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
  const secret = nanoid(32)
  const id = roomIdFor(secret)
  const to = [...room.ledger.members.keys()].filter((m) => !sameMember(room.ledger, m, removal.target))
    .flatMap((member) => { const pub = boxKeyOf(room.ledger, member); return pub ? [{ member, pub }] : [] })
  const head = { from: room.id, room: id, removal: removal.id }
  const { e, boxes } = sealBoxes(secret, to, (member) => boxContext(head, member))
  const body = {
    t: 'rekey', by: room.me.id, at: room.now(), ...head, gone: removal.target, cut: room.ledger.chains.head(removal.target)?.seq ?? 0, e,
    boxes: [...boxes].map(([member, box]) => `${member}:${box}`).sort(),
  } as Unsigned
  let written: HearthRecord | undefined
  const refused = await put(room, [body], ([r]) => { written = r; return null })
  if (refused) return refused
  return { ok: true, id, secret, record: written as RekeyRecord }
})

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
  const all: HearthRecord[] = [...l.rekeys.values(), ...l.about.values(), ...[...l.members.values()].flat()]
  for (const index of [l.invites, l.responses, l.comments]) for (const m of index.values()) all.push(...m.values())
  to.ledger.write(all.map((r) => [recordKey(r), r]))
}
