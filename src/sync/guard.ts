import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** the most structs one update from a peer or the relay may carry (a room of 100,000 records is far below) */
export const MAX_STRUCTS = 1_000_000
export const MAX_UPDATE_BYTES = 64 * 1024 * 1024

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number]

/** Why one item is not a plain value in the room's records map, or null when it is. */
const foreign = (s: Y.Item): string | null => {
  if (s.content instanceof Y.ContentAny) {
    if (s.content.arr.length !== 1) return 'an entry with more than one value'
  } else if (!(s.content instanceof Y.ContentDeleted)) return 'content that is not a plain value'
  // in an encoded update a parent is a root type's name, the id of a nested type, or left out when an origin gives it
  const parent = s.parent as unknown
  if (parent === null) return s.origin || s.rightOrigin ? null : 'an item with no place'
  if (parent !== 'records') return 'content outside the room’s records'
  if (typeof s.parentSub !== 'string' || s.parentSub.length > 256) return 'an entry outside the records map'
  return null
}

/** Writes structs and a delete set back as a v1 update, as Yjs's own writeStructs and writeDeleteSet do. */
const encode = (structs: Struct[], ds: ReturnType<typeof Y.decodeUpdate>['ds']): Uint8Array => {
  const e = new Y.UpdateEncoderV1()
  const byClient = new Map<number, Struct[]>()
  for (const s of structs) {
    const list = byClient.get(s.id.client)
    if (list) list.push(s)
    else byClient.set(s.id.client, [s])
  }
  encoding.writeVarUint(e.restEncoder, byClient.size)
  for (const [client, list] of [...byClient].sort((a, b) => b[0] - a[0])) {
    encoding.writeVarUint(e.restEncoder, list.length)
    e.writeClient(client)
    encoding.writeVarUint(e.restEncoder, list[0].id.clock)
    for (const s of list) s.write(e, 0)
  }
  encoding.writeVarUint(e.restEncoder, ds.clients.size)
  for (const [client, items] of [...ds.clients].sort((a, b) => b[0] - a[0])) {
    e.resetDsCurVal()
    encoding.writeVarUint(e.restEncoder, client)
    encoding.writeVarUint(e.restEncoder, items.length)
    for (const item of items) { e.writeDsClock(item.clock); e.writeDsLen(item.len) }
  }
  return e.toUint8Array()
}

/** per client, the clocks [from, to) this update surely holds: up to its first gap (a Skip) */
export type Held = Map<number, [number, number]>

export type Cleaned = { update: Uint8Array; refused: string[]; held: Held } | { error: string }

// where a left-out item goes: a deleted entry under a key no record can have, so the sender's clock stays whole
const LEFT_OUT = '\u0000left-out'

/**
 * An update from outside, cleaned. Anything that is not a plain value in the room's `records` map (another root
 * type, nested types, text, sub-documents) becomes a deleted entry of the same size: it is not a signed record,
 * would never be checked by the model, so it is never applied and never passed on, while the sender's later,
 * honest records still apply. Deletions are clipped to what this document or the update itself holds: nobody
 * can delete another member's records before they are written. Garbage-collected blocks from outside are
 * refused whole: they could claim clocks that belong to someone else's future records.
 */
export const cleanUpdate = (update: Uint8Array, doc?: Y.Doc): Cleaned => {
  if (update.length > MAX_UPDATE_BYTES) return { error: 'too large' }
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return { error: 'not a Yjs update' }
  }
  if (decoded.structs.length > MAX_STRUCTS) return { error: 'too many structs' }
  const refused: string[] = []
  const ends = new Map<number, number>()
  let changed = false
  const structs: Struct[] = []
  const heldRanges: Held = new Map()
  const gapped = new Set<number>()
  for (const s of decoded.structs) {
    const end = ends.get(s.id.client)
    if (end !== undefined && end !== s.id.clock) return { error: 'a client’s structs out of order' }
    ends.set(s.id.client, s.id.clock + s.length)
    if (s instanceof Y.Skip) gapped.add(s.id.client)
    else if (!gapped.has(s.id.client)) {
      const r = heldRanges.get(s.id.client)
      heldRanges.set(s.id.client, [r ? r[0] : s.id.clock, s.id.clock + s.length])
    }
    if (s instanceof Y.GC) return { error: 'garbage-collected blocks' }
    const why = s instanceof Y.Item ? foreign(s) : null
    if (!why) { structs.push(s); continue }
    refused.push(why)
    changed = true
    structs.push(new Y.Item(s.id, null, null, null, null, 'records' as unknown as Y.AbstractType<unknown>, LEFT_OUT, new Y.ContentDeleted(s.length)))
  }
  const held = doc ? Y.decodeStateVector(Y.encodeStateVector(doc)) : new Map<number, number>()
  for (const [client, items] of decoded.ds.clients) {
    const limit = Math.max(held.get(client) ?? 0, ends.get(client) ?? 0)
    const clipped = items.flatMap((d) => (d.clock >= limit ? [] : [{ clock: d.clock, len: Math.min(d.len, limit - d.clock) }]))
    if (clipped.length !== items.length || clipped.some((d, i) => d.len !== items[i].len)) {
      changed = true
      if (!refused.includes('deletions of what nobody holds yet')) refused.push('deletions of what nobody holds yet')
    }
    decoded.ds.clients.set(client, clipped as typeof items)
  }
  for (const [client, items] of [...decoded.ds.clients]) if (!items.length) decoded.ds.clients.delete(client)
  return { update: changed ? encode(structs, decoded.ds) : update, refused, held: heldRanges }
}

/** Applies an update from a peer or the relay through the guard; null if it was refused, else what it surely held. */
export const applyGuarded = (doc: Y.Doc, update: Uint8Array, origin: unknown, from: string): Held | null => {
  const c = cleanUpdate(update, doc)
  if ('error' in c) {
    console.warn(`hearth: refused an update from ${from}: ${c.error}`)
    return null
  }
  if (c.refused.length) console.warn(`hearth: left out of an update from ${from}: ${[...new Set(c.refused)].join(', ')}`)
  Y.applyUpdate(doc, c.update, origin)
  return c.held
}
