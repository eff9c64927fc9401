import type { Entry, RelayMessage, Op } from '../../protocol/index.ts'
import { openSnapshot } from './sealed.ts'
import type { RoomKeys } from '../../crypto/index.ts'

type State = Extract<RelayMessage, { op: Op.State }>

/** a hole (a withheld entry, a struct waiting for one) is asked for again at most this often */
const MEND_EVERY_MS = 2000

export interface MendHost {
  keys: RoomKeys
  history: (since: number) => Promise<State>
  apply: (update: Uint8Array) => Promise<unknown>
  applyEntry: (e: Entry) => Promise<void>
  /** the relay answered for everything up to what it sent */
  settle: () => void
  since: () => number
  hole: () => boolean
  joined: () => boolean
  saved: () => void
}

/**
 * Asking the relay again. `fill` reads its log after `since` (or, from 0, its oldest kept history: see Op.History) and
 * merges it; `mend` answers a hole with the range again, then once per join with the kept history. Peers fill what
 * is left when they next sync.
 */
export const createMend = (h: MendHost) => {
  let mending: Promise<void> | null = null
  let last = 0
  let keptRead = false

  const fill = async (since: number) => {
    for (let from = since; ;) {
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
    if (mending || !h.joined()) return
    const wait = last + MEND_EVERY_MS - Date.now()
    // asked a moment ago: once more when the time is up, so a hole that opens just after is not left for the next entry
    if (wait > 0) { later ??= setTimeout(() => { later = undefined; if (h.hole()) mend() }, wait); return }
    last = Date.now()
    mending = (async () => {
      await fill(h.since())
      if (h.hole() && !keptRead) { keptRead = true; await fill(0) }
      h.saved()
    })().catch(() => {}).finally(() => { mending = null })
  }

  return { fill, mend, joined: () => { keptRead = false } }
}
