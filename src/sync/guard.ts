import * as Y from 'yjs'

/** the most structs one update from a peer or the relay may carry (a room of 100,000 records is far below) */
export const MAX_STRUCTS = 1_000_000
export const MAX_UPDATE_BYTES = 64 * 1024 * 1024

/**
 * Says why an update from outside may not be applied, or null if it may. A room holds only plain values in its
 * `records` map: anything else (another root type, nested types, text, sub-documents) is not a signed record,
 * would never be checked by the model, and would be passed on to others; so it is refused whole.
 */
export const refuseUpdate = (update: Uint8Array): string | null => {
  if (update.length > MAX_UPDATE_BYTES) return 'too large'
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return 'not a Yjs update'
  }
  if (decoded.structs.length > MAX_STRUCTS) return 'too many structs'
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue
    if (!(s.content instanceof Y.ContentAny) && !(s.content instanceof Y.ContentDeleted)) return 'content that is not a plain value'
    // in an encoded update a parent is a root type's name, the id of a nested type, or left out when an origin gives it
    const parent = s.parent as unknown
    if (parent === null) {
      if (!s.origin && !s.rightOrigin) return 'an item with no place'
    } else if (parent !== 'records') return 'content outside the room’s records'
    else if (typeof s.parentSub !== 'string' || s.parentSub.length > 256) return 'an entry outside the records map'
  }
  return null
}
