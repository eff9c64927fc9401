import { MAX_HEADS, type Position } from './sealed.ts'

/**
 * What this phone has merged of a room's streams (sealed positions, see sealed.ts): per stream, the highest counter
 * up to which it holds every entry, and the entries it holds above a gap. A gap is an entry withheld.
 *
 * A snapshot's cover is a member's word: its heads are taken only for streams this phone has seen an entry of (now,
 * or when one comes later), so a member can't fill this phone's heads, and every snapshot it seals, with names. A
 * phone has a stream per session, so only the MAX_HEADS streams that moved last are kept.
 */
export const createOrder = (heads: Record<string, number> = {}) => {
  const upTo = new Map<string, number>(Object.entries(heads).slice(-MAX_HEADS))
  const above = new Map<string, Set<number>>()
  // the last cover's heads, for streams not seen yet
  let claimed = new Map<string, number>()
  const keep = (stream: string, n: number) => {
    upTo.delete(stream)
    upTo.set(stream, n)
    if (upTo.size <= MAX_HEADS) return
    const oldest = upTo.keys().next().value as string
    upTo.delete(oldest)
    above.delete(oldest)
  }
  const advance = (stream: string, n: number) => {
    const set = above.get(stream)
    let next = n
    if (set) {
      for (const m of [...set]) if (m <= n) set.delete(m)
      while (set.delete(next + 1)) next++
      if (!set.size) above.delete(stream)
    }
    keep(stream, next)
  }
  const add = (pos: Position) => {
    if (!upTo.has(pos.stream) && !above.has(pos.stream)) {
      const c = claimed.get(pos.stream)
      if (c !== undefined) keep(pos.stream, c)
    }
    const at = upTo.get(pos.stream) ?? 0
    if (pos.n <= at) return
    if (pos.n === at + 1) return advance(pos.stream, pos.n)
    let set = above.get(pos.stream)
    if (!set) above.set(pos.stream, (set = new Set()))
    set.add(pos.n)
  }
  return {
    add,
    has: (pos: Position) => pos.n <= (upTo.get(pos.stream) ?? 0) || !!above.get(pos.stream)?.has(pos.n),
    /** takes what a snapshot's cover holds: its heads, where they are ahead, for streams seen; the rest when they are */
    cover(covered: Record<string, number>) {
      claimed = new Map()
      for (const [stream, n] of Object.entries(covered)) {
        if (typeof n !== 'number') continue
        if (!upTo.has(stream) && !above.has(stream)) claimed.set(stream, n)
        else if (n > (upTo.get(stream) ?? 0)) advance(stream, n)
      }
    },
    gap: () => above.size > 0,
    /** each gap as the stream and the first position missing in it */
    gaps: (): string[] => [...above.keys()].map((s) => `${s}:${(upTo.get(s) ?? 0) + 1}`),
    heads: (): Record<string, number> => Object.fromEntries(upTo),
  }
}
export type Order = ReturnType<typeof createOrder>
