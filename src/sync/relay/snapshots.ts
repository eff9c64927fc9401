import { nanoid } from 'nanoid'
import * as Y from 'yjs'
import { open, seal, type RoomKeys } from '../../crypto/index.ts'
import { asideCounted, asideSince } from '../guard/index.ts'
import { openSnapshot, sealCover, snapshotHash } from './sealed.ts'
import { RelayRefusal, type RelaySocket } from './socket.ts'
import { lacks } from './vectors.ts'

/**
 * What this phone knows about the relay's copy of a room; kept in the room's IndexedDB. `epoch` is the copy's
 * (the relay's State says it): another one means the relay lost what this cursor describes. `heads`: the sealed
 * positions merged (order.ts); `last`: the hash of the relay's snapshot, named by the next one this phone makes.
 * `owed`: the seq of a relay snapshot found short, whose lack `vector` counts as held: a repair replacing it is owed,
 * and is kept here until it is made (or a member's later snapshot holds what this phone holds), across reloads.
 */
export interface Cursor {
  url: string; seq: number; vector: Uint8Array; snapshotSeq: number; sinceSnapshot: number; epoch?: string
  heads?: Record<string, number>; last?: Uint8Array; owed?: number
}

/** a snapshot taken in a join: its seq, what this phone knew the relay held, whether it could be read, and by a newcomer */
export interface Taken { seq: number; known: Uint8Array; unread: boolean; newcomer: boolean }

export interface SnapshotHost {
  doc: Y.Doc
  keys: RoomKeys
  socket: RelaySocket
  get: (k: string) => Promise<unknown>
  set: (k: string, v: unknown) => Promise<unknown>
  cursor: () => Cursor
  heads: () => Record<string, number>
  /** joined, and every edit acknowledged, with no seq gap */
  quiet: () => boolean
  live: () => boolean
  /** pushes an empty entry (a snapshot must go past the relay's current one); resolves with its seq */
  marker: () => Promise<number>
  saveCursor: () => void
}

const SNAPSHOT_EVERY = 200
const SNAPSHOT_BYTES = 512 * 1024
/**
 * While relay entries wait aside for what they build on (a newcomer's first join), the copy that places them is
 * usually on its way from a peer: sealing now would guard each of them again mid-join, and seal a half-taken room.
 * So the snapshot waits for them, this long at most; past it, it is sealed with them (asideCounted).
 */
const ASIDE_SETTLE_MS = 20_000
// the relay's default bound on one snapshot
const MAX_SNAPSHOT = 16 * 1024 * 1024
/**
 * A snapshot that can't be opened, or leaves out what the log held, costs its maker 500 bytes and an honest phone a
 * whole room to answer. So a room gets at most one repair upload per window from this phone, after a random delay,
 * and none when another member's fresh snapshot came meanwhile that holds what this phone holds. A repair found
 * within the window waits for its end, and one that fails is tried again: it is owed (the cursor's vector counts on
 * it), so it is never dropped, only put off.
 * Several phones find the same bad snapshot at once: before it uploads, a phone says so to the room (a sealed claim,
 * like presence) and listens a moment. One that hears a claim first, or a lower one while it listens, puts its
 * repair off and checks again later; a member who claims every time only puts a repair off, at most twice.
 */
export const REPAIR_WINDOW_MS = 10 * 60_000
const REPAIR_DELAY_MS = [2000, 8000] as const
const PUT_OFF_MS = [10_000, 15_000] as const
const LISTEN_MS = 1000
const RETRY_MS = [30_000, 60_000] as const
const PUT_OFF_TIMES = 2
const between = ([lo, hi]: readonly [number, number]) => lo + Math.random() * (hi - lo)
/** a repair claim as the room hears it; `n` is a random tie-break, the lowest keeps its claim */
const sealClaim = (keys: RoomKeys, n: string) => seal(keys, 'repair', new TextEncoder().encode(JSON.stringify({ n })))
const openClaim = (keys: RoomKeys, data: Uint8Array): string | null => {
  const plain = open(keys, 'repair', data)
  if (!plain) return null
  try {
    const c = JSON.parse(new TextDecoder().decode(plain)) as { n?: unknown }
    return typeof c.n === 'string' ? c.n.slice(0, 64) : null
  } catch {
    return null
  }
}

/** what the cover says this phone holds: the document, and the relay entries its cursor passed that wait aside (guard/slices) */
const whole = (doc: Y.Doc) => {
  const state = Y.encodeStateAsUpdate(doc)
  const aside = asideCounted(doc)
  return aside.length ? Y.mergeUpdates([state, ...aside]) : state
}

export const createSnapshots = (h: SnapshotHost) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  let repairTimer: ReturnType<typeof setTimeout> | undefined
  let pause = 0
  let failures = 0

  /** the seq of the relay snapshot a repair is owed for; -1: none */
  const owedAt = () => { const o = h.cursor().owed; return typeof o === 'number' && o >= 0 ? o : -1 }

  const upload = async () => {
    let seq = h.cursor().seq
    if (seq <= h.cursor().snapshotSeq) seq = await h.marker()
    const c = h.cursor()
    const sealed = sealCover(h.keys, { seq, heads: h.heads(), prev: c.last ?? new Uint8Array() }, whole(h.doc))
    if (sealed.length > MAX_SNAPSHOT) throw new RelayRefusal('too-large', 'snapshot: larger than the relay takes')
    await h.socket.snapshot(h.keys.topic, seq, sealed)
    c.snapshotSeq = seq
    c.sinceSnapshot = 0
    c.last = snapshotHash(sealed)
    // the relay's snapshot is now this phone's, past any it held: what it owed a repair for, it holds
    if (owedAt() <= seq) delete c.owed
    failures = 0
    h.saveCursor()
  }

  const maybe = () => {
    if (stage === 'idle' && owedAt() >= 0) repair(owedAt()) // owed by an earlier page, or by a try that failed
    clearTimeout(timer)
    const c = h.cursor()
    if (c.seq - c.snapshotSeq < SNAPSHOT_EVERY && c.sinceSnapshot < SNAPSHOT_BYTES) return
    if (Date.now() < pause) return
    // a little jitter, so two phones in one room rarely both upload
    timer = setTimeout(async () => {
      if (!h.quiet()) return
      const aside = asideSince(h.doc)
      if (aside && Date.now() - aside < ASIDE_SETTLE_MS) return maybe()
      const seq = h.cursor().seq
      try {
        await upload()
      } catch (err) {
        const stale = err instanceof RelayRefusal && err.code === 'stale-snapshot'
        // a snapshot that can't go waits longer each time, rather than re-sealing the room after every edit
        if (!stale) pause = Date.now() + Math.min(3_600_000, 30_000 * 2 ** failures++)
        else {
          // someone else's snapshot got there first: theirs covers this far, so wait for more edits
          const c = h.cursor()
          c.snapshotSeq = Math.max(c.snapshotSeq, seq)
          c.sinceSnapshot = 0
          h.saveCursor()
        }
      }
    }, 2000 + Math.random() * 3000)
  }

  // a repair is 'due' while its timer runs, then 'making': checking the relay's copy, saying so, listening, uploading
  let stage: 'idle' | 'due' | 'making' = 'idle'
  let mine = ''
  let earlier = false
  let outdone = false
  let putOff = 0
  const due = (ms: number) => {
    clearTimeout(repairTimer)
    stage = 'due'
    repairTimer = setTimeout(() => { void make() }, ms)
  }
  const putOffOnce = () => {
    if (putOff >= PUT_OFF_TIMES) return false
    putOff++
    due(between(PUT_OFF_MS))
    return true
  }
  const make = async () => {
    stage = 'making'
    mine = ''
    earlier = outdone = false
    const bad = owedAt()
    try {
      // not joined: the owed repair stays in the cursor, and the next join takes it up (maybe)
      if (bad < 0 || !h.live()) return
      const last = Number(await h.get('relay-repaired').catch(() => 0)) || 0
      const wait = Math.min(REPAIR_WINDOW_MS, last + REPAIR_WINDOW_MS - Date.now())
      if (wait > 0) return due(wait + between(REPAIR_DELAY_MS))
      const s = await h.socket.join(h.keys, bad)
      const fresh = s.snapshot && s.snapshot.seq > bad ? openSnapshot(h.keys, s.snapshot.data) : null
      if (fresh && !lacks(safeVector(fresh.update), Y.encodeStateVector(h.doc))) return settled(s.snapshot!.seq)
      if (!h.live() || (earlier && putOffOnce())) return
      mine = nanoid(16)
      h.socket.say(h.keys.topic, sealClaim(h.keys, mine))
      await new Promise((ok) => setTimeout(ok, LISTEN_MS))
      if (!h.live() || (outdone && putOffOnce())) return
      await h.set('relay-repaired', Date.now())
      if (h.live()) await upload()
    } catch {
      // still owed: tried again later (within the window, once it ends)
      if (stage === 'making') due(between(RETRY_MS))
    } finally {
      if (stage === 'making') stage = 'idle'
      // another short snapshot found meanwhile
      if (stage === 'idle' && owedAt() > bad) repair(owedAt())
    }
  }
  /** a member's snapshot at `seq` holds what this phone holds: a repair owed for one before it is not */
  const settled = (seq: number) => {
    if (owedAt() <= seq) { delete h.cursor().owed; h.saveCursor() }
  }

  /**
   * the relay's snapshot at `at` can't be opened or leaves records out: a repair replacing it is owed (kept with the
   * cursor); made at most once per window. One already due is not put further off by another short snapshot.
   */
  const repair = (at: number) => {
    if (at > owedAt()) { h.cursor().owed = at; h.saveCursor() }
    if (stage !== 'idle') return
    putOff = 0
    due(between(REPAIR_DELAY_MS))
  }

  /** a note another phone said to the room: a repair claim puts this phone's off */
  const heard = (data: Uint8Array) => {
    if (stage === 'idle') return
    const n = openClaim(h.keys, data)
    if (n === null) return
    // one who claimed before this phone did goes first; two who claim together: the lower claim
    if (stage === 'due') putOffOnce()
    else if (!mine) earlier = true
    else outdone ||= n < mine
  }

  return {
    maybe,
    repair,
    heard,
    stop() { clearTimeout(timer); clearTimeout(repairTimer); stage = 'idle' },
  }
}

const safeVector = (update: Uint8Array) => {
  try {
    return Y.encodeStateVectorFromUpdate(update)
  } catch {
    return Y.encodeStateVector(new Map())
  }
}
