import { nanoid } from 'nanoid'
import * as Y from 'yjs'
import { open, seal, type RoomKeys } from '../../crypto/index.ts'
import { RelayRefusal, relaySocket } from './socket.ts'
import { applySliced, writeAgain, type Clean, type Held } from '../guard/index.ts'
import type { SyncError } from '../errors.ts'
import { createPresence, PRESENCE_MS } from './presence.ts'
import { emptyVector, extendHeld, extendVector, lacks } from './vectors.ts'

/** how often this phone writes again what a member's snapshot hid (see writeAgain) */
const WRITE_AGAIN_EVERY_MS = 10 * 60_000

/**
 * What this phone knows about the relay's copy of a room; kept in the room's IndexedDB. `epoch` is the copy's
 * (the relay's State says it): another one means the relay lost what this cursor describes.
 */
interface Cursor { url: string; seq: number; vector: Uint8Array; snapshotSeq: number; sinceSnapshot: number; epoch?: string }
interface Pending { id: string; update: Uint8Array }

export interface RelayState {
  /** off: no relay set · connecting · saved: everything here is on the relay · saving: changes wait for the relay's ack · unreachable · refused */
  state: 'off' | 'connecting' | 'saved' | 'saving' | 'unreachable' | 'refused'
  pending: number
  error?: SyncError
  /** people the relay says are in this room now (sealed presence), by member id */
  here: { member: string; name: string }[]
}

export interface RelayStore {
  get: (k: string) => Promise<unknown>
  set: (k: string, v: unknown) => Promise<unknown>
}

export interface RelaySync {
  state: () => RelayState
  destroy: () => void
}

const SNAPSHOT_EVERY = 200
const SNAPSHOT_BYTES = 512 * 1024
// the relay's default bound on one snapshot
const MAX_SNAPSHOT = 16 * 1024 * 1024

/**
 * Keeps one room in step with the relay: pulls the snapshot and the tail since its cursor, stays
 * subscribed, pushes every local edit sealed (an outbox kept across reloads until acknowledged), pushes
 * what the relay lacks (edits that came from other peers, rooms older than the relay), and uploads a
 * snapshot now and then so newcomers need one round trip.
 */
export const syncRelay = (doc: Y.Doc, keys: RoomKeys, url: string, store: RelayStore, who: () => { member: string; name: string },
  isFromPeer: (origin: unknown) => boolean, onChange: () => void): RelaySync => {
  const socket = relaySocket(url)
  const origin = { relay: url }
  const topic = keys.topic
  let cursor: Cursor = { url, seq: 0, vector: emptyVector(), snapshotSeq: 0, sinceSnapshot: 0 }
  let outbox: Pending[] = []
  let joined = false
  let destroyed = false
  let state: RelayState = { state: 'connecting', pending: 0, here: [] }
  const seen = new Set<number>()
  const presence = createPresence(keys, who, (data) => { if (joined) socket.say(topic, data) })
  let repairTimer: ReturnType<typeof setTimeout> | undefined
  let snapshotTimer: ReturnType<typeof setTimeout> | undefined
  let presenceTimer: ReturnType<typeof setInterval> | undefined
  let gapTimer: ReturnType<typeof setTimeout> | undefined
  // what keeps this phone's changes from the relay; cleared when the room joins again
  let problem: SyncError | null = null
  let snapshotPause = 0
  let snapshotFailures = 0

  const set = (patch: Partial<RelayState>) => {
    state = { ...state, ...patch, pending: outbox.length, here: presence.list() }
    if (joined && problem) state = { ...state, state: 'refused', error: problem }
    else if (joined && state.state !== 'refused') state.state = outbox.length ? 'saving' : 'saved'
    onChange()
  }
  const saveCursor = () => store.set('relay-cursor', cursor).catch(() => {})
  // until the saved outbox has loaded, writing would replace it with only the newest edits
  let loaded = false
  const saveOutbox = () => (loaded ? store.set('relay-outbox', outbox).catch(() => {}) : Promise.resolve())

  /** the cursor is the highest seq with every seq up to it merged or acknowledged */
  const saw = (seq: number, held: Held | Uint8Array | null, bytes: number) => {
    if (held instanceof Uint8Array) cursor.vector = extendVector(cursor.vector, held)
    else if (held) cursor.vector = extendHeld(cursor.vector, held)
    cursor.sinceSnapshot += bytes
    if (seq > cursor.seq) seen.add(seq)
    while (seen.has(cursor.seq + 1)) seen.delete(++cursor.seq)
  }

  /** what a blob from the relay surely added to its copy; null when it could not be opened or was refused */
  const apply = async (sealed: Uint8Array, kind: 'update' | 'snapshot', report?: (c: Clean) => void): Promise<Held | null> => {
    const update = open(keys, kind, sealed)
    if (!update || destroyed) return null
    try {
      // a snapshot of a large room goes in slices, so the page keeps its turns (guard/slices)
      return await applySliced(doc, update, origin, 'the relay', report)
    } catch {
      return null // a damaged update is skipped; the rest still applies
    }
  }
  // this phone's live entries that the last snapshot held deleted; written again once the tail is in (guard/repair.ts)
  let hidden: Y.Item[] = []
  // live updates apply in the order they came, each after the one before
  let applying: Promise<unknown> = Promise.resolve()
  // a hiding snapshot costs its maker little and an honest phone a whole room to answer: answer at most this often
  let lastWriteAgain = -Infinity

  const send = async (p: Pending) => {
    try {
      const seq = await socket.push(topic, p.id, seal(keys, 'update', p.update))
      outbox = outbox.filter((o) => o !== p)
      saw(seq, p.update, p.update.length)
      void saveOutbox()
      void saveCursor()
      set({})
      maybeSnapshot()
    } catch (err) {
      const code = err instanceof RelayRefusal ? err.code : 'timeout'
      if (code === 'too-large') {
        // it can never go: keep it on this phone (it is in the document) and say so, but don't let it block the rest
        outbox = outbox.filter((o) => o !== p)
        void saveOutbox()
        problem = { code: 'change-too-large' }
        set({})
      } else if (code === 'room-full' || code === 'bad-message') {
        problem = { code: 'relay-refused', why: code }
        set({})
      } else {
        // rate-limited, unavailable, not-joined while rejoining, or no answer in time: try again a little later
        setTimeout(() => { if (joined && outbox.includes(p)) void send(p) }, code === 'rate-limited' ? 2000 : 5000)
      }
    }
  }

  const enqueue = (update: Uint8Array) => {
    const p = { id: nanoid(16), update }
    outbox.push(p)
    void saveOutbox()
    set({})
    if (joined) void send(p)
  }

  /** pushes whatever this phone holds that the relay's copy lacks */
  const repair = () => {
    clearTimeout(repairTimer)
    if (!joined || destroyed) return
    let known = cursor.vector
    for (const p of outbox) known = extendVector(known, p.update)
    if (lacks(known, Y.encodeStateVector(doc))) enqueue(Y.encodeStateAsUpdate(doc, known))
  }

  const maybeSnapshot = () => {
    clearTimeout(snapshotTimer)
    if (cursor.seq - cursor.snapshotSeq < SNAPSHOT_EVERY && cursor.sinceSnapshot < SNAPSHOT_BYTES) return
    // a little jitter, so two phones in one room rarely both upload
    if (Date.now() < snapshotPause) return
    snapshotTimer = setTimeout(async () => {
      if (!joined || destroyed || outbox.length || seen.size) return
      const seq = cursor.seq
      try {
        const sealed = seal(keys, 'snapshot', Y.encodeStateAsUpdate(doc))
        if (sealed.length > MAX_SNAPSHOT) throw new RelayRefusal('too-large', 'snapshot: larger than the relay takes')
        await socket.snapshot(topic, seq, sealed)
        cursor.snapshotSeq = seq
        cursor.sinceSnapshot = 0
        snapshotFailures = 0
        void saveCursor()
      } catch (err) {
        // a snapshot that can't go waits longer each time, rather than re-sealing the room after every edit
        if (!(err instanceof RelayRefusal && err.code === 'stale-snapshot')) snapshotPause = Date.now() + Math.min(3_600_000, 30_000 * 2 ** snapshotFailures++)
        // someone else's snapshot got there first: theirs covers this far, so wait for more edits
        if (err instanceof RelayRefusal && err.code === 'stale-snapshot') {
          cursor.snapshotSeq = Math.max(cursor.snapshotSeq, seq)
          cursor.sinceSnapshot = 0
          void saveCursor()
        }
      }
    }, 2000 + Math.random() * 3000)
  }

  /** `since` and `bad` carry a join on when the relay sends the room in parts */
  const join = async (since?: number, bad = false): Promise<void> => {
    if (destroyed) return
    try {
      // asking from the last snapshot this phone knows (not from its cursor) means any newer snapshot comes
      // back and is checked against what this phone holds: a member's snapshot that leaves records out is
      // repaired by the next honest member who opens the room. The tail re-read is bounded by the snapshot policy.
      const asked = since ?? Math.min(cursor.snapshotSeq, cursor.seq)
      const s = await socket.join(keys, asked)
      const knows = cursor.seq > 0 || cursor.snapshotSeq > 0 || lacks(emptyVector(), cursor.vector)
      const epoch = s.epoch ?? ''
      if (s.head < cursor.seq || (knows && epoch !== (cursor.epoch ?? ''))) {
        // the relay has less than this phone merged from it, or is not the copy this cursor was made against (its
        // store was lost, or another relay answers here): start over with it, so what it lacks is pushed again
        cursor = { url, seq: 0, vector: emptyVector(), snapshotSeq: 0, sinceSnapshot: 0, epoch }
        return join()
      }
      cursor.epoch = epoch
      seen.clear()
      let badSnapshot = bad
      if (s.snapshot) {
        // records this phone holds live that the snapshot holds deleted: a member's snapshot that hides them
        hidden = []
        const held = await apply(s.snapshot.data, 'snapshot', (c) => { hidden.push(...c.lacking) })
        // the relay's copy is now this snapshot, no more: what a member's snapshot leaves out is pushed back below,
        // and one that can't be opened counts as holding nothing (so everything is pushed, and replaced)
        badSnapshot = !held
        cursor = { url, seq: s.snapshot.seq, vector: held ? extendHeld(emptyVector(), held) : emptyVector(), snapshotSeq: s.snapshot.seq, sinceSnapshot: 0, epoch }
      }
      for (const u of s.updates) saw(u.seq, await apply(u.data, 'update'), u.data.length)
      // a big room comes in parts: this one held every entry up to its last, so ask on from there
      const last = s.updates.at(-1)?.seq ?? s.snapshot?.seq ?? asked
      if (s.more && last > asked) {
        seen.clear()
        cursor.seq = Math.max(cursor.seq, last)
        void saveCursor()
        return join(cursor.seq, badSnapshot)
      }
      if (s.head > cursor.seq) { seen.clear(); cursor.seq = s.head }
      joined = true
      problem = null
      void saveCursor()
      set({ state: 'saved', error: undefined })
      await Promise.all(outbox.map(send))
      repair()
      // a member's snapshot that holds records deleted hides them from newcomers, and their clocks from the state vector
      // diff: write them again (unless the tail already did), once per snapshot
      if (hidden.length && Date.now() - lastWriteAgain > WRITE_AGAIN_EVERY_MS) { lastWriteAgain = Date.now(); writeAgain(doc, hidden) }
      hidden = []
      presence.announce()
      if (badSnapshot) cursor.sinceSnapshot = Infinity
      maybeSnapshot()
    } catch (err) {
      if (err instanceof RelayRefusal && err.code !== 'rate-limited' && err.code !== 'unavailable') set({ state: 'refused', error: { code: 'relay-refused', why: err.code } })
      // no answer in time, or the relay's store is down for a moment: ask again, unless the socket closes first
      else setTimeout(() => { if (!joined && !destroyed && socket.isOpen()) void join() }, 5000)
    }
  }

  const onUpdate = (update: Uint8Array, from: unknown) => {
    if (from === origin || destroyed) return
    if (isFromPeer(from)) {
      clearTimeout(repairTimer)
      repairTimer = setTimeout(repair, 3000)
    } else enqueue(update)
  }

  const release = socket.attach(topic, {
    open: () => { if (loaded) void join() },
    close: (why) => { joined = false; presence.clear(); set(why ? { state: 'refused', error: why } : { state: 'unreachable' }) },
    update(seq, data) {
      if (!joined || seq <= cursor.seq || seen.has(seq)) return
      applying = applying.then(async () => {
        if (seq <= cursor.seq || seen.has(seq)) return
        saw(seq, await apply(data, 'update'), data.length)
        void saveCursor()
        // a gap means an entry went by while we were joining: ask again from the cursor, once
        if (seen.size && !gapTimer) gapTimer = setTimeout(() => { gapTimer = undefined; if (seen.size && joined) void join() }, 1000)
        maybeSnapshot()
      }).catch((err) => console.warn('hearth: could not apply an update from the relay', err))
    },
    heard(data) { if (presence.heard(data)) set({}) },
  })

  void (async () => {
    const [c, o] = await Promise.all([store.get('relay-cursor').catch(() => null), store.get('relay-outbox').catch(() => null)])
    const saved = c as Cursor | null
    if (saved && saved.url === url && saved.vector instanceof Uint8Array) cursor = { ...saved }
    if (Array.isArray(o)) outbox = [...(o as Pending[]).filter((p) => p && typeof p.id === 'string' && p.update instanceof Uint8Array), ...outbox]
    loaded = true
    if (destroyed) return
    void saveOutbox()
    set({})
    if (socket.isOpen() && !joined) void join()
  })()

  // listening at once: an edit made while the cursor and outbox load still goes into the outbox
  doc.on('update', onUpdate)
  presenceTimer = setInterval(() => { presence.announce(); set({}) }, PRESENCE_MS)
  if (!socket.isOpen()) set({ state: 'connecting' })

  return {
    state: () => state,
    destroy() {
      presence.announce(true)
      destroyed = true
      joined = false
      clearTimeout(repairTimer)
      clearTimeout(snapshotTimer)
      clearTimeout(gapTimer)
      clearInterval(presenceTimer)
      doc.off('update', onUpdate)
      release()
    },
  }
}
