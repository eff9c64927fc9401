import type { HearthRecord } from './records.ts'

/**
 * Each author's records form a chain: `seq` grows with every record, `prev` names the one before.
 * An author can still sign anything, but can't slip a record into their past unseen:
 * their own later record names its real predecessor, so anything in between was skipped over.
 */

/**
 * How a successor names its predecessor (`prev`): by the first 22 characters of its signature, which begin
 * the signature's R. Nobody can aim a different signature at them (132 bits), so they name one record,
 * unless its author signed two records with one nonce, which is a fork (and publishes their private key).
 * No hashing: an open of 10,000 records checks every chain for the price of a sort.
 */
export const hashOf = (r: Pick<HearthRecord, 'sig'>): string => r.sig.slice(0, 22)

/** Refs name records compactly (a close naming the stances it saw): the start of the signature. */
export const refOf = (r: HearthRecord): string => r.sig.slice(0, 12)

const bySeq = (a: HearthRecord, b: HearthRecord) => a.seq! - b.seq! || (a.sig < b.sig ? -1 : a.sig > b.sig ? 1 : 0)

/**
 * The records of one author's chain that their own chain disowns: two records with one seq (both),
 * and records that a later record skipped over by naming an earlier one as its predecessor.
 * A record whose predecessor has not arrived is not judged: it may be on its way.
 */
export const contestedIn = (chain: Iterable<HearthRecord>): Set<HearthRecord> => {
  const sorted = [...chain].sort(bySeq)
  const at = new Map<string, number>()
  const out = new Set<HearthRecord>()
  sorted.forEach((r, i) => {
    const twin = at.get(hashOf(r))
    if (twin !== undefined && sorted[twin].sig !== r.sig) out.add(r).add(sorted[twin])
    else at.set(hashOf(r), i)
  })
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i]
    if (i > 0 && sorted[i - 1].seq === r.seq && sorted[i - 1].sig !== r.sig) out.add(r).add(sorted[i - 1])
    if (!r.prev) continue
    const j = at.get(r.prev)
    if (j === undefined) continue
    if (j >= i) out.add(r)
    else for (let k = j + 1; k < i; k++) out.add(sorted[k])
  }
  return out
}

/** The author's latest record in the chain, which their next one names. */
export const headOf = (chain: Iterable<HearthRecord>): HearthRecord | undefined => {
  let head: HearthRecord | undefined
  for (const r of chain) if (!head || bySeq(r, head) > 0) head = r
  return head
}
