import type { MemberId } from '../../identity/index.ts'
import type { HearthRecord, RekeyRecord } from '../records/index.ts'

/**
 * Whom a re-key bars in the room it moved to: the person it removed, with every device of theirs. A device the re-key
 * names (`gone` and its `cut`, the others in `cuts`) keeps what it signed up to its cut; any other device of that
 * person, certified before or after, counts for nothing here, so their later certificates don't let them back in.
 * Only a re-key that `counts` bars (its removal passed in the room it came from, whose history this room holds):
 * anyone with this room's key can write one naming it, so being here proves nothing.
 */
export interface Bars {
  /** a re-key read here: it bars once proven */
  notice: (r: RekeyRecord) => void
  /** whether some re-key naming this room waits to be proven (what it names may come later) */
  waiting: () => boolean
  /** proves those that count now; returns whether anyone is barred anew */
  prove: (counts: (r: RekeyRecord) => boolean) => boolean
  barred: (r: HearthRecord) => boolean
}

const cutOf = (entry: string): [MemberId, number] => {
  const at = entry.indexOf(':')
  return [entry.slice(0, at), Number(entry.slice(at + 1))]
}

export const openBars = (roomId: string | undefined, personOf: (device: MemberId) => MemberId): Bars => {
  const cuts = new Map<MemberId, number>()
  // the devices re-keys named as gone: their people are barred, whichever devices they have
  const gone = new Set<MemberId>()
  const unproven = new Set<RekeyRecord>()
  const cut = (d: MemberId, n: number) => { if (n < (cuts.get(d) ?? Infinity)) cuts.set(d, n) }
  return {
    notice(r) { if (r.room === roomId && r.from !== r.room) unproven.add(r) },
    waiting: () => unproven.size > 0,
    prove(counts) {
      let grew = false
      for (const r of unproven) {
        if (!counts(r)) continue
        unproven.delete(r)
        grew = true
        gone.add(r.gone)
        cut(r.gone, r.cut)
        for (const entry of r.cuts ?? []) cut(...cutOf(entry))
      }
      return grew
    },
    barred(r) {
      if (!gone.size) return false
      const at = cuts.get(r.by)
      if (at !== undefined) return (r.seq ?? 0) > at
      const p = personOf(r.by)
      for (const g of gone) if (personOf(g) === p) return true
      return false
    },
  }
}
