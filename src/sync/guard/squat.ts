import * as random from 'lib0/random'
import * as Y from 'yjs'
import { sameValue } from './entries.ts'
import type { Struct } from './update-io.ts'

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

/** Moves the document to a fresh client id, so nothing it writes from now on lands on clocks someone has taken. */
export const moveClient = (doc: Y.Doc) => {
  doc.clientID = random.uint32()
}
