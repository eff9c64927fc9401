import type { MemberId } from '../../identity/index.ts'
import { isChained, type InviteRecord } from '../records/index.ts'

/**
 * Which invitation versions may count at all, before authority is checked, from their authors' chains:
 * an author's versions must climb in the order they signed them, so nothing signed after a version
 * can be placed before it (back-dated); and what an author's own chain disowns does not count.
 * Giving something up (stepping down, handing over, declining) always counts: no trick can undo it.
 */

const NONE: ReadonlySet<InviteRecord> = new Set()

export const givesUp = (r: InviteRecord): boolean => r.op === 'stepdown' || r.op === 'decline'

/** Versions signed after a version of the same author with a higher or equal number. Older records come first (seq 0). */
export const backdated = (ops: InviteRecord[], contested: (r: InviteRecord) => boolean, create?: InviteRecord): ReadonlySet<InviteRecord> => {
  // most invitations are one "create": no set to make for them
  if (ops.length < 2) return NONE
  const out = new Set<InviteRecord>()
  const byAuthor = new Map<MemberId, InviteRecord[]>()
  for (const r of ops) {
    if (contested(r)) continue
    const list = byAuthor.get(r.by)
    if (list) list.push(r)
    else byAuthor.set(r.by, [r])
  }
  for (const list of byAuthor.values()) {
    if (list.length < 2 || !list.some(isChained)) continue
    list.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.v - b.v)
    let top = 0
    // the maker's chain can't hold anything about an invitation before its "create"
    const floor = create && list[0].by === create.by && isChained(create) ? create.seq! : -Infinity
    for (const r of list) {
      if (isChained(r) && r.seq! < floor && !givesUp(r)) { out.add(r); continue }
      // older records among themselves have no order to check
      if (isChained(r) && r.v <= top && !givesUp(r)) out.add(r)
      else top = Math.max(top, r.v)
    }
  }
  return out
}
