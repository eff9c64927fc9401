import { mkdirSync } from 'node:fs'
import { ClassicLevel } from 'classic-level'
import { groupCommit, type Op } from './commit.ts'
import { Hub } from './hub.ts'
import { checkKeyPart, fits, KEPT_SNAPSHOTS, newEpoch, noNewRooms, relayFull, roomFull, storeCeiling, storeLimits, type Entry, type RelayStore, type StoreLimits, type StoreOptions } from './store.ts'

interface Snap { seq: number; len: number }
/** a superseded snapshot (seq 0: the empty room before the first one), kept with the log after it until `until` (see KEPT) */
interface Kept extends Snap { until: number }
/** epoch: made with the first entry (see RelayStore.read); a topic stored before epochs gets one with its next write */
interface Meta { head: number; bytes: number; epoch?: string; cur: Snap | null; kept: Kept[] }
interface Pending { seq: number; done: Promise<void> }
interface Topic { meta: Meta; durable: Meta; pending: Map<string, Pending> }

type Db = ClassicLevel<string, Uint8Array>

const pad = (n: number) => String(n).padStart(16, '0')
const key = {
  meta: (t: string) => `m/${t}`,
  /** what every room holds together, as of the last batch on disk */
  held: 'g/bytes',
  log: (t: string, seq: number) => `l/${t}/${pad(seq)}`,
  dedupe: (t: string, id: string) => `d/${t}/${id}`,
  snap: (t: string, seq: number) => `s/${t}/${pad(seq)}`,
}
const seqOfKey = (k: string) => Number(k.slice(-16))

const utf8 = new TextEncoder()
const text = new TextDecoder()

/** a log value: id length (1 byte) ‖ id ‖ sealed data, so trimming can drop the dedupe key too */
const packEntry = (id: string, data: Uint8Array) => {
  const idBytes = utf8.encode(id)
  const out = new Uint8Array(1 + idBytes.length + data.length)
  out[0] = idBytes.length
  out.set(idBytes, 1)
  out.set(data, 1 + idBytes.length)
  return out
}
const unpackEntry = (v: Uint8Array) => ({ id: text.decode(v.subarray(1, 1 + v[0])), data: v.subarray(1 + v[0]) })

const copy = (m: Meta): Meta => ({ ...m, cur: m.cur && { ...m.cur }, kept: m.kept.map((k) => ({ ...k })) })
const EMPTY: Meta = { head: 0, bytes: 0, cur: null, kept: [] }
const MAX_CACHED = 50_000

/** meta as written before superseded history was kept a while: the previous snapshot (or the empty room) becomes the oldest point */
type Legacy = Omit<Meta, 'kept'> & { prev?: Snap | null; kept?: Kept[] }
const upgrade = (m: Legacy, until: number): Meta => {
  if (Array.isArray(m.kept)) return m as Meta
  const { prev, ...rest } = m
  return { ...rest, kept: m.cur ? [prev ? { ...prev, until } : { seq: 0, len: 0, until }] : [] }
}

/** The default store: LevelDB in one directory, no setup. One process owns the directory. */
export const openEmbedded = async (dir: string, given: Partial<StoreLimits> = {}, options: StoreOptions = {}): Promise<RelayStore> => {
  const limits = storeLimits(given)
  const ceiling = storeCeiling(limits)
  const now = options.now ?? Date.now
  mkdirSync(dir, { recursive: true })
  const db: Db = new ClassicLevel<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view', compression: false })
  await db.open()
  // a directory from before the count was kept is counted once
  const counted = await db.get(key.held)
  let durableHeld = 0
  if (counted) durableHeld = Number(text.decode(counted))
  else {
    for await (const v of db.values({ gt: 'm/', lt: 'm0' })) durableHeld += (JSON.parse(text.decode(v)) as Meta).bytes
    await db.put(key.held, utf8.encode(String(durableHeld)), { sync: true })
  }
  /** every room's bytes together, with what is admitted but not yet on disk */
  let held = durableHeld
  const grow = (m: Meta, n: number) => { m.bytes += n; held += n }
  const topics = new Map<string, Promise<Topic>>()
  const loaded = new Map<string, Topic>()
  const chains = new Map<string, Promise<unknown>>()
  const entries = new Hub<Entry>()
  const ephemeral = new Hub<Buffer>()

  const commit = groupCommit(db, (touched) => {
    const metas = [...touched].map((t) => [t, copy(loaded.get(t)!.meta)] as const)
    // batches go one at a time, so each moves the count on by what it changes in the rooms it writes
    const total = durableHeld + metas.reduce((sum, [t, m]) => sum + m.bytes - loaded.get(t)!.durable.bytes, 0)
    return {
      ops: [
        ...metas.map(([t, m]): Op => ({ type: 'put', key: key.meta(t), value: utf8.encode(JSON.stringify(m)) })),
        { type: 'put', key: key.held, value: utf8.encode(String(total)) },
      ],
      durable: () => {
        for (const [t, m] of metas) loaded.get(t)!.durable = m
        durableHeld = total
      },
    }
  })

  // meta stays in memory once loaded, up to a bound; idle topics (nothing pending or queued) go first
  const evict = () => {
    for (const [t, state] of loaded) {
      if (loaded.size <= MAX_CACHED * 0.8) return
      if (state.pending.size || chains.has(t)) continue
      loaded.delete(t)
      topics.delete(t)
    }
  }

  const topic = (t: string): Promise<Topic> => {
    let p = topics.get(t)
    if (!p) {
      if (loaded.size > MAX_CACHED) evict()
      p = db.get(key.meta(t)).then((v) => {
        const meta: Meta = v ? upgrade(JSON.parse(text.decode(v)), now() + limits.keepMs) : copy(EMPTY)
        const state = { meta, durable: copy(meta), pending: new Map() }
        loaded.set(t, state)
        return state
      })
      p.catch(() => topics.delete(t))
      topics.set(t, p)
    }
    return p
  }

  /** one admission at a time per topic: seq numbers and dedupe checks can't interleave */
  const serial = <T>(t: string, fn: () => Promise<T>): Promise<T> => {
    const next = (chains.get(t) ?? Promise.resolve()).then(fn)
    const tail = next.catch(() => {})
    chains.set(t, tail)
    tail.then(() => { if (chains.get(t) === tail) chains.delete(t) })
    return next
  }

  /** deletes the log entries in (from, to] with their dedupe ids; returns the ops and the bytes they free */
  const trim = async (t: string, from: number, to: number) => {
    const ops: Op[] = []
    let bytes = 0
    for await (const [k, v] of db.iterator({ gt: key.log(t, from), lte: key.log(t, to) })) {
      const { id, data } = unpackEntry(v)
      ops.push({ type: 'del', key: k }, { type: 'del', key: key.dedupe(t, id) })
      bytes += data.length
    }
    return { ops, bytes }
  }

  /** the oldest kept point goes, and the log up to the next one (or the current snapshot), which that one covers */
  const dropOldest = async (t: string, m: Meta): Promise<Op[]> => {
    const gone = m.kept.shift()!
    const cut = await trim(t, gone.seq, m.kept[0]?.seq ?? m.cur!.seq)
    grow(m, -(gone.len + cut.bytes))
    return gone.seq ? [{ type: 'del', key: key.snap(t, gone.seq) }, ...cut.ops] : cut.ops
  }

  /** whether history must go before the room takes `need` more bytes: its time is up, or the room (or the whole store) is full */
  const mustRelease = (m: Meta, need: number) =>
    !!m.kept.length && (m.kept[0].until <= now() || m.bytes + need > limits.topicBytes || held + need > ceiling)

  const release = async (t: string, m: Meta, need: number): Promise<Op[]> => {
    const ops: Op[] = []
    while (mustRelease(m, need)) ops.push(...await dropOldest(t, m))
    return ops
  }

  /** past KEPT_SNAPSHOTS, the second-oldest point goes (its snapshot only: the oldest still needs the log) and hands its time on */
  const thin = (t: string, m: Meta): Op[] => {
    const ops: Op[] = []
    while (m.kept.length > KEPT_SNAPSHOTS) {
      const [first, second] = m.kept
      first.until = Math.max(first.until, second.until)
      m.kept.splice(1, 1)
      grow(m, -second.len)
      ops.push({ type: 'del', key: key.snap(t, second.seq) })
    }
    return ops
  }

  /** drops what must go before `need` more bytes, on disk before the append that needs it is admitted */
  const releaseFor = async (t: string, state: Topic, need: number) => {
    const m = state.meta
    const points = m.kept.slice()
    const before = m.bytes
    const ops = await release(t, m, need)
    if (!ops.length && points.length === m.kept.length) return
    const freed = before - m.bytes
    try {
      await commit.write(t, ops)
    } catch (e) {
      // nothing else changes the kept points meanwhile: the append waits behind this in the topic's queue
      m.kept = points
      grow(m, freed)
      throw e
    }
  }

  const admit = async (t: string, id: string, data: Uint8Array) => {
    const state = await topic(t)
    // pending before disk: a pending id leaves the map only once its entry is on disk
    const pending = state.pending.get(id)
    if (pending) return { seq: pending.seq, duplicate: true, done: pending.done }
    const seen = db.getSync(key.dedupe(t, id))
    if (seen) return { seq: Number(text.decode(seen)), duplicate: true, done: Promise.resolve() }
    const m = state.meta
    // a stranger can make any number of rooms: past the budget, only rooms already held take more (see storeCeiling)
    if (!m.head && held + data.length > limits.storeBytes) throw noNewRooms()
    if (mustRelease(m, data.length)) await releaseFor(t, state, data.length)
    if (m.bytes + data.length > limits.topicBytes) throw roomFull()
    if (held + data.length > ceiling) throw relayFull()
    const seq = ++m.head
    m.epoch ??= newEpoch()
    grow(m, data.length)
    const done = commit.write(t, [
      { type: 'put', key: key.log(t, seq), value: packEntry(id, data) },
      { type: 'put', key: key.dedupe(t, id), value: utf8.encode(String(seq)) },
    ])
    state.pending.set(id, { seq, done })
    // a failed write leaves a gap in seq, never a reused one: nobody saw it, since fan-out follows the disk
    done.then(() => { state.pending.delete(id); entries.emit(t, { seq, data }) }, () => { state.pending.delete(id); grow(m, -data.length) })
    return { seq, duplicate: false, done }
  }

  const rotate = async (t: string, seq: number, data: Uint8Array): Promise<'stored' | 'stale'> => {
    const state = await topic(t)
    // everything the snapshot covers must be on disk before the log under it can be trimmed
    await Promise.all([...state.pending.values()].map((p) => p.done.catch(() => {})))
    const m = state.meta
    if (seq <= (m.cur?.seq ?? 0) || seq > m.head) return 'stale'
    if (held + data.length > ceiling) {
      // at the ceiling, only a snapshot that frees at least what it adds, once the room's history goes
      const floor = m.kept[0]?.seq ?? m.cur?.seq ?? 0
      const free = (m.cur?.len ?? 0) + m.kept.reduce((sum, k) => sum + k.len, 0) + (await trim(t, floor, seq)).bytes
      if (data.length > free) throw relayFull()
    }
    const before = copy(m)
    const ops: Op[] = [{ type: 'put', key: key.snap(t, seq), value: data }]
    // the snapshot it supersedes (or the empty room) is kept, with the log under it (see KEPT)
    m.kept.push({ seq: m.cur?.seq ?? 0, len: m.cur?.len ?? 0, until: now() + limits.keepMs })
    m.cur = { seq, len: data.length }
    grow(m, data.length)
    ops.push(...thin(t, m), ...await release(t, m, 0))
    try {
      await commit.write(t, ops)
    } catch (e) {
      held += before.bytes - m.bytes
      Object.assign(m, before)
      throw e
    }
    return 'stored'
  }

  /**
   * From the current snapshot (a join), or from the oldest kept point (history: see KEPT). `have`: the seq of the
   * current snapshot the caller holds already, whose bytes are then left out.
   */
  const read = async (t: string, since: number, have?: number, kept = false) => {
    const m = (await topic(t)).durable
    const point = (kept && m.kept[0]) || m.cur
    const snapshot = db.snapshot()
    try {
      const held = !kept && m.cur && m.cur.seq > since && m.cur.seq === have
      const data = held ? new Uint8Array(0) : point && point.seq > since ? await db.get(key.snap(t, point.seq), { snapshot }) : undefined
      const snap = data && point ? { seq: point.seq, data } : null
      const from = Math.max(since, snap?.seq ?? since)
      const updates: Entry[] = []
      let bytes = held ? m.cur!.len : snap?.data.length ?? 0
      let more = false
      if (from < m.head) {
        for await (const [k, v] of db.iterator({ gt: key.log(t, from), lte: key.log(t, m.head), snapshot })) {
          const data = unpackEntry(v).data
          if (!fits(limits, updates.length, bytes, !!snap, data.length)) {
            more = true
            break
          }
          updates.push({ seq: seqOfKey(k), data })
          bytes += data.length
        }
      }
      return { head: m.head, snapshot: snap, updates, epoch: m.epoch ?? '', more }
    } finally {
      await snapshot.close()
    }
  }

  return {
    async append(t, id, data) {
      checkKeyPart('topic', t)
      checkKeyPart('id', id)
      const r = await serial(t, () => admit(t, id, data))
      await r.done
      return { seq: r.seq, duplicate: r.duplicate }
    },
    async read(t, since, have) {
      checkKeyPart('topic', t)
      return read(t, since, have)
    },
    async history(t, since) {
      checkKeyPart('topic', t)
      return read(t, since, undefined, true)
    },
    async snapshot(t, seq, data) {
      checkKeyPart('topic', t)
      return serial(t, () => rotate(t, seq, data))
    },
    subscribe: (t, listener) => entries.add(t, listener),
    publish: (channel, message) => ephemeral.emit(channel, Buffer.from(message)),
    listen: (channel, listener) => ephemeral.add(channel, listener),
    async close() {
      await Promise.all([...chains.values()])
      await commit.idle()
      await db.close()
    },
  }
}
