import * as Y from 'yjs'
import { keysOf, structIndex } from '../entries.ts'
import { emptied, junkEntries } from '../junk.ts'
import { emptyDeleteSet, encodeUpdate, heldOf, type Held, type Struct } from '../update-io.ts'
import { FIRST_SLICE, SLICE, decodeForSlices, sliceStructs } from './cut.ts'

/**
 * What a worker does with a large update before the page takes it in slices, so the page does less of it:
 * - the stateless part of the guard's junk check (guard/junk.ts) over the whole update, as the guard would judge it
 *   uncut; a slice is marked `shaped` only when every value in it was weighed here (its key was known from the update
 *   alone), and the page skips that check for it and no other;
 * - with `held` (a document's state vector, without its own client), the structs that document surely holds already
 *   are dropped: Yjs would skip them anyway, after reading every value. Never its own client's (the guard's squat
 *   check reads those). What the whole update held is said in `held`, and the deleted content dropped in `deleted`
 *   (the guard's `lacking` weighs it against the document), for a caller that asks (a relay cursor and snapshot do):
 *   a room that came twice, from a peer and the relay, or from the relay again on every open, is guarded once.
 * A client's structs out of order, like anything the guard refuses whole, throws: the page then gives it the update uncut.
 *
 * The slices go out one by one as they are made (prepareEach), so the page takes in the first while the worker cuts the
 * next. A value's junk check needs the whole update only where an entry is written over by another in it (leaving the
 * later one out brings the earlier back to be weighed): then every slice waits for the whole check, as before. In a
 * room whose keys are each written once, nothing is written over and each value is weighed with its own slice.
 */
export interface Prepared {
  parts: Uint8Array[]
  shaped: boolean[]
  refused: string[]
  held?: [number, [number, number]][]
  /** [client, clock, length] of each struct of deleted content dropped as held */
  deleted?: [number, number, number][]
  /** per client, the clock its first struct is at */
  starts?: [number, number][]
  /** with `own`: nothing of it can be placed yet (each client starts past what the document holds), so it was not cut */
  waits?: boolean
}
/** `own`: the document's own client and its state, to tell an update nothing of which it could place yet */
export interface PrepareOptions { held?: [number, number][]; size?: number; own?: [number, number] }

/** what is known of an update before its first slice: what it held, and the held deleted content dropped */
export type Head = Pick<Prepared, 'held' | 'deleted' | 'starts' | 'waits'>

const startsOf = (structs: Struct[]) => {
  const starts = new Map<number, number>()
  for (const s of structs) if (!starts.has(s.id.client)) starts.set(s.id.client, s.id.clock)
  return starts
}

/** prepareUpdate, giving each slice as soon as it is made; returns what was refused */
export const prepareEach = (update: Uint8Array, opts: PrepareOptions, onHead: (head: Head) => void, onPart: (part: Uint8Array, shaped: boolean) => void): string[] => {
  const decoded = decodeForSlices(update)
  let structs: Struct[] = decoded.structs
  const ends = new Map<number, number>()
  for (const s of structs) {
    const end = ends.get(s.id.client)
    if (end !== undefined && end !== s.id.clock) throw new Error('refused whole')
    ends.set(s.id.client, s.id.clock + s.length)
  }
  let whole: Held | undefined
  const deleted: [number, number, number][] = []
  const starts = startsOf(structs)
  const { own } = opts
  const sv = new Map(opts.held ?? [])
  // Yjs places a client's structs only from its state on: an update whose every client starts past it would only wait.
  // One under this phone's own client is a squat for the guard to catch now (squat.ts), never one to set aside.
  if (own && opts.held && starts.size && !starts.has(own[0]) && [...starts].every(([client, clock]) => clock > (sv.get(client) ?? 0))) {
    onHead({ held: [...heldOf(structs)], deleted, starts: [...starts], waits: true })
    return []
  }
  if (opts.held) {
    whole = heldOf(structs)
    structs = structs.filter((s) => {
      if (s.id.clock + s.length > (sv.get(s.id.client) ?? 0)) return true
      if (s instanceof Y.Item && s.content instanceof Y.ContentDeleted) deleted.push([s.id.client, s.id.clock, s.length])
      return false
    })
  }
  onHead({ held: whole && [...whole], deleted, starts: [...starts] })
  const keys = keysOf(structs, undefined)
  const find = structIndex(structs)
  const overwrites = structs.some((s) => s instanceof Y.Item && s.origin && find(s.origin))
  let junkFound = false
  const clean = (list: Struct[]) => {
    const junk = junkEntries(list, keys, undefined)
    if (!junk.size) return list
    junkFound = true
    return list.map((s) => (junk.has(s as Y.Item) ? emptied(s as Y.Item) : s))
  }
  if (overwrites) structs = clean(structs)
  const unknown = (s: Struct) => s instanceof Y.Item && s.content instanceof Y.ContentAny && !keys.get(s)
  // an emptied entry keeps its id and origins, so the slices are the same before and after
  for (let g of sliceStructs(structs, opts.size ?? SLICE, opts.size ?? FIRST_SLICE)) {
    if (!overwrites) g = clean(g)
    onPart(encodeUpdate(g, emptyDeleteSet()), !g.some(unknown))
  }
  if (decoded.ds.clients.size) onPart(encodeUpdate([], decoded.ds), true)
  return junkFound ? ['values that are no record at their key'] : []
}

export const prepareUpdate = (update: Uint8Array, opts: PrepareOptions = {}): Prepared => {
  const parts: Uint8Array[] = []
  const shaped: boolean[] = []
  let head: Head = {}
  const refused = prepareEach(update, opts, (h) => { head = h }, (part, s) => { parts.push(part); shaped.push(s) })
  return { parts, shaped, refused, ...head }
}
