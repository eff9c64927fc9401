import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** the most structs one update from a peer or the relay may carry (a room of 100,000 records is far below) */
export const MAX_STRUCTS = 1_000_000
export const MAX_UPDATE_BYTES = 64 * 1024 * 1024

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number]

/** Why one struct is not a plain value in the room's records map, or null when it is. */
const foreign = (s: Struct): string | null => {
  if (!(s instanceof Y.Item)) return null
  if (!(s.content instanceof Y.ContentAny) && !(s.content instanceof Y.ContentDeleted)) return 'content that is not a plain value'
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

export type Cleaned = { update: Uint8Array; refused: string[] } | { error: string }

/**
 * An update from outside with everything that is not a plain value in the room's `records` map (another root
 * type, nested types, text, sub-documents) turned into garbage-collected gaps of the same size. Such content is
 * not a signed record and would never be checked by the model, so it is never applied and never passed on; the
 * gaps keep the sender's clock contiguous, so their later, honest records still apply.
 */
export const cleanUpdate = (update: Uint8Array): Cleaned => {
  if (update.length > MAX_UPDATE_BYTES) return { error: 'too large' }
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return { error: 'not a Yjs update' }
  }
  if (decoded.structs.length > MAX_STRUCTS) return { error: 'too many structs' }
  const refused: string[] = []
  const structs = decoded.structs.map((s) => {
    const why = foreign(s)
    if (!why) return s
    refused.push(why)
    return new Y.GC(s.id, s.length)
  })
  return { update: refused.length ? encode(structs, decoded.ds) : update, refused }
}

/** Applies an update from a peer or the relay through the guard; says what it refused, if anything. */
export const applyGuarded = (doc: Y.Doc, update: Uint8Array, origin: unknown, from: string): boolean => {
  const c = cleanUpdate(update)
  if ('error' in c) {
    console.warn(`hearth: refused an update from ${from}: ${c.error}`)
    return false
  }
  if (c.refused.length) console.warn(`hearth: left out of an update from ${from}: ${[...new Set(c.refused)].join(', ')}`)
  Y.applyUpdate(doc, c.update, origin)
  return true
}
