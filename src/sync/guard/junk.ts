import * as Y from 'yjs'
import { checkShape } from '../../model/index.ts'
import { LEFT_OUT, structIndex } from './entries.ts'
import type { Struct } from './update-io.ts'

// a junk value's entry keeps its place, emptied: a record the sender wrote over it later still lands at its key
export const emptied = (s: Y.Item) => new Y.Item(s.id, null, s.origin, null, s.rightOrigin, s.parent, s.parentSub, new Y.ContentDeleted(s.length))

/**
 * The incoming entries whose value is no record at its key (it fails the shape check): junk that no phone counts,
 * so it is neither kept nor passed on. An entry that a later one in the same update writes over stays, so that the
 * later one (a real record over junk) still lands at its key; the overwrite deletes it as it integrates. Leaving
 * one out can make the entry it wrote over the last one at its key again, so that one is weighed in turn.
 */
export const junkEntries = (structs: Struct[], keys: Map<Y.Item, string | null>, doc: Y.Doc | undefined): Set<Y.Item> => {
  const find = structIndex(structs)
  const over = new Map<Struct, number>()
  for (const s of structs) {
    const parent = s instanceof Y.Item && s.origin ? find(s.origin) : undefined
    if (parent) over.set(parent, (over.get(parent) ?? 0) + 1)
  }
  const junk = new Set<Y.Item>()
  const isJunk = (s: Struct | undefined): s is Y.Item => {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny) || junk.has(s)) return false
    const key = keys.get(s)
    if (!key || key === LEFT_OUT) return false
    // what the document already holds is skipped by Yjs
    if (doc && s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) return false
    return checkShape(key, s.content.arr[0]) === null
  }
  const stack = structs.filter((s): s is Y.Item => !over.get(s) && isJunk(s))
  while (stack.length) {
    const s = stack.pop()!
    junk.add(s)
    const parent = s.origin ? find(s.origin) : undefined
    if (!parent) continue
    const left = over.get(parent)! - 1
    over.set(parent, left)
    if (!left && isJunk(parent)) stack.push(parent)
  }
  return junk
}
