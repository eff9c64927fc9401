import type { MemberId } from '../../identity/index.ts'
import { contestedIn, findOf, headOf, prevFind, type HearthRecord } from '../records/index.ts'

/** Every author's chain in a room, and which of their records their own chain disowns. */
export interface Chains {
  /** a chained record; `old`, the one it replaces at its key (the same record written again by a restore, a merge) */
  add: (r: HearthRecord, old?: HearthRecord) => void
  /** re-judges the chains that grew since the last call; returns the records whose standing changed */
  settle: () => HearthRecord[]
  contested: (r: HearthRecord) => boolean
  head: (member: MemberId) => HearthRecord | undefined
  /** the member's chained records here, in no order */
  records: (member: MemberId) => readonly HearthRecord[]
  /** whether a record of the member's chain names `link` as its predecessor */
  names: (member: MemberId, link: string) => boolean
  /** evidence: authors whose chain disowns some of their records, with those records */
  forks: () => { member: MemberId; records: HearthRecord[] }[]
}

export const openChains = (): Chains => {
  // lists, not maps by key: a record replaces another at its key only when written again, and 10,000 map entries weigh
  const chains = new Map<MemberId, HearthRecord[]>()
  const contested = new Map<MemberId, Set<HearthRecord>>()
  const heads = new Map<MemberId, HearthRecord>()
  const grown = new Set<MemberId>()
  // made only for members with a record refused for its signature (see ledger.ts): most rooms need none
  const named = new Map<MemberId, Set<string | undefined>>()
  // what each member added since the last settle; null when a record was written again over another
  const added = new Map<MemberId, HearthRecord[] | null>()
  // per member who wrote live here: every find and `prev` find in their chain (see appended)
  const finds = new Map<MemberId, Set<string>>()

  /**
   * A live edit adds one record on top of its author's head. Judging the whole chain again sorted it each time
   * (15 ms for an author of 10,000 records); this says, without the sort, that contestedIn would say what it said:
   * the chain disowned nothing, each new record comes after the head by seq and names it, and its find is nowhere in
   * the chain, neither as a record's nor as a `prev` (else it would match a twin, or be named by a record before it).
   */
  const appended = (member: MemberId, chain: HearthRecord[]): boolean => {
    const list = added.get(member)
    let head = heads.get(member)
    if (!list || !head || contested.has(member) || list.length > 16) return false
    let known = finds.get(member)
    if (!known) {
      const fresh = new Set(list)
      known = new Set()
      for (const r of chain) {
        if (fresh.has(r)) continue
        known.add(findOf(r))
        const p = prevFind(r)
        if (p !== undefined) known.add(p)
      }
    }
    for (const r of [...list].sort((a, b) => a.seq! - b.seq!)) {
      const find = findOf(r)
      if (!(r.seq! > head.seq!) || prevFind(r) !== findOf(head) || known.has(find)) { finds.delete(member); return false }
      known.add(find).add(prevFind(r)!)
      head = r
    }
    finds.set(member, known)
    heads.set(member, head)
    return true
  }

  return {
    add(r, old) {
      let chain = chains.get(r.by)
      if (!chain) chains.set(r.by, (chain = []))
      const at = old ? chain.lastIndexOf(old) : -1
      if (at >= 0) chain[at] = r
      else chain.push(r)
      named.get(r.by)?.add(r.prev)
      grown.add(r.by)
      const list = added.get(r.by)
      if (at >= 0) added.set(r.by, null)
      else if (list === undefined) added.set(r.by, [r])
      else list?.push(r)
    },
    settle() {
      const changed: HearthRecord[] = []
      for (const member of grown) {
        const chain = chains.get(member)!
        if (appended(member, chain)) continue
        finds.delete(member)
        const before = contested.get(member) ?? new Set()
        const after = contestedIn(chain)
        for (const r of after) if (!before.has(r)) changed.push(r)
        for (const r of before) if (!after.has(r) && chain.includes(r)) changed.push(r)
        if (after.size) contested.set(member, after)
        else contested.delete(member)
        heads.set(member, headOf(chain)!)
      }
      grown.clear()
      added.clear()
      return changed
    },
    contested: (r) => contested.get(r.by)?.has(r) ?? false,
    head: (member) => heads.get(member),
    records: (member) => chains.get(member) ?? [],
    names(member, link) {
      const chain = chains.get(member)
      if (!chain) return false
      let set = named.get(member)
      if (!set) named.set(member, (set = new Set(chain.map((r) => r.prev))))
      return set.has(link)
    },
    forks: () => [...contested].map(([member, records]) => ({ member, records: [...records] })),
  }
}
