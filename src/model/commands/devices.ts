import { sign, type Identity, type MemberId } from '../../identity/index.ts'
import { canonical, certRef, checkShape, hashOf, recordKey, type DeviceAdd, type DeviceRecord, type HearthRecord, type Unsigned } from '../records/index.ts'
import type { Room } from '../room.ts'
import { fail, put, serial, type Result } from './write.ts'

/**
 * Links device `d` to this device's person: a certificate signed here, carrying `d`'s consent `ds`
 * (see identity/person.ts). It sits on no chain, so the same certificate goes into every room of the person.
 */
export const certify = async (room: Room, d: MemberId, ds: string, opts: { kit?: boolean } = {}): Promise<DeviceAdd | null> => {
  const record = await certificate(room.me, room.person(), d, ds, room.now(), opts)
  return writeCertificates(room, [record]) ? record : null
}

/** The same certificate signed with no room open: it belongs to none. `kit`: `d` is a recovery kit's key. */
export const certificate = async (me: Identity, p: MemberId, d: MemberId, ds: string, at = Date.now(), opts: { kit?: boolean } = {}): Promise<DeviceAdd> => {
  const body = (opts.kit ? { t: 'dev', op: 'add', p, d, ds, kit: 1, by: me.id, at } : { t: 'dev', op: 'add', p, d, ds, by: me.id, at }) as Unsigned
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
 * Revokes one of this person's devices (a lost phone): what it signs after the latest of its records this device
 * holds here no longer counts, and the revocation names that record. The devices it once linked stay: the revocation
 * keeps their certificates. Only a kit revokes a kit (see ledger/revoke.ts).
 * `before`: cut the device before one of its records instead (the kit undoing what a stolen device did: a revocation
 * of another device it signed no longer counts). `as`: a kit's key signs, while it is on this device.
 */
export const revokeDevice = (room: Room, d: MemberId, opts: { before?: HearthRecord; as?: Identity } = {}): Promise<Result> => serial(room, async () => {
  const p = room.person()
  const signer = opts.as ?? room.me
  const devices = room.devicesOf(p)
  const target = devices.find((x) => x.device === d && (!x.revoked || opts.before))
  const self = devices.find((x) => x.device === signer.id && !x.revoked)
  if (d === signer.id || !target || (!self && signer !== room.me)) return fail({ code: 'not-your-device' })
  if (target.kit && !self?.kit) return fail({ code: 'kit-revoked-by-kit' })
  const before = opts.before && opts.before.by === d ? opts.before : undefined
  const last = room.ledger.chains.head(d)
  const head = before ? before.prev : last && hashOf(last)
  const staying = new Set(devices.filter((x) => !x.revoked && x.device !== d).map((x) => x.device))
  const keep = certificatesOf(room, d).filter((c) => c.by === d && staying.has(c.d)).map(certRef)
  const refused = await put(room, [{ t: 'dev', op: 'revoke', p, d, head, keep, by: signer.id, at: room.now() } as Unsigned], undefined, signer)
  return refused ?? { ok: true, id: d }
})

/**
 * On a revoked device, with its person's kit (pasted here): each device that revoked this one is revoked from before
 * it did, so this one counts again. What the person says by pasting the kit here: this device is me, that one is not.
 */
export const restoreWithKit = async (room: Room, kit: Identity): Promise<Result[]> => {
  const me = room.devicesOf(room.person()).find((x) => x.device === room.me.id)
  if (!me?.revoked) return []
  const against = [...room.ledger.records.values() as Iterable<DeviceRecord>].filter((r) =>
    r && typeof r === 'object' && r.t === 'dev' && r.op === 'revoke' && r.d === room.me.id && r.p === room.person() && r.by !== kit.id)
  const out: Result[] = []
  for (const r of against) out.push(await revokeDevice(room, r.by, { before: r, as: kit }))
  return out
}
