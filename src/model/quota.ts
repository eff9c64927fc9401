import { canonical, type HearthRecord } from './records.ts'

/**
 * What one member may put in one room. A member holds the room key and could sign records without end;
 * every phone in the room would keep and derive them all. So each member's records count only up to these
 * limits, and which ones count is the same on every phone: the earliest in their own chain (lowest `seq`).
 */
export const QUOTAS = {
  /** all the records one member signs in a room, and their bytes */
  records: 250_000,
  bytes: 128 * 1024 * 1024,
  /** invitations made and versions signed (an organiser's years of events fit many times over) */
  inv: 200_000,
  /** answers to one invitation (changing your mind 500 times) */
  res: 500,
  /** comment versions on one invitation: comments, edits and withdrawals */
  com: 2_000,
  /** display names */
  mem: 1_000,
  /** the room's name and description */
  room: 500,
} as const

export type QuotaName = keyof typeof QUOTAS

interface Entry { seq: number; sig: string; key: string; size: number }
interface Bucket { cap: number; bytes: number; used: number; entries: Entry[] }

const before = (a: Entry, b: Entry) => a.seq - b.seq || (a.sig < b.sig ? -1 : a.sig > b.sig ? 1 : 0)

/** The buckets a record counts in: every member's whole share, and the one for its kind. */
const bucketsOf = (r: HearthRecord): [string, QuotaName, number][] => {
  const own: [string, QuotaName, number] = [`all/${r.by}`, 'records', QUOTAS.bytes]
  switch (r.t) {
    case 'inv': return [own, [`inv/${r.by}`, 'inv', Infinity]]
    case 'res': return [own, [`res/${r.by}/${r.id}`, 'res', Infinity]]
    case 'com': return [own, [`com/${r.by}/${r.id}`, 'com', Infinity]]
    case 'mem': return [own, [`mem/${r.by}`, 'mem', Infinity]]
    case 'room': return [own, [`room/${r.by}`, 'room', Infinity]]
  }
}

export interface Quota {
  /** counts a valid record in; returns the keys that no longer count (the record's own, if it is past a limit) */
  admit: (key: string, r: HearthRecord) => string[]
  /** the limit a record this member is about to sign would go past, if any */
  wouldExceed: (r: HearthRecord) => QuotaName | null
  /** how many valid records are past a limit, and don't count */
  over: () => number
}

export const openQuota = (): Quota => {
  const buckets = new Map<string, Bucket>()
  const admitted = new Map<string, string[]>()
  const outside = new Set<string>()

  const insert = (b: Bucket, e: Entry): Entry[] => {
    const list = b.entries
    const last = list[list.length - 1]
    if (!last || before(last, e) < 0) list.push(e)
    else {
      let lo = 0
      let hi = list.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (before(list[mid], e) < 0) lo = mid + 1
        else hi = mid
      }
      list.splice(lo, 0, e)
    }
    b.used += e.size
    const out: Entry[] = []
    while (list.length > b.cap || b.used > b.bytes) {
      const gone = list.pop()!
      b.used -= gone.size
      out.push(gone)
    }
    return out
  }

  return {
    admit(key, r) {
      if (admitted.has(key)) return outside.has(key) ? [key] : []
      const entry: Entry = { seq: r.seq ?? 0, sig: r.sig, key, size: canonical(r).length }
      const names: string[] = []
      const dropped: string[] = []
      for (const [name, kind, bytes] of bucketsOf(r)) {
        let b = buckets.get(name)
        if (!b) buckets.set(name, (b = { cap: QUOTAS[kind], bytes, used: 0, entries: [] }))
        names.push(name)
        for (const gone of insert(b, entry)) if (!outside.has(gone.key)) outside.add(gone.key), dropped.push(gone.key)
      }
      admitted.set(key, names)
      return dropped
    },
    wouldExceed(r) {
      const size = canonical(r).length
      for (const [name, kind, bytes] of bucketsOf(r)) {
        const b = buckets.get(name)
        if (b && (b.entries.length + 1 > b.cap || b.used + size > bytes)) return kind
      }
      return null
    },
    over: () => outside.size,
  }
}
