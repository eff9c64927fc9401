import { digest } from 'lib0/hash/sha256'
import type { MemberId } from '../identity/index.ts'
import type { ResponseRecord } from './records.ts'

/**
 * The yes queue (who is going, who waits) is ordered by what answers saw, never by the times they claim.
 * A yes names the answers it saw at the head of the queue (`after`). Then:
 * - an answer that others saw and built on comes first (more witnesses, transitively);
 * - of answers with as many witnesses, the one that saw more comes first (deeper);
 * - answers from before `after` existed keep their claimed-time order among themselves, after new ones;
 * - what is left is truly concurrent: a fixed lottery of invitation and member decides.
 * So claiming an early time, or claiming to have seen nothing, can't get ahead of an answer someone else had seen.
 */

/** How later answers name an answer: the start of its signature, which its signer can't choose. */
export const answerRef = (r: ResponseRecord): string => r.sig.slice(0, 8)

export const MAX_AFTER = 16

/** A member's current run of yes, from its first record. */
export interface Run { member: MemberId; start: ResponseRecord }

interface Rank { witnesses: number; depth: number; lottery?: string }

const parentsOf = (r: ResponseRecord, byRef: Map<string, ResponseRecord>): ResponseRecord[] => {
  const out: ResponseRecord[] = []
  for (const ref of r.after ?? []) {
    const p = byRef.get(ref)
    if (p && p !== r) out.push(p)
  }
  return out
}

const depths = (starts: ResponseRecord[], byRef: Map<string, ResponseRecord>): Map<ResponseRecord, number> => {
  const depth = new Map<ResponseRecord, number>()
  const visit = (r: ResponseRecord): number => {
    const known = depth.get(r)
    if (known !== undefined) return known
    depth.set(r, 0) // a cycle can't be signed honestly; if one is forged, it adds no depth
    let d = 0
    for (const p of parentsOf(r, byRef)) d = Math.max(d, visit(p) + 1)
    depth.set(r, d)
    return d
  }
  starts.forEach(visit)
  return depth
}

/** How many current answers saw each answer, directly or through others. */
const witnesses = (starts: ResponseRecord[], current: Set<ResponseRecord>, byRef: Map<string, ResponseRecord>) => {
  const children = new Map<ResponseRecord, ResponseRecord[]>()
  for (const s of starts) {
    for (const p of parentsOf(s, byRef)) {
      const list = children.get(p)
      if (list) list.push(s)
      else children.set(p, [s])
    }
  }
  const count = (r: ResponseRecord): number => {
    const seen = new Set<ResponseRecord>()
    const stack = [...(children.get(r) ?? [])]
    while (stack.length) {
      const c = stack.pop()!
      if (seen.has(c) || c === r) continue
      seen.add(c)
      stack.push(...(children.get(c) ?? []))
    }
    let n = 0
    for (const c of seen) if (current.has(c)) n++
    return n
  }
  return count
}

const lottery = (id: string, member: MemberId): string =>
  Array.from(digest(new TextEncoder().encode(`${id}:${member}`)).subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('')

/** Orders the current yes runs of invitation `id`; `starts` are all yes runs ever begun on it, for what they saw. */
export const orderQueue = (id: string, current: Run[], starts: ResponseRecord[]): Run[] => {
  if (current.length < 2) return current
  const linked = starts.some((s) => s.after?.length)
  const byRef = new Map(starts.map((s) => [answerRef(s), s]))
  const depth = linked ? depths(starts, byRef) : undefined
  const count = linked ? witnesses(starts, new Set(current.map((r) => r.start)), byRef) : undefined
  const ranks = new Map<Run, Rank>(current.map((r) => [r, { witnesses: count?.(r.start) ?? 0, depth: depth?.get(r.start) ?? 0 }]))
  const draw = (r: Run) => (ranks.get(r)!.lottery ??= lottery(id, r.member))
  return [...current].sort((a, b) => {
    const ra = ranks.get(a)!
    const rb = ranks.get(b)!
    if (ra.witnesses !== rb.witnesses) return rb.witnesses - ra.witnesses
    if (ra.depth !== rb.depth) return rb.depth - ra.depth
    const legacyA = !a.start.after
    const legacyB = !b.start.after
    if (legacyA !== legacyB) return legacyA ? 1 : -1
    if (legacyA && a.start.at !== b.start.at) return a.start.at - b.start.at
    const la = legacyA ? '' : draw(a)
    const lb = legacyB ? '' : draw(b)
    return la < lb ? -1 : la > lb ? 1 : a.member < b.member ? -1 : 1
  })
}

/** What a new yes names: the answers in the queue that no other answer in it has named yet. */
export const queueHeads = (current: Run[]): string[] => {
  const named = new Set(current.flatMap((r) => r.start.after ?? []))
  return current.map((r) => answerRef(r.start)).filter((ref) => !named.has(ref)).slice(-MAX_AFTER)
}
