import { sha256, toBase64url, utf8 } from '../../crypto/index.ts'
import { canonical, type HearthRecord } from './records.ts'

/**
 * Each author's records form a chain: `seq` grows with every record, `prev` names the one before.
 * An author can still sign anything, but can't slip a record into their past unseen:
 * their own later record names its real predecessor, so anything in between was skipped over.
 */

/**
 * How a successor names its predecessor (`prev`): the first 10 characters of its signature, which find it in its
 * author's chain for the price of a sort (as a record's key does), then 12 of a SHA-256 of its signed text and
 * signature, which bind every byte of it (72 bits against a second preimage). So one verified signature on a chain's
 * head vouches for every record before it, and a cold start checks one signature per author (see ledger/vouch.ts).
 * Records signed before the hash named their predecessor by 22 characters of its signature: they are still found
 * by the first 10, and vouch for nothing.
 */
export const hashOf = (r: HearthRecord): string => {
  let link = links.get(r)
  if (link === undefined) links.set(r, (link = linkOf(r, sha256(linkText(r)))))
  return link
}

/** What a record's link hashes: its signed text and signature (hashOf). */
export const linkText = (r: HearthRecord): Uint8Array => utf8(canonical(r) + r.sig)
/** The link of a record from the SHA-256 of its linkText, as hashOf spells it. */
export const linkOf = (r: HearthRecord, digest: Uint8Array): string => r.sig.slice(0, FIND) + toBase64url(digest.subarray(0, 9))

// records are immutable values: a cold open asks each one's link several times (linking, vouching, chains)
let links = new WeakMap<HearthRecord, string>()

/** Once a batch is checked its links are asked no more: keeping one for each of 10,000 records held half a MB. */
export const forgetLinks = () => { links = new WeakMap() }

/** The link of this record as a sift worker computed it over a copy (see ledger/sift.ts). */
export const knownLink = (r: HearthRecord, link: string) => { links.set(r, link) }

/** How much of `prev` finds the predecessor among its author's records */
const FIND = 10
export const findOf = (r: Pick<HearthRecord, 'sig'>): string => r.sig.slice(0, FIND)
/** the part of `prev` that finds the predecessor */
export const prevFind = (r: HearthRecord): string | undefined => r.prev?.slice(0, FIND)

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
    const twin = at.get(findOf(r))
    if (twin !== undefined && sorted[twin].sig !== r.sig) out.add(r).add(sorted[twin])
    else at.set(findOf(r), i)
  })
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i]
    if (i > 0 && sorted[i - 1].seq === r.seq && sorted[i - 1].sig !== r.sig) out.add(r).add(sorted[i - 1])
    if (!r.prev) continue
    const j = at.get(r.prev.slice(0, FIND))
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
