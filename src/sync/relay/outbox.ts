import { nanoid } from 'nanoid'
import * as Y from 'yjs'
import type { RoomKeys } from '../../crypto/index.ts'
import type { SyncError } from '../errors.ts'
import type { Held } from '../guard/index.ts'
import { sealEntry, type Position } from './sealed.ts'
import { RelayRefusal, type RelaySocket } from './socket.ts'
import { addRanges, foldRanges, lacks, outside, type Ranges } from './vectors.ts'

export interface Pending { id: string; update: Uint8Array; pos?: Position }

export interface OutboxHost {
  keys: RoomKeys
  socket: RelaySocket
  /** keeps the outbox across reloads */
  save: (items: Pending[]) => Promise<unknown>
  position: () => Position
  joined: () => boolean
  /** the relay has `p`, durably, at `seq` */
  acked: (seq: number, p: Pending) => void
  /** what keeps this phone's changes from the relay */
  refused: (problem: SyncError) => void
  changed: () => void
}

/**
 * This phone's edits on their way to the relay, kept across reloads until acknowledged. The relay acknowledges a push
 * only once its write is durable, though it passes it on to the room at once (see Op.Live): a push it passed on and
 * then lost in a crash is still here, and goes again when the room joins again (its id makes a second copy harmless).
 */
export const createOutbox = (h: OutboxHost) => {
  let items: Pending[] = []
  // until the saved outbox has loaded, writing would replace it with only the newest edits
  let loaded = false
  const save = () => (loaded ? h.save(items).catch(() => {}) : Promise.resolve())
  const remove = (p: Pending) => { items = items.filter((o) => o !== p) }
  // what the relay acknowledged or sent this session past what it is known to hold, after a gap (a room's start written
  // before the relay came, still to push; a log read in seq order whose start came last): counted once the gap is
  // filled, rather than pushed again with it
  let beyond: Ranges = new Map()
  // a push on the wire is not sent again until it is answered (a join's repair goes at once, then the rest)
  const flying = new Set<Pending>()

  const send = async (p: Pending) => {
    if (flying.has(p)) return
    flying.add(p)
    try {
      // its position when it goes, not when it was queued: what goes first is first in its stream too
      p.pos ??= h.position()
      const seq = await h.socket.push(h.keys.topic, p.id, sealEntry(h.keys, p.pos, p.update))
      remove(p)
      void save()
      h.acked(seq, p)
    } catch (err) {
      const code = err instanceof RelayRefusal ? err.code : 'timeout'
      if (code === 'too-large') {
        // it can never go: keep it on this phone (it is in the document) and say so, but don't let it block the rest
        remove(p)
        void save()
        h.refused({ code: 'change-too-large' })
      } else if (code === 'room-full' || code === 'bad-message') {
        h.refused({ code: 'relay-refused', why: code })
      } else {
        // rate-limited, unavailable, not-joined while rejoining, or no answer in time: try again a little later
        setTimeout(() => { if (h.joined() && items.includes(p)) void send(p) }, code === 'rate-limited' ? 2000 : 5000)
      }
    } finally {
      flying.delete(p)
    }
  }

  return {
    items: () => items,
    /** `first`: ahead of the edits queued here */
    enqueue(update: Uint8Array, first = false) {
      const p: Pending = { id: nanoid(16), update }
      if (first) items.unshift(p)
      else items.push(p)
      // on the wire first: saving the outbox and the status's screen updates take longer than sealing
      if (h.joined()) void send(p)
      void save()
      h.changed()
    },
    sendAll() {
      const all = Promise.all(items.map(send))
      void save() // with the positions they went with
      return all
    },
    /** `vector` (what the relay holds) grown by `more` (an update it acknowledged, what an entry surely held) and by
     * what came past it before, once that continues it */
    held(vector: Uint8Array, more: Uint8Array | Held) {
      const { vector: grown, left } = foldRanges(vector, addRanges(beyond, more))
      beyond = left
      return grown
    },
    /** the relay's copy is another (or holds less than it said): what it acknowledged counts no more */
    forget() { beyond = new Map() },
    /** pushes what `doc` holds that neither the relay (`vector`, what it holds, and past it) nor this outbox has: ahead of
     * the edits queued here when none continues the relay's copy, as they then build on it (a room's start written
     * before the relay came) */
    lacking(doc: Y.Doc, vector: Uint8Array) {
      const ranges: Ranges = new Map(beyond)
      for (const p of items) addRanges(ranges, p.update)
      const { vector: known, left } = foldRanges(vector, ranges)
      if (!lacks(known, Y.encodeStateVector(doc))) return
      const update = Y.encodeStateAsUpdate(doc, known)
      this.enqueue(left.size ? outside(update, left) : update, !lacks(foldRanges(vector, beyond).vector, known))
    },
    /** what an earlier page saved goes first */
    load(saved: unknown) {
      // one saved with no position may have gone under one never saved (a page closed, another tab): under a new id the
      // relay stores it again, where the same id with another position would leave that position a hole in its stream
      if (Array.isArray(saved)) items = [...(saved as Pending[]).filter((p) => p && typeof p.id === 'string' && p.update instanceof Uint8Array).map((p) => (p.pos ? p : { ...p, id: nanoid(16) })), ...items]
      loaded = true
      void save()
    },
  }
}

/**
 * This phone's updates, each sent once the update's other handlers have run (WebRTC's send is one) but before the
 * microtasks they queued (persisting it takes about a millisecond): at the end of the transactions, a microtask as backstop.
 */
export const afterHandlers = (doc: Y.Doc, send: (update: Uint8Array) => void) => {
  let list: Uint8Array[] = []
  let stopped = false
  const flush = () => {
    const out = list
    list = []
    for (const u of out) send(u)
  }
  doc.on('afterAllTransactions', flush)
  return {
    add(update: Uint8Array) {
      if (stopped) return
      if (!list.length) queueMicrotask(flush)
      list.push(update)
    },
    stop() { stopped = true; doc.off('afterAllTransactions', flush); list = [] },
  }
}
