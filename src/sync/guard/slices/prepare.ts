import * as Y from 'yjs'
import { keysOf } from '../entries.ts'
import { emptied, junkEntries } from '../junk.ts'
import { emptyDeleteSet, encodeUpdate, heldOf, type Held, type Struct } from '../update-io.ts'
import { SLICE, decodeForSlices, sliceStructs } from './cut.ts'

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
 */
export interface Prepared {
  parts: Uint8Array[]
  shaped: boolean[]
  refused: string[]
  held?: [number, [number, number]][]
  /** [client, clock, length] of each struct of deleted content dropped as held */
  deleted?: [number, number, number][]
}
export interface PrepareOptions { held?: [number, number][]; size?: number }

export const prepareUpdate = (update: Uint8Array, opts: PrepareOptions = {}): Prepared => {
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
  if (opts.held) {
    whole = heldOf(structs)
    const held = new Map(opts.held)
    structs = structs.filter((s) => {
      if (s.id.clock + s.length > (held.get(s.id.client) ?? 0)) return true
      if (s instanceof Y.Item && s.content instanceof Y.ContentDeleted) deleted.push([s.id.client, s.id.clock, s.length])
      return false
    })
  }
  const refused: string[] = []
  const keys = keysOf(structs, undefined)
  const junk = junkEntries(structs, keys, undefined)
  if (junk.size) {
    refused.push('values that are no record at their key')
    structs = structs.map((s) => (junk.has(s as Y.Item) ? emptied(s as Y.Item) : s))
  }
  const unknown = (s: Struct) => s instanceof Y.Item && s.content instanceof Y.ContentAny && !keys.get(s)
  const groups = sliceStructs(structs, opts.size ?? SLICE)
  const parts = groups.map((g) => encodeUpdate(g, emptyDeleteSet()))
  const shaped = groups.map((g) => !g.some(unknown))
  if (decoded.ds.clients.size) { parts.push(encodeUpdate([], decoded.ds)); shaped.push(true) }
  return { parts, shaped, refused, held: whole && [...whole], deleted }
}
