import * as Y from 'yjs'
import type { Struct } from './update-io.ts'

/** where a left-out item goes: a deleted entry under a key no record can have, so the sender's clock stays whole */
export const LEFT_OUT = '\u0000left-out'

export const recordsOf = (doc: Y.Doc) => doc.getMap<unknown>('records')

// Y.Map keeps its entries as Items: the live one at a key is the last written there
export const entryAt = (doc: Y.Doc, key: string): Y.Item | undefined =>
  (recordsOf(doc) as unknown as { _map: Map<string, Y.Item> })._map.get(key)

export const entriesOf = (doc: Y.Doc): Map<string, Y.Item> => (recordsOf(doc) as unknown as { _map: Map<string, Y.Item> })._map

/** the value of a live plain entry, else undefined */
export const valueOf = (item: Y.Item | undefined): unknown =>
  item && !item.deleted && item.content instanceof Y.ContentAny ? item.content.arr[0] : undefined

export const sameValue = (a: unknown, b: unknown): boolean => a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b))

/** the structs of one update, by client, in clock order, found by id */
export const structIndex = (structs: Struct[]) => {
  const byClient = new Map<number, Struct[]>()
  for (const s of structs) {
    const list = byClient.get(s.id.client)
    if (list) list.push(s)
    else byClient.set(s.id.client, [s])
  }
  return (id: Y.ID): Struct | undefined => {
    const list = byClient.get(id.client)
    if (!list) return undefined
    let lo = 0
    let hi = list.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = list[mid]
      if (id.clock < s.id.clock) hi = mid - 1
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1
      else return s
    }
    return undefined
  }
}

const inDoc = (doc: Y.Doc, id: Y.ID): Y.Item | null => {
  if (id.clock >= Y.getState(doc.store, id.client)) return null
  try {
    const s = Y.getItem(doc.store, id)
    return s instanceof Y.Item ? s : null
  } catch {
    return null
  }
}

/**
 * The records key each incoming item would land at, as Yjs decides it on integration: its own key when the update
 * names one, else the key of the item its origin (or right origin) points to, in this update or in the document.
 * null when that is not known yet (it would wait as a pending struct). Iterative: an attacker's chain of origins may be long.
 */
export const keysOf = (structs: Struct[], doc: Y.Doc | undefined): Map<Y.Item, string | null> => {
  const find = structIndex(structs)
  const keys = new Map<Y.Item, string | null>()
  for (const s of structs) {
    if (!(s instanceof Y.Item) || keys.has(s)) continue
    const path: Y.Item[] = []
    const onPath = new Set<Y.Item>()
    let at: Y.Item | undefined = s
    let key: string | null = null
    while (at) {
      const known = keys.get(at)
      if (known !== undefined) { key = known; break }
      path.push(at)
      onPath.add(at)
      if (typeof at.parentSub === 'string') { key = at.parentSub; break }
      const dep: Y.ID | null = at.origin ?? at.rightOrigin
      if (!dep) break
      const local: Struct | undefined = find(dep)
      if (local) {
        at = local instanceof Y.Item && !onPath.has(local) ? local : undefined
        continue
      }
      const held = doc ? inDoc(doc, dep) : null
      key = held && typeof held.parentSub === 'string' ? held.parentSub : null
      break
    }
    for (const p of path) keys.set(p, key)
  }
  return keys
}
