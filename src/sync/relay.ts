import { nanoid } from 'nanoid'
import * as Y from 'yjs'
import { open, seal, type RoomKeys } from '../crypto/index.ts'
import { RelayRefusal, relaySocket } from './relay-socket.ts'
import { applyGuarded } from './guard.ts'
import { emptyVector, extendVector, lacks } from './vectors.ts'

/** What this phone knows about the relay's copy of a room; kept in the room's IndexedDB. */
interface Cursor { url: string; seq: number; vector: Uint8Array; snapshotSeq: number; sinceSnapshot: number }
interface Pending { id: string; update: Uint8Array }

export interface RelayState {
  /** off: no relay set · connecting · saved: everything here is on the relay · saving: changes wait for the relay's ack · unreachable · refused */
  state: 'off' | 'connecting' | 'saved' | 'saving' | 'unreachable' | 'refused'
  pending: number
  error?: string
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
const PRESENCE_MS = 25_000
// a member who floods presence with made-up ids can't make this phone keep an endless list
const MAX_HERE = 200

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
  const here = new Map<string, { name: string; until: number }>()
  let repairTimer: ReturnType<typeof setTimeout> | undefined
  let snapshotTimer: ReturnType<typeof setTimeout> | undefined
  let presenceTimer: ReturnType<typeof setInterval> | undefined
  let gapTimer: ReturnType<typeof setTimeout> | undefined

  const set = (patch: Partial<RelayState>) => {
    const now = Date.now()
    for (const [m, p] of here) if (p.until < now) here.delete(m)
    state = { ...state, ...patch, pending: outbox.length, here: [...here].map(([member, p]) => ({ member, name: p.name })) }
    if (joined && state.state !== 'refused') state.state = outbox.length ? 'saving' : 'saved'
    onChange()
  }
  const saveCursor = () => store.set('relay-cursor', cursor).catch(() => {})
  const saveOutbox = () => store.set('relay-outbox', outbox).catch(() => {})

  /** the cursor is the highest seq with every seq up to it merged or acknowledged */
  const saw = (seq: number, update: Uint8Array | null, bytes: number) => {
    if (update) cursor.vector = extendVector(cursor.vector, update)
    cursor.sinceSnapshot += bytes
    if (seq > cursor.seq) seen.add(seq)
    while (seen.has(cursor.seq + 1)) seen.delete(++cursor.seq)
  }

  const apply = (seq: number, sealed: Uint8Array, kind: 'update' | 'snapshot') => {
    const update = open(keys, kind, sealed)
    if (!update) return null
    try {
      if (!applyGuarded(doc, update, origin, 'the relay')) return null
    } catch { /* a damaged update is skipped; the rest still applies */ }
    return update
  }

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
      if (err instanceof RelayRefusal && err.code === 'rate-limited') setTimeout(() => { if (joined && outbox.includes(p)) void send(p) }, 2000)
      else if (err instanceof RelayRefusal) set({ state: 'refused', error: err.message })
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
    snapshotTimer = setTimeout(async () => {
      if (!joined || destroyed || outbox.length || seen.size) return
      const seq = cursor.seq
      try {
        await socket.snapshot(topic, seq, seal(keys, 'snapshot', Y.encodeStateAsUpdate(doc)))
        cursor.snapshotSeq = seq
        cursor.sinceSnapshot = 0
        void saveCursor()
      } catch (err) {
        // someone else's snapshot got there first: theirs covers this far, so wait for more edits
        if (err instanceof RelayRefusal && err.code === 'stale-snapshot') {
          cursor.snapshotSeq = Math.max(cursor.snapshotSeq, seq)
          cursor.sinceSnapshot = 0
        }
      }
    }, 2000 + Math.random() * 3000)
  }

  const announce = (bye = false) => {
    if (!joined) return
    const me = who()
    socket.say(topic, seal(keys, 'presence', new TextEncoder().encode(JSON.stringify({ m: me.member, n: me.name, bye }))))
  }

  const join = async () => {
    if (destroyed) return
    try {
      // asking from the last snapshot this phone knows (not from its cursor) means any newer snapshot comes
      // back and is checked against what this phone holds: a member's snapshot that leaves records out is
      // repaired by the next honest member who opens the room. The tail re-read is bounded by the snapshot policy.
      const s = await socket.join(keys, Math.min(cursor.snapshotSeq, cursor.seq))
      if (s.head < cursor.seq) {
        // the relay has less than this phone merged from it (a reset, or another relay): start over with it
        cursor = { url, seq: 0, vector: emptyVector(), snapshotSeq: 0, sinceSnapshot: 0 }
        return join()
      }
      seen.clear()
      if (s.snapshot) {
        const update = apply(s.snapshot.seq, s.snapshot.data, 'snapshot')
        // the relay's copy is now this snapshot: a member's snapshot that leaves records out gets them pushed back below
        cursor = { url, seq: s.snapshot.seq, vector: update ? extendVector(emptyVector(), update) : cursor.vector, snapshotSeq: s.snapshot.seq, sinceSnapshot: 0 }
      }
      for (const u of s.updates) saw(u.seq, apply(u.seq, u.data, 'update'), u.data.length)
      if (s.head > cursor.seq) { seen.clear(); cursor.seq = s.head }
      joined = true
      void saveCursor()
      set({ state: 'saved', error: undefined })
      await Promise.all(outbox.map(send))
      repair()
      announce()
      maybeSnapshot()
    } catch (err) {
      if (err instanceof RelayRefusal) set({ state: 'refused', error: err.message })
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
    open: () => void join(),
    close: (why) => { joined = false; here.clear(); set(why ? { state: 'refused', error: why } : { state: 'unreachable' }) },
    update(seq, data) {
      if (!joined || seq <= cursor.seq || seen.has(seq)) return
      saw(seq, apply(seq, data, 'update'), data.length)
      void saveCursor()
      // a gap means an entry went by while we were joining: ask again from the cursor, once
      if (seen.size && !gapTimer) gapTimer = setTimeout(() => { gapTimer = undefined; if (seen.size && joined) void join() }, 1000)
      maybeSnapshot()
    },
    heard(data) {
      const plain = open(keys, 'presence', data)
      if (!plain) return
      try {
        const p = JSON.parse(new TextDecoder().decode(plain)) as { m?: unknown; n?: unknown; bye?: unknown }
        if (typeof p.m !== 'string' || p.m === who().member) return
        const wasHere = here.has(p.m)
        if (p.bye) here.delete(p.m)
        else if (here.size < MAX_HERE || wasHere) here.set(p.m, { name: typeof p.n === 'string' ? p.n.slice(0, 80) : '', until: Date.now() + PRESENCE_MS * 2.5 })
        if (!wasHere && !p.bye) announce()
        set({})
      } catch { /* not for us */ }
    },
  })

  void (async () => {
    const [c, o] = await Promise.all([store.get('relay-cursor').catch(() => null), store.get('relay-outbox').catch(() => null)])
    const saved = c as Cursor | null
    if (saved && saved.url === url && saved.vector instanceof Uint8Array) cursor = { ...saved }
    if (Array.isArray(o)) outbox = [...(o as Pending[]).filter((p) => p && typeof p.id === 'string' && p.update instanceof Uint8Array), ...outbox]
    set({})
    doc.on('update', onUpdate)
    if (socket.isOpen() && !joined) void join()
  })()

  presenceTimer = setInterval(() => { announce(); set({}) }, PRESENCE_MS)
  if (!socket.isOpen()) set({ state: 'connecting' })

  return {
    state: () => state,
    destroy() {
      announce(true)
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
