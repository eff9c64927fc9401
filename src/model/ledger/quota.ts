import { recordKey, type HearthRecord } from '../records/index.ts'

/**
 * What one member may put in one room. A member holds the room key and could sign records without end;
 * every phone in the room would keep and derive them all. So each member's records count only up to these
 * limits, and which ones count is the same on every phone: the earliest in their own chain (lowest `seq`).
 */
export const QUOTAS = {
  /**
   * all the records one member signs in a room, and their bytes: every phone in the room carries them, so a
   * member's share is what a phone can carry for each member (an organiser's ten years of weekly events,
   * edited and answered, weigh a few MB)
   */
  records: 250_000,
  bytes: 16 * 1024 * 1024,
  /** invitations made and versions signed (an organiser's years of events fit many times over) */
  inv: 200_000,
  /** answers to one invitation, or to one date of a repeating one (changing your mind 500 times) */
  res: 500,
  /** answers to one invitation, all its dates together: a series' 260 dates (see repeat.ts), each answered and changed many times */
  resDates: 5_000,
  /** comment versions on one invitation: comments, edits and withdrawals */
  com: 2_000,
  /** display names */
  mem: 1_000,
  /** the room's name and description */
  room: 500,
  /** device certificates and revocations */
  dev: 500,
  /** re-keys: one per removal that passed is all an honest member writes */
  rekey: 50,
  /** claims and hand-backs on one invitation's needs */
  clm: 500,
} as const

export type QuotaName = keyof typeof QUOTAS

// the record itself, not an entry made for it: 10,000 entries (with a boxed seq each) weighed half a MB on a cold
// open; a record's key (what the ledger holds it at, see checkShape) and weight are spelt again when one goes
type Entry = HearthRecord
/** `cut`: the earliest record that did not fit; it and everything after it stay out, so what counts is a prefix */
interface Bucket { cap: number; bytes: number; used: number; entries: Entry[]; cut?: Entry; sorted: boolean }

const len = (v: unknown): number => (typeof v === 'string' ? v.length : Array.isArray(v) ? v.reduce((n: number, x) => n + len(x) + 1, 0) : 0)

/**
 * What a record weighs against its author's bytes: its envelope and every text and list in it. Close to its
 * signed size, and far cheaper to take on a cold open of 10,000 records, where most skip the signed text.
 */
export const weightOf = (r: HearthRecord): number => {
  let n = 300
  switch (r.t) {
    case 'inv':
      if (r.op === 'create' || r.op === 'edit') for (const v of Object.values(r.c)) n += len(v) + 16
      else if (r.op === 'close') n += len(r.outcome) + len(r.seen)
      else if (r.op === 'home' || r.op === 'attended') n += len(r.ms)
      else if (r.op === 'release') n += len(r.why)
      else if (r.op === 'cancel') n += len(r.seen)
      return n
    case 'res': return n + len(r.note) + len(r.after)
    case 'com': return n + len(r.text) + len(r.re)
    case 'mem': return n + len(r.name)
    case 'room': return n + len(r.name) + len(r.about) + len(r.after)
    case 'dev': return n + (r.op === 'add' ? 120 : 60 + len(r.keep))
    case 'rekey': return n + len(r.boxes)
    case 'clm': return n + len(r.after)
  }
}

const before = (a: Entry, b: Entry) => (a.seq ?? 0) - (b.seq ?? 0) || (a.sig < b.sig ? -1 : a.sig > b.sig ? 1 : 0)

interface Share {
  all: Bucket
  kinds: Map<string, Bucket>
}

const bucket = (kind: QuotaName, bytes = Infinity): Bucket => ({ cap: QUOTAS[kind], bytes, used: 0, entries: [], sorted: true })

/** The limit for a record's kind (per invitation for answers and comments, per date for a repeating event's answers). */
const kindOf = (r: HearthRecord): [string, QuotaName] => {
  switch (r.t) {
    case 'inv': return ['inv', 'inv']
    case 'res': return [r.o === undefined ? `r${r.id}` : `r${r.id}@${r.o}`, 'res']
    case 'com': return [`c${r.id}`, 'com']
    case 'mem': return ['mem', 'mem']
    case 'room': return ['room', 'room']
    case 'dev': return ['dev', 'dev']
    case 'rekey': return ['rekey', 'rekey']
    case 'clm': return [`k${r.id}`, 'clm']
  }
}

export interface Quota {
  /** counts a valid record in, once per key (the ledger asks once); returns the keys that no longer count (the record's own, if it is past a limit) */
  admit: (key: string, r: HearthRecord) => string[]
  /** the limit a record this member is about to sign would go past, if any */
  wouldExceed: (r: HearthRecord) => QuotaName | null
  /** how many valid records are past a limit, and don't count */
  over: () => number
}

/** `ownerOf`: whose share a device's records count against (its person: a person's devices share one) */
export const openQuota = (ownerOf: (device: string) => string = (d) => d): Quota => {
  const shares = new Map<string, Share>()
  const outside = new Set<string>()
  // a record admitted at a key other than its own (none, from the ledger) keeps it here
  const odd = new Map<HearthRecord, string>()
  const keyOf = (r: HearthRecord) => odd.get(r) ?? recordKey(r)
  const bucketsOf = (r: HearthRecord, make: boolean): (Bucket | undefined)[] => {
    const owner = ownerOf(r.by)
    let share = shares.get(owner)
    if (!share && make) shares.set(owner, (share = { all: bucket('records', QUOTAS.bytes), kinds: new Map() }))
    const named = (name: string, kind: QuotaName) => {
      let b = share?.kinds.get(name)
      if (!b && share && make) share.kinds.set(name, (b = bucket(kind)))
      return b
    }
    const [name, kind] = kindOf(r)
    // answers to each date count apart, and all of one invitation's together, under a bound of their own
    return r.t === 'res' ? [share?.all, named(name, kind), named(`R${r.id}`, 'resDates')] : [share?.all, named(name, kind)]
  }

  const insert = (b: Bucket, e: Entry, size: number): Entry[] => {
    // what counts is the longest run of a member's earliest records that fits: the same whatever the order of arrival
    if (b.cut && before(b.cut, e) < 0) return [e]
    const list = b.entries
    const last = list[list.length - 1]
    b.used += size
    // under the limits every record counts, whatever their order: a cold open of 10,000 in key order (not seq)
    // spliced each into place; they are sorted only once something must go
    if (!last || before(last, e) < 0 || !b.sorted) list.push(e), last && before(last, e) > 0 && (b.sorted = false)
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
    const out: Entry[] = []
    if (list.length <= b.cap && b.used <= b.bytes) return out
    if (!b.sorted) list.sort(before), (b.sorted = true)
    while (list.length > b.cap || b.used > b.bytes) {
      const gone = list.pop()!
      b.used -= weightOf(gone)
      b.cut = gone
      out.push(gone)
    }
    return out
  }

  return {
    admit(key, r) {
      const size = weightOf(r)
      if (recordKey(r) !== key) odd.set(r, key)
      const dropped: string[] = []
      for (const b of bucketsOf(r, true)) {
        for (const gone of insert(b!, r, size)) {
          const k = gone === r ? key : keyOf(gone)
          if (!outside.has(k)) outside.add(k), dropped.push(k)
        }
      }
      return dropped
    },
    wouldExceed(r) {
      const size = weightOf(r)
      const [all, own, dates] = bucketsOf(r, false)
      if (all && (all.cut || all.entries.length + 1 > all.cap || all.used + size > all.bytes)) return 'records'
      if (own && (own.cut || own.entries.length + 1 > own.cap)) return kindOf(r)[1]
      if (dates && (dates.cut || dates.entries.length + 1 > dates.cap)) return 'resDates'
      return null
    },
    over: () => outside.size,
  }
}
