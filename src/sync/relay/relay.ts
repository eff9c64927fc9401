import { nanoid } from 'nanoid'
import * as Y from 'yjs'
import type { RoomKeys } from '../../crypto/index.ts'
import type { Entry } from '../../protocol/index.ts'
import { RelayRefusal, relaySocket } from './socket.ts'
import { createLive } from './live.ts'
import { afterHandlers, createOutbox } from './outbox.ts'
import { applySliced, asideMissing, mark, warmSlices, writeAgain, type Clean, type Held } from '../guard/index.ts'
import type { SyncError } from '../errors.ts'
import type { RelayState, RelayStore, RelaySync } from './types.ts'
export type { RelayState, RelayStore, RelaySync }
import { createMend, holesIn, MAX_PARTS, readKept } from './mend.ts'
import { createOrder } from './order.ts'
import { createPresence, PRESENCE_MS } from './presence.ts'
import { openEntryAsync, openSnapshotAsync, sealEntry, snapshotHashAsync, type Position } from './sealed.ts'
import { createSnapshots, type Cursor, type Taken } from './snapshots.ts'
import { emptyVector, extendHeld, lacks, unionVector } from './vectors.ts'

/** how often this phone writes again what a member's snapshot hid (see writeAgain) */
const WRITE_AGAIN_EVERY_MS = 10 * 60_000
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc())

/** a relay that says its copy is another (or holds less than this phone merged from it) is believed this often a session */
const RESETS_PER_SESSION = 1

/**
 * Keeps one room in step with the relay: pulls the snapshot and the tail since its cursor, stays
 * subscribed, pushes every local edit sealed (an outbox kept across reloads until acknowledged), pushes
 * what the relay lacks (edits that came from other peers, rooms older than the relay), and uploads a
 * snapshot now and then so newcomers need one round trip. Nothing the relay says in clear (a seq, a head, a
 * label) is trusted over what the sealed blobs say (sealed.ts): a hole is asked for again.
 */
export const syncRelay = (doc: Y.Doc, keys: RoomKeys, url: string, store: RelayStore, who: () => { member: string; name: string },
  isFromPeer: (origin: unknown) => boolean, onChange: () => void, shown: () => Promise<unknown> = () => Promise.resolve()): RelaySync => {
  const socket = relaySocket(url)
  const origin = { relay: url }
  const topic = keys.topic
  const stream = nanoid(12) // this phone's stream of entries for this session (sealed.ts)
  let counter = 0
  const fresh = (epoch?: string): Cursor => ({ url, seq: 0, vector: emptyVector(), snapshotSeq: 0, sinceSnapshot: 0, epoch })
  let cursor = fresh()
  let order = createOrder()
  let joined = false, destroyed = false
  let state: RelayState = { state: 'connecting', pending: 0, here: [] }
  const seen = new Set<number>()
  const presence = createPresence(keys, who, (data) => { if (joined) socket.say(topic, data) })
  let repairTimer: ReturnType<typeof setTimeout> | undefined, presenceTimer: ReturnType<typeof setInterval> | undefined
  // what keeps this phone's changes from the relay; cleared when the room joins again
  let problem: SyncError | null = null

  const set = (patch: Partial<RelayState>) => {
    const pending = outbox.items().length
    state = { ...state, ...patch, pending, here: presence.list() }
    if (joined && problem) state = { ...state, state: 'refused', error: problem }
    else if (joined && state.state !== 'refused') state.state = pending ? 'saving' : 'saved'
    onChange()
  }
  const saveCursor = () => store.set('relay-cursor', { ...cursor, heads: order.heads() }).catch(() => {})
  let loaded = false // the cursor and outbox an earlier page saved have loaded
  const position = (): Position => ({ stream, n: ++counter })

  /** the cursor is the highest seq with every seq up to it merged or acknowledged */
  const saw = (seq: number, held: Held | Uint8Array | null, bytes: number, pos?: Position) => {
    if (held) cursor.vector = repairing(outbox.held(cursor.vector, held), seq <= cursor.snapshotSeq)
    if (pos) order.add(pos)
    cursor.sinceSnapshot += bytes
    if (seq > cursor.seq) seen.add(seq)
    while (seen.has(cursor.seq + 1)) seen.delete(++cursor.seq)
  }
  /** the relay answered for everything up to what it sent: a seq it skipped is one it does not have */
  const settle = () => {
    for (const seq of seen) cursor.seq = Math.max(cursor.seq, seq)
    seen.clear()
  }

  /** what an opened blob surely added to this phone's copy; null when it was refused */
  const apply = async (update: Uint8Array, report?: (c: Clean) => void): Promise<Held | null> => {
    if (destroyed) return null
    try {
      // a snapshot of a large room goes in slices, so the page keeps its turns (guard/slices)
      return await applySliced(doc, update, origin, 'the relay', report)
    } catch {
      return null // a damaged update is skipped; the rest still applies
    }
  }
  // every entry is applied (Yjs skips what it holds): a position only says what is missing, never what to skip
  const applyEntry = async (e: Entry) => {
    const o = await openEntryAsync(keys, e.data)
    saw(e.seq, o ? await apply(o.update) : null, e.data.length, o?.pos)
  }
  // this phone's live entries that the last snapshot held deleted; written again once the tail is in (guard/repair.ts)
  let hidden: Y.Item[] = []
  // a hiding snapshot costs its maker little and an honest phone a whole room to answer: answer at most this often
  let lastWriteAgain = -Infinity

  const hole = () => !!doc.store.pendingStructs || !!doc.store.pendingDs || asideMissing(doc).length > 0 || order.gap() || seen.size > 0
  const holes = () => holesIn(doc, order.gaps(), seen.size ? cursor.seq + 1 : 0)
  let resets = 0, lowAcks = 0 // a relay that acks every push below its snapshot gets a few repairs a session, not a loop
  // the relay keeps what its snapshot replaced (a kept snapshot, the log at or below its seq) only a while: what that
  // history holds past the relay's copy is that snapshot's lack, and counts as held only with a repair replacing it
  const repairing = (grown: Uint8Array, kept = true) => { if (kept && lacks(cursor.vector, grown)) snapshots.repair(cursor.snapshotSeq); return grown }
  const applyKept = async (update: Uint8Array) => { const held = await apply(update); if (held) cursor.vector = repairing(extendHeld(cursor.vector, held)) }
  const { fill, mend } = createMend({
    keys, applyEntry, settle, holes,
    apply: applyKept,
    history: (since) => socket.history(topic, since),
    since: () => cursor.seq,
    joined: () => joined,
    saved: () => void saveCursor(),
  })

  const outbox = createOutbox({
    keys, socket, position,
    save: (items) => store.set('relay-outbox', items),
    joined: () => joined,
    acked(seq, p) {
      // at or below the relay's snapshot, an Ack is its dedupe's: that snapshot (a member's word) says what is held, repair the rest
      saw(seq, seq > cursor.snapshotSeq ? p.update : null, p.update.length, p.pos)
      void saveCursor()
      set({})
      if (seq <= cursor.snapshotSeq && lowAcks++ < RESETS_PER_SESSION * 3) repair()
      snapshots.maybe()
    },
    refused(p) { problem = p; set({}) },
    changed: () => set({}),
  })

  const snapshots = createSnapshots({
    doc, keys, socket, get: store.get, set: store.set, saveCursor,
    cursor: () => cursor,
    heads: () => order.heads(),
    live: () => joined && !destroyed,
    quiet: () => joined && !destroyed && !outbox.items().length && !seen.size,
    async marker() {
      const pos = position()
      const seq = await socket.push(topic, nanoid(16), sealEntry(keys, pos, EMPTY_UPDATE))
      saw(seq, null, 0, pos)
      return seq
    },
  })

  /** pushes whatever this phone holds that the relay's copy lacks */
  const repair = () => {
    clearTimeout(repairTimer)
    if (!joined || destroyed) return
    outbox.lacking(doc, cursor.vector)
  }

  /**
   * Takes the relay's snapshot for what its sealed cover says. A newcomer whose snapshot can't be read reads the kept
   * history first; one labelled past its cover gets the entries it skipped. A cover is its maker's word (they write its
   * seq and heads alike), so a newcomer reads the kept history after every snapshot, once the first view is shown.
   * Returns what this phone knew the relay held before it: once the tail is in, a copy that lacks it is a short snapshot.
   */
  const takeSnapshot = async (snap: Entry, newcomer: boolean): Promise<Taken> => {
    const o = await openSnapshotAsync(keys, snap.data)
    mark('relay-snapshot-opened')
    if (newcomer && !o) await fill(0).catch(() => {})
    const known = cursor.vector
    hidden = []
    // hashed (natively) while a worker cuts the snapshot, not after the page has taken it in
    const [held, last] = await Promise.all([o ? apply(o.update, (c) => { hidden.push(...c.lacking) }) : null, snapshotHashAsync(snap.data)])
    if (o?.cover) order.cover(o.cover.heads)
    cursor.snapshotSeq = snap.seq
    cursor.sinceSnapshot = 0
    cursor.last = last
    // one that can't be read is not the relay's copy; one that can is all it holds (what it acked past a gap counts no more)
    if (held) { outbox.forget(); cursor = { ...cursor, vector: extendHeld(emptyVector(), held), seq: Math.min(o?.cover?.seq ?? snap.seq, snap.seq) } }
    seen.clear()
    if (cursor.seq < snap.seq) await fill(cursor.seq).catch(() => {})
    return { seq: snap.seq, known, unread: !held, newcomer: newcomer && !!o }
  }

  /** `since` carries a join on when the relay sends the room in parts */
  const join = async (since?: number, taken?: Taken, part = 0): Promise<void> => {
    if (destroyed) return
    try {
      // asking from the last snapshot this phone knows (not from its cursor) means any newer snapshot comes
      // back and is checked against what this phone holds: a member's snapshot that leaves records out is
      // repaired by the next honest member who opens the room. The tail re-read is bounded by the snapshot policy.
      const asked = since ?? Math.min(cursor.snapshotSeq, cursor.seq)
      const s = await socket.join(keys, asked)
      mark('relay-state')
      const knows = cursor.seq > 0 || cursor.snapshotSeq > 0 || seen.size > 0 || lacks(emptyVector(), cursor.vector)
      const epoch = s.epoch ?? ''
      if ((s.head < [...seen].reduce((a, b) => Math.max(a, b), cursor.seq) || (knows && epoch !== (cursor.epoch ?? ''))) && resets++ < RESETS_PER_SESSION) {
        // the relay has less than this phone merged from it, or is not the copy this cursor was made against (its
        // store was lost, or another relay answers here): start over with it, so what it lacks is pushed again; once
        // a session, so a relay that says so at every join can't have the whole room pushed each time
        cursor = fresh(epoch)
        order = createOrder()
        outbox.forget()
        return join()
      }
      cursor.epoch = epoch
      seen.clear()
      if (s.snapshot) taken = await takeSnapshot(s.snapshot, !knows)
      mark('relay-snapshot-applied')
      for (const u of s.updates) await applyEntry(u)
      // a big room comes in parts: this one held every entry up to its last, so ask on from there
      const last = s.updates.at(-1)?.seq ?? s.snapshot?.seq ?? asked
      if (s.more && last > asked && part < MAX_PARTS) {
        settle()
        void saveCursor()
        return join(cursor.seq, taken, part + 1)
      }
      // the head is the relay's claim, not a fact: the cursor moves only by what came, and a head past it is asked for
      if (s.head > cursor.seq || seen.size) await fill(cursor.seq).catch(() => {})
      settle()
      // snapshot and tail lack what this phone knew the relay held: a short snapshot, to replace (once per window),
      // never a reason to push the whole room, since the relay keeps what it replaced a while
      const short = taken && (taken.unread || lacks(cursor.vector, taken.known)) ? taken : null
      // (the repair is owed before the cursor that counts on it is saved: it goes with it, kept until made)
      if (short) { cursor.vector = unionVector(cursor.vector, short.known); snapshots.repair(short.seq) }
      joined = true
      entries.joined()
      mark('relay-joined')
      problem = null
      void saveCursor()
      set({ state: 'saved', error: undefined })
      repair() // first: what the relay lacks past the outbox (a room's start) goes before the edits queued on it
      await outbox.sendAll()
      // a member's snapshot that holds records deleted hides them from newcomers, and their clocks from the state vector
      // diff: write them again (unless the tail already did), once per snapshot
      if (hidden.length && Date.now() - lastWriteAgain > WRITE_AGAIN_EVERY_MS) { lastWriteAgain = Date.now(); writeAgain(doc, hidden) }
      hidden = []
      presence.announce()
      // what a member's snapshot left out or deleted is still in the relay's kept history: read behind the first view
      // (it is a second copy of the room to open and check: it waits until the model has taken in the first, or a while)
      if (taken?.newcomer) void readKept(doc, keys, (since) => socket.history(topic, since), applyKept, shown, () => destroyed)
        .then(() => { mark('relay-kept-read'); saveCursor() }).catch(() => {})
      snapshots.maybe()
      if (hole()) mend()
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
    } else outgoing.add(update)
  }
  const outgoing = afterHandlers(doc, (update) => { if (!destroyed) outbox.enqueue(update) })
  const entries = createLive({
    keys, saw, apply,
    joined: () => joined,
    merged: (seq, pos) => (seq <= cursor.seq || seen.has(seq)) && (!pos || order.has(pos)),
    came: () => { if (hole()) mend() },
    counted: () => { void saveCursor(); snapshots.maybe() },
  })

  const release = socket.attach(topic, {
    open: () => { mark('relay-challenge'); if (loaded) void join() },
    close: (why) => { joined = false; entries.clear(); presence.clear(); set(why ? { state: 'refused', error: why } : { state: 'unreachable' }) },
    update: entries.update,
    live: entries.live,
    stored: entries.stored,
    heard(data) { if (presence.heard(data)) set({}); else snapshots.heard(data) },
  })

  void (async () => {
    const [c, o] = await Promise.all([store.get('relay-cursor').catch(() => null), store.get('relay-outbox').catch(() => null)])
    const saved = c as Cursor | null
    if (saved && saved.url === url && saved.vector instanceof Uint8Array) {
      cursor = { ...saved }
      order = createOrder(saved.heads && typeof saved.heads === 'object' ? saved.heads : {})
    }
    loaded = true
    if (!cursor.seq && !cursor.snapshotSeq) warmSlices() // a newcomer's first answer is the whole room: a worker cuts it
    if (destroyed) return
    outbox.load(o)
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
      clearInterval(presenceTimer)
      snapshots.stop()
      doc.off('update', onUpdate)
      outgoing.stop()
      release()
    },
  }
}
