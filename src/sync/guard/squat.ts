import * as random from 'lib0/random'
import * as Y from 'yjs'
import { sameValue, valueOf } from './entries.ts'
import { REPAIR } from './repair.ts'
import { emptyDeleteSet, encodeUpdate, type Struct } from './update-io.ts'

/**
 * A Yjs client id is not bound to a member: anyone can send structs under this document's id. Ahead of what it
 * wrote, they would take the clocks its next records need (peers skip what they think they hold); over what it
 * wrote, with other content, they shadow its records for whoever got them first. Neither comes from an honest
 * peer: a document's id is random per session and only it writes under it.
 */
export interface Squat {
  /** structs left, without those ahead of this document's own clock */
  structs: Struct[]
  ahead: boolean
  /** clock ranges of this document's own client where an update carried other content than it wrote */
  shadowed: [number, number][]
}

export const findSquat = (structs: Struct[], doc: Y.Doc): Squat => {
  const me = doc.clientID
  const mine = Y.getState(doc.store, me)
  let ahead = false
  const shadowed: [number, number][] = []
  const kept = structs.filter((s) => {
    if (s.id.client !== me) return true
    if (s.id.clock + s.length > mine) { ahead = true; return false }
    if (differs(s, doc)) shadowed.push([s.id.clock, s.id.clock + s.length])
    return true
  })
  return { structs: kept, ahead, shadowed }
}

const differs = (s: Struct, doc: Y.Doc): boolean => {
  const own = doc.store.clients.get(s.id.client) ?? []
  let i = Y.findIndexSS(own as never, s.id.clock)
  for (; i < own.length && own[i].id.clock < s.id.clock + s.length; i++) {
    const o = own[i]
    if (!(o instanceof Y.Item) || o.deleted || !(o.content instanceof Y.ContentAny)) continue
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) return true
    const at = o.id.clock - s.id.clock
    if (at < 0 || !sameValue(s.content.arr[at], o.content.arr[0])) return true
  }
  return false
}

/** this document's live entries written under `client` in the ranges given: what a squat shadowed for peers that took it first */
export const ownShadowed = (doc: Y.Doc, client: number, ranges: [number, number][]): Y.Item[] => {
  const own = doc.store.clients.get(client) ?? []
  const out: Y.Item[] = []
  for (const [from, to] of ranges) {
    for (let i = Y.findIndexSS(own as never, from); i < own.length && own[i].id.clock < to; i++) {
      const o = own[i]
      if (o instanceof Y.Item && !o.deleted && typeof o.parentSub === 'string') out.push(o)
    }
  }
  return out
}

/**
 * Writes `items` again under this document's (new) client id as entries with no origin: a peer that holds the
 * squatter's structs at the old clocks would place an entry whose origin is one of them under the squatter's key.
 * Peers that hold the real entry get a second copy of the same record, which changes nothing.
 */
export const writeFresh = (doc: Y.Doc, items: Y.Item[]) => {
  if (!items.length) return
  // entries with one origin (none) at a key are ordered by client id, and the last one is the key's value: a
  // client id above every one at these keys makes the fresh copy the value everywhere
  let top = 0
  for (const o of items) for (let at: Y.Item | null = o; at; at = at.left as Y.Item | null) top = Math.max(top, at.id.client)
  for (const o of items) for (let at = o.right as Y.Item | null; at; at = at.right as Y.Item | null) top = Math.max(top, at.id.client)
  if (doc.clientID <= top && top < 0xfffffff0) doc.clientID = top + 1 + Math.floor(Math.random() * (0xfffffff0 - top))
  const client = doc.clientID
  let clock = Y.getState(doc.store, client)
  const structs = items.map((o) => new Y.Item(Y.createID(client, clock++), null, null, null, null, 'records' as never, o.parentSub, new Y.ContentAny([valueOf(o)])))
  if (structs.length) Y.applyUpdate(doc, encodeUpdate(structs, emptyDeleteSet()), REPAIR)
}

/** Moves the document to a fresh client id, so nothing it writes from now on lands on clocks someone has taken. */
export const moveClient = (doc: Y.Doc) => {
  doc.clientID = random.uint32()
}
