import { sha256 } from '../../crypto/index.ts'
import type { MemberId } from '../../identity/index.ts'
import { MAX_AFTER, type ResponseRecord } from '../records/index.ts'

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

/** A member's current run of yes, from its first record. */
export interface Run { member: MemberId; start: ResponseRecord }

interface Rank { witnesses: number; depth: number; lottery?: string }

/** Each start's parents (the answers it names), as indexes into `starts`. */
const parentsOf = (starts: ResponseRecord[]): number[][] => {
  const index = new Map<string, number>()
  starts.forEach((s, i) => index.set(answerRef(s), i))
  return starts.map((s, i) => {
    const out: number[] = []
    for (const ref of s.after ?? []) {
      const p = index.get(ref)
      if (p !== undefined && p !== i) out.push(p)
    }
    return out
  })
}

/** How deep each start is (the longest line of answers it saw), and how many current answers saw it, through others too. */
const graph = (starts: ResponseRecord[], current: Set<ResponseRecord>) => {
  const parents = parentsOf(starts)
  const depth = new Int32Array(starts.length).fill(-1)
  const visit = (i: number): number => {
    if (depth[i] >= 0) return depth[i]
    depth[i] = 0 // a cycle can't be signed honestly; if one is forged, it adds no depth
    let d = 0
    for (const p of parents[i]) d = Math.max(d, visit(p) + 1)
    return (depth[i] = d)
  }
  const witnesses = new Int32Array(starts.length)
  const stamp = new Int32Array(starts.length).fill(-1)
  starts.forEach((s, i) => {
    visit(i)
    if (!current.has(s)) return
    // every answer this one saw, directly or not, gains one witness
    const stack = [...parents[i]]
    while (stack.length) {
      const a = stack.pop()!
      if (stamp[a] === i || a === i) continue
      stamp[a] = i
      witnesses[a]++
      stack.push(...parents[a])
    }
  })
  const at = new Map(starts.map((s, i) => [s, i]))
  return (r: ResponseRecord): Rank => {
    const i = at.get(r)!
    return { witnesses: witnesses[i], depth: depth[i] }
  }
}

const lottery = (id: string, member: MemberId): string =>
  Array.from(sha256(new TextEncoder().encode(`${id}:${member}`)).subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('')

/** Orders the current yes runs of invitation `id`; `starts` are all yes runs ever begun on it, for what they saw. */
export const orderQueue = (id: string, current: Run[], starts: ResponseRecord[]): Run[] => {
  if (current.length < 2) return current
  const linked = starts.some((s) => s.after?.length)
  const rank = linked ? graph(starts, new Set(current.map((r) => r.start))) : () => ({ witnesses: 0, depth: 0 })
  const ranks = new Map<Run, Rank>(current.map((r) => [r, rank(r.start)]))
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
