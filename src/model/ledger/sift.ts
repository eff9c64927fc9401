import { THREADS } from '../../identity/index.ts'
import { sha256Many } from '../../crypto/index.ts'
import { canonical, checkShape, hashOf, idOf, isChained, isPlain, knownLink, linkOf, type HearthRecord, type IdCheck } from '../records/index.ts'

/** A value's verdict without a signature: null when refused, '' for a record on no chain, else its link (hashOf). */
export type Sifted = string | null

export const siftOne = (key: string, value: unknown): Sifted => {
  const r = checkShape(key, value)
  return r ? (isChained(r) ? hashOf(r) : '') : null
}

/**
 * siftOne for a worker's whole batch, with the same verdicts: the links' and the invitation ids' SHA-256 are asked for
 * together (see sha256Many). Each record's link text is spelled right after its shape check, while its signed text is
 * still kept, into one buffer for the batch.
 */
export const siftMany = async (keys: string[], values: unknown[]): Promise<Sifted[]> => {
  const chained: number[] = []
  const ids: IdCheck[] = []
  const idOwners: number[] = []
  const texts = spelling()
  const shapes = keys.map((k, i) => {
    const r = checkShape(k, values[i], ids)
    while (idOwners.length < ids.length) idOwners.push(i)
    if (r && isChained(r)) chained.push(i), texts.add(canonical(r), r.sig)
    return r
  })
  for (const id of ids) texts.add(id.text)
  const out: Sifted[] = shapes.map((r) => (r ? '' : null))
  const digests = await sha256Many(texts.views())
  chained.forEach((i, j) => { out[i] = linkOf(shapes[i]!, digests[j]) })
  ids.forEach((id, j) => { if (idOf(digests[chained.length + j]) !== id.id) out[idOwners[j]] = null })
  return out
}

const encoder = new TextEncoder()
/** Texts spelled as UTF-8 into one buffer, each a view of it: 10,000 small arrays of their own cost more than their bytes. */
const spelling = () => {
  let buf = new Uint8Array(1 << 16)
  let at = 0
  const ends: number[] = []
  return {
    add: (...parts: string[]) => {
      for (const part of parts) {
        if (buf.length - at < part.length * 3) {
          const bigger = new Uint8Array(Math.max(buf.length * 2, at + part.length * 3))
          bigger.set(buf.subarray(0, at))
          buf = bigger
        }
        at += encoder.encodeInto(part, buf.subarray(at)).written
      }
      ends.push(at)
    },
    views: () => ends.map((end, i) => buf.subarray(i ? ends[i - 1] : 0, end)),
  }
}

// below this a batch is checked here: a worker's round trip and the copy cost more than they save
const MIN = 512
let workers: Worker[] | null | undefined
const waiting = new Map<number, { resolve: (out: Sifted[]) => void; reject: () => void }>()
let next = 0

const stop = () => {
  workers?.forEach((w) => w.terminate())
  workers = null
  waiting.forEach((w) => w.reject())
  waiting.clear()
}

const pool = (): Worker[] | null => {
  if (workers !== undefined) return workers
  try {
    workers = typeof Worker === 'undefined' ? null : Array.from({ length: THREADS }, () => {
      const w = new Worker(new URL('./sift-worker.ts', import.meta.url), { type: 'module' })
      w.onmessage = (e: MessageEvent<{ n: number; out: Sifted[] | null }>) => {
        const asked = waiting.get(e.data.n)
        waiting.delete(e.data.n)
        if (e.data.out) asked?.resolve(e.data.out)
        else asked?.reject()
      }
      // a worker that can't start or fails leaves the checks to this thread, never a room that never opens
      w.onerror = stop
      return w
    })
  } catch {
    workers = null
  }
  return workers
}

/**
 * Starts the shape-check workers ahead of a room's first batch: their start (fetching, compiling and running their
 * code) then happens on their own threads while this one reads the room, not after.
 */
export const prewarmSift = () => { pool() }

const inWorkers = async (ws: Worker[], entries: [string, unknown][]): Promise<Sifted[]> => {
  const size = Math.ceil(entries.length / ws.length)
  const parts = await Promise.all(ws.map((w, i) => {
    const slice = entries.slice(i * size, (i + 1) * size)
    if (!slice.length) return [] as Sifted[]
    const n = next++
    return new Promise<Sifted[]>((resolve, reject) => {
      waiting.set(n, { resolve, reject })
      w.postMessage({ n, keys: slice.map(([k]) => k), values: slice.map(([, v]) => v) })
    })
  }))
  return parts.flat()
}

/**
 * checkShape for a batch of values read from a room, with each chained record's link, spread over worker threads
 * where there are any (a cold open checks 10,000: the shapes, their signed text and its SHA-256 were most of it).
 * Returns the records as read here, not the workers' copies.
 */
export const sift = async (entries: [string, unknown][]): Promise<(HearthRecord | null)[]> => {
  const ws = entries.length >= MIN ? pool() : null
  const out = ws ? await inWorkers(ws, entries).catch(() => null) : null
  if (!out) return entries.map(([k, v]) => checkShape(k, v))
  return entries.map(([, v], i) => {
    // a worker checked a copy, which keeps no prototype: only a plain value here is the value it checked
    if (out[i] === null || !isPlain(v)) return null
    if (out[i]) knownLink(v as HearthRecord, out[i]!)
    return v as HearthRecord
  })
}
