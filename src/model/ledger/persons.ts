import type { MemberId } from '../../identity/index.ts'
import { certRef, type DeviceAdd, type DeviceRecord, type DeviceRevoke, type HearthRecord } from '../records/index.ts'
import { judgeRevocations } from './revoke.ts'

/** A device of a person as the room's certificates make it; `kit`: a recovery kit's key. */
export interface Device { device: MemberId; revoked: boolean; kit?: boolean }

/** Who is who in a room: each device resolved to its person, from the certificates and revocations it holds. */
export interface Persons {
  /** a valid (signed, consented) device record at its key */
  add: (key: string, r: DeviceRecord) => void
  /** the person a device belongs to; a device no certificate links is a person of its own */
  personOf: (device: MemberId) => MemberId
  /** the person's devices, their first (the person id) first */
  devicesOf: (person: MemberId) => Device[]
  /** a record its device signed after that device was revoked, by the device's own chain */
  revokedAfter: (r: HearthRecord) => boolean
  /** every valid certificate and revocation, to carry into a re-keyed room */
  records: () => Iterable<DeviceRecord>
  /** a member's chain grew: where revocations cut may move (see revoke.ts) */
  grew: (member: MemberId) => void
  /** whether who is who changed since the last call, from chains that grew */
  settle: () => boolean
}

interface Judged {
  person: Map<MemberId, MemberId>
  /** revoked device → the latest seq of its that counts */
  upto: Map<MemberId, number>
  devices: Map<MemberId, Device[]>
  /** devices that signed or were named by a revocation: their chains move its cut */
  involved: Set<MemberId>
}

/**
 * Judges one person's records, the same on every device whatever the order they arrived in:
 * - a certificate counts when its signer is a device of the person (their first key, or one certified so);
 * - a revocation counts when a device of the person signed it, by the rules of revoke.ts (where it cuts, who may
 *   revoke a kit, two devices that revoke each other);
 * - the person's devices are then those reached from their first key through certificates of devices still
 *   standing, or kept by the revocation of the device that signed them; a kit's certificate always stands.
 */
const judgePerson = (
  p: MemberId, adds: DeviceAdd[], revokes: DeviceRevoke[], contested: (r: HearthRecord) => boolean,
  chainOf: (m: MemberId) => readonly HearthRecord[], out: Judged,
) => {
  const reach = (from: Set<MemberId>, ok: (c: DeviceAdd, from: Set<MemberId>) => boolean) => {
    for (let grew = true; grew;) {
      grew = false
      for (const c of adds) if (!from.has(c.d) && ok(c, from)) from.add(c.d), (grew = true)
    }
    return from
  }
  const candidates = reach(new Set([p]), (c, from) => from.has(c.by))
  const signed = revokes.filter((r) => !contested(r) && candidates.has(r.by) && candidates.has(r.d) && r.by !== r.d)
  const { cut: upto, kept, kits } = judgeRevocations(adds, signed, candidates, chainOf, p)
  signed.forEach((r) => out.involved.add(r.by).add(r.d))
  const current = reach(new Set(upto.has(p) ? [] : [p]), (c, from) =>
    !upto.has(c.d) && (from.has(c.by) || !!kept.get(c.by)?.has(certRef(c)) || (c.kit === 1 && candidates.has(c.by))))
  const list: Device[] = [{ device: p, revoked: upto.has(p) }]
  // in one order whatever the order certificates arrived in
  for (const d of [...candidates].sort()) {
    if (d === p || !(current.has(d) || upto.has(d))) continue
    // a device two people certified (both with its consent) is the lowest person's
    const was = out.person.get(d)
    if (was !== undefined && was < p) continue
    out.person.set(d, p)
    list.push(kits.has(d) ? { device: d, revoked: upto.has(d), kit: true } : { device: d, revoked: upto.has(d) })
  }
  for (const [d, n] of upto) if (out.person.get(d) === p || d === p) out.upto.set(d, n)
  out.devices.set(p, list)
}

export const openPersons = (contested: (r: HearthRecord) => boolean, chainOf: (m: MemberId) => readonly HearthRecord[] = () => []): Persons => {
  const records = new Map<string, DeviceRecord>()
  let judged: Judged | null = null
  // what the last judgement said, while chains that revocations name grow
  let stale: string | null = null
  const said = (j: Judged) => JSON.stringify([[...j.upto], [...j.person], [...j.devices]])
  const judge = (): Judged => {
    if (judged) return judged
    const byPerson = new Map<MemberId, { adds: DeviceAdd[]; revokes: DeviceRevoke[] }>()
    for (const r of records.values()) {
      let g = byPerson.get(r.p)
      if (!g) byPerson.set(r.p, (g = { adds: [], revokes: [] }))
      if (r.op === 'add') g.adds.push(r)
      else g.revokes.push(r)
    }
    const out: Judged = { person: new Map(), upto: new Map(), devices: new Map(), involved: new Set() }
    // in one order on every device, so a device two people claim resolves the same everywhere
    for (const p of [...byPerson.keys()].sort()) judgePerson(p, byPerson.get(p)!.adds, byPerson.get(p)!.revokes, contested, chainOf, out)
    return (judged = out)
  }
  const personOf = (device: MemberId) => (records.size ? judge().person.get(device) ?? device : device)
  return {
    add(key, r) {
      records.set(key, r)
      judged = null
      stale = null
    },
    grew(member) {
      if (!judged?.involved.has(member)) return
      stale ??= said(judged)
      judged = null
    },
    settle() {
      if (stale === null) return false
      const was = stale
      stale = null
      return said(judge()) !== was
    },
    personOf,
    records: () => records.values(),
    devicesOf: (person) => (records.size ? judge().devices.get(person) : undefined) ?? [{ device: person, revoked: false }],
    revokedAfter(r) {
      if (!records.size) return false
      const upto = judge().upto.get(r.by)
      // records from before chains have no place in a chain: a revoked device's don't count
      return upto !== undefined && (r.seq === undefined || r.seq > upto)
    },
  }
}
