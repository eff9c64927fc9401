import * as random from 'lib0/random'
import * as Y from 'yjs'
import { entriesOf, recordsOf, sameValue } from './entries.ts'
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

// re-writing shadowed records answers a few bytes with whole records: keep it to a trickle per document
const REWRITE_PER_HOUR = 512
const rewritten = new WeakMap<Y.Doc, { since: number; count: number }>()

/**
 * Writes again, under the document's new client id, its own live records in clock ranges someone shadowed, so peers
 * that took the squatter's content for them get the real records as fresh entries. Returns how many it wrote.
 */
export const rewriteShadowed = (doc: Y.Doc, oldClient: number, ranges: [number, number][], origin: unknown): number => {
  const now = Date.now()
  let spent = rewritten.get(doc)
  if (!spent || now - spent.since > 3_600_000) rewritten.set(doc, (spent = { since: now, count: 0 }))
  const inRange = (clock: number) => ranges.some(([a, b]) => clock >= a && clock < b)
  const again: [string, unknown][] = []
  for (const [key, item] of entriesOf(doc)) {
    if (spent.count + again.length >= REWRITE_PER_HOUR) break
    if (item.id.client === oldClient && !item.deleted && item.content instanceof Y.ContentAny && inRange(item.id.clock)) again.push([key, item.content.arr[0]])
  }
  if (!again.length) return 0
  spent.count += again.length
  const records = recordsOf(doc)
  doc.transact(() => { for (const [key, value] of again) records.set(key, value) }, origin)
  return again.length
}
