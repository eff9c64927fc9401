import { mkdirSync } from 'node:fs'
import { ClassicLevel } from 'classic-level'
import { groupCommit, type Op } from './commit.ts'
import { keptHistory } from './embedded-kept.ts'
import { copy, EMPTY, key, packEntry, seqOfKey, text, unpackEntry, upgrade, utf8, type Db, type Meta, type Topic } from './embedded-meta.ts'
import { Hub } from './hub.ts'
import { checkKeyPart, fits, newEpoch, noNewRooms, relayFull, roomFull, storeCeiling, storeLimits, type Entry, type RelayStore, type StoreLimits, type StoreOptions } from './store.ts'

const MAX_CACHED = 50_000

/** The default store: LevelDB in one directory, no setup. One process owns the directory. */
export const openEmbedded = async (dir: string, given: Partial<StoreLimits> = {}, options: StoreOptions = {}): Promise<RelayStore> => {
  const limits = storeLimits(given)
  const ceiling = storeCeiling(limits)
  const now = options.now ?? Date.now
  mkdirSync(dir, { recursive: true })
  // a larger memtable than LevelDB's 4 MB: fewer level-0 files for each push's dedupe lookup and less compaction
  // (store CPU per append ~49 -> ~34 us in a 1k-room load), for at most twice 16 MB of memory
  const db: Db = new ClassicLevel<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view', compression: false, writeBufferSize: 16 << 20 })
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

  const keeping = keptHistory({ db, limits, ceiling, now, held: () => held, grow, write: commit.write })

  const admit = async (t: string, id: string, data: Uint8Array, admitted?: (seq: number) => void) => {
    const state = await topic(t)
    // pending before disk: a pending id leaves the map only once its entry is on disk
    const pending = state.pending.get(id)
    if (pending) return { seq: pending.seq, duplicate: true, done: pending.done }
    const seen = db.getSync(key.dedupe(t, id))
    if (seen) return { seq: Number(text.decode(seen)), duplicate: true, done: Promise.resolve() }
    const m = state.meta
    // a stranger can make any number of rooms: past the budget, only rooms already held take more (see storeCeiling)
    if (!m.head && held + data.length > limits.storeBytes) throw noNewRooms()
    if (keeping.mustRelease(m, data.length)) await keeping.releaseFor(t, state, data.length)
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
    // a failed write leaves a gap in seq, never a reused one; a live copy of it went out, but no Stored will name it
    done.then(() => { state.pending.delete(id); entries.emit(t, { seq, data }) }, () => { state.pending.delete(id); grow(m, -data.length) })
    admitted?.(seq)
    return { seq, duplicate: false, done }
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
    async append(t, id, data, admitted) {
      checkKeyPart('topic', t)
      checkKeyPart('id', id)
      const r = await serial(t, () => admit(t, id, data, admitted))
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
      return serial(t, async () => keeping.rotate(t, await topic(t), seq, data))
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
