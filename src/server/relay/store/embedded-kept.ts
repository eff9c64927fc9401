import type { Op } from './commit.ts'
import { copy, key, unpackEntry, type Db, type Meta, type Topic } from './embedded-meta.ts'
import { KEPT_SNAPSHOTS, relayFull, type StoreLimits } from './store.ts'

export interface KeptContext {
  db: Db
  limits: StoreLimits
  ceiling: number
  now: () => number
  /** every room's bytes together, with what is admitted but not yet on disk */
  held: () => number
  /** moves a room's bytes and the store's together */
  grow: (m: Meta, n: number) => void
  write: (topic: string, ops: Op[]) => Promise<void>
}

/** The embedded store's superseded history (see KEPT): what a snapshot keeps, and what goes when time or space is up. */
export const keptHistory = ({ db, limits, ceiling, now, held, grow, write }: KeptContext) => {
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
    !!m.kept.length && (m.kept[0].until <= now() || m.bytes + need > limits.topicBytes || held() + need > ceiling)

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
      await write(t, ops)
    } catch (e) {
      // nothing else changes the kept points meanwhile: the append waits behind this in the topic's queue
      m.kept = points
      grow(m, freed)
      throw e
    }
  }

  /** stores a snapshot; the one it supersedes (or the empty room) is kept, with the log under it */
  const rotate = async (t: string, state: Topic, seq: number, data: Uint8Array): Promise<'stored' | 'stale'> => {
    // everything the snapshot covers must be on disk before the log under it can be trimmed
    await Promise.all([...state.pending.values()].map((p) => p.done.catch(() => {})))
    const m = state.meta
    if (seq <= (m.cur?.seq ?? 0) || seq > m.head) return 'stale'
    if (held() + data.length > ceiling) {
      // at the ceiling, only a snapshot that frees at least what it adds, once the room's history goes
      const floor = m.kept[0]?.seq ?? m.cur?.seq ?? 0
      const free = (m.cur?.len ?? 0) + m.kept.reduce((sum, k) => sum + k.len, 0) + (await trim(t, floor, seq)).bytes
      if (data.length > free) throw relayFull()
    }
    const before = copy(m)
    const ops: Op[] = [{ type: 'put', key: key.snap(t, seq), value: data }]
    m.kept.push({ seq: m.cur?.seq ?? 0, len: m.cur?.len ?? 0, until: now() + limits.keepMs })
    m.cur = { seq, len: data.length }
    grow(m, data.length)
    ops.push(...thin(t, m), ...await release(t, m, 0))
    try {
      await write(t, ops)
    } catch (e) {
      grow(m, before.bytes - m.bytes)
      Object.assign(m, before)
      throw e
    }
    return 'stored'
  }

  return { mustRelease, releaseFor, rotate }
}
