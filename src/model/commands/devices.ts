import { sign, type Identity, type MemberId } from '../../identity/index.ts'
import { canonical, certRef, checkShape, recordKey, type DeviceAdd, type DeviceRecord, type Unsigned } from '../records/index.ts'
import type { Room } from '../room.ts'
import { fail, put, serial, type Result } from './write.ts'

/**
 * Links device `d` to this device's person: a certificate signed here, carrying `d`'s consent `ds`
 * (see identity/person.ts). It sits on no chain, so the same certificate goes into every room of the person.
 */
export const certify = async (room: Room, d: MemberId, ds: string): Promise<DeviceAdd | null> => {
  const record = await certificate(room.me, room.person(), d, ds, room.now())
  return writeCertificates(room, [record]) ? record : null
}

/** The same certificate signed with no room open: it belongs to none. */
export const certificate = async (me: Identity, p: MemberId, d: MemberId, ds: string, at = Date.now()): Promise<DeviceAdd> => {
  const body = { t: 'dev', op: 'add', p, d, ds, by: me.id, at } as Unsigned
  return { ...body, sig: await sign(me, canonical(body)) } as DeviceAdd
}

/** Writes certificates signed elsewhere (this device's own, carried from room to room); every device checks them as any record. */
export const writeCertificates = (room: Room, records: DeviceRecord[]): boolean => {
  const entries = records.map((r) => [recordKey(r), r] as const)
  if (entries.some(([key, r]) => !checkShape(key, r))) return false
  const fresh = entries.filter(([key]) => !room.ledger.records.has(key))
  if (fresh.length) room.ledger.doc.transact(() => fresh.forEach(([key, r]) => room.ledger.records.set(key, r)))
  return true
}

/** The certificates in this room that make device `d` one of the person's, as they stand. */
export const certificatesOf = (room: Room, d: MemberId): DeviceAdd[] => {
  const p = room.personOf(d)
  const out: DeviceAdd[] = []
  for (const r of room.ledger.records.values() as Iterable<DeviceRecord>)
    if (r && typeof r === 'object' && r.t === 'dev' && r.op === 'add' && r.p === p) out.push(r)
  return out
}

/**
 * Revokes one of this person's devices (a lost phone): what it signs after what this device has seen of it
 * no longer counts. The devices it once linked stay: the revocation keeps their certificates.
 */
export const revokeDevice = (room: Room, d: MemberId): Promise<Result> => serial(room, async () => {
  const p = room.person()
  const devices = room.devicesOf(p)
  if (d === room.me.id || !devices.some((x) => x.device === d && !x.revoked)) return fail({ code: 'not-your-device' })
  const staying = new Set(devices.filter((x) => !x.revoked && x.device !== d).map((x) => x.device))
  const keep = certificatesOf(room, d).filter((c) => c.by === d && staying.has(c.d)).map(certRef)
  const upto = room.ledger.chains.head(d)?.seq
  const refused = await put(room, [{ t: 'dev', op: 'revoke', p, d, upto, keep, by: room.me.id, at: room.now() } as Unsigned])
  return refused ?? { ok: true, id: d }
})
