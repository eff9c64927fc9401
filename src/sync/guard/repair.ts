import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as random from 'lib0/random'
import * as Y from 'yjs'
import { sha256, utf8 } from '../../crypto/index.ts'
import { verifyMany } from '../../identity/index.ts'
import { canonical, checkShape } from '../../model/index.ts'
import { LEFT_OUT, entriesOf, entryAt, recordsOf, sameValue, valueOf } from './entries.ts'
import { remember, validLater } from './valid.ts'

/**
 * Yjs syncs by clocks, not by what is live: a peer that got a record already deleted (from a hostile peer, or under
 * a squatted client id) holds its clocks, so no honest peer's state vector diff sends it again. So when two peers
 * sync, each also says which entries it holds live (a digest: a salted hash of key and item id for each), and the
 * other sends, as plain signed values, the records it holds live that the first holds the clocks of but not live.
 * The one who lacked them checks each signature and writes them again itself: nobody writes for someone else,
 * so a peer that only claims to lack everything gets a copy sent to it, nothing more.
 */
export const REPAIR = Symbol('hearth-repair')
export const MAX_REPAIR = 20_000

const salts = new WeakMap<Y.Doc, number>()
const hashes = new WeakMap<Y.Item, string>()

const saltOf = (doc: Y.Doc) => {
  let salt = salts.get(doc)
  if (salt === undefined) salts.set(doc, (salt = random.uint32()))
  return salt
}

const hashOf = (salt: number, key: string, item: Y.Item): string => {
  const h = sha256(utf8(`${salt}\u0000${key}\u0000${item.id.client}\u0000${item.id.clock}`))
  return String.fromCharCode(...h.subarray(0, 8))
}

const liveEntries = function* (doc: Y.Doc) {
  for (const [key, item] of entriesOf(doc)) if (key !== LEFT_OUT && valueOf(item) !== undefined) yield [key, item] as const
}

/** what this document holds live, for the other side of a sync */
export const writeDigest = (e: encoding.Encoder, doc: Y.Doc) => {
  const salt = saltOf(doc)
  const inner = encoding.createEncoder()
  let count = 0
  const body = encoding.createEncoder()
  for (const [key, item] of liveEntries(doc)) {
    // a document's salt never changes, and an item's key and id never do
    let h = hashes.get(item)
    if (h === undefined) hashes.set(item, (h = hashOf(salt, key, item)))
    for (let i = 0; i < h.length; i++) encoding.writeUint8(body, h.charCodeAt(i))
    count++
  }
  encoding.writeVarUint(inner, salt)
  encoding.writeVarUint(inner, count)
  encoding.writeUint8Array(inner, encoding.toUint8Array(body))
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
}

export interface Digest { salt: number; held: Set<string> }

export const readDigest = (d: decoding.Decoder): Digest | null => {
  try {
    const inner = decoding.createDecoder(decoding.readVarUint8Array(d))
    const salt = decoding.readVarUint(inner)
    const count = decoding.readVarUint(inner)
    if (count * 8 > inner.arr.length) return null
    const held = new Set<string>()
    for (let n = 0; n < count; n++) held.add(String.fromCharCode(...decoding.readUint8Array(inner, 8)))
    return { salt, held }
  } catch {
    return null
  }
}

// a peer keeps its salt for its session, so hashes made for it serve again when it reconnects
const theirHashes = new Map<number, WeakMap<Y.Item, string>>()
const hashesFor = (salt: number) => {
  let m = theirHashes.get(salt)
  if (!m) {
    if (theirHashes.size >= 8) theirHashes.delete(theirHashes.keys().next().value!)
    theirHashes.set(salt, (m = new WeakMap()))
  }
  return m
}

/** the records this document holds live whose clocks the other side holds (by its state vector) but not live */
export const lackedBy = (doc: Y.Doc, theirs: Map<number, number>, digest: Digest): [string, unknown][] => {
  const out: [string, unknown][] = []
  const cache = hashesFor(digest.salt)
  for (const [key, item] of liveEntries(doc)) {
    if (out.length >= MAX_REPAIR) break
    // what their state vector lacks comes in the ordinary diff
    if (item.id.clock >= (theirs.get(item.id.client) ?? 0)) continue
    let h = cache.get(item)
    if (h === undefined) cache.set(item, (h = hashOf(digest.salt, key, item)))
    if (!digest.held.has(h)) out.push([key, valueOf(item)])
  }
  return out
}

export const writeRecords = (e: encoding.Encoder, entries: [string, unknown][]) => {
  encoding.writeAny(e, entries as unknown as encoding.AnyEncodable)
}

export const readRecords = (d: decoding.Decoder): [string, unknown][] => {
  try {
    const v = decoding.readAny(d) as unknown
    return Array.isArray(v) ? v.filter((x): x is [string, unknown] => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string').slice(0, MAX_REPAIR) : []
  } catch {
    return []
  }
}

/**
 * Records offered by a peer (or found to have lost their place): each one valid, that this document does not hold
 * live at its key, is written again here, unless a validly signed record already holds that key. Returns how many.
 */
export const offerRecords = async (doc: Y.Doc, offered: [string, unknown][]): Promise<number> => {
  const wanted = offered.filter(([key, value]) => key !== LEFT_OUT && !sameValue(valueOf(entryAt(doc, key)), value) && checkShape(key, value))
  if (!wanted.length) return 0
  const ok = await verifyMany(wanted.map(([key, value]) => {
    const r = checkShape(key, value)!
    return [r.by, canonical(r), r.sig]
  }))
  const fresh: [string, unknown][] = []
  for (let i = 0; i < wanted.length; i++) {
    const [key, value] = wanted[i]
    remember(value, ok[i])
    if (!ok[i]) continue
    const now = valueOf(entryAt(doc, key))
    if (sameValue(now, value)) continue
    // two valid records at one key: only an author's own fork of a record from before chains; the first one stays
    if (now !== undefined && (await validLater(key, now))) continue
    fresh.push([key, value])
  }
  if (!fresh.length) return 0
  const records = recordsOf(doc)
  doc.transact(() => { for (const [key, value] of fresh) records.set(key, value) }, REPAIR)
  return fresh.length
}

/**
 * This document's live entries that an update holds deleted (content gone): what a copy made from it, such as a
 * relay snapshot a member uploaded, lacks while its clocks say it holds them.
 */
export const liveHeldDeleted = (structs: readonly unknown[], doc: Y.Doc): Y.Item[] => {
  const out: Y.Item[] = []
  for (const s of structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentDeleted)) continue
    const own = doc.store.clients.get(s.id.client)
    const end = Math.min(s.id.clock + s.length, Y.getState(doc.store, s.id.client))
    if (!own || s.id.clock >= end) continue
    for (let i = Y.findIndexSS(own as never, s.id.clock); i < own.length && own[i].id.clock < end; i++) {
      const item = own[i]
      if (item instanceof Y.Item && typeof item.parentSub === 'string' && item.parentSub !== LEFT_OUT && valueOf(item) !== undefined && entryAt(doc, item.parentSub) === item) out.push(item)
      if (out.length >= MAX_REPAIR) return out
    }
  }
  return out
}

/** Writes again the entries given that are still live where they were, as fresh items (so a copy that lacks them gets them). */
export const writeAgain = (doc: Y.Doc, items: Y.Item[]): number => {
  const again = items.filter((item) => typeof item.parentSub === 'string' && entryAt(doc, item.parentSub) === item).slice(0, MAX_REPAIR)
  if (!again.length) return 0
  const records = recordsOf(doc)
  doc.transact(() => { for (const item of again) records.set(item.parentSub!, valueOf(item)) }, REPAIR)
  return again.length
}

/**
 * Writes again, into `doc`, the entries that `copy` (another copy of the room that went through the guard, such as the
 * relay's kept history) holds live and `doc` holds the clocks of but nothing live at their key: what a member's
 * snapshot held deleted. Values as they are, each signed by its author, as writeAgain does. Returns how many.
 */
export const writeAgainFrom = (doc: Y.Doc, copy: Y.Doc): number => {
  const held = Y.decodeStateVector(Y.encodeStateVector(doc))
  const again: [string, unknown][] = []
  for (const [key, item] of liveEntries(copy)) {
    if (again.length >= MAX_REPAIR) break
    if (item.id.clock < (held.get(item.id.client) ?? 0) && valueOf(entryAt(doc, key)) === undefined) again.push([key, valueOf(item)])
  }
  if (!again.length) return 0
  const records = recordsOf(doc)
  doc.transact(() => { for (const [key, value] of again) records.set(key, value) }, REPAIR)
  return again.length
}
