import type { RoomKeys } from '../../crypto/index.ts'
import type { Held } from '../guard/index.ts'
import { openEntryAsync, type Position } from './sealed.ts'

/** a live copy taken into the document, waiting for the Stored that names its seq */
interface Waiting { held: Held | null; bytes: number; pos?: Position }

/** at most this many live copies wait: a relay that never says Stored can't grow this phone's memory */
const MAX_WAITING = 1024

export interface LiveHost {
  keys: RoomKeys
  joined: () => boolean
  /** into the document, through the guard; what it surely added, or null */
  apply: (update: Uint8Array) => Promise<Held | null>
  /** counts an entry as merged at `seq` (the cursor, the relay's vector, the positions) */
  saw: (seq: number, held: Held | null, bytes: number, pos?: Position) => void
  /** `seq` is counted already and its sealed position agrees: a relay that relabels can't hide an entry */
  merged: (seq: number, pos?: Position) => boolean
  /** after an entry came: look for holes */
  came: () => void
  /** after the cursor moved */
  counted: () => void
}

/**
 * What the relay sends while a room is joined: Updates (durable entries) and, from a relay that offers them, Live copies
 * and Stored notices. A Live copy goes into the document at once, like any entry (sealed, signed, guarded), but its seq
 * is the relay's word before the disk has it: a relay that dies and restarts may give that seq to another entry. So it
 * counts (moves the cursor, tells what the relay holds) only once a Stored on this socket names it; one never named stays
 * in the document uncounted, and the next join reads the log from before it. Each frame applies after the one before.
 */
export const createLive = (h: LiveHost) => {
  let applying: Promise<unknown> = Promise.resolve()
  const waiting = new Map<number, Waiting>()
  // one per socket: a copy still opening when its socket closed must not wait for a Stored from the next socket
  let socket = 0
  // frames that come while the join is still applying the relay's State: the relay sends a Live copy once and no
  // Update for it, so one dropped here would wait for a later entry to show the hole; kept, then taken in turn after it
  let early: Array<() => void> = []
  const later = (frame: () => void) => {
    if (early.length >= MAX_WAITING) early.shift()
    early.push(frame)
  }
  const inTurn = (work: () => Promise<void>) => {
    applying = applying.then(work).catch((err) => console.warn('hearth: could not apply an update from the relay', err))
  }

  const self = {
    update(seq: number, data: Uint8Array) {
      if (!h.joined()) return later(() => self.update(seq, data))
      inTurn(async () => {
        const o = await openEntryAsync(h.keys, data)
        if (!o || h.merged(seq, o.pos)) return
        waiting.delete(seq)
        h.saw(seq, await h.apply(o.update), data.length, o.pos)
        h.counted()
        h.came()
      })
    },
    live(seq: number, data: Uint8Array) {
      if (!h.joined()) return later(() => self.live(seq, data))
      const on = socket
      inTurn(async () => {
        const o = await openEntryAsync(h.keys, data)
        if (!o || h.merged(seq, o.pos)) return
        const held = await h.apply(o.update)
        if (on !== socket) return
        if (waiting.size >= MAX_WAITING) waiting.delete(waiting.keys().next().value!)
        waiting.set(seq, { held, bytes: data.length, pos: o.pos })
        h.came()
      })
    },
    stored(from: number, to: number) {
      if (!h.joined()) return later(() => self.stored(from, to))
      const on = socket
      inTurn(async () => {
        if (on !== socket) return
        let any = false
        for (const [seq, w] of waiting) {
          if (seq < from || seq > to) continue
          waiting.delete(seq)
          h.saw(seq, w.held, w.bytes, w.pos)
          any = true
        }
        // a Stored can show a hole (a seq below it whose Live copy never came): ask for it now, not at the next entry
        if (any) { h.counted(); h.came() }
      })
    },
    /** the join has applied the relay's State: take what came meanwhile */
    joined() {
      const frames = early
      early = []
      for (const frame of frames) frame()
    },
    /** the socket closed: a Stored for what waits can't come any more */
    clear() { socket++; waiting.clear(); early = [] },
  }
  return self
}
