import type { MemberId } from '../../identity/index.ts'
import { commentRef, hashOf, type DeviceAdd, type DeviceRevoke, type HearthRecord } from '../records/index.ts'

/**
 * Which of one person's revocations count, and where each cuts: the same on every device whatever the order of arrival.
 *
 * The cut is causal, not the revoker's to choose freely:
 * - a revocation names, by the hash `prev` uses, the revoked device's record it cuts after (`head`); it counts only
 *   once that record is here, and cuts at its place in the device's chain (no head: before its first record);
 * - it never cuts below a record of the revoked device that the revoker's own chain, before the revocation, had
 *   named (a room name it followed, a stance it closed on, a comment it answered, a claim it saw): the revoker
 *   held those, and can't take back its own chain.
 * So a thief holding a device can still claim to have held less than it did of the other devices' records that its
 * chain never named; the owner's kit undoes that by revoking the thief's device from before its revocation.
 *
 * A recovery kit (a certificate with `kit`) is revoked only by a kit: one made from it (certified by it, or by a kit
 * made from it), or one nearer the person's first key, by the fewest certificates from it, than the kit it revokes.
 * Devices can't revoke kits, nor can a kit as near or farther (a newer kit made from the same device), and a kit's
 * certificate stands when the device that made it is revoked. So a thief holding a linked device can't lock the owner
 * out of their kit, and a kit the thief makes there falls to the owner's kit made nearer the first key (which device
 * linked which is fixed before any theft; one made as near is a stalemate, as before: neither revokes the other).
 *
 * A revocation doesn't count when its signer was revoked before signing it (its place in the signer's chain is past
 * a counted revocation's cut), unless it answers that revocation unseen: two devices that revoke each other, neither
 * naming the other's revocation, are both revoked. Either could be the thief, and a thief can always claim not to
 * have seen; were both to stand, every revocation could be answered and stopped. The kit brings back the owner's.
 */
export interface Revoked {
  /** revoked device → the seq of its last record that counts (-1: none) */
  cut: Map<MemberId, number>
  /** revoked device → refs of the certificates it signed that still stand */
  kept: Map<MemberId, Set<string>>
  kits: Set<MemberId>
}

/** Refs a record names of other records (see records.ts): what its signer had seen. */
const namedBy = (r: HearthRecord): unknown[] => {
  switch (r.t) {
    case 'res': case 'room': case 'clm': return r.after ?? []
    case 'com': return r.re === undefined ? [] : [r.re]
    case 'inv': return r.op === 'cancel' || r.op === 'close' ? r.seen ?? [] : r.op === 'hide' || r.op === 'unhide' || r.op === 'release' ? [r.c] : []
    default: return []
  }
}

/**
 * A device's chain as revocations look it up: the record a hash names (found by the start of its signature, as `prev`
 * finds it, so only that one is hashed: a flood on a revoked device's chain costs no hashing), and the refs other
 * records name it by.
 */
const indexOf = (chain: readonly HearthRecord[]) => {
  let ref: Map<string, number> | undefined
  const low = (m: Map<string, number>, k: string, seq: number) => m.set(k, Math.min(m.get(k) ?? Infinity, seq))
  return {
    link(head: string): number | undefined {
      const find = head.slice(0, 10)
      for (const r of chain) if (r.seq !== undefined && r.sig.startsWith(find) && hashOf(r) === head) return r.seq
      return undefined
    },
    ref(name: string): number | undefined {
      if (!ref) {
        ref = new Map()
        for (const r of chain) {
          if (r.seq === undefined) continue
          low(ref, r.sig.slice(0, 8), r.seq)
          low(ref, r.sig.slice(0, 12), r.seq)
          if (r.t === 'com') low(ref, commentRef(r), r.seq)
        }
      }
      return ref.get(name)
    },
  }
}

/** How many certificates from the person's first key each of their devices and kits is, by the nearest path. */
const depths = (person: MemberId, adds: DeviceAdd[]): Map<MemberId, number> => {
  const depth = new Map([[person, 0]])
  for (let at = [person], n = 1; at.length; n++) {
    const from = new Set(at)
    at = []
    for (const c of adds) if (from.has(c.by) && !depth.has(c.d)) depth.set(c.d, n), at.push(c.d)
  }
  return depth
}

export const judgeRevocations = (
  adds: DeviceAdd[], revokes: DeviceRevoke[], candidates: Set<MemberId>, chainOf: (m: MemberId) => readonly HearthRecord[],
  person?: MemberId,
): Revoked => {
  const kits = new Set<MemberId>()
  const madeBy = new Map<MemberId, Set<MemberId>>()
  for (const c of adds) {
    if (c.kit !== 1 || !candidates.has(c.by)) continue
    kits.add(c.d)
    let by = madeBy.get(c.d)
    if (!by) madeBy.set(c.d, (by = new Set()))
    by.add(c.by)
  }
  // the kits a kit was made from, directly or through kits
  const elders = (k: MemberId): Set<MemberId> => {
    const out = new Set<MemberId>()
    for (const todo = [k]; todo.length;)
      for (const by of madeBy.get(todo.pop()!) ?? []) if (kits.has(by) && !out.has(by)) out.add(by), todo.push(by)
    return out
  }
  const depth = person === undefined ? new Map<MemberId, number>() : depths(person, adds)
  const nearer = (a: MemberId, b: MemberId) => (depth.get(a) ?? Infinity) < (depth.get(b) ?? Infinity)
  const indexes = new Map<MemberId, ReturnType<typeof indexOf>>()
  const index = (m: MemberId) => indexes.get(m) ?? indexes.set(m, indexOf(chainOf(m))).get(m)!
  const cuts = new Map<DeviceRevoke, number>()
  for (const r of revokes) {
    if (kits.has(r.d) && !(kits.has(r.by) && (elders(r.by).has(r.d) || nearer(r.by, r.d)))) continue
    const at = index(r.d)
    let cut = r.head === undefined ? -1 : at.link(r.head)
    if (cut === undefined) continue // the record it names isn't here (yet)
    for (const x of chainOf(r.by)) {
      if (x.seq === undefined || x.seq >= r.seq) continue
      for (const name of namedBy(x)) {
        const seq = typeof name === 'string' ? at.ref(name) : undefined
        if (seq !== undefined && seq > cut) cut = seq
      }
    }
    cuts.set(r, cut)
  }
  // o cut r's signer before r (r is past o's cut), and r doesn't answer o unseen
  const voids = (o: DeviceRevoke, r: DeviceRevoke) =>
    o !== r && o.d === r.by && cuts.get(o)! < r.seq && !(o.by === r.d && cuts.get(r)! < o.seq)
  const signed = [...cuts.keys()]
  // a revocation voided only by voided ones counts again; a few rounds settle every honest case, and stay deterministic
  let counted = signed
  for (let round = 0; round < 8; round++) {
    const next = signed.filter((r) => !counted.some((o) => voids(o, r)))
    if (next.length === counted.length && next.every((r, i) => r === counted[i])) break
    counted = next
  }
  const cut = new Map<MemberId, number>()
  const kept = new Map<MemberId, Set<string>>()
  for (const r of counted) {
    cut.set(r.d, Math.min(cut.get(r.d) ?? Infinity, cuts.get(r)!))
    let k = kept.get(r.d)
    if (!k) kept.set(r.d, (k = new Set()))
    r.keep.forEach((ref) => k.add(ref))
  }
  return { cut, kept, kits }
}
