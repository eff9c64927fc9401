import * as Y from 'yjs'
import type { Entry, RelayMessage, Op } from '../../protocol/index.ts'
import { applySliced, asideMissing, writeAgainFrom } from '../guard/index.ts'
import { openEntryAsync, openSnapshot, openSnapshotAsync } from './sealed.ts'
import type { RoomKeys } from '../../crypto/index.ts'

type State = Extract<RelayMessage, { op: Op.State }>

/** a hole (a withheld entry, a struct waiting for one) is asked for again at most this often */
const MEND_EVERY_MS = 2000
/** a read of the relay's log or kept history stops after this many parts: a relay that always says `more` can't loop it */
export const MAX_PARTS = 32

/** each hole, named by where it is: a stream and its first missing position, a Yjs client and clock, a seq skipped */
export const holesIn = (doc: Y.Doc, gaps: string[], skipped: number): string[] => [
  ...gaps,
  ...[...(doc.store.pendingStructs?.missing ?? []), ...asideMissing(doc)].map(([client, clock]) => `y:${client}:${clock}`),
  ...(doc.store.pendingDs ? ['ds'] : []),
  ...(skipped ? [`seq:${skipped}`] : []),
]

export interface MendHost {
  keys: RoomKeys
  history: (since: number) => Promise<State>
  apply: (update: Uint8Array) => Promise<unknown>
  applyEntry: (e: Entry) => Promise<void>
  /** the relay answered for everything up to what it sent */
  settle: () => void
  since: () => number
  /** each hole this phone sees, named by where it is (a stream and position, a Yjs client and clock, a seq) */
  holes: () => string[]
  joined: () => boolean
  saved: () => void
}

/**
 * Asking the relay again. `fill` reads its log after `since` (or, from 0, its oldest kept history: see Op.History) and
 * merges it; `mend` answers a hole with the range again, then with the kept history, once per hole in a session: a
 * member's position far past any head is a hole nobody can fill, and must not cost every phone a read every two
 * seconds. Peers fill what is left when they next sync.
 */
export const createMend = (h: MendHost) => {
  let mending: Promise<void> | null = null
  let last = 0
  const answered = new Set<string>()
  const open = () => h.holes().filter((k) => !answered.has(k))

  const fill = async (since: number) => {
    for (let from = since, part = 0; part < MAX_PARTS; part++) {
      const s = await h.history(from)
      const kept = s.snapshot && openSnapshot(h.keys, s.snapshot.data)
      if (kept) await h.apply(kept.update)
      for (const u of s.updates) await h.applyEntry(u)
      const end = s.updates.at(-1)?.seq ?? s.snapshot?.seq ?? from
      if (!s.more || end <= from) break
      from = end
    }
    h.settle()
  }

  let later: ReturnType<typeof setTimeout> | undefined
  const mend = () => {
    if (mending || !h.joined() || !open().length) return
    const wait = last + MEND_EVERY_MS - Date.now()
    // asked a moment ago: once more when the time is up, so a hole that opens just after is not left for the next entry
    if (wait > 0) { later ??= setTimeout(() => { later = undefined; mend() }, wait); return }
    last = Date.now()
    mending = (async () => {
      const asked = open()
      await fill(h.since())
      if (open().some((k) => asked.includes(k))) await fill(0)
      for (const k of asked) answered.add(k)
      h.saved()
    })().catch(() => {}).finally(() => { mending = null })
  }

  return { fill, mend }
}

/** a newcomer reads the kept history once its first view is shown, or after this long at most */
const SHOWN_WITHIN_MS = 20_000

const into = async (doc: Y.Doc, update: Uint8Array) => {
  // nothing is set aside in the scratch copy: it is read whole as its last entry is in, and what waits in Yjs is read with it
  try { await applySliced(doc, update, 'kept', 'the relay', undefined, false, false) } catch { /* a damaged one is skipped */ }
}

/**
 * A newcomer's read of the relay's kept history (the snapshot the current one replaced and the log after it, see
 * Op.History), behind its first view. A snapshot's cover is its maker's word, so a member's snapshot may leave records
 * out, or hold them deleted (then the newcomer holds their clocks, and no diff brings them). The kept history is read
 * into a copy of its own, once the first view is shown: what it holds that this document never had is merged through the guard, and records it holds
 * live that this document holds deleted are written again here, each still signed by its author (writeAgainFrom).
 */
export const readKept = async (doc: Y.Doc, keys: RoomKeys, history: (since: number) => Promise<State>,
  apply: (update: Uint8Array) => Promise<unknown>, shown: () => Promise<unknown>, gone: () => boolean): Promise<void> => {
  await Promise.race([shown(), new Promise((r) => setTimeout(r, SHOWN_WITHIN_MS))])
  if (gone()) return
  const kept = new Y.Doc()
  for (let from = 0, part = 0; part < MAX_PARTS; part++) {
    const s = await history(from)
    const snap = s.snapshot && await openSnapshotAsync(keys, s.snapshot.data)
    if (snap) await into(kept, snap.update)
    for (const u of s.updates) {
      const o = await openEntryAsync(keys, u.data)
      if (o) await into(kept, o.update)
    }
    const end = s.updates.at(-1)?.seq ?? s.snapshot?.seq ?? from
    if (!s.more || end <= from) break
    from = end
  }
  await apply(Y.encodeStateAsUpdate(kept, Y.encodeStateVector(doc)))
  writeAgainFrom(doc, kept)
  kept.destroy()
}
