import { sign, type Identity } from '../../identity/index.ts'
import { canonical, checkShape, hashOf, recordKey, type FieldErrors, type HearthRecord, type Unsigned } from '../records/index.ts'
import type { Room } from '../room.ts'
import type { ModelError } from '../errors.ts'
import { movedTo } from '../views/index.ts'

export type Failure = { ok: false; error: ModelError }
export type Result = { ok: true; id: string } | { ok: false; error: ModelError; fields?: FieldErrors }

export const fail = (error: ModelError, fields?: FieldErrors): Result & { ok: false } => ({ ok: false, error, fields })
export const done = (id: string) => (refused: Result | null): Result => refused ?? { ok: true, id }

export const clean = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T

const queues = new WeakMap<Room, Promise<unknown>>()

/**
 * One change at a time per room, each begun once the one before is in the ledger:
 * every record names the one its device signed just before, and reads what it changes afresh.
 */
export const serial = <T>(room: Room, change: () => Promise<T>): Promise<T> => {
  const run = (queues.get(room) ?? Promise.resolve()).then(change).finally(() => room.ledger.settled())
  queues.set(room, run.catch(() => {}))
  return run
}

/**
 * Signs records onto this device's chain: `seq` is one past its latest, or the clock if that is ahead,
 * so a phone that lost this room's records and joins again doesn't reuse a number; `prev` names the latest.
 * One after another, since each names the signature of the one before.
 */
const signChained = async (room: Room, bodies: Unsigned[], signer: Identity): Promise<HearthRecord[]> => {
  let head: HearthRecord | undefined = room.ledger.chains.head(signer.id)
  const out: HearthRecord[] = []
  for (const body of bodies) {
    const linked = clean({ ...body, seq: Math.max((head?.seq ?? 0) + 1, room.now()), prev: head && hashOf(head) }) as Unsigned
    head = { ...linked, sig: await sign(signer, canonical(linked)) } as HearthRecord
    out.push(head)
  }
  return out
}

/**
 * Signs and writes records, unless `check` (given the signed records) refuses them.
 * Every peer would refuse a record of the wrong shape, so this device must not show one either.
 * `as`: another key this device holds for a moment (a recovery kit's) signs, on its own chain.
 */
export const put = async (
  room: Room, bodies: Unsigned[], check?: (records: HearthRecord[]) => Failure | null, as: Identity = room.me,
): Promise<Failure | null> => {
  // a room that moved after a removal is read-only: what is new goes to the new room
  if (room.id && room.ledger.rekeys.size && movedTo(room.ledger, room.id)) return { ok: false, error: { code: 'room-moved' } }
  const records = await signChained(room, bodies, as)
  const entries = records.map((r): [string, HearthRecord] => [recordKey(r), r])
  if (entries.some(([key, r]) => !checkShape(key, r))) return { ok: false, error: { code: 'out-of-bounds' } }
  for (const r of records) {
    const over = room.ledger.quota.wouldExceed(r)
    if (over) return { ok: false, error: { code: 'quota-reached', quota: over } }
  }
  const refused = check?.(records)
  if (refused) return refused
  room.ledger.write(entries)
  return null
}
