import type { Position } from './sealed.ts'

/**
 * What this phone has merged of a room's streams (sealed positions, see sealed.ts): per stream, the highest counter
 * up to which it holds every entry, and the entries it holds above a gap. A gap is an entry withheld.
 */
export const createOrder = (heads: Record<string, number> = {}) => {
  const upTo = new Map<string, number>(Object.entries(heads))
  const above = new Map<string, Set<number>>()
  const add = (pos: Position) => {
    const at = upTo.get(pos.stream) ?? 0
    if (pos.n <= at) return
    let set = above.get(pos.stream)
    if (pos.n === at + 1) {
      let next = pos.n
      while (set?.delete(next + 1)) next++
      upTo.set(pos.stream, next)
      if (set && !set.size) above.delete(pos.stream)
      return
    }
    if (!set) above.set(pos.stream, (set = new Set()))
    set.add(pos.n)
  }
  return {
    add,
    has: (pos: Position) => pos.n <= (upTo.get(pos.stream) ?? 0) || !!above.get(pos.stream)?.has(pos.n),
    /** takes what a snapshot's cover holds: its heads, where they are ahead */
    cover(covered: Record<string, number>) {
      for (const [stream, n] of Object.entries(covered)) {
        if (typeof n !== 'number' || n <= (upTo.get(stream) ?? 0)) continue
        const set = above.get(stream)
        let next = n
        if (set) {
          for (const m of [...set]) if (m <= n) set.delete(m)
          while (set.delete(next + 1)) next++
          if (!set.size) above.delete(stream)
        }
        upTo.set(stream, next)
      }
    },
    gap: () => above.size > 0,
    heads: (): Record<string, number> => Object.fromEntries(upTo),
  }
}
export type Order = ReturnType<typeof createOrder>
