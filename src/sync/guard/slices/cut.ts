import * as Y from 'yjs'
import { decodeShape } from '../decode.ts'
import { MAX_STRUCTS, emptyDeleteSet, encodeUpdate, type Struct } from '../update-io.ts'

/**
 * A large update cut into sub-updates of at most SLICE structs each, in an order where what an item builds on comes
 * first, with the deletions last (see apply.ts). Yjs and nothing else, so a worker can do it.
 */
export const SLICE = 2000
/**
 * The first slice is smaller, and each next one twice the last, up to SLICE: the page waits only for the first, since
 * the worker makes each next one while the page takes in the one before (the page takes longer per struct).
 */
export const FIRST_SLICE = 250
export const SLICE_FROM_BYTES = 256 * 1024

/** decoded, or a throw for what the guard must see whole (it refuses it whole): such an update goes to it uncut */
const decodeForSlices = (update: Uint8Array) => {
  const d = decodeShape(update)
  if (d.structs.length > MAX_STRUCTS || d.structs.some((s) => s instanceof Y.GC)) throw new Error('refused whole')
  return d
}

/** sub-updates of `update`, dependencies first, its delete set in the last; throws on what is not an update */
export const sliceUpdate = (update: Uint8Array, size?: number): Uint8Array[] => {
  const { structs, ds } = decodeForSlices(update)
  const out = sliceStructs(structs, size ?? SLICE, size ?? FIRST_SLICE).map((slice) => encodeUpdate(slice, emptyDeleteSet()))
  if (ds.clients.size) out.push(encodeUpdate([], ds))
  return out
}

/** the structs in groups of at most `size` (from `first`, doubling), in an order where what an item builds on comes first */
export const sliceStructs = (structs: Struct[], size = SLICE, first = size): Struct[][] => {
  const byClient = new Map<number, Struct[]>()
  for (const s of structs) {
    const list = byClient.get(s.id.client)
    if (list) list.push(s)
    else byClient.set(s.id.client, [s])
  }
  // per client: how far the slices so far reach, and where its next struct is
  const reach = new Map<number, number>()
  const next = new Map<number, number>()
  for (const [client, list] of byClient) { reach.set(client, list[0].id.clock); next.set(client, 0) }
  const ready = (dep: Y.ID | null, client: number, upTo: number) => {
    if (!dep || !byClient.has(dep.client)) return true // in the document already, or never (it waits, then is checked again)
    if (dep.client === client) return dep.clock < upTo
    return dep.clock < reach.get(dep.client)!
  }
  const out: Struct[][] = []
  let slice: Struct[] = []
  let cap = Math.min(first, size)
  const flush = () => {
    if (slice.length) { out.push(slice); cap = Math.min(cap * 2, size) }
    slice = []
  }
  let left = structs.length
  while (left > 0) {
    let moved = false
    for (const [client, list] of byClient) {
      let i = next.get(client)!
      while (i < list.length && slice.length < cap) {
        const s = list[i]
        const upTo = s.id.clock
        if (s instanceof Y.Item && !(ready(s.origin, client, upTo) && ready(s.rightOrigin, client, upTo))) break
        slice.push(s)
        reach.set(client, s.id.clock + s.length)
        i++
        left--
        moved = true
      }
      next.set(client, i)
      if (slice.length >= cap) flush()
    }
    if (!moved) {
      // a cycle, which only a crafted update has: the rest goes as one, and Yjs keeps what it can't place pending
      flush()
      for (const [client, list] of byClient) { slice.push(...list.slice(next.get(client)!)); next.set(client, list.length) }
      left = 0
    }
  }
  flush()
  return out
}

export { decodeForSlices }
