import * as Y from 'yjs'
import { settleKeys, spareLive } from './conflicts.ts'
import { decodeShape } from './decode.ts'
import { applyTelling } from './tell.ts'
import { LEFT_OUT, keysOf } from './entries.ts'
import { emptied, junkEntries } from './junk.ts'
import { liveHeldDeleted, offerRecords } from './repair.ts'
import { findSquat, moveClient, ownShadowed, writeFresh } from './squat.ts'
import { MAX_STRUCTS, MAX_UPDATE_BYTES, encodeUpdate, heldOf, type Decoded, type Held, type Struct } from './update-io.ts'
import { BUDGET_PER_UPDATE } from './valid.ts'

export { MAX_STRUCTS, MAX_UPDATE_BYTES, type Held }

/** Why one item is not a plain value in the room's records map, or null when it is. */
const foreign = (s: Y.Item): string | null => {
  if (s.content instanceof Y.ContentAny) {
    // its length, not its values: those are read only when something needs them (decode.ts)
    if (s.content.getLength() !== 1) return 'an entry with more than one value'
  } else if (!(s.content instanceof Y.ContentDeleted)) return 'content that is not a plain value'
  // in an encoded update a parent is a root type's name, the id of a nested type, or left out when an origin gives it
  const parent = s.parent as unknown
  if (parent === null) return s.origin || s.rightOrigin ? null : 'an item with no place'
  if (parent !== 'records') return 'content outside the room’s records'
  if (typeof s.parentSub !== 'string' || s.parentSub.length > 256) return 'an entry outside the records map'
  return null
}

const leftOut = (s: Struct) => new Y.Item(s.id, null, null, null, null, 'records' as unknown as Y.AbstractType<unknown>, LEFT_OUT, new Y.ContentDeleted(s.length))

export interface Clean {
  update: Uint8Array
  refused: string[]
  held: Held
  /** structs came under this document's own client id, ahead of what it wrote */
  squatted: boolean
  /**
   * ranges of this document's own client where they came with other content than it wrote: peers that took that
   * content first skip the real records, and get them back by the digest repair when they next sync with a holder
   */
  shadowed: [number, number][]
  /** records that may lose their place as this applies: checked after, and written again if they did */
  contested: [string, unknown][]
  /** with `lacking` asked for: this document's live entries the update holds deleted */
  lacking: Y.Item[]
  /** per client, where its first struct (not a gap) starts, and where its last ends: what it could raise that client's state to */
  reach?: Map<number, [number, number]>
}
export type Cleaned = Clean | { error: string }

/**
 * An update from outside, cleaned. Anything that is not a plain value in the room's `records` map (another root
 * type, nested types, text, sub-documents) becomes a deleted entry of the same size: it is not a signed record,
 * would never be checked by the model, so it is never applied and never passed on, while the sender's later,
 * honest records still apply. Nothing replaces or deletes a record in place (conflicts.ts), structs under this
 * document's own client id that it did not write are left out (squat.ts), and deletions are clipped to what this
 * document or the update itself holds. Garbage-collected blocks from outside are refused whole: they could claim
 * clocks that belong to someone else's future records.
 */
export const cleanUpdate = (update: Uint8Array, doc?: Y.Doc, opts: { lacking?: boolean; shaped?: boolean } = {}): Cleaned => {
  if (update.length > MAX_UPDATE_BYTES) return { error: 'too large' }
  let decoded: Decoded
  try {
    decoded = decodeShape(update)
  } catch {
    return { error: 'not a Yjs update' }
  }
  if (decoded.structs.length > MAX_STRUCTS) return { error: 'too many structs' }
  const reach = new Map<number, [number, number]>()
  const refused: string[] = []
  const why = (reason: string) => { if (!refused.includes(reason)) refused.push(reason) }
  const ends = new Map<number, number>()
  let changed = false
  let structs: Struct[] = []
  for (const s of decoded.structs) {
    const end = ends.get(s.id.client)
    if (end !== undefined && end !== s.id.clock) return { error: 'a client’s structs out of order' }
    ends.set(s.id.client, s.id.clock + s.length)
    const r = reach.get(s.id.client)
    if (r || !(s instanceof Y.Skip)) reach.set(s.id.client, [r ? r[0] : s.id.clock, s.id.clock + s.length])
    if (s instanceof Y.GC) return { error: 'garbage-collected blocks' }
    const reason = s instanceof Y.Item ? foreign(s) : null
    if (!reason) { structs.push(s); continue }
    refused.push(reason)
    changed = true
    structs.push(leftOut(s))
  }
  const lacking = doc && opts.lacking ? liveHeldDeleted(structs, doc) : []
  let squatted = false
  let shadowed: [number, number][] = []
  if (doc) {
    const squat = findSquat(structs, doc)
    if (squat.ahead) { why('structs under this device’s own client id'); changed = true; ends.delete(doc.clientID) }
    if (squat.shadowed.length) why('other content over this device’s own records')
    ;({ structs, shadowed } = squat)
    squatted = squat.ahead || shadowed.length > 0
  }
  const keys = keysOf(structs, doc)
  const { refused: replacing, contested } = settleKeys(structs, keys, doc, { left: BUDGET_PER_UPDATE })
  if (replacing.size) {
    why('entries that would replace a record')
    changed = true
    structs = structs.map((s) => (replacing.has(s as Y.Item) ? leftOut(s) : s))
  }
  // `shaped`: a worker weighed every value of this slice already (slices/prepare.ts)
  const junk = opts.shaped ? new Set<Y.Item>() : junkEntries(structs, keys, doc)
  if (junk.size) {
    why('values that are no record at their key')
    changed = true
    structs = structs.map((s) => (junk.has(s as Y.Item) ? emptied(s as Y.Item) : s))
  }
  if (spareLive(decoded.ds, structs, doc)) { changed = true; why('deletions of records') }
  // the document's whole state vector, only when there are deletions to clip (a new record comes with none)
  const held = doc && decoded.ds.clients.size ? Y.decodeStateVector(Y.encodeStateVector(doc)) : new Map<number, number>()
  for (const [client, items] of decoded.ds.clients) {
    const limit = Math.max(held.get(client) ?? 0, ends.get(client) ?? 0)
    const clipped = items.flatMap((d) => (d.clock >= limit ? [] : [{ clock: d.clock, len: Math.min(d.len, limit - d.clock) }]))
    if (clipped.length !== items.length || clipped.some((d, i) => d.len !== items[i].len)) {
      changed = true
      why('deletions of what nobody holds yet')
    }
    decoded.ds.clients.set(client, clipped as typeof items)
  }
  for (const [client, items] of [...decoded.ds.clients]) if (!items.length) decoded.ds.clients.delete(client)
  return { update: changed ? encodeUpdate(structs, decoded.ds) : update, refused, held: heldOf(structs), squatted, shadowed, contested, lacking, reach }
}

/**
 * Whether applying an update that reaches this far could let Yjs place what waits: it tries again only once some
 * client's state passes the clock the waiting structs miss. Only the update's own structs raise states here, and a
 * client's only when its first struct starts within what the document holds (else all of them wait too).
 */
const mayComplete = (doc: Y.Doc, reach: Map<number, [number, number]> | undefined) => {
  const pending = doc.store.pendingStructs
  if (!pending || !reach) return !!pending
  for (const [client, clock] of pending.missing) {
    const state = Y.getState(doc.store, client)
    const r = reach.get(client)
    if (state > clock || (r && r[0] <= state && r[1] > clock)) return true
  }
  return false
}

// a struct waiting for another it builds on is checked again with what completes it: it never integrates unchecked
// (Yjs keeps what waits in its v2 format; the guard reads v1). An update that can't complete it goes alone, and Yjs
// adds what of it must wait to what waits: merging and checking all that waits with every update made a room that
// came out of order take seconds per slice.
const withPending = (doc: Y.Doc, update: Uint8Array): { update: Uint8Array; merged: boolean } => {
  const pending = doc.store.pendingStructs
  if (!pending) return { update, merged: false }
  try {
    return { update: Y.mergeUpdates([Y.convertUpdateFormatV2ToV1(pending.update), update]), merged: true }
  } catch {
    return { update, merged: false }
  }
}

/** Applies an update from a peer or the relay through the guard; null if it was refused, else what it surely held. */
export const applyGuarded = (doc: Y.Doc, update: Uint8Array, origin: unknown, from: string, report?: (c: Clean) => void, shaped = false): Held | null => {
  const alone = cleanUpdate(update, doc, { lacking: !!report, shaped })
  const next = 'error' in alone || !mayComplete(doc, alone.reach) ? { update, merged: false } : withPending(doc, update)
  const c = next.merged ? cleanUpdate(next.update, doc, { lacking: !!report }) : alone
  if ('error' in c) {
    console.warn(`hearth: refused an update from ${from}: ${c.error}`)
    return null
  }
  if (c.refused.length) console.warn(`hearth: left out of an update from ${from}: ${c.refused.join(', ')}`)
  const me = doc.clientID
  // what waited is in this update now, checked; if it could not be merged, Yjs keeps it waiting as before
  if (next.merged) doc.store.pendingStructs = null
  applyTelling(doc, c.update, origin)
  afterApply(doc, me, c)
  report?.(c)
  return c.held
}

/** what an update's cleaning found that needs doing once it is in */
export const afterApply = (doc: Y.Doc, me: number, c: Clean) => {
  if (c.squatted && doc.clientID === me) moveClient(doc)
  // peers that took the squat first skip these clocks; written again under the new id, they reach even those that
  // read only through the relay (direct peers also get them by the digest repair)
  if (c.shadowed.length) writeFresh(doc, ownShadowed(doc, me, c.shadowed))
  if (c.contested.length) void offerRecords(doc, c.contested).catch(() => {})
}
