import { verifyMany } from '../../identity/index.ts'
import { canonical, hashOf, isChained, type HearthRecord } from '../records/index.ts'

/**
 * Which of a batch of new records are signed by their author, checking as few signatures as it can.
 * A chained record's `prev` binds its predecessor's signed text and signature (see hashOf), so once its own
 * signature holds, it vouches for the record it names, and that one for the one before: a chain arriving whole
 * costs one signature check, on its head. Every record nothing verified vouches for is checked on its own, as
 * before: records from before chains, forks' other branches, records past a gap, and every record under a head
 * whose signature fails (a hostile member can write a forged head over an honest chain, but can't make it count
 * as unverified: it only costs the check of each record, which is what every record cost before).
 */
export const checkSigned = async (records: HearthRecord[]): Promise<boolean[]> => {
  const ok = new Array<boolean>(records.length).fill(false)
  const link = new Map<string, number>()
  records.forEach((r, i) => { if (isChained(r)) link.set(hashOf(r), i) })
  // what the record at i names, if it is in this batch and by the same author
  const named = (i: number): number | undefined => {
    const r = records[i]
    const j = r.prev === undefined ? undefined : link.get(r.prev)
    return j !== undefined && records[j].by === r.by ? j : undefined
  }
  const isNamed = new Uint8Array(records.length)
  for (let i = 0; i < records.length; i++) {
    const j = named(i)
    if (j !== undefined) isNamed[j] = 1
  }
  const vouch = (from: number) => {
    for (let j = named(from); j !== undefined && !ok[j]; j = named(j)) ok[j] = true
  }
  const check = async (which: number[]) => {
    const results = await verifyMany(which.map((i) => [records[i].by, canonical(records[i]), records[i].sig]))
    which.forEach((i, k) => { ok[i] = results[k] })
    which.forEach((i) => { if (ok[i]) vouch(i) })
  }
  // first the heads: what no other record here names
  await check(records.flatMap((_, i) => (isNamed[i] ? [] : [i])))
  // then, one by one, whatever no verified record vouched for
  const rest = records.flatMap((_, i) => (ok[i] || !isNamed[i] ? [] : [i]))
  if (rest.length) await check(rest)
  return ok
}
